"""Every query the use cases make. Services open a unit of work on a `ReportRepository`
(`transaction()` commits, `reading()` does not) and speak to it in ids and domain objects: no
Session, statement or mapped row leaves this module. Validation and the Vietnamese messages stay
in the services; a missing row here is `None`."""
from __future__ import annotations

import copy
import datetime as _dt
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import DateTime, bindparam, delete, event, func, select, text, update
from sqlalchemy.orm import Session, load_only
from sqlalchemy.orm.exc import StaleDataError

from ..domain.model import Indicator, Limitation, Measure, MeasureStatus, Report, Section, UnitProfile
from ..domain.model import stored_id as stored_report_id
from ..domain.richtext import RichText
from ..errors import ConcurrentChange
from . import rows, search
from .catalog import ReportSummary, summary
from .db import Database
from .failures import storage_errors
from .versions import VersionStore, restore_content
from .schema import (DictionaryWordRow, ExportRow, IndicatorRow, LimitationRow, MeasureRow, RecipientRow, ReportRow,
                     SectionRow, SettingRow, UnitRow)

_Row = TypeVar("_Row")
_Item = TypeVar("_Item", Limitation, Measure)
log = logging.getLogger("tudanhgia.store")


@dataclass(frozen=True)
class ReportHead:
    """What a use case checks about a report before touching it."""
    id: int
    period: str          # the period's code
    deleted: bool        # in the trash


@dataclass(frozen=True)
class SectionHead:
    id: int
    report_id: int
    parent_id: int | None
    fixed: bool


@dataclass(frozen=True)
class ItemHead:
    """A limitation or a measure: whose it is (and a measure's limitation, None for a general one)."""
    id: int
    report_id: int
    limitation_id: int | None = None


@dataclass(frozen=True)
class ExportRecord:
    format: str
    path: str
    sha256: str
    exported_at: _dt.datetime
    user: str


class ReportRepository:
    def __init__(self, db: Database):
        self.db = db
        # called after each commit with (report id, its version before, after) for every report
        # row the unit of work wrote: how a service tells its own writes from another program's
        self.on_written: Callable[[int, int, int], None] | None = None
        # called with the unit of work before it commits (raising rolls it back): the services'
        # refusal to change an issued report (services/versions.py)
        self.before_commit: Callable[[UnitOfWork], None] | None = None
        self._open = threading.local()   # the unit of work this thread has open (see transaction)

    @contextmanager
    def transaction(self, report_written: bool = True) -> Iterator[UnitOfWork]:
        """One unit of work that commits on leaving (rolls back on an exception). A write the
        database refuses (locked, disk full, read-only) raises `StorageError`; a row another
        connection wrote between this unit's read and its write raises `ConcurrentChange`.
        Without `report_written`, `on_written` is not called (a unit of work on a worker thread:
        its caller hands `written` over to the owner's thread).

        A transaction opened while this thread has one open joins it: several use cases made one
        (ReportService.atomic) commit together, or not at all."""
        outer = getattr(self._open, "uow", None)
        if outer is not None:
            yield outer
            return
        try:
            with storage_errors(), self.db.sessions() as session, session.begin():
                uow = UnitOfWork(session)
                self._open.uow = uow
                try:
                    yield uow
                finally:
                    self._open.uow = None
                if self.before_commit is not None:
                    self.before_commit(uow)
        except StaleDataError as exc:  # the UPDATE … WHERE version = <read> found no row
            log.info("concurrent write refused: %s", exc)
            raise ConcurrentChange() from None
        if self.on_written is not None and report_written:
            for report_id, (before, after) in uow.written.items():
                self.on_written(report_id, before, after)

    @contextmanager
    def reading(self) -> Iterator[UnitOfWork]:
        """Reads that see one state of the database and write nothing."""
        with self.db.sessions() as session:
            yield UnitOfWork(session)

    def search_refresh(self) -> search.Refresh:
        """A re-index of the search's stale sections (store/search.py), on a connection of the pool."""
        @contextmanager
        def connection() -> Iterator[Any]:
            raw = self.db.engine.raw_connection()
            try:
                yield raw.driver_connection
            finally:
                raw.close()
        return search.Refresh(connection)


# a report written by typing: its stamp (stored as the ORM stores a DateTime) and its version
_TOUCH_REPORT = text("UPDATE report SET updated_at = :at, version = version + 1 WHERE id = :id RETURNING version"
                     ).bindparams(bindparam("at", type_=DateTime))

# the rows that belong to a report: a unit of work that adds, changes or deletes one has written that
# report (UnitOfWork.reports_written), whether or not it touched the report row
_REPORT_PARTS = (SectionRow, LimitationRow, MeasureRow, IndicatorRow, RecipientRow)


@event.listens_for(Session, "before_flush")
def _note_reports(session: Session, _context, _instances) -> None:
    seen = session.info.get("reports_written")
    if seen is None:
        return
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, ReportRow):
            seen.add(row.id)
        elif isinstance(row, _REPORT_PARTS):
            seen.add(row.report_id)


class UnitOfWork:
    def __init__(self, session: Session):
        self._s = session
        self.written: dict[int, tuple[int, int]] = {}  # report id → (version read, version written)
        self._seen: set[int | None] = set()
        session.info["reports_written"] = self._seen   # filled by _note_reports at every flush
        self._held: list[object] = []  # rows kept for the whole unit of work (hold_measures)
        # reports this unit of work issues or unlocks: their row's own write (the standard frozen, the
        # version moved on so other windows follow) is not a change of an issued report (services/versions.py)
        self.issue_changing: set[int] = set()

    def _report_written(self, row: ReportRow) -> None:
        """Flush a changed report row now and note its versions (see ReportRepository.on_written)."""
        before = row.version
        self._s.flush()
        if row.version != before:
            self.written[row.id] = (self.written.get(row.id, (before, 0))[0], row.version)

    def report_version(self, report_id: int) -> int | None:
        """How many writes the report's row has had (every edit of the report touches it)."""
        return self._s.scalar(select(ReportRow.version).where(ReportRow.id == report_id))

    def _one(self, kind: type[_Row], row_id: int | None) -> _Row:
        """The row with this id; LookupError when there is none (an id the caller should have checked)."""
        row = self._s.get(kind, row_id) if row_id is not None else None
        if row is None:
            raise LookupError(f"{kind.__name__} {row_id}")
        return row

    # --- settings ------------------------------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        row = self._s.scalar(select(SettingRow).where(SettingRow.key == key))
        return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        row = self._s.scalar(select(SettingRow).where(SettingRow.key == key))
        if row is None:
            self._s.add(SettingRow(key=key, value=value))
        else:
            row.value = value

    # --- units ---------------------------------------------------------------------------------
    def units(self) -> list[UnitProfile]:
        return [rows.unit_from_row(r) for r in self._s.scalars(select(UnitRow).order_by(UnitRow.name))]

    def unit(self, unit_id: int) -> UnitProfile | None:
        row = self._s.get(UnitRow, unit_id)
        return rows.unit_from_row(row) if row is not None else None

    def find_unit(self, name: str) -> UnitProfile | None:
        """The unit of that name, case and surrounding spaces ignored."""
        row = self._s.scalar(select(UnitRow).where(func.lower(UnitRow.name) == name.strip().lower()))
        if row is None:  # SQLite lower() is ASCII-only: compare in Python as well
            row = next((u for u in self._s.scalars(select(UnitRow))
                        if u.name.casefold() == name.strip().casefold()), None)
        return rows.unit_from_row(row) if row else None

    def unit_id_named(self, name: str) -> int | None:
        """The unit whose name is exactly `name` (names are unique)."""
        return self._s.scalar(select(UnitRow.id).where(UnitRow.name == name))

    def save_unit(self, unit: UnitProfile) -> int:
        """Insert or update; a unit whose id is not stored is inserted. Returns the id."""
        row = self._s.get(UnitRow, unit.id) if unit.id else None
        row = rows.unit_to_row(unit, row)
        self._s.add(row)
        self._s.flush()
        return row.id

    # --- reports: listing ------------------------------------------------------------------------
    def list_reports(self, *, deleted: bool, unit_id: int | None = None, kind_ids: list[str] | None = None,
                     period_year: int | None = None, period_code: str | None = None) -> list[ReportSummary]:
        """In the trash or not, filtered; newest period first (as store.catalog reads them)."""
        q = select(ReportRow)
        q = q.where(ReportRow.deleted_at.is_not(None) if deleted else ReportRow.deleted_at.is_(None))
        if unit_id is not None:
            q = q.where(ReportRow.unit_id == unit_id)
        if kind_ids is not None:
            q = q.where(ReportRow.kind_id.in_(kind_ids))
        if period_year is not None:
            q = q.where(ReportRow.period_year == period_year)
        if period_code is not None:
            q = q.where(ReportRow.period == period_code)
        q = q.order_by(ReportRow.period_year.desc(), ReportRow.period.desc(), ReportRow.id)
        return [summary(r.id, r.kind_id, r.kind_name, r.kind_version, r.unit_id, r.unit_name, r.period,
                        r.doc_kind_name, r.subject, r.updated_at, r.deleted_at is not None)
                for r in self._s.scalars(q)]

    def updated_at(self, report_id: int) -> _dt.datetime | None:
        return self._s.scalar(select(ReportRow.updated_at).where(ReportRow.id == report_id))

    def section_texts(self, report_id: int) -> list[tuple[str, RichText]]:
        """(heading, body) of every section of a report, in no particular order."""
        found = self._s.execute(select(SectionRow.heading, SectionRow.body_json)
                                .where(SectionRow.report_id == report_id)).all()
        return [(h, RichText.from_json(b)) for h, b in found]

    # --- reports: whole --------------------------------------------------------------------------
    def report_head(self, report_id: int) -> ReportHead | None:
        row = self._s.get(ReportRow, report_id)
        return ReportHead(row.id, row.period, row.deleted_at is not None) if row is not None else None

    def load_report(self, report_id: int) -> Report | None:
        row = self._s.get(ReportRow, report_id)
        return self._with_unit_standard(rows.report_from_row(row)) if row is not None else None

    def report_row_versions(self, report_ids: Iterable[int]) -> dict[int, int]:
        """{id: row version} of the reports among `report_ids` that exist."""
        ids = sorted(set(report_ids))
        found = self._s.execute(select(ReportRow.id, ReportRow.version).where(ReportRow.id.in_(ids))).all()
        return {row[0]: row[1] for row in found}

    def load_reports(self, report_ids: Iterable[int]) -> list[Report]:
        """The reports among `report_ids` that exist, whole, in id order: their rows and children in
        six queries (load_report one by one lazily loads each report's children: five queries each)."""
        from sqlalchemy.orm import selectinload
        ids = sorted(set(report_ids))
        found = self._s.scalars(select(ReportRow).where(ReportRow.id.in_(ids)).order_by(ReportRow.id).options(
            *(selectinload(getattr(ReportRow, name)) for name in
              ("sections", "recipients", "limitations", "measures", "indicators")))).all()
        return [self._with_unit_standard(rows.report_from_row(row)) for row in found]

    def report_fields(self, report_id: int) -> Report | None:
        """The report's own fields and recipients, without sections, limitations or measures."""
        row = self._s.get(ReportRow, report_id)
        return self._with_unit_standard(rows.report_from_row(row, with_children=False)) if row is not None else None

    def _with_unit_standard(self, r: Report) -> Report:
        """The report with its unit's document standard (what it prints in unless it chose its own)."""
        if r.unit_id is not None:
            r.unit_standard = rows.unit_standard(
                self._s.scalar(select(UnitRow.settings_json).where(UnitRow.id == r.unit_id)))
        return r

    def insert_report(self, r: Report) -> int:
        """Insert a whole report (new ids are written back into the domain objects)."""
        stamp = rows.now()
        row = ReportRow(created_at=r.created_at or stamp, updated_at=stamp)
        rows.fill_report_row(row, r)
        self._s.add(row)
        self._s.flush()
        r.id, r.created_at, r.updated_at = row.id, row.created_at, row.updated_at
        self._insert_sections(r.id, r.sections, None)
        self._add_recipients(r)
        for i, lim in enumerate(r.limitations):
            self._insert_limitation(r.id, lim, i)
        for i, m in enumerate(r.measures):
            self._insert_measure(r.id, m, i, None)
        self._insert_indicators(r.id, r.indicators)
        self._s.flush()
        return r.id

    def update_report(self, r: Report) -> None:
        """Write the report's own fields (meta, signer, settings) and its recipients."""
        row = self._s.get(ReportRow, r.id)
        if row is None:
            raise LookupError(r.id)
        rows.fill_report_row(row, r)  # the ORM writes only the columns whose values differ
        row.updated_at = rows.now()
        self._report_written(row)
        if [(x.text, x.purpose) for x in row.recipients] != [(x.text, x.purpose) for x in r.recipients.lines]:
            for old in list(row.recipients):
                self._s.delete(old)
            self._s.flush()
            self._add_recipients(r)

    def _add_recipients(self, r: Report) -> None:
        for i, rec in enumerate(r.recipients.lines):
            self._s.add(RecipientRow(report_id=r.id, position=i, text=rec.text, purpose=rec.purpose))

    def touch(self, report_id: int) -> None:
        """Note that the report changed (its updated_at)."""
        row = self._s.get(ReportRow, report_id)
        if row is not None:
            row.updated_at = rows.now()
            self._report_written(row)

    def set_trashed(self, report_id: int, trashed: bool) -> None:
        row = self._one(ReportRow, report_id)
        row.deleted_at = rows.now() if trashed else None
        self._report_written(row)

    def purge_report(self, report_id: int) -> None:
        """Delete a report and its own rows for good."""
        # links from later reports stay valid (SET NULL); own rows go with the report
        self._seen.add(report_id)   # Core statements below: not seen by the flush listener
        self._s.execute(update(LimitationRow).where(LimitationRow.report_id == report_id)
                        .values(concerns_section_id=None))
        self._s.execute(update(MeasureRow).where(MeasureRow.report_id == report_id).values(section_id=None))
        self._s.execute(delete(MeasureRow).where(MeasureRow.report_id == report_id))
        self._s.execute(delete(LimitationRow).where(LimitationRow.report_id == report_id))
        self._s.execute(delete(SectionRow).where(SectionRow.report_id == report_id))
        self._s.delete(self._one(ReportRow, report_id))

    # --- positions among siblings ----------------------------------------------------------------
    @staticmethod
    def _renumber(siblings: list) -> None:
        for i, r in enumerate(siblings):
            r.position = i

    def _place(self, siblings: list, row, index: int | None) -> None:
        """Put `row` among `siblings` (which may contain it) at `index` (end if None), renumbered."""
        others = [r for r in siblings if r is not row]
        others.insert(len(others) if index is None else max(0, min(index, len(others))), row)
        self._renumber(others)

    def _siblings(self, report_id: int, parent_id: int | None) -> list[SectionRow]:
        cond = SectionRow.parent_id.is_(None) if parent_id is None else SectionRow.parent_id == parent_id
        # only what placing them needs: a sibling's text (a 1 MB body) is not read to move it
        return list(self._s.scalars(select(SectionRow).where(SectionRow.report_id == report_id, cond)
                                    .options(load_only(SectionRow.id, SectionRow.report_id, SectionRow.parent_id,
                                                       SectionRow.position, SectionRow.version))
                                    .order_by(SectionRow.position, SectionRow.id)))

    def _limitation_rows(self, report_id: int) -> list[LimitationRow]:
        return list(self._s.scalars(select(LimitationRow).where(LimitationRow.report_id == report_id)
                                    .order_by(LimitationRow.position)))

    def _measure_siblings(self, report_id: int, limitation_id: int | None) -> list[MeasureRow]:
        cond = (MeasureRow.limitation_id.is_(None) if limitation_id is None
                else MeasureRow.limitation_id == limitation_id)
        return list(self._s.scalars(select(MeasureRow).where(MeasureRow.report_id == report_id, cond)
                                    .order_by(MeasureRow.position)))

    # --- sections --------------------------------------------------------------------------------
    @staticmethod
    def _section_head(row: SectionRow) -> SectionHead:
        return SectionHead(row.id, row.report_id, row.parent_id, row.fixed)

    def section_head(self, section_id: int) -> SectionHead | None:
        row = self._s.get(SectionRow, section_id)
        return self._section_head(row) if row is not None else None

    def section(self, section_id: int) -> Section | None:
        """One section's own fields (without its subsections)."""
        row = self._s.get(SectionRow, section_id)
        return rows.section_from_row(row) if row is not None else None

    def save_section(self, section: Section) -> int:
        """Write one section's own fields (not its place, not its subsections); the row's version after."""
        row = self._one(SectionRow, section.id)
        rows.fill_section_row(row, section)
        self._s.flush()
        return row.version

    def section_version(self, section_id: int) -> int | None:
        """The section row's write count (None: gone), without reading its text."""
        return self._s.scalar(select(SectionRow.version).where(SectionRow.id == section_id))

    def write_section_body(self, section_id: int, body_json: str,
                           expected: int | None = None) -> tuple[int, int] | None:
        """Write one section's body, counted in its row's and its report's versions: two UPDATEs,
        no row read or parsed (typing is written four times a second). The report's id and the
        section's version after; None when the section is gone — or, with `expected`, when the
        row's version is no longer that (nothing written then)."""
        # plain SQL on the session's connection: the ORM's bulk UPDATE path cost more than the writes
        con = self._s.connection()
        written = con.exec_driver_sql(
            "UPDATE section SET body_json = ?, version = version + 1 WHERE id = ?"
            + (" AND version = ?" if expected is not None else "") + " RETURNING report_id, version",
            (body_json, section_id) + ((expected,) if expected is not None else ())).first()
        if written is None:
            return None
        report_id, section_version = written
        version = con.execute(_TOUCH_REPORT, {"at": rows.now(), "id": report_id}).scalar_one()
        self.written[report_id] = (self.written.get(report_id, (version - 1, 0))[0], version)
        return report_id, section_version

    def outline(self, report_id: int) -> list[tuple[int, int | None, int]]:
        """(id, parent id, position) of every section of the report: its outline without a word of text."""
        # plain SQL: 1,000 rows of three integers are read at every outline edit
        return [(i, p, pos) for i, p, pos in self._s.connection().exec_driver_sql(
            "SELECT id, parent_id, position FROM section WHERE report_id = ? ORDER BY position, id", (report_id,))]

    def sections(self, section_ids: Iterable[int]) -> dict[int, Section]:
        """These sections' own fields (without subsections), by id; missing ids are left out."""
        ids, out = list(section_ids), {}
        for i in range(0, len(ids), 500):   # well under SQLite's limit of bound parameters
            for row in self._s.scalars(select(SectionRow).where(SectionRow.id.in_(ids[i:i + 500]))):
                out[row.id] = rows.section_from_row(row)
        return out

    def section_tree(self, section_id: int) -> Section | None:
        """The section with its subsections at every depth (a level per query)."""
        top = self.sections([section_id]).get(section_id)
        level = {section_id: top} if top is not None else {}
        while level:
            found = list(self._s.scalars(select(SectionRow).where(SectionRow.parent_id.in_(list(level)))
                                         .order_by(SectionRow.position, SectionRow.id)))
            below: dict[int, Section] = {}
            for row in found:
                child = below[row.id] = rows.section_from_row(row)
                level[row.parent_id or 0].children.append(child)   # found by parent: never None
            level = below
        return top

    def section_index(self, section_id: int) -> int:
        """The section's place among its siblings."""
        row = self._one(SectionRow, section_id)
        cond = SectionRow.parent_id.is_(None) if row.parent_id is None else SectionRow.parent_id == row.parent_id
        ids = self._s.scalars(select(SectionRow.id).where(SectionRow.report_id == row.report_id, cond)
                              .order_by(SectionRow.position, SectionRow.id))   # ids only: no text read
        return list(ids).index(section_id)

    def links_into(self, report_id: int, section_ids: Iterable[int]) -> tuple[dict[int, int], dict[int, int]]:
        """The limitations (id → section) and general measures (id → section) of the report that
        point at one of `section_ids`."""
        ids = set(section_ids)
        lims = self._s.execute(select(LimitationRow.id, LimitationRow.concerns_section_id)
                               .where(LimitationRow.report_id == report_id,
                                      LimitationRow.concerns_section_id.is_not(None))).all()
        measures = self._s.execute(select(MeasureRow.id, MeasureRow.section_id)
                                   .where(MeasureRow.report_id == report_id, MeasureRow.section_id.is_not(None))).all()
        return ({i: s for i, s in lims if s in ids}, {i: s for i, s in measures if s in ids})

    def limitations_and_measures(self, report_id: int, sections: dict[int, Section]
                                 ) -> tuple[list[Limitation], list[Measure]]:
        """The report's limitations (with their measures) and general measures, linked to `sections`
        (the loaded report's, by id): what an edit of them changes, read without the outline."""
        lims = self._limitation_rows(report_id)
        measures: dict[int | None, list[Measure]] = {}
        for mrow in self._s.scalars(select(MeasureRow).where(MeasureRow.report_id == report_id)
                                    .order_by(MeasureRow.position)):
            measures.setdefault(mrow.limitation_id, []).append(rows.measure_from_row(mrow, sections))
        out = []
        for lrow in lims:
            lim = rows.limitation_from_row(lrow, sections)
            lim.measures = measures.get(lrow.id, [])
            out.append(lim)
        return out, measures.get(None, [])

    def descendants(self, section_id: int) -> list[SectionHead]:
        """Every section below `section_id`, at any depth."""
        out, stack = [], [section_id]
        while stack:   # the heads alone: no text read
            for kid in self._s.execute(select(SectionRow.id, SectionRow.report_id, SectionRow.parent_id,
                                              SectionRow.fixed).where(SectionRow.parent_id == stack.pop())):
                out.append(SectionHead(*kid))
                stack.append(kid.id)
        return out

    def insert_section(self, report_id: int, parent_id: int | None, section: Section, index: int | None,
                       keep_ids: bool = False) -> None:
        """Insert `section` with its subsections under `parent_id` at `index` (end if None);
        `keep_ids` re-creates rows under their old ids (undo of a delete), so later commands
        that refer to them stay valid."""
        siblings = self._siblings(report_id, parent_id)
        self._insert_sections(report_id, [section], parent_id, len(siblings), keep_ids)
        self._place(siblings, self._one(SectionRow, section.id), index)

    def _insert_sections(self, report_id: int, sections: Iterable[Section], parent_id: int | None,
                         start: int = 0, keep_ids: bool = False) -> None:
        for i, s in enumerate(sections, start):
            row = SectionRow(id=s.id if keep_ids else None, report_id=report_id, parent_id=parent_id, position=i)
            rows.fill_section_row(row, s)
            self._s.add(row)
            self._s.flush()
            s.id = row.id
            self._insert_sections(report_id, s.children, row.id, keep_ids=keep_ids)

    def move_section(self, section_id: int, new_parent_id: int | None, index: int) -> None:
        row = self._one(SectionRow, section_id)
        self._renumber([r for r in self._siblings(row.report_id, row.parent_id) if r is not row])
        row.parent_id = new_parent_id
        self._place(self._siblings(row.report_id, new_parent_id), row, index)

    def delete_section(self, section_id: int) -> None:
        """Delete a section with its subsections; limitations and measures that pointed into
        them lose the link, and the siblings close the gap."""
        row = self._one(SectionRow, section_id)
        ids = [section_id] + [h.id for h in self.descendants(section_id)]
        report_id, parent_id = row.report_id, row.parent_id
        self._s.execute(update(LimitationRow).where(LimitationRow.concerns_section_id.in_(ids))
                        .values(concerns_section_id=None))
        self._s.execute(update(MeasureRow).where(MeasureRow.section_id.in_(ids)).values(section_id=None))
        self._s.delete(row)
        self._s.flush()
        self._renumber(self._siblings(report_id, parent_id))

    def relink(self, limitation_sections: dict[int, int], measure_sections: dict[int, int]) -> None:
        """Point limitations and general measures back at (restored) sections, where they still
        exist and have not been linked elsewhere meanwhile."""
        for lim_id, section_id in limitation_sections.items():
            lim = self._s.get(LimitationRow, lim_id)
            if lim is not None and lim.concerns_section_id is None:
                lim.concerns_section_id = section_id
        for m_id, section_id in measure_sections.items():
            m = self._s.get(MeasureRow, m_id)
            if m is not None and m.section_id is None:
                m.section_id = section_id

    # --- limitations -----------------------------------------------------------------------------
    def limitation_head(self, limitation_id: int) -> ItemHead | None:
        row = self._s.get(LimitationRow, limitation_id)
        return ItemHead(row.id, row.report_id) if row is not None else None

    def insert_limitation(self, report_id: int, lim: Limitation, index: int | None, keep_ids: bool = False) -> None:
        """Insert a limitation with its measures at `index` (end if None); `keep_ids` as for sections."""
        siblings = self._limitation_rows(report_id)
        self._insert_limitation(report_id, lim, len(siblings), keep_ids)
        self._place(siblings, self._one(LimitationRow, lim.id), index)

    def _insert_limitation(self, report_id: int, lim: Limitation, position: int, keep_ids: bool = False) -> None:
        row = LimitationRow(id=lim.id if keep_ids else None, report_id=report_id, position=position)
        rows.fill_limitation_row(row, lim)
        self._s.add(row)
        self._s.flush()
        lim.id = row.id
        for j, m in enumerate(lim.measures):
            self._insert_measure(report_id, m, j, lim.id, keep_ids=keep_ids)

    def save_limitation(self, lim: Limitation, fields: Iterable[str] | None = None) -> int:
        """Write the limitation's own fields (its measures are theirs), or only `fields`; the
        row's version after the write."""
        row = self._one(LimitationRow, lim.id)
        if fields is not None:
            lim = _merged(self.stored_limitation(row.id), lim, fields)
        rows.fill_limitation_row(row, lim)  # the ORM writes only the columns whose values differ
        self._s.flush()
        return row.version

    def stored_limitation(self, limitation_id: int) -> Limitation:
        """The limitation's own fields as stored (`concerns` a stand-in carrying the section id)."""
        row = self._one(LimitationRow, limitation_id)
        concerned = {row.concerns_section_id: Section(id=row.concerns_section_id)} if row.concerns_section_id else {}
        return rows.limitation_from_row(row, concerned)

    def delete_limitation(self, limitation_id: int) -> None:
        row = self._one(LimitationRow, limitation_id)
        report_id = row.report_id
        self._s.delete(row)
        self._s.flush()
        self._renumber(self._limitation_rows(report_id))

    def move_limitation(self, limitation_id: int, index: int) -> None:
        row = self._one(LimitationRow, limitation_id)
        self._place(self._limitation_rows(row.report_id), row, index)

    # --- measures --------------------------------------------------------------------------------
    def measure_head(self, measure_id: int) -> ItemHead | None:
        row = self._s.get(MeasureRow, measure_id)
        return ItemHead(row.id, row.report_id, row.limitation_id) if row is not None else None

    def hold_measures(self, measure_ids: Iterable[int]) -> None:
        """Read these measures' rows in one query and keep them for the rest of this unit of work.
        The session keeps a row only while something refers to it: looking measures up one by one
        read each row again at every lookup (6,000 queries for an Excel import of 1,000 rows)."""
        ids = list(measure_ids)
        for i in range(0, len(ids), 500):   # well under SQLite's limit of bound parameters
            self._held.extend(self._s.scalars(select(MeasureRow).where(MeasureRow.id.in_(ids[i:i + 500]))))

    def measure_index(self, measure_id: int) -> int:
        """The measure's place among its limitation's measures (or the general ones)."""
        row = self._one(MeasureRow, measure_id)
        return [r.id for r in self._measure_siblings(row.report_id, row.limitation_id)].index(measure_id)

    def measure_texts(self, measure_ids: Iterable[int]) -> list[tuple]:
        """(id, report id, the limitation's text JSON or None, content JSON, measure JSON, status,
        result, due date, directed by, lead unit, cooperating, timeframe) of these measures, in one
        query: what an Excel sheet's rows are compared with, without reading their reports whole."""
        ids: list[int] = list(measure_ids)
        out: list[tuple] = []
        for i in range(0, len(ids), 500):   # well under SQLite's limit of bound parameters
            out += self._s.execute(
                select(MeasureRow.id, MeasureRow.report_id, LimitationRow.text_json, MeasureRow.content_json,
                       MeasureRow.measure_json, MeasureRow.status, MeasureRow.result, MeasureRow.due_date,
                       MeasureRow.directed_by, MeasureRow.lead_unit, MeasureRow.cooperating, MeasureRow.timeframe)
                .outerjoin(LimitationRow, LimitationRow.id == MeasureRow.limitation_id)
                .where(MeasureRow.id.in_(ids[i:i + 500]))).all()
        return out

    def measure_owners(self, measure_ids: Iterable[int]) -> dict[int, tuple[int, bool]]:
        """measure id → (its report, whether that report is in the trash), for the ids that exist."""
        found = self._s.execute(select(MeasureRow.id, MeasureRow.report_id, ReportRow.deleted_at)
                                .join(ReportRow, ReportRow.id == MeasureRow.report_id)
                                .where(MeasureRow.id.in_(list(measure_ids)))).all()
        return {mid: (rid, deleted_at is not None) for mid, rid, deleted_at in found}

    def insert_measure(self, report_id: int, m: Measure, limitation_id: int | None, index: int | None,
                       keep_ids: bool = False) -> None:
        """Insert a measure of a limitation (or a general one) at `index` (end if None)."""
        siblings = self._measure_siblings(report_id, limitation_id)
        self._insert_measure(report_id, m, len(siblings), limitation_id, keep_ids)
        self._place(siblings, self._one(MeasureRow, m.id), index)

    def _insert_measure(self, report_id: int, m: Measure, position: int, limitation_id: int | None,
                        keep_ids: bool = False) -> None:
        row = MeasureRow(id=m.id if keep_ids else None, report_id=report_id, position=position,
                         limitation_id=limitation_id)
        rows.fill_measure_row(row, m)
        self._s.add(row)
        self._s.flush()
        m.id = row.id

    def save_measure(self, m: Measure, fields: Iterable[str] | None = None) -> int:
        """Write the measure's fields, or only `fields` (the others stay as stored); the row's
        version after the write."""
        (version,) = self.save_measures([(m, fields)]).values()
        return version

    def save_measures(self, changes: Iterable[tuple[Measure, Iterable[str] | None]]) -> dict[int, int]:
        """save_measure for several measures, flushed once: the ORM sends the rows that change the
        same columns as one statement, instead of a flush (a walk of the session) per row.
        Measure id → its row's version after the write."""
        written = []
        for m, fields in changes:
            row = self._one(MeasureRow, m.id)
            rows.fill_measure_row(row, m, fields)  # the ORM writes only the columns whose values differ
            written.append(row)
        self._s.flush()
        return {row.id: row.version for row in written}

    def stored_measure(self, measure_id: int, fields: Iterable[str] | None = None) -> Measure:
        """The measure as stored (`section` a stand-in carrying the section id); with `fields`, its
        texts are read only if among them (empty otherwise: the caller compares nothing else)."""
        row = self._one(MeasureRow, measure_id)
        listed = {row.section_id: Section(id=row.section_id)} if row.section_id else {}
        return rows.measure_from_row(row, listed, fields)

    def set_measure_status(self, measure_id: int, status: MeasureStatus, result: str | None) -> None:
        """The status, and the result unless `result` is None."""
        row = self._one(MeasureRow, measure_id)
        row.status = status.value
        if result is not None:
            row.result = result

    def delete_measure(self, measure_id: int) -> None:
        row = self._one(MeasureRow, measure_id)
        report_id, lim_id = row.report_id, row.limitation_id
        self._s.delete(row)
        self._s.flush()
        self._renumber(self._measure_siblings(report_id, lim_id))

    def move_measure(self, measure_id: int, index: int) -> None:
        row = self._one(MeasureRow, measure_id)
        self._place(self._measure_siblings(row.report_id, row.limitation_id), row, index)

    # --- indicators ------------------------------------------------------------------------------
    def indicators(self, report_id: int) -> list[Indicator]:
        found = self._s.scalars(select(IndicatorRow).where(IndicatorRow.report_id == report_id)
                                .order_by(IndicatorRow.position))
        return [Indicator(x.name, x.unit, x.value, x.denominator, id=x.id) for x in found]

    def replace_indicators(self, report_id: int, indicators: list[Indicator]) -> None:
        # a Core DELETE is not seen by the flush listener: noted here (an issued report refuses it)
        self._seen.add(report_id)
        self._s.execute(delete(IndicatorRow).where(IndicatorRow.report_id == report_id))
        self._insert_indicators(report_id, indicators)

    def _insert_indicators(self, report_id: int, indicators: list[Indicator]) -> None:
        for i, ind in enumerate(indicators):
            row = IndicatorRow(report_id=report_id, position=i)
            rows.fill_indicator_row(row, ind)
            self._s.add(row)
            self._s.flush()
            ind.id = row.id

    # --- versions and the issued state (store/versions.py) ------------------------------------------
    def _run(self, sql: str, params: dict) -> list[tuple]:
        found = self._s.execute(text(sql), params)
        return [tuple(r) for r in found.all()] if getattr(found, "returns_rows", False) else []

    def versions(self) -> VersionStore:
        return VersionStore(self._run)

    def reports_written(self) -> set[int]:
        """Every report whose row or rows (sections, limitations, measures, indicators, recipients)
        this unit of work wrote, everything pending flushed first: what a commit would change."""
        self._s.flush()
        return {i for i in (*self.written, *self._seen) if i is not None}

    def restore_content(self, report: Report, section_id: int | None = None) -> None:
        """The stored report made to hold `report` (a version's), or only its section `section_id`."""
        restore_content(self._s, report, section_id)
        if section_id is None:
            self._s.expire_all()   # recipients and links changed under the loaded rows
        self.touch(stored_report_id(report))

    # --- exports ---------------------------------------------------------------------------------
    def record_export(self, report_ids: Iterable[int], fmt: str, path: str, sha256: str, user: str) -> None:
        """Note one exported file in the history of each of `report_ids` that still exists."""
        known = set(self._s.scalars(select(ReportRow.id).where(ReportRow.id.in_(list(report_ids)))))
        for rid in sorted(known):
            self._s.add(ExportRow(report_id=rid, format=fmt, path=path, sha256=sha256,
                                  exported_at=_dt.datetime.now(), user=user))

    def export_history(self, report_id: int) -> list[ExportRecord]:
        found = self._s.scalars(select(ExportRow).where(ExportRow.report_id == report_id).order_by(ExportRow.id))
        return [ExportRecord(r.format, r.path, r.sha256, r.exported_at, r.user) for r in found]

    # --- the unit's spelling dictionary ----------------------------------------------------------
    def dictionary_words(self) -> list[str]:
        return list(self._s.scalars(select(DictionaryWordRow.word).order_by(DictionaryWordRow.word)))

    def add_dictionary_word(self, word: str, user: str) -> bool:
        """Add `word` (False: it was there already)."""
        if self._s.scalar(select(DictionaryWordRow.id).where(DictionaryWordRow.word == word)) is not None:
            return False
        self._s.add(DictionaryWordRow(word=word, added_at=_dt.datetime.now(), user=user))
        self._s.flush()
        return True

    def remove_dictionary_word(self, word: str) -> bool:
        """Remove `word` (False: it was not there)."""
        found = self._s.scalar(select(DictionaryWordRow.id).where(DictionaryWordRow.word == word))
        if found is None:
            return False
        self._s.execute(delete(DictionaryWordRow).where(DictionaryWordRow.id == found))
        return True


def _merged(stored: _Item, new: _Item, fields: Iterable[str]) -> _Item:
    """`stored` with `fields` taken from `new`."""
    out = copy.copy(stored)
    for f in fields:
        setattr(out, f, getattr(new, f))
    return out
