"""Use cases over the store. Every call is one short transaction and commits: there is no
"Save" step to forget. The UI and the CLI call these and nothing below them."""
from __future__ import annotations

import copy
import datetime as _dt
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..domain.model import (Indicator, Limitation, Measure, MeasureStatus, Recipients, Report, Section,
                            Signer, UnitProfile)
from ..domain.period import DocDate, Period
from ..domain.richtext import RichText, clean_text
from ..errors import NotFound, ServiceError
from ..kinds import KindRegistry
from ..paths import AppPaths, shipped_kinds_dir
from ..store import repo
from ..store.catalog import ReportSummary, summary
from ..store.db import Database, open_database
from ..store.schema import (IndicatorRow, LimitationRow, MeasureRow, ReportRow, SectionRow, UnitRow)

log = logging.getLogger("tudanhgia.services")


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
        self.kinds = kinds
        self._text_cache: dict[int, tuple[_dt.datetime, str]] = {}  # search text per report version

    # --- plumbing ----------------------------------------------------------------------------
    @classmethod
    def open(cls, db_path: str | Path, paths: AppPaths | None = None, create: bool = True) -> "ReportService":
        db = open_database(db_path, create=create)
        user_kinds = paths.user_kinds_dir if paths else None
        return cls(db, KindRegistry.load(shipped_kinds_dir(), user_kinds))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self.db.sessions() as session:
            with session.begin():
                yield session

    def _report_row(self, session: Session, report_id: int) -> ReportRow:
        row = session.get(ReportRow, report_id)
        if row is None:
            raise NotFound(f"Không tìm thấy báo cáo số {report_id}.")
        return row

    # --- units -------------------------------------------------------------------------------
    def list_units(self) -> list[UnitProfile]:
        with self.db.sessions() as s:
            return [repo.unit_from_row(r) for r in s.scalars(select(UnitRow).order_by(UnitRow.name))]

    def get_unit(self, unit_id: int) -> UnitProfile:
        with self.db.sessions() as s:
            row = s.get(UnitRow, unit_id)
            if row is None:
                raise NotFound(f"Không tìm thấy đơn vị số {unit_id}.")
            return repo.unit_from_row(row)

    def find_unit(self, name: str) -> UnitProfile | None:
        with self.db.sessions() as s:
            row = s.scalar(select(UnitRow).where(func.lower(UnitRow.name) == name.strip().lower()))
            if row is None:  # SQLite lower() is ASCII-only: compare in Python as well
                row = next((u for u in s.scalars(select(UnitRow))
                            if u.name.casefold() == name.strip().casefold()), None)
            return repo.unit_from_row(row) if row else None

    def save_unit(self, unit: UnitProfile) -> UnitProfile:
        if not unit.name.strip():
            raise ServiceError("Tên đơn vị không được để trống.")
        unit = copy.deepcopy(unit)
        unit.name = _clean(unit.name.strip())
        with self._tx() as s:
            clash = s.scalar(select(UnitRow).where(UnitRow.name == unit.name))
            if clash is not None and clash.id != unit.id:
                raise ServiceError(f"Đã có đơn vị tên “{unit.name}”.")
            row = s.get(UnitRow, unit.id) if unit.id else None
            row = repo.unit_to_row(unit, row)
            s.add(row)
            s.flush()
            unit.id = row.id
            if repo.get_setting(s, "default_unit") == "":
                repo.set_setting(s, "default_unit", str(row.id))
        return unit

    def set_default_unit(self, unit_id: int) -> None:
        """The unit new reports are made for unless another is chosen."""
        with self._tx() as s:
            if s.get(UnitRow, unit_id) is None:
                raise NotFound(f"Không tìm thấy đơn vị số {unit_id}.")
            repo.set_setting(s, "default_unit", str(unit_id))

    def default_unit(self) -> UnitProfile | None:
        with self.db.sessions() as s:
            value = repo.get_setting(s, "default_unit")
            row = s.get(UnitRow, int(value)) if value.isdigit() else None
            return repo.unit_from_row(row) if row else None

    # --- listing ------------------------------------------------------------------------------
    def list_reports(self, unit_id: int | None = None, kind: str | None = None, period: str | None = None,
                     text: str | None = None, deleted: bool = False) -> list[ReportSummary]:
        """Reports filtered by unit, kind (id or family), period (code or year) and text."""
        q = select(ReportRow)
        q = q.where(ReportRow.deleted_at.is_not(None) if deleted else ReportRow.deleted_at.is_(None))
        if unit_id is not None:
            q = q.where(ReportRow.unit_id == unit_id)
        if kind:
            ids = [k.id for k in self.kinds.all() if kind in (k.id, k.family)] or [kind]
            q = q.where(ReportRow.kind_id.in_(ids))
        if period:
            p = period.strip()
            q = q.where(ReportRow.period_year == int(p)) if p.isdigit() else q.where(
                ReportRow.period == Period.parse(p).code)
        q = q.order_by(ReportRow.period_year.desc(), ReportRow.period.desc(), ReportRow.id)
        with self.db.sessions() as s:
            rows = list(s.scalars(q))
            out = [self._summary(r) for r in rows]
        if text:
            needle = " ".join(clean_text(text).split()).casefold()
            out = [r for r in out if needle in f"{r.title} {r.subject} {r.unit_name} {r.kind_name}".casefold()
                   or needle in self._fulltext(r.id)]
        return out

    def _fulltext(self, report_id: int) -> str:
        """Headings and bodies of one report, white space folded, for text search."""
        cached = self._text_cache.get(report_id)
        with self.db.sessions() as s:
            stamp = s.scalar(select(ReportRow.updated_at).where(ReportRow.id == report_id))
            if cached and cached[0] == stamp:
                return cached[1]
            rows = s.execute(select(SectionRow.heading, SectionRow.body_json)
                             .where(SectionRow.report_id == report_id)).all()
        text = " ".join(f"{h} {RichText.from_json(b).plain}" for h, b in rows)
        text = " ".join(text.split()).casefold()
        self._text_cache[report_id] = (stamp, text)
        return text

    @staticmethod
    def _summary(row: ReportRow) -> ReportSummary:
        return summary(row.id, row.kind_id, row.kind_name, row.kind_version, row.unit_id, row.unit_name, row.period,
                       row.doc_kind_name, row.subject, row.updated_at, row.deleted_at is not None)

    # --- whole reports -----------------------------------------------------------------------------
    def get_report(self, report_id: int) -> Report:
        with self.db.sessions() as s:
            report = repo.load_report(s, report_id)
        if report is None:
            raise NotFound(f"Không tìm thấy báo cáo số {report_id}.")
        return report

    def add_report(self, report: Report) -> Report:
        """Store a report built elsewhere (kinds, sample sources, importer)."""
        with self._tx() as s:
            repo.insert_report(s, report)
        return report

    def create_report(self, kind_id: str, period: Period | str, unit_id: int | None = None,
                      today: _dt.date | None = None) -> Report:
        """A new report with the kind's full outline, meta filled from the unit profile."""
        try:
            kind = self.kinds.resolve(kind_id)
        except KeyError:
            raise ServiceError(f"Không có loại báo cáo “{kind_id}”.") from None
        period = Period.parse(period) if isinstance(period, str) else period
        unit = self.get_unit(unit_id) if unit_id is not None else self.default_unit()
        report = kind.create_report(period, unit, today)
        return self.add_report(report)

    def copy_report(self, report_id: int, period: Period | str | None = None,
                    today: _dt.date | None = None) -> Report:
        """'New report from the previous period's': same outline and texts, to revise for `period`.
        Ratings, scores and the document's number and date are reset; the year in headings and
        the subject moves on to the new period. Limitations stay with the old report (they come
        back through the follow-up of the next review)."""
        old = self.get_report(report_id)
        new_period = Period.parse(period) if isinstance(period, str) else (period or old.period.next())
        report = copy.deepcopy(old)
        report.id, report.source_report_id = None, old.id
        report.created_at = report.updated_at = None
        report.period = new_period
        today = today or _dt.date.today()
        report.meta.number = ""
        report.meta.date = DocDate(today.year, today.month)
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
        with self._tx() as s:
            self._report_row(s, report_id).deleted_at = repo.now()

    def restore_report(self, report_id: int) -> None:
        with self._tx() as s:
            self._report_row(s, report_id).deleted_at = None

    def purge_report(self, report_id: int) -> None:
        """Delete for good (only from the trash)."""
        with self._tx() as s:
            row = self._report_row(s, report_id)
            if row.deleted_at is None:
                raise ServiceError("Chỉ xóa hẳn được báo cáo đã ở trong thùng rác.")
            # links from later reports stay valid (SET NULL); own rows go with the report
            s.execute(update(LimitationRow).where(LimitationRow.report_id == report_id)
                      .values(concerns_section_id=None))
            s.execute(update(MeasureRow).where(MeasureRow.report_id == report_id).values(section_id=None))
            s.execute(delete(MeasureRow).where(MeasureRow.report_id == report_id))
            s.execute(delete(LimitationRow).where(LimitationRow.report_id == report_id))
            s.execute(delete(SectionRow).where(SectionRow.report_id == report_id))
            s.delete(row)

    # --- report fields --------------------------------------------------------------------------
    def update_report(self, report: Report) -> None:
        """Write the document meta, signer, recipients and settings of `report`."""
        report.meta.subject = _clean(report.meta.subject)
        with self._tx() as s:
            self._report_row(s, report.id)
            repo.update_report_row(s, report)

    def update_meta(self, report_id: int, **fields: Any) -> Report:
        report = self.get_report(report_id)
        for k, v in fields.items():
            if not hasattr(report.meta, k):
                raise ServiceError(f"Trường “{k}” không có trong thông tin văn bản.")
            setattr(report.meta, k, _clean(v))
        self.update_report(report)
        return report

    def set_signer(self, report_id: int, signer: Signer) -> None:
        report = self.get_report(report_id)
        report.signer = Signer(signer.authority, _clean(signer.authority_position), _clean(signer.position),
                               _clean(signer.name))
        self.update_report(report)

    def set_recipients(self, report_id: int, recipients: Recipients) -> None:
        report = self.get_report(report_id)
        report.recipients = copy.deepcopy(recipients)
        self.update_report(report)

    # --- sections ----------------------------------------------------------------------------------
    def _section_row(self, s: Session, section_id: int) -> SectionRow:
        row = s.get(SectionRow, section_id)
        if row is None:
            raise NotFound(f"Không tìm thấy mục số {section_id}.")
        return row

    def update_section(self, section_id: int, *, heading: str | None = None, body: RichText | None = None,
                       rating: Any = ..., score: Any = ...) -> Section:
        """Change what the officer edits in one section; `rating=None` clears the rating."""
        with self._tx() as s:
            row = self._section_row(s, section_id)
            section = repo.section_from_row(row)
            if heading is not None:
                if section.fixed and heading.strip() != section.heading.strip():
                    raise ServiceError("Mục này do mẫu báo cáo quy định, không đổi tên được.")
                section.heading = _clean(heading)
            if body is not None:
                section.body = body
            if rating is not ...:
                if section.rating_scale is None:
                    if rating is not None:
                        raise ServiceError("Mục này không có phần tự đánh giá.")
                else:
                    section.rating = rating if rating is None or not isinstance(rating, str) \
                        else section.rating_scale.parse(rating)
                    if section.rating is not None and not isinstance(section.rating, section.rating_scale.levels):
                        raise ServiceError("Mức đánh giá không thuộc thang của mục này.")
            if score is not ...:
                if score is not None:
                    if not section.is_scored:
                        raise ServiceError("Mục này không chấm điểm.")
                    if not 0 <= float(score) <= (section.max_score or 0):
                        raise ServiceError(f"Điểm phải từ 0 đến {section.max_score:g}.")
                    score = float(score)
                section.score = score
            repo.fill_section_row(row, section)
            repo.touch(s, row.report_id)
        return section

    def add_section(self, report_id: int, parent_id: int | None, index: int | None = None,
                    heading: str = "") -> Section:
        """A new (officer's own) section under `parent_id` at `index` (end by default)."""
        with self._tx() as s:
            self._report_row(s, report_id)
            if parent_id is not None and self._section_row(s, parent_id).report_id != report_id:
                raise ServiceError("Mục cha không thuộc báo cáo này.")
            siblings = self._siblings(s, report_id, parent_id)
            section = Section(heading=_clean(heading))
            row = SectionRow(report_id=report_id, parent_id=parent_id, position=len(siblings))
            repo.fill_section_row(row, section)
            s.add(row)
            s.flush()
            section.id = row.id
            self._place(s, siblings, row, index)
            repo.touch(s, report_id)
        return section

    def _siblings(self, s: Session, report_id: int, parent_id: int | None) -> list[SectionRow]:
        cond = SectionRow.parent_id.is_(None) if parent_id is None else SectionRow.parent_id == parent_id
        return list(s.scalars(select(SectionRow).where(SectionRow.report_id == report_id, cond)
                              .order_by(SectionRow.position, SectionRow.id)))

    @staticmethod
    def _renumber(s: Session, rows: list) -> None:
        for i, r in enumerate(rows):
            r.position = i

    def _place(self, s: Session, siblings: list, row, index: int | None) -> None:
        """Put `row` among `siblings` (which may contain it) at `index` (end if None), renumbered."""
        rows = [r for r in siblings if r is not row]
        rows.insert(len(rows) if index is None else max(0, min(index, len(rows))), row)
        self._renumber(s, rows)

    def move_section(self, section_id: int, new_parent_id: int | None, index: int) -> None:
        """Move a section (with its subsections) under `new_parent_id` at `index`."""
        with self._tx() as s:
            row = self._section_row(s, section_id)
            report_id = row.report_id
            p = new_parent_id
            while p is not None:  # refuse to move a section into itself
                if p == section_id:
                    raise ServiceError("Không thể chuyển một mục vào trong chính nó.")
                prow = self._section_row(s, p)
                if prow.report_id != report_id:
                    raise ServiceError("Mục cha không thuộc báo cáo này.")
                p = prow.parent_id
            self._renumber(s, [r for r in self._siblings(s, report_id, row.parent_id) if r is not row])
            row.parent_id = new_parent_id
            self._place(s, self._siblings(s, report_id, new_parent_id), row, index)
            repo.touch(s, report_id)

    def delete_section(self, section_id: int) -> None:
        with self._tx() as s:
            row = self._section_row(s, section_id)
            if row.fixed:
                raise ServiceError("Mục này do mẫu báo cáo quy định, không xóa được.")
            # subsections that the kind fixes cannot go either
            stack, ids = [row.id], []
            while stack:
                sid = stack.pop()
                ids.append(sid)
                for kid in s.scalars(select(SectionRow).where(SectionRow.parent_id == sid)):
                    if kid.fixed:
                        raise ServiceError("Mục này chứa mục con do mẫu báo cáo quy định, không xóa được.")
                    stack.append(kid.id)
            report_id, parent_id = row.report_id, row.parent_id
            s.execute(update(LimitationRow).where(LimitationRow.concerns_section_id.in_(ids))
                      .values(concerns_section_id=None))
            s.execute(update(MeasureRow).where(MeasureRow.section_id.in_(ids)).values(section_id=None))
            s.delete(row)
            s.flush()
            self._renumber(s, self._siblings(s, report_id, parent_id))
            repo.touch(s, report_id)

    # --- snapshots for undo: what a delete removes, restorable under the same ids ---------------------
    def section_snapshot(self, section_id: int) -> "SectionSnapshot":
        with self.db.sessions() as s:
            row = self._section_row(s, section_id)
            report = repo.load_report(s, row.report_id)
        section = report.find(section_id)
        siblings = report.siblings_of(section)
        parent = report.parent_of(section)
        ids = {x.id for x in section.walk()}
        concerned = {lim.id: lim.concerns.id for lim in report.limitations
                     if lim.concerns is not None and lim.concerns.id in ids}
        listed = {m.id: m.section.id for m in report.all_measures() if m.section is not None and m.section.id in ids}
        return SectionSnapshot(report.id, parent.id if parent else None, siblings.index(section),
                               copy.deepcopy(section), concerned, listed)

    def restore_section(self, snap: "SectionSnapshot") -> None:
        """Put a deleted section (and its subsections) back where it was, with the same ids."""
        with self._tx() as s:
            section = copy.deepcopy(snap.section)
            siblings = self._siblings(s, snap.report_id, snap.parent_id)
            repo.insert_sections(s, snap.report_id, [section], snap.parent_id, len(siblings), keep_ids=True)
            self._place(s, siblings, s.get(SectionRow, section.id), snap.index)
            for lim_id, section_id in snap.limitation_sections.items():
                lim = s.get(LimitationRow, lim_id)
                if lim is not None and lim.concerns_section_id is None:
                    lim.concerns_section_id = section_id
            for m_id, section_id in snap.measure_sections.items():
                m = s.get(MeasureRow, m_id)
                if m is not None and m.section_id is None:
                    m.section_id = section_id
            repo.touch(s, snap.report_id)

    def limitation_snapshot(self, limitation_id: int) -> tuple[int, Limitation, int]:
        """(report id, the limitation with its measures, its index) before a delete."""
        with self.db.sessions() as s:
            row = s.get(LimitationRow, limitation_id)
            if row is None:
                raise NotFound("Không tìm thấy hạn chế, khuyết điểm này.")
            report = repo.load_report(s, row.report_id)
        lim = next(x for x in report.limitations if x.id == limitation_id)
        return report.id, copy.deepcopy(lim), report.limitations.index(lim)

    def restore_limitation(self, report_id: int, limitation: Limitation, index: int) -> None:
        with self._tx() as s:
            lim = copy.deepcopy(limitation)
            rows = self._limitation_rows(s, report_id)
            repo.insert_limitation(s, report_id, lim, len(rows), keep_ids=True)
            self._place(s, rows, s.get(LimitationRow, lim.id), index)
            repo.touch(s, report_id)

    def measure_snapshot(self, measure_id: int) -> tuple[int, Measure, int | None, int]:
        """(report id, the measure, its limitation id or None, its index) before a delete."""
        with self.db.sessions() as s:
            row = s.get(MeasureRow, measure_id)
            if row is None:
                raise NotFound("Không tìm thấy biện pháp này.")
            report = repo.load_report(s, row.report_id)
            siblings = self._measure_siblings(s, row.report_id, row.limitation_id)
            index = [r.id for r in siblings].index(measure_id)
            lim_id = row.limitation_id
        measure = next(m for m in report.all_measures() if m.id == measure_id)
        return report.id, copy.deepcopy(measure), lim_id, index

    def restore_measure(self, report_id: int, measure: Measure, limitation_id: int | None, index: int) -> None:
        with self._tx() as s:
            m = copy.deepcopy(measure)
            rows = self._measure_siblings(s, report_id, limitation_id)
            repo.insert_measure(s, report_id, m, len(rows), limitation_id, keep_ids=True)
            self._place(s, rows, s.get(MeasureRow, m.id), index)
            repo.touch(s, report_id)

    # --- limitations and measures --------------------------------------------------------------------
    def add_limitation(self, report_id: int, limitation: Limitation, index: int | None = None) -> Limitation:
        with self._tx() as s:
            report = self._report_row(s, report_id)
            if limitation.origin is None:
                limitation.origin = Period.parse(report.period)
            rows = self._limitation_rows(s, report_id)
            repo.insert_limitation(s, report_id, limitation, len(rows))
            self._place(s, rows, s.get(LimitationRow, limitation.id), index)
            repo.touch(s, report_id)
        return limitation

    def update_limitation(self, limitation: Limitation) -> None:
        with self._tx() as s:
            row = s.get(LimitationRow, limitation.id)
            if row is None:
                raise NotFound("Không tìm thấy hạn chế, khuyết điểm này.")
            limitation.raised_by = _clean(limitation.raised_by)
            repo.fill_limitation_row(row, limitation)
            repo.touch(s, row.report_id)

    def delete_limitation(self, limitation_id: int) -> None:
        with self._tx() as s:
            row = s.get(LimitationRow, limitation_id)
            if row is None:
                raise NotFound("Không tìm thấy hạn chế, khuyết điểm này.")
            report_id = row.report_id
            s.delete(row)
            s.flush()
            self._renumber(s, self._limitation_rows(s, report_id))
            repo.touch(s, report_id)

    def move_limitation(self, limitation_id: int, index: int) -> None:
        with self._tx() as s:
            row = s.get(LimitationRow, limitation_id)
            if row is None:
                raise NotFound("Không tìm thấy hạn chế, khuyết điểm này.")
            self._place(s, self._limitation_rows(s, row.report_id), row, index)
            repo.touch(s, row.report_id)

    def _limitation_rows(self, s: Session, report_id: int) -> list[LimitationRow]:
        return list(s.scalars(select(LimitationRow).where(LimitationRow.report_id == report_id)
                              .order_by(LimitationRow.position)))

    def _measure_siblings(self, s: Session, report_id: int, limitation_id: int | None) -> list[MeasureRow]:
        cond = MeasureRow.limitation_id.is_(None) if limitation_id is None else MeasureRow.limitation_id == limitation_id
        return list(s.scalars(select(MeasureRow).where(MeasureRow.report_id == report_id, cond)
                              .order_by(MeasureRow.position)))

    def add_measure(self, report_id: int, measure: Measure, limitation_id: int | None = None,
                    index: int | None = None) -> Measure:
        """A measure of a limitation, or (limitation_id None) a general one listed in measure.section."""
        with self._tx() as s:
            self._report_row(s, report_id)
            if limitation_id is not None:
                lim = s.get(LimitationRow, limitation_id)
                if lim is None or lim.report_id != report_id:
                    raise ServiceError("Hạn chế, khuyết điểm không thuộc báo cáo này.")
            rows = self._measure_siblings(s, report_id, limitation_id)
            repo.insert_measure(s, report_id, measure, len(rows), limitation_id)
            self._place(s, rows, s.get(MeasureRow, measure.id), index)
            repo.touch(s, report_id)
        return measure

    def update_measure(self, measure: Measure) -> None:
        with self._tx() as s:
            row = s.get(MeasureRow, measure.id)
            if row is None:
                raise NotFound("Không tìm thấy biện pháp này.")
            for f in ("directed_by", "lead_unit", "cooperating", "timeframe", "result"):
                setattr(measure, f, _clean(getattr(measure, f)))
            repo.fill_measure_row(row, measure)
            repo.touch(s, row.report_id)

    def set_measure_status(self, measure_id: int, status: MeasureStatus, result: str | None = None) -> None:
        with self._tx() as s:
            row = s.get(MeasureRow, measure_id)
            if row is None:
                raise NotFound("Không tìm thấy biện pháp này.")
            row.status = status.value
            if result is not None:
                row.result = _clean(result)
            repo.touch(s, row.report_id)

    def delete_measure(self, measure_id: int) -> None:
        with self._tx() as s:
            row = s.get(MeasureRow, measure_id)
            if row is None:
                raise NotFound("Không tìm thấy biện pháp này.")
            report_id, lim_id = row.report_id, row.limitation_id
            s.delete(row)
            s.flush()
            self._renumber(s, self._measure_siblings(s, report_id, lim_id))
            repo.touch(s, report_id)

    def move_measure(self, measure_id: int, index: int) -> None:
        with self._tx() as s:
            row = s.get(MeasureRow, measure_id)
            if row is None:
                raise NotFound("Không tìm thấy biện pháp này.")
            self._place(s, self._measure_siblings(s, row.report_id, row.limitation_id), row, index)
            repo.touch(s, row.report_id)

    # --- indicators -----------------------------------------------------------------------------------
    def set_indicators(self, report_id: int, indicators: list[Indicator]) -> None:
        with self._tx() as s:
            self._report_row(s, report_id)
            s.execute(delete(IndicatorRow).where(IndicatorRow.report_id == report_id))
            for i, ind in enumerate(indicators):
                row = IndicatorRow(report_id=report_id, position=i)
                ind.name, ind.unit = _clean(ind.name), _clean(ind.unit)
                repo.fill_indicator_row(row, ind)
                s.add(row)
                s.flush()
                ind.id = row.id
            repo.touch(s, report_id)


def _year_shifter(old: int, new: int):
    if old == new:
        return lambda text: text
    pattern = re.compile(rf"(?<!\d){old}(?!\d)")
    return lambda text: pattern.sub(str(new), text)
