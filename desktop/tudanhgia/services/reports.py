"""Use cases over the store. Every call is one short transaction and commits: there is no
"Save" step to forget. The UI and the CLI call these and nothing below them. The queries are the
store's (store/repository.py); here are the checks, the messages and the unit of work."""
from __future__ import annotations

import copy
import datetime as _dt
import logging
import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..domain.citations import blank_old_directive
from ..domain.model import (AppendixTable, Indicator, Limitation, Measure, MeasureStatus, Report, Section,
                            UnitProfile, stored_id)
from ..domain.numbers import number_text
from ..domain.period import DocDate, Period
from ..domain.richtext import RichText, clean_text
from ..domain.text import clean_fields
from ..errors import ConcurrentChange, NotFound, ServiceError, StorageError
from ..kinds import KindRegistry
from ..paths import AppPaths, shipped_kinds_dir
from ..store.catalog import CatalogReader, ReportSummary
from ..store.db import Database, open_database
from ..store.search import Refresh
from ..store.repository import ItemHead, ReportHead, ReportRepository, SectionHead, UnitOfWork
from ..domain.changes import ChangeLog, Changes

log = logging.getLogger("tudanhgia.services")
_T = TypeVar("_T")


@dataclass
class SectionSnapshot:
    """A section subtree as it was before a delete, and the links that pointed into it."""
    report_id: int
    parent_id: int | None
    index: int
    section: Section
    limitation_sections: dict[int, int]  # limitation id → the section (in the subtree) it concerned
    measure_sections: dict[int, int]     # general measure id → the section (in the subtree) listing it


def _clean(value: Any) -> Any:
    """Strip what the store cannot keep (lone surrogates) and NFC-normalise typed strings."""
    return clean_text(value) if isinstance(value, str) else value


class ReportService:
    def __init__(self, db: Database, kinds: KindRegistry):
        self.db = db
        self.repo = ReportRepository(db)
        self.kinds = kinds
        self._catalog: CatalogReader | None = None  # the report list and its search, opened when first asked
        self._changes = ChangeLog()
        self._reindexers: weakref.WeakSet[Refresh] = weakref.WeakSet()   # search_reindexer's, for close
        self.closed = False
        self._known_versions: dict[int, int] = {}  # report id → its version as this service last saw it
        # (table, id) → (first, last): the row's versions from `first` to `last` all came from this
        # service's writes, one after the other (nobody else wrote it in between)
        self._own_writes: dict[tuple[str, int], tuple[int, int]] = {}
        self.repo.on_written = self._on_written
        from .versions import refuse_issued
        self.repo.before_commit = refuse_issued   # an issued report refuses every change (issue 17)

    # --- what changed ------------------------------------------------------------------------------
    def take_changes(self) -> Changes:
        """What the calls since the last `take_changes()` changed (every mutating call notes it)."""
        return self._changes.take()

    def changed_elsewhere(self, report_id: int, seen: bool = True) -> bool:
        """Whether another program (the command line, another window, another service on the same
        file) wrote the report since this service last looked or wrote; the first call for a
        report only starts watching it. One indexed read: cheap enough for a timer. `seen=False`:
        only look (the window cannot show the change yet); the next look tells it again."""
        with self.repo.reading() as r:
            stored = r.report_version(report_id)
        known = self._known_versions.get(report_id)
        if stored is None:  # purged elsewhere: nothing to reload (the next edit says it is gone)
            return False
        if seen or known is None:
            self._known_versions[report_id] = stored
        return known is not None and stored != known

    def _wrote(self, key: tuple[str, int], read: int, written: int) -> None:
        first, last = self._own_writes.get(key, (read, read))
        self._own_writes[key] = (first if last == read else read, written)

    def _on_written(self, report_id: int, before: int, after: int) -> None:
        # our own write moves the known version on, unless someone else wrote before it
        if self._known_versions.get(report_id) == before:
            self._known_versions[report_id] = after

    def note_change(self, report_id: int | None, **what: Any) -> None:
        """Note what a use case kept in another module changed (see take_changes)."""
        self._note(report_id, **what)

    def _note(self, report_id: int | None, **what: Any) -> None:
        fields: dict[str, Any] = {k: frozenset(v) if isinstance(v, (set, list, tuple, frozenset)) else v
                                  for k, v in what.items()}
        self._changes.note(Changes(report_id, **fields))

    # --- plumbing ----------------------------------------------------------------------------
    @classmethod
    def open(cls, db_path: str | Path, paths: AppPaths | None = None, create: bool = True,
             busy_timeout_ms: int = 5000) -> ReportService:
        db = open_database(db_path, create=create, busy_timeout_ms=busy_timeout_ms,
                           backups=paths.backups_dir if paths else None)
        user_kinds = paths.user_kinds_dir if paths else None
        if paths is not None:   # the unit's own document standards of this data folder (render/standards.py)
            from ..render.standards import use_user_folder
            use_user_folder(paths.data_dir / "standards")
        service = cls(db, KindRegistry.load(shipped_kinds_dir(), user_kinds))
        service.reindex_search()   # long sections left stale by a process killed before it re-indexed them
        return service

    def close(self) -> None:
        for other in list(self._reindexers):   # a window's re-index under way: stopped, its connection back
            other.cancel()
            other.wait()
        self.reindex_search()   # this process's stale sections done before the file is let go
        self.closed = True
        if self._catalog is not None:
            self._catalog.close()
        self.db.close()

    # --- the search index's long sections -----------------------------------------------------
    def search_reindexer(self) -> Refresh:
        """A re-index of the sections whose search-index rows a write left behind (a long body is
        not re-indexed by the officer's typing write: store/search.py), for a worker thread:
        `run()` there, `cancel()` from any thread when typing goes on (what is not done stays for
        the next one)."""
        refresh = self.repo.search_refresh()
        self._reindexers.add(refresh)
        return refresh

    def reindex_search(self) -> int:
        """Re-index those sections now (at open, at close); a file that refuses the write (read-only,
        locked) keeps them for later: logged, never raised. How many were re-indexed."""
        try:
            return self.search_reindexer().run()
        except StorageError:
            log.warning("search index not refreshed", exc_info=True)
            return 0

    # what a call needs to exist, or the officer's "not found" message
    @staticmethod
    def _found(head: _T | None, message: str) -> _T:
        if head is None:
            raise NotFound(message)
        return head

    def _unit(self, uow: UnitOfWork, unit_id: int) -> UnitProfile:
        return self._found(uow.unit(unit_id), f"Không tìm thấy đơn vị số {unit_id}.")

    # an object never saved has no id: it is not found either
    def _report(self, uow: UnitOfWork, report_id: int | None) -> ReportHead:
        return self._found(uow.report_head(report_id) if report_id is not None else None,
                           f"Không tìm thấy báo cáo số {report_id}.")

    def _section(self, uow: UnitOfWork, section_id: int | None) -> SectionHead:
        return self._found(uow.section_head(section_id) if section_id is not None else None,
                           f"Không tìm thấy mục số {section_id}.")

    def _limitation(self, uow: UnitOfWork, limitation_id: int | None) -> ItemHead:
        return self._found(uow.limitation_head(limitation_id) if limitation_id is not None else None,
                           "Không tìm thấy hạn chế, khuyết điểm này.")

    def _measure(self, uow: UnitOfWork, measure_id: int | None) -> ItemHead:
        return self._found(uow.measure_head(measure_id) if measure_id is not None else None,
                           "Không tìm thấy biện pháp này.")

    # --- units -------------------------------------------------------------------------------
    def list_units(self) -> list[UnitProfile]:
        with self.repo.reading() as r:
            return r.units()

    def get_unit(self, unit_id: int) -> UnitProfile:
        with self.repo.reading() as r:
            return self._unit(r, unit_id)

    def find_unit(self, name: str) -> UnitProfile | None:
        with self.repo.reading() as r:
            return r.find_unit(name)

    def save_unit(self, unit: UnitProfile) -> UnitProfile:
        if not unit.name.strip():
            raise ServiceError("Tên đơn vị không được để trống.")
        unit = clean_fields(copy.deepcopy(unit))
        unit.name = unit.name.strip()
        with self.repo.transaction() as tx:
            clash = tx.unit_id_named(unit.name)
            if clash is not None and clash != unit.id:
                raise ServiceError(f"Đã có đơn vị tên “{unit.name}”.")
            unit.id = tx.save_unit(unit)
            if tx.setting("default_unit") == "":
                tx.set_setting("default_unit", str(unit.id))
        return unit

    def set_default_unit(self, unit_id: int) -> None:
        """The unit new reports are made for unless another is chosen."""
        with self.repo.transaction() as tx:
            self._unit(tx, unit_id)
            tx.set_setting("default_unit", str(unit_id))

    def default_unit(self) -> UnitProfile | None:
        with self.repo.reading() as r:
            value = r.setting("default_unit")
            return r.unit(int(value)) if value.isdecimal() else None

    # --- listing ------------------------------------------------------------------------------
    def list_reports(self, unit_id: int | None = None, kind: str | None = None, period: str | None = None,
                     text: str | None = None, deleted: bool = False) -> list[ReportSummary]:
        """Reports filtered by unit, kind (id or family), period (code or year) and text
        (store/catalog.py, CatalogReader: the text search's rules are there)."""
        kind_ids = None
        if kind:
            kind_ids = {k.id for k in self.kinds.all() if kind in (k.id, k.family)} or {kind}
        if self._catalog is None:
            self._catalog = CatalogReader(self.db.path)
        return self._catalog.list(unit_id, kind_ids, period, text, deleted)

    # --- whole reports -----------------------------------------------------------------------------
    def get_report(self, report_id: int) -> Report:
        with self.repo.reading() as r:
            report = r.load_report(report_id)
        if report is None:
            raise NotFound(f"Không tìm thấy báo cáo số {report_id}.")
        return report

    def add_report(self, report: Report) -> Report:
        """Store a report built elsewhere (kinds, sample sources, importer)."""
        clean_fields(report)
        if report.issued_standard is not None:   # a copy of an issued report is not issued: its standard as before
            report.document_standard, report.issued_standard = report.issued_standard.get("own", ""), None
        with self.repo.transaction() as tx:
            tx.insert_report(report)
        self._note(report.id, report_list=True)
        return report

    def create_report(self, kind_id: str, period: Period | str, unit_id: int | None = None,
                      today: _dt.date | None = None) -> Report:
        """A new report with the kind's full outline, meta filled from the unit profile."""
        try:
            kind = self.kinds.resolve(kind_id)
        except KeyError:
            raise ServiceError(f"Không có loại báo cáo “{kind_id}”.") from None
        period = Period.parse(period) if isinstance(period, str) else period
        self._check_period(kind_id, period)
        unit = self.get_unit(unit_id) if unit_id is not None else self.default_unit()
        report = kind.create_report(period, unit, today)
        from .standards import generated_in_placement, unit_standard   # hòa or hoà, as the unit's standard writes
        report = self.add_report(generated_in_placement(report, unit_standard(unit).tone_marks))
        if kind.count_from:   # a unit's summary: its numbers counted from the unit's forms of the period
            from .tasks import tally_forms
            tally_forms(self, stored_id(report))
            return self.get_report(stored_id(report))
        return report

    def copy_report(self, report_id: int, period: Period | str | None = None,
                    today: _dt.date | None = None) -> Report:
        """'New report from the previous period's': same outline and texts, to revise for `period`.
        Ratings, scores and the document's number and date are reset; the year in headings and
        the subject moves on to the new period. Limitations stay with the old report (they come
        back through the follow-up of the next review)."""
        old = self.get_report(report_id)
        new_period = Period.parse(period) if isinstance(period, str) else (period or old.period.next())
        self._check_period(old.kind_id, new_period)
        report = copy.deepcopy(old)
        report.id, report.source_report_id = None, old.id
        report.created_at = report.updated_at = None
        report.period = new_period
        today = today or _dt.date.today()
        report.meta.number = ""
        report.meta.date = DocDate(today.year, today.month)
        # the directive that asked for the old report is not this period's: its number and date
        # become blanks to fill, which the check asks for (a kind's own standing citations stay)
        report.meta.preamble = blank_old_directive(report.meta.preamble, old.period, self.kinds.opening(old.kind_id))
        # the subject, opening and closing name the new period as a corrected period does ("quý I/2026"
        # → "quý II/2026"), before the year moves on elsewhere (else "quý IV/2027" would name neither)
        from .frame import name_the_period, renamed_period
        report.meta.subject = renamed_period(report.meta.subject, old.period, new_period)
        name_the_period(report, old.period, new_period)
        shift = _year_shifter(old.period.year, new_period.year)
        report.meta.subject = shift(report.meta.subject)
        for s in report.walk():
            s.id = None
            s.heading = shift(s.heading)
            s.rating = None
            s.score = None
        report.limitations, report.measures = [], []
        for ind in report.indicators:
            ind.id, ind.value, ind.denominator = None, None, None
        # a kept appendix table: its rows stay for the officer to update (the check asks while they are
        # unchanged); its "(Kèm theo …)" line named the old report's number and date: the new one's is printed
        report.appendix_attached = ""
        report.appendix_copied = copy.deepcopy(report.appendix_table)
        return self.add_report(report)

    def duplicate_report(self, report_id: int) -> Report:
        """An exact copy (same period), e.g. to try another wording."""
        old = self.get_report(report_id)
        report = copy.deepcopy(old)
        report.id, report.source_report_id, report.created_at = None, old.id, None
        for s in report.walk():
            s.id = None
        for lim in report.limitations:
            lim.id = None
            for m in lim.measures:
                m.id = None
        for m in report.measures:
            m.id = None
        for ind in report.indicators:
            ind.id = None
        return self.add_report(report)

    def delete_report(self, report_id: int) -> None:
        """Move to the trash (recoverable with restore_report)."""
        with self.repo.transaction() as tx:
            self._report(tx, report_id)
            tx.set_trashed(report_id, True)
        self._note(report_id, report_list=True)

    def restore_report(self, report_id: int) -> None:
        with self.repo.transaction() as tx:
            self._report(tx, report_id)
            tx.set_trashed(report_id, False)
        self._note(report_id, report_list=True)

    def purge_report(self, report_id: int) -> None:
        """Delete for good (only from the trash)."""
        with self.repo.transaction() as tx:
            if not self._report(tx, report_id).deleted:
                raise ServiceError("Chỉ xóa hẳn được báo cáo đã ở trong thùng rác.")
            tx.purge_report(report_id)
        self._note(report_id, report_list=True)

    def _check_period(self, kind_id: str, period: Period) -> None:
        """Refused (ServiceError, in Vietnamese) when the kind does not take the period: an annual
        review for a month, a quarterly form for a year. A kind no longer installed takes any."""
        try:
            kind = self.kinds.resolve(kind_id)
        except KeyError:
            return
        if not kind.takes(period):
            raise ServiceError(f"{kind.period_mismatch(period)} Hãy chọn kỳ theo {kind.periods_words}.")

    def _check_changed_period(self, before: tuple[str, Period] | None, report: Report) -> None:
        """A report's kind or period changed from `before`: the new pair must fit (one stored before
        kinds said which periods they take is left alone while neither changes)."""
        if before is not None and before != (report.kind_id, report.period):
            self._check_period(report.kind_id, report.period)

    # --- report fields --------------------------------------------------------------------------
    def update_report(self, report: Report) -> None:
        """Write the document meta, signer, recipients and settings of `report` (the fields that
        differ from the stored ones: a change made meanwhile to another field stays)."""
        clean_fields(report)
        with self.repo.transaction() as tx:
            self._report(tx, report.id)
            stored = tx.report_fields(stored_id(report))
            self._check_changed_period((stored.kind_id, stored.period) if stored else None, report)
            tx.update_report(report)
        self._note(report.id, meta=True, report_list=True)

    def atomic(self):
        """A context in which the use cases called make one transaction: all their writes are
        committed together when it ends, or none (a refused write, another program's change) —
        for an action of several writes that must never be half done (a normalisation over many
        sections, the tasks and the score they give). Reads inside see the database as before it."""
        return self.repo.transaction()

    def edit_report(self, report_id: int | None, edit: Callable[[Report], object]) -> Report:
        """Read the report's own fields, let `edit` change some, write those — all in one
        transaction, so nothing another program writes in between is overwritten."""
        for attempt in (1, 2):
            try:
                with self.repo.transaction() as tx:
                    report = self._found(tx.report_fields(self._report(tx, report_id).id), "Không tìm thấy báo cáo.")
                    before = report.kind_id, report.period
                    edit(report)
                    self._check_changed_period(before, report)
                    clean_fields(report)
                    tx.update_report(report)
                break
            except ConcurrentChange:
                if attempt == 2:  # the row changed between this read and this write: once more, fresh
                    raise
        self._note(report.id, meta=True, report_list=True)
        return report

    def update_meta(self, report_id: int, **fields: Any) -> Report:
        """Change some of the document's fields (subject, preamble…), leaving every other one as stored."""
        def edit(report: Report) -> None:
            for k, v in fields.items():
                if not hasattr(report.meta, k):
                    raise ServiceError(f"Trường “{k}” không có trong thông tin văn bản.")
                setattr(report.meta, k, _clean(v))
        return self.edit_report(report_id, edit)

    # --- sections ----------------------------------------------------------------------------------
    def update_section(self, section_id: int, *, heading: str | None = None, body: RichText | None = None,
                       rating: Any = ..., score: Any = ..., before: Section | None = None) -> Section:
        """Change what the officer edits in one section; `rating=None` clears the rating. With
        `before` (the section as the officer saw it), refused with `ConcurrentChange` when another
        program changed one of the fields written here meanwhile; without, written as asked (the
        command line reads and writes in one go)."""
        with self.repo.transaction() as tx:
            head = self._section(tx, section_id)
            stored = self._found(tx.section(section_id), f"Không tìm thấy mục số {section_id}.")
            section = copy.copy(stored)
            fields = []
            if heading is not None:
                if section.fixed and heading.strip() != section.heading.strip():
                    raise ServiceError("Mục này do mẫu báo cáo quy định, không đổi tên được.")
                section.heading = _clean(heading)
                fields.append("heading")
            if body is not None:
                section.body = body
                fields.append("body")
            if rating is not ...:
                if section.rating_scale is None:
                    if rating is not None:
                        raise ServiceError("Mục này không có phần tự đánh giá.")
                else:
                    section.rating = rating if rating is None or not isinstance(rating, str) \
                        else section.rating_scale.parse(rating)
                    if section.rating is not None and not isinstance(section.rating, section.rating_scale.levels):
                        raise ServiceError("Mức đánh giá không thuộc thang của mục này.")
                fields.append("rating")
            if score is not ...:
                if score is not None:
                    if not section.is_scored:
                        raise ServiceError("Mục này không chấm điểm.")
                    if not 0 <= float(score) <= (section.max_score or 0):
                        raise ServiceError(f"Điểm phải từ 0 đến {number_text(section.max_score)}.")
                    score = float(score)
                section.score = score
                fields.append("score")
            if before is not None:
                _fields_to_write(stored, section, before, fields, self._own_writes.get(("section", section_id)),
                                 _section_what(stored))
            self._wrote(("section", section_id), stored.version, tx.save_section(section))
            tx.touch(head.report_id)
        self._note(head.report_id, sections={section_id})
        return section

    def write_section_body(self, section_id: int, body: RichText, before: Section | None = None) -> int:
        """Write one section's body (typing), as update_section(body=…) does, in two UPDATEs; the
        section's version after."""
        return self.section_body_writer(section_id, body, before)()()

    def section_body_writer(self, section_id: int, body: RichText,
                            before: Section | None = None) -> Callable[[], Callable[[], int]]:
        """The write of a section's body in two halves, for a body too long to write while the
        officer types (1 MB: ~150 ms, most of it the search index re-reading the text): the function
        returned does the write — on a worker thread if the caller likes: its own connection,
        nothing of this service touched — and returns the function that completes it on this
        service's thread (the versions it moved, what it changed; the section's version after),
        raising what the write raised. With `before` (the section as the officer saw it: its
        version and body), refused with `ConcurrentChange` when another program wrote the body
        meanwhile (the stored text is then neither `before`'s nor this one)."""
        own = self._own_writes.get(("section", section_id))  # read here: the worker touches nothing of ours

        def work() -> Callable[[], int]:
            try:
                with self.repo.transaction(report_written=False) as tx:
                    # most saves: written at once while the row is still the version the officer read
                    data, result, read = body.to_json(), None, None
                    if before is not None:
                        result = tx.write_section_body(section_id, data, expected=before.version)
                        read = before.version
                    if result is None:
                        read = tx.section_version(section_id)
                        if before is not None and read is not None and read != before.version:
                            # written since the officer's read: only then is the stored text read and compared
                            stored = self._found(tx.section(section_id), f"Không tìm thấy mục số {section_id}.")
                            mine = copy.copy(before)
                            mine.body = body
                            _fields_to_write(stored, mine, before, ("body",), own, _section_what(stored))
                        result = tx.write_section_body(section_id, data)
                    written = dict(tx.written)
            except Exception as exc:  # raised where the write is completed (the caller's thread)
                error = exc

                def failed() -> int:
                    raise error
                return failed

            def finish() -> int:
                if result is None or read is None:
                    raise NotFound(f"Không tìm thấy mục số {section_id}.")
                report_id, version = result
                for rid, (was, after) in written.items():
                    self._on_written(rid, was, after)
                self._wrote(("section", section_id), read, version)
                self._note(report_id, sections={section_id})
                return version
            return finish
        return work

    def refresh_report(self, report: Report, changes: Changes) -> bool:
        """Bring the loaded `report` up to date, in place, with what `changes` says changed, reading
        only that (an outline edit reads the outline's ids and positions, the new sections and the
        links into sections; a section's edit that section): an edit of a 1,000-section report then
        costs what it changed, not a reload. False when that cannot be done (a change from
        elsewhere, another report): the caller reads the report afresh."""
        from ..domain.outline import arrange, take_fields
        if changes.everything or changes.report_id != report.id or report.id is None:
            return False
        with self.repo.reading() as r:
            if changes.outline:
                outline = r.outline(report.id)
                known = {s.id for s in report.walk()}
                fresh = r.sections([i for i, _, _ in outline if i not in known])
                # the links into sections added or brought back (an undone delete relinks them);
                # none to read after a delete or a move
                arrange(report, outline, fresh, r.links_into(report.id, fresh) if fresh else ({}, {}))
            by_id = {stored_id(s): s for s in report.walk()}
            if changes.sections:
                for section_id, section in r.sections(changes.sections).items():
                    if section_id in by_id:
                        take_fields(by_id[section_id], section, keep=("children",))
            if changes.limitations or changes.measures:
                report.limitations, report.measures = r.limitations_and_measures(report.id, by_id)
            if changes.meta:
                fields = r.report_fields(report.id)
                if fields is None:
                    return False
                take_fields(report, fields, keep=("sections", "limitations", "measures", "indicators"))
            if changes.indicators:
                report.indicators = r.indicators(report.id)
        return True

    def add_section(self, report_id: int, parent_id: int | None, index: int | None = None,
                    heading: str = "") -> Section:
        """A new (officer's own) section under `parent_id` at `index` (end by default)."""
        with self.repo.transaction() as tx:
            self._report(tx, report_id)
            if parent_id is not None and self._section(tx, parent_id).report_id != report_id:
                raise ServiceError("Mục cha không thuộc báo cáo này.")
            section = Section(heading=_clean(heading))
            tx.insert_section(report_id, parent_id, section, index)
            tx.touch(report_id)
        self._note(report_id, outline=True)
        return section

    def move_section(self, section_id: int, new_parent_id: int | None, index: int) -> None:
        """Move a section (with its subsections) under `new_parent_id` at `index`."""
        with self.repo.transaction() as tx:
            report_id = self._section(tx, section_id).report_id
            p = new_parent_id
            while p is not None:  # refuse to move a section into itself
                if p == section_id:
                    raise ServiceError("Không thể chuyển một mục vào trong chính nó.")
                parent = self._section(tx, p)
                if parent.report_id != report_id:
                    raise ServiceError("Mục cha không thuộc báo cáo này.")
                p = parent.parent_id
            tx.move_section(section_id, new_parent_id, index)
            tx.touch(report_id)
        self._note(report_id, outline=True)

    def delete_section(self, section_id: int) -> None:
        with self.repo.transaction() as tx:
            head = self._section(tx, section_id)
            if head.fixed:
                raise ServiceError("Mục này do mẫu báo cáo quy định, không xóa được.")
            # subsections that the kind fixes cannot go either
            if any(kid.fixed for kid in tx.descendants(section_id)):
                raise ServiceError("Mục này chứa mục con do mẫu báo cáo quy định, không xóa được.")
            tx.delete_section(section_id)
            tx.touch(head.report_id)
        self._note(head.report_id, outline=True)

    # --- snapshots for undo: what a delete removes, restorable under the same ids ---------------------
    def section_snapshot(self, section_id: int) -> SectionSnapshot:
        """The subtree and the links into it, read alone (not the whole report)."""
        with self.repo.reading() as r:
            head = self._section(r, section_id)
            section = self._found(r.section_tree(section_id), f"Không tìm thấy mục số {section_id}.")
            concerned, listed = r.links_into(head.report_id, [stored_id(x) for x in section.walk()])
            index = r.section_index(section_id)
        return SectionSnapshot(head.report_id, head.parent_id, index, section, concerned, listed)

    def restore_section(self, snap: SectionSnapshot) -> None:
        """Put a deleted section (and its subsections) back where it was, with the same ids."""
        with self.repo.transaction() as tx:
            section = copy.deepcopy(snap.section)
            tx.insert_section(snap.report_id, snap.parent_id, section, snap.index, keep_ids=True)
            tx.relink(snap.limitation_sections, snap.measure_sections)
            tx.touch(snap.report_id)
        self._note(snap.report_id, outline=True)

    def limitation_snapshot(self, limitation_id: int) -> tuple[int, Limitation, int]:
        """(report id, the limitation with its measures, its index) before a delete."""
        with self.repo.reading() as r:
            report = self._found(r.load_report(self._limitation(r, limitation_id).report_id),
                                 "Không tìm thấy báo cáo.")
        lim = next(x for x in report.limitations if x.id == limitation_id)
        return stored_id(report), copy.deepcopy(lim), report.limitations.index(lim)

    def restore_limitation(self, report_id: int, limitation: Limitation, index: int) -> None:
        with self.repo.transaction() as tx:
            tx.insert_limitation(report_id, copy.deepcopy(limitation), index, keep_ids=True)
            tx.touch(report_id)
        self._note(report_id, limitations={limitation.id})

    def measure_snapshot(self, measure_id: int) -> tuple[int, Measure, int | None, int]:
        """(report id, the measure, its limitation id or None, its index) before a delete."""
        with self.repo.reading() as r:
            head = self._measure(r, measure_id)
            report = self._found(r.load_report(head.report_id), "Không tìm thấy báo cáo.")
            index = r.measure_index(measure_id)
        measure = next(m for m in report.all_measures() if m.id == measure_id)
        return stored_id(report), copy.deepcopy(measure), head.limitation_id, index

    def restore_measure(self, report_id: int, measure: Measure, limitation_id: int | None, index: int) -> None:
        with self.repo.transaction() as tx:
            tx.insert_measure(report_id, copy.deepcopy(measure), limitation_id, index, keep_ids=True)
            tx.touch(report_id)
        self._note(report_id, measures={measure.id})

    # --- limitations and measures --------------------------------------------------------------------
    def add_limitation(self, report_id: int, limitation: Limitation, index: int | None = None) -> Limitation:
        clean_fields(limitation)
        with self.repo.transaction() as tx:
            report = self._report(tx, report_id)
            if limitation.origin is None:
                limitation.origin = Period.parse(report.period)
            tx.insert_limitation(report_id, limitation, index)
            tx.touch(report_id)
        self._note(report_id, limitations={limitation.id})
        return limitation

    def update_limitation(self, limitation: Limitation, before: Limitation | None = None) -> None:
        """Write the fields `limitation` changes from `before` (what the officer saw), only those;
        without `before`, all of them, provided the row is still the version that was read.
        `ConcurrentChange` when another program changed one of them meanwhile."""
        with self.repo.transaction() as tx:
            head = self._limitation(tx, limitation.id)
            clean_fields(limitation)
            stored = tx.stored_limitation(head.id)
            fields = _fields_to_write(stored, limitation, before, LIMITATION_FIELDS,
                                      self._own_writes.get(("limitation", head.id)), "Hạn chế, khuyết điểm này")
            if not fields:
                return
            self._wrote(("limitation", head.id), stored.version, tx.save_limitation(limitation, fields))
            tx.touch(head.report_id)
        self._note(head.report_id, limitations={limitation.id})

    def delete_limitation(self, limitation_id: int) -> None:
        with self.repo.transaction() as tx:
            head = self._limitation(tx, limitation_id)
            tx.delete_limitation(limitation_id)
            tx.touch(head.report_id)
        self._note(head.report_id, limitations={limitation_id})

    def move_limitation(self, limitation_id: int, index: int) -> None:
        with self.repo.transaction() as tx:
            head = self._limitation(tx, limitation_id)
            tx.move_limitation(limitation_id, index)
            tx.touch(head.report_id)
        self._note(head.report_id, limitations={limitation_id})

    def add_measure(self, report_id: int, measure: Measure, limitation_id: int | None = None,
                    index: int | None = None) -> Measure:
        """A measure of a limitation, or (limitation_id None) a general one listed in measure.section."""
        clean_fields(measure)
        with self.repo.transaction() as tx:
            self._report(tx, report_id)
            if limitation_id is not None:
                lim = tx.limitation_head(limitation_id)
                if lim is None or lim.report_id != report_id:
                    raise ServiceError("Hạn chế, khuyết điểm không thuộc báo cáo này.")
            tx.insert_measure(report_id, measure, limitation_id, index)
            tx.touch(report_id)
        self._note(report_id, measures={measure.id})
        return measure

    def update_measure(self, measure: Measure, before: Measure | None = None) -> None:
        """Write the fields `measure` changes from `before`, as update_limitation."""
        with self.repo.transaction() as tx:
            written = self.write_measures(tx, [(measure, before)])
        for report_id, ids in written.items():
            self._note(report_id, measures=ids)

    def write_measures(self, tx: UnitOfWork, changes: Iterable[tuple[Measure, Measure | None]]) -> dict[int, set[int]]:
        """Write each (measure, before)'s changed fields, as update_measure, in the caller's unit of
        work `tx` (the Excel import writes all its rows in one): the rows written together, each
        report touched once. Report id → its measures that changed."""
        pending: list[tuple[Measure, list[str], ItemHead, int]] = []
        for measure, before in changes:
            head = self._measure(tx, measure.id)
            clean_fields(measure)
            # with `before`, only the fields the edit changes are compared: the stored measure is
            # read for those alone (its texts parsed only when one of them is edited)
            compared = MEASURE_FIELDS if before is None else tuple(
                f for f in MEASURE_FIELDS if _value(measure, f) != _value(before, f))
            stored = tx.stored_measure(head.id, compared)
            fields = _fields_to_write(stored, measure, before, compared,
                                      self._own_writes.get(("measure", head.id)), f"Biện pháp BP-{head.id}")
            if fields:
                pending.append((measure, fields, head, stored.version))
        if not pending:
            return {}
        versions = tx.save_measures((measure, fields) for measure, fields, _, _ in pending)
        written: dict[int, set[int]] = {}
        for _, _, head, read in pending:
            self._wrote(("measure", head.id), read, versions[head.id])
            written.setdefault(head.report_id, set()).add(head.id)
        for report_id in written:
            tx.touch(report_id)
        return written

    def set_measure_status(self, measure_id: int, status: MeasureStatus, result: str | None = None) -> None:
        with self.repo.transaction() as tx:
            head = self._measure(tx, measure_id)
            tx.set_measure_status(measure_id, status, None if result is None else _clean(result))
            tx.touch(head.report_id)
        self._note(head.report_id, measures={measure_id})

    def delete_measure(self, measure_id: int) -> None:
        with self.repo.transaction() as tx:
            head = self._measure(tx, measure_id)
            tx.delete_measure(measure_id)
            tx.touch(head.report_id)
        self._note(head.report_id, measures={measure_id})

    def move_measure(self, measure_id: int, index: int) -> None:
        with self.repo.transaction() as tx:
            head = self._measure(tx, measure_id)
            tx.move_measure(measure_id, index)
            tx.touch(head.report_id)
        self._note(head.report_id, measures={measure_id})

    # --- indicators -----------------------------------------------------------------------------------
    def set_indicators(self, report_id: int, indicators: list[Indicator],
                       before: list[Indicator] | None = None) -> None:
        """Replace the statistics appendix; with `before` (what the officer saw), refused with
        `ConcurrentChange` when another program changed the stored rows meanwhile."""
        with self.repo.transaction() as tx:
            self._report(tx, report_id)
            for ind in indicators:
                ind.name, ind.unit = _clean(ind.name), _clean(ind.unit)
            if before is not None:
                stored = _indicator_values(tx.indicators(report_id))
                if stored not in (_indicator_values(before), _indicator_values(indicators)):
                    raise ConcurrentChange("Phụ lục số liệu")
            tx.replace_indicators(report_id, indicators)
            tx.touch(report_id)
        self._note(report_id, indicators=True)

    def set_appendix_table(self, report_id: int, table: AppendixTable | None,
                           before: object = ...) -> AppendixTable | None:
        """The kept appendix table of an imported report replaced (None drops it); returns the one
        stored before. With `before` (what the officer saw), refused with `ConcurrentChange` when
        another program changed it meanwhile (services/appendix.py)."""
        from .appendix import UNSEEN, set_appendix_table
        return set_appendix_table(self, report_id, table, UNSEEN if before is ... else before)

    # --- use cases kept in their own modules, called as methods ----------------------------------------
    # The UI and the CLI hold one service object and call methods on it; the longer use cases
    # live in modules (chain, next_period, frame, export, xlsx, board, importing) and the methods
    # below only delegate, so every call site reads `service.<use case>(…)`.
    def update_frame(self, report_id: int, fields: dict[str, Any]) -> None:
        """Write some of the document's frame fields (the meta form's), leaving the others."""
        from .frame import write_frame
        write_frame(self, report_id, fields)

    def plan_next_period(self, source_id: int):
        from .next_period import plan_next_period
        return plan_next_period(self, source_id)

    def new_from_previous(self, plan, carry_over: bool = False):
        """The next period's report (`plan` from `plan_next_period`)."""
        from .next_period import new_from_previous
        return new_from_previous(self, plan, carry_over)

    def plan_from_review(self, review_id: int, conclusion: str = "",
                         added_limitations: list[str] | None = None) -> Report:
        from .chain import plan_from_review
        return plan_from_review(self, review_id, conclusion, added_limitations)

    def export_docx(self, report_id: int, target: str | Path) -> Path:
        from .export import export_docx
        return export_docx(self, report_id, target)

    def export_drawn(self, report_id: int, target: str | Path, write, fmt: str) -> Path:
        from .export import export_drawn
        return export_drawn(self, report_id, target, write, fmt)

    def measures_board(self, unit_id: int | None = None, **filters):
        from .board import measures_board
        return measures_board(self, unit_id, **filters)

    def export_board(self, rows, path: str | Path, title: str, subtitle: str = "") -> Path:
        """The measures board's rows as the sheet the departments fill in."""
        from .board import sheet_rows
        from .xlsx import export_measures
        return export_measures(self, sheet_rows(rows), path, title, subtitle)

    def read_measure_updates(self, path: str | Path, report_id: int | None = None):
        from .xlsx import read_measure_updates
        return read_measure_updates(self, path, report_id)

    def compare_measure_sheet(self, sheet, report_id: int | None = None):
        """A measures sheet read elsewhere (xlsx.read_measure_sheet, pure: a worker thread may run
        it) compared with the database, on the service's own thread."""
        from .xlsx import compare_measure_sheet
        return compare_measure_sheet(self, sheet, report_id)

    def apply_measure_updates(self, preview) -> int:
        from .xlsx import apply_measure_updates
        return apply_measure_updates(self, preview)

    def export_indicators(self, report_id: int, path: str | Path) -> Path:
        from .xlsx import export_indicators
        return export_indicators(self, report_id, path)

    def import_indicators(self, report_id: int, path: str | Path):
        from .xlsx import import_indicators
        return import_indicators(self, report_id, path)

    # versions, differences, restoring, the issued state (services/versions.py)
    def print_drawn(self, report_id: int, draw: Callable[[Report], int], printer: str) -> int:
        """Print through `draw` (the window's Qt printing); recorded and kept as a version."""
        from .versions import print_drawn
        return print_drawn(self, report_id, draw, printer)

    def save_version(self, report_id: int, name: str):
        from .versions import save_version
        return save_version(self, report_id, name)

    def list_versions(self, report_id: int):
        from .versions import list_versions
        return list_versions(self, report_id)

    def version_report(self, report_id: int, number: int | None) -> Report:
        from .versions import version_report
        return version_report(self, report_id, number)

    def compare_versions(self, report_id: int, old: int | None, new: int | None):
        from .versions import compare_versions
        return compare_versions(self, report_id, old, new)

    def diff_docx(self, report_id: int, old: int | None, new: int | None, target: str | Path) -> Path:
        from .versions import diff_docx
        return diff_docx(self, report_id, old, new, target)

    def restore_version(self, report_id: int, number: int, section_id: int | None = None):
        from .versions import restore_version
        return restore_version(self, report_id, number, section_id)

    def restore_state(self, report: Report, section_id: int | None = None) -> None:
        from .versions import restore_state
        restore_state(self, report, section_id)

    def issued_state(self, report_id: int):
        from .versions import issued_state
        return issued_state(self, report_id)

    def issued_reports(self):
        from .versions import issued_reports
        return issued_reports(self)

    def issue_history(self, report_id: int):
        from .versions import issue_history
        return issue_history(self, report_id)

    def issue_report(self, report_id: int, docx_target: str | Path):
        from .versions import issue_report
        return issue_report(self, report_id, docx_target)

    def unlock_report(self, report_id: int, reason: str):
        from .versions import unlock_report
        return unlock_report(self, report_id, reason)

    def check_issued_docx(self, report_id: int, path: str | Path):
        from .versions import check_issued_docx
        return check_issued_docx(self, report_id, path)


def _year_shifter(old: int, new: int):
    if old == new:
        return lambda text: text
    pattern = re.compile(rf"(?<!\d){old}(?!\d)")
    return lambda text: pattern.sub(str(new), text)


# --- writing only what changed --------------------------------------------------------------------
LIMITATION_FIELDS = ("text", "cause_subjective", "cause_objective", "concerns", "origin", "raised_by", "source_id")
MEASURE_FIELDS = ("content", "measure", "directed_by", "lead_unit", "cooperating", "timeframe", "due", "status",
                  "result", "section", "source_id")


def _value(obj: object, field: str) -> Any:
    value = getattr(obj, field)
    return value.id if isinstance(value, Section) else value  # a linked section is its id


def _fields_to_write(stored: _T, new: _T, before: _T | None, fields: Iterable[str],
                     own: tuple[int, int] | None, what: str) -> list[str]:
    """The fields to write so that nothing another program wrote is lost. With `before` (the object
    as the officer saw it): the fields `new` changes from it; refused when another program has
    meanwhile changed one of those to something else. Without: every field that differs from the
    stored row, provided the row is still the version `new` was read at. When every write since
    the version the caller read came from this service (`own`), nothing is refused: an undo of
    several merged edits carries the first one's `before`."""
    version = getattr(stored, "version", 0)

    def nobody_else_since(read: int) -> bool:
        return read == version or (own is not None and own[0] <= read and own[1] == version)

    if before is None:
        read = getattr(new, "version", 0)
        if read and not nobody_else_since(read):
            raise ConcurrentChange(what)
        return [f for f in fields if _value(new, f) != _value(stored, f)]
    changed = [f for f in fields if _value(new, f) != _value(before, f)]
    if not nobody_else_since(getattr(before, "version", 0)) and any(
            _value(stored, f) not in (_value(before, f), _value(new, f)) for f in changed):
        raise ConcurrentChange(what)
    return [f for f in changed if _value(stored, f) != _value(new, f)]


def _section_what(section: Section) -> str:
    """A section as a clash's message names it."""
    return f"Mục “{section.heading.strip() or 'chưa có tên'}”"


def _indicator_values(indicators: list[Indicator]) -> list[tuple]:
    return [(_clean(i.name), _clean(i.unit), i.value, i.denominator) for i in indicators]
