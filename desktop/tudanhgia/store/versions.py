"""Versions of a report and its issued state, in SQL (the services keep the rules and the messages).

A version is a manifest (the report's parts in document order, each by the SHA-256 of its JSON) and
the parts themselves, stored once per report in `version_blob`, zlib-compressed: a version that
changes two sections of a hundred adds two parts and a manifest. An export or a print of a report
unchanged since its latest version adds no version: the latest one notes it (its manifest's
"again" list, left out when manifests are compared); its "row" (the report row's version then)
lets a sheet of many reports note the unchanged ones without reading them. A part is the rows' columns as the
database holds them (`rows.fill_*_row` into a plain mapping), so a version reads back through the
same `rows.report_from_row` as the live report.

The statements are plain SQL with named parameters, run through a `run(sql, params)` callable, so
the SQLAlchemy unit of work and the command line's sqlite3 file (store/direct.py, an export
records its version there too) share them."""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..domain.model import Report, stored_id
from . import rows

Run = Callable[[str, dict[str, Any]], list[tuple]]
FORMAT = 1
_STAMP = "%Y-%m-%d %H:%M:%S.%f"   # SQLAlchemy's SQLite DateTime form (the ORM reads these back)
_REPORT_SKIP = {"id", "created_at", "updated_at", "deleted_at", "version", "sections", "recipients",
                "limitations", "measures", "indicators"}


@dataclass(frozen=True)
class Again:
    """An export or print of a version's content after the version was kept (nothing changed between)."""
    name: str            # "In trên “HP LaserJet M404” (2 trang)", "Xuất DOCX “bc.docx”"
    reason: str          # export | print
    at: _dt.datetime
    user: str


@dataclass(frozen=True)
class VersionInfo:
    report_id: int
    number: int          # 1, 2, 3… per report
    name: str            # "Dự thảo lần 2", "Xuất DOCX", …
    reason: str          # manual | export | print | restore | issue | unlock
    created_at: _dt.datetime
    user: str
    again: tuple[Again, ...] = ()   # later exports and prints of the same content, oldest first


@dataclass(frozen=True)
class IssueEvent:
    report_id: int
    action: str          # issue | unlock
    at: _dt.datetime
    user: str
    reason: str          # why it was unlocked
    number: str          # the document's number and date when issued
    date: str
    docx_sha256: str
    docx_path: str
    version_number: int | None


class _Cols(dict[str, Any]):
    """A plain mapping standing in for a mapped row: `rows.fill_*` write attributes into it and
    `rows.*_from_row` read them back."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, _dt.date) else value


def _raw(data: Any) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_jsonable)
    return raw.encode("utf-8", "surrogatepass")


def _pack(data: Any) -> bytes:
    return zlib.compress(_raw(data), 9)


def _decode(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))


def _stamp(at: _dt.datetime) -> str:
    return at.strftime(_STAMP)


def _when(value: Any) -> _dt.datetime:
    return value if isinstance(value, _dt.datetime) else _dt.datetime.fromisoformat(str(value))


def report_parts(report: Report) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(manifest, parts by hash: their JSON, not yet compressed) of `report` as loaded from the store
    (every object has its id). Only the parts a version does not share are compressed, when stored."""
    parts: dict[str, bytes] = {}

    def part(data: Any) -> str:
        raw = _raw(data)
        digest = hashlib.sha256(raw).hexdigest()
        parts[digest] = raw
        return digest

    frame = _Cols()
    rows.fill_report_row(frame, report)  # type: ignore[arg-type]
    frame["recipients"] = [{"text": r.text, "purpose": r.purpose} for r in report.recipients.lines]
    sections = []

    def walk(items, parent_id):
        for s in items:
            cols = _Cols()
            rows.fill_section_row(cols, s)  # type: ignore[arg-type]
            sections.append([s.id, parent_id, part(cols)])
            walk(s.children, s.id)
    walk(report.sections, None)
    limitations, measures = [], []
    for lim in report.limitations:
        cols = _Cols(id=lim.id)
        rows.fill_limitation_row(cols, lim)  # type: ignore[arg-type]
        limitations.append(cols)
        for m in lim.measures:
            measures.append(_measure_cols(m, lim.id))
    measures += [_measure_cols(m, None) for m in report.measures]
    indicators = []
    for ind in report.indicators:
        cols = _Cols()
        rows.fill_indicator_row(cols, ind)  # type: ignore[arg-type]
        indicators.append(cols)
    manifest = {"format": FORMAT, "frame": part(frame), "sections": sections,
                "items": part({"limitations": limitations, "measures": measures}), "indicators": part(indicators)}
    return manifest, parts


def _measure_cols(m, limitation_id: int | None) -> _Cols:
    cols = _Cols(id=m.id, limitation_id=limitation_id)
    rows.fill_measure_row(cols, m)  # type: ignore[arg-type]
    return cols


def report_from_parts(report_id: int, manifest: dict[str, Any], part: Callable[[str], Any]) -> Report:
    """The report a manifest describes, its parts read through `part(hash)`."""
    frame = _Cols(part(manifest["frame"]))
    row = _Cols({k: v for k, v in frame.items() if k != "recipients"})
    row.update(id=report_id, created_at=None, updated_at=None, version=0)
    row["recipients"] = [_Cols(r) for r in frame["recipients"]]
    positions: dict[Any, int] = {}
    sections = []
    for section_id, parent_id, digest in manifest["sections"]:
        cols = _Cols(part(digest))
        position = positions[parent_id] = positions.get(parent_id, -1) + 1
        cols.update(id=section_id, parent_id=parent_id, position=position, version=0)
        sections.append(cols)
    row["sections"] = sections
    items = part(manifest["items"])
    row["limitations"] = [_Cols(lim, position=i, version=0) for i, lim in enumerate(items["limitations"])]
    measures = []
    for m in items["measures"]:
        cols = _Cols(m, version=0)
        cols["due_date"] = _dt.date.fromisoformat(m["due_date"]) if m.get("due_date") else None
        measures.append(cols)
    counters: dict[Any, int] = {}
    for cols in measures:   # positions per limitation (or among the general ones), in stored order
        cols["position"] = counters[cols["limitation_id"]] = counters.get(cols["limitation_id"], -1) + 1
    row["measures"] = measures
    row["indicators"] = [_Cols(ind, id=None) for ind in part(manifest["indicators"])]
    return rows.report_from_row(row)  # type: ignore[arg-type]


def _row_mark(row_version: int) -> list:
    """What a manifest keeps of the report's row when the version was kept (left out when manifests
    are compared): its version and the schema it was read under."""
    from .db import SCHEMA_HEAD
    return [row_version, SCHEMA_HEAD]


def _manifest_parts(manifest: dict[str, Any]) -> set[str]:
    """The hashes of the parts a manifest names."""
    return {manifest["frame"], manifest["items"], manifest["indicators"], *(d for _, _, d in manifest["sections"])}


class VersionStore:
    """The version and issue tables of one unit of work (see the module's doc)."""

    def __init__(self, run: Run):
        self._run = run

    # --- versions ------------------------------------------------------------------------------
    def save(self, report: Report, name: str, reason: str, user: str, at: _dt.datetime,
             unless_same: bool = False) -> VersionInfo:
        """A new version of `report` (as loaded from the store), numbered after the last one. With
        `unless_same` (an export, a print), a report unchanged since its latest version adds none:
        the latest version notes this export and is returned."""
        report_id = report.id
        if report_id is None:
            raise LookupError("report never stored")
        manifest, parts = report_parts(report)
        found = self._latest(report_id)
        latest = _decode(found[1]) if found else {}
        again = latest.pop("again", [])
        latest.pop("row", None)
        if unless_same and found is not None and latest == manifest:
            self._note_again(report_id, found[0], {**latest, "again": again}, report.version,
                             [name, reason, _stamp(at), user])
            info = self.info(report_id, found[0])
            assert info is not None
            return info
        shared = _manifest_parts(latest) if latest else set()   # stored already: not compressed again
        for digest, raw in parts.items():
            if digest not in shared:
                self._run("INSERT OR IGNORE INTO version_blob (report_id, hash, data) VALUES (:r, :h, :d)",
                          {"r": report_id, "h": digest, "d": zlib.compress(raw, 9)})
        number = (found[0] if found else 0) + 1
        self._run("INSERT INTO report_version (report_id, number, name, reason, created_at, user, manifest) "
                  "VALUES (:r, :n, :name, :reason, :at, :user, :m)",
                  {"r": report_id, "n": number, "name": name, "reason": reason, "at": _stamp(at), "user": user,
                   "m": _pack({**manifest, "row": _row_mark(report.version)})})
        return VersionInfo(report_id, number, name, reason, at, user)

    def note_unchanged(self, row_versions: dict[int, int], name: str, reason: str, user: str,
                       at: _dt.datetime) -> set[int]:
        """The reports among `row_versions` (id: the report row's version now) whose row has not
        been written since their latest version was kept: that version notes this export, without
        reading the report (every write of a report moves its row's version; a version kept
        under another schema is not trusted: its report is compared part by part). Returns them."""
        noted = set()
        for report_id, row_version in row_versions.items():
            found = self._latest(report_id)
            if found is None:
                continue
            latest = _decode(found[1])
            if latest.get("row") == _row_mark(row_version):
                self._note_again(report_id, found[0], latest, row_version, [name, reason, _stamp(at), user])
                noted.add(report_id)
        return noted

    def _latest(self, report_id: int) -> tuple[int, bytes] | None:
        """(number, packed manifest) of the report's latest version."""
        found = self._run("SELECT number, manifest FROM report_version WHERE report_id = :r "
                          "ORDER BY number DESC LIMIT 1", {"r": report_id})
        return (found[0][0], found[0][1]) if found else None

    def _note_again(self, report_id: int, number: int, manifest: dict[str, Any], row_version: int,
                    again: list) -> None:
        manifest = {**manifest, "again": [*manifest.get("again", []), again], "row": _row_mark(row_version)}
        self._run("UPDATE report_version SET manifest = :m WHERE report_id = :r AND number = :n",
                  {"m": _pack(manifest), "r": report_id, "n": number})

    def all(self, report_id: int) -> list[VersionInfo]:
        found = self._run("SELECT number, name, reason, created_at, user, manifest FROM report_version "
                          "WHERE report_id = :r ORDER BY number", {"r": report_id})
        return [VersionInfo(report_id, n, name, reason, _when(at), user,
                            tuple(Again(a_name, a_reason, _when(a_at), a_user)
                                  for a_name, a_reason, a_at, a_user in _decode(manifest).get("again", ())))
                for n, name, reason, at, user, manifest in found]

    def info(self, report_id: int, number: int) -> VersionInfo | None:
        return next((v for v in self.all(report_id) if v.number == number), None)

    def load(self, report_id: int, number: int) -> Report | None:
        """The report as version `number` kept it; None when there is no such version."""
        found = self._run("SELECT manifest FROM report_version WHERE report_id = :r AND number = :n",
                          {"r": report_id, "n": number})
        if not found:
            return None
        cache: dict[str, Any] = {}

        def part(digest: str) -> Any:
            if digest not in cache:
                data = self._run("SELECT data FROM version_blob WHERE report_id = :r AND hash = :h",
                                 {"r": report_id, "h": digest})
                cache[digest] = _decode(data[0][0])
            return cache[digest]
        return report_from_parts(report_id, _decode(found[0][0]), part)

    def stored_bytes(self, report_id: int) -> int:
        """What the versions of a report occupy: manifests and parts (compressed)."""
        found = self._run("SELECT coalesce((SELECT sum(length(manifest) + length(name) + length(user) + 40) "
                          "FROM report_version WHERE report_id = :r), 0) + coalesce((SELECT sum(length(data) + "
                          "length(hash) + 8) FROM version_blob WHERE report_id = :r), 0)", {"r": report_id})
        return int(found[0][0])

    # --- the issued state ------------------------------------------------------------------------
    def add_issue_event(self, event: IssueEvent) -> None:
        self._run("INSERT INTO report_issue_event (report_id, action, at, user, reason, number, date, docx_sha256, "
                  "docx_path, version_number) VALUES (:r, :a, :at, :u, :reason, :n, :d, :sha, :path, :v)",
                  {"r": event.report_id, "a": event.action, "at": _stamp(event.at), "u": event.user,
                   "reason": event.reason, "n": event.number, "d": event.date, "sha": event.docx_sha256,
                   "path": event.docx_path, "v": event.version_number})

    def issue_history(self, report_id: int) -> list[IssueEvent]:
        found = self._run("SELECT report_id, action, at, user, reason, number, date, docx_sha256, docx_path, "
                          "version_number FROM report_issue_event WHERE report_id = :r ORDER BY id", {"r": report_id})
        return [IssueEvent(r, a, _when(at), *rest) for r, a, at, *rest in found]

    def issued_all(self) -> dict[int, IssueEvent]:
        """Every report issued now, in one read (the start page marks them in its list)."""
        found = self._run("SELECT report_id, action, at, user, reason, number, date, docx_sha256, docx_path, "
                          "version_number FROM report_issue_event WHERE id IN (SELECT max(id) FROM "
                          "report_issue_event GROUP BY report_id) AND action = 'issue'", {})
        return {r: IssueEvent(r, a, _when(at), *rest) for r, a, at, *rest in found}

    def issued(self, report_ids: Iterable[int]) -> dict[int, IssueEvent]:
        """The reports among `report_ids` that are issued now (their last event is an issue)."""
        ids = sorted(set(report_ids))
        if not ids:
            return {}
        # one indexed read for the common answer (none issued): every commit of typing asks it
        marks = ", ".join(f":r{i}" for i in range(len(ids)))
        last = self._run(f"SELECT report_id, action FROM report_issue_event WHERE id IN (SELECT max(id) FROM "
                         f"report_issue_event WHERE report_id IN ({marks}) GROUP BY report_id)",
                         {f"r{i}": rid for i, rid in enumerate(ids)})
        return {rid: self.issue_history(rid)[-1] for rid, action in last if action == "issue"}


def _row_for(session, kind, live: dict, item_id, taken: set, report_id: int, position: int):
    """The live row of `item_id`, or a new one under that id (a new id when another report has it now)."""
    row = live.get(item_id)
    if row is None:
        row = kind(id=None if item_id in taken else item_id, report_id=report_id, position=position)
        session.add(row)
    return row


def _still(session, kind, row_id: int | None) -> int | None:
    """`row_id` when that row still exists: a link a version kept to another report's row (the
    review a plan came from, its unit) that was deleted since is unset, as its foreign key does."""
    if row_id is None:
        return None
    with session.no_autoflush:   # the row being filled holds the dangling id until this answers
        return row_id if session.get(kind, row_id) is not None else None


# --- restoring: the live rows made to match a version's report, ids kept -----------------------------
def restore_content(session, report: Report, section_id: int | None = None) -> None:
    """Make the stored report `report.id` hold `report` (a version's): rows updated in place under
    their ids, missing ones inserted under their old ids (later undo commands and other reports'
    links refer to them), rows the version did not have deleted. With `section_id`, only that
    section's own fields (re-inserted at its old place if it was deleted since)."""
    from sqlalchemy import delete, select

    from .schema import IndicatorRow, LimitationRow, MeasureRow, RecipientRow, ReportRow, SectionRow, UnitRow

    report_id = stored_id(report)
    live = {r.id: r for r in session.scalars(select(SectionRow).where(SectionRow.report_id == report_id))}
    taken = set(session.scalars(select(SectionRow.id).where(SectionRow.report_id != report_id,
                                                            SectionRow.id.in_([s.id for s in report.walk()]))))

    def put(s, parent_row_id: int | None, position: int, move: bool) -> SectionRow:
        """The section's row made to hold `s`'s own fields (and its place, when `move`)."""
        row = live.get(s.id)
        if row is None:
            row = SectionRow(id=None if s.id in taken else s.id, report_id=report_id,
                             parent_id=parent_row_id, position=position)
            session.add(row)
            live[s.id] = row
        elif move:
            row.parent_id, row.position = parent_row_id, position
        rows.fill_section_row(row, s)
        session.flush()
        return row

    def place(items, parent_row_id: int | None, only_missing: bool = False) -> None:
        for position, s in enumerate(items):
            if only_missing and s.id in live:
                continue
            row = put(s, parent_row_id, position, move=True)
            place(s.children, row.id, only_missing)

    if section_id is not None:
        target = report.find(section_id)
        if target is None:
            raise LookupError(section_id)
        if section_id in live:
            put(target, None, 0, move=False)
            return
        parent = report.parent_of(target)
        parent_row = live.get(parent.id) if parent is not None else None
        siblings = report.siblings_of(target)
        row = put(target, parent_row.id if parent_row is not None else None, siblings.index(target), move=True)
        place(target.children, row.id, only_missing=True)
        cond = SectionRow.parent_id.is_(None) if row.parent_id is None else SectionRow.parent_id == row.parent_id
        others = [r for r in session.scalars(select(SectionRow).where(SectionRow.report_id == report_id, cond)
                                             .order_by(SectionRow.position, SectionRow.id)) if r is not row]
        others.insert(min(siblings.index(target), len(others)), row)   # its siblings close ranks around it
        for i, r in enumerate(others):
            r.position = i
        session.flush()
        return
    place(report.sections, None)
    keep = {live[s.id].id for s in report.walk()}
    gone = [row for row in live.values() if row.id not in keep]
    if gone:  # sections the version did not have (their links are unset by the foreign keys)
        session.execute(delete(SectionRow).where(SectionRow.id.in_([r.id for r in gone]))
                        .execution_options(synchronize_session=False))
        for row in gone:
            session.expunge(row)
    session.flush()

    idmap = {s.id: live[s.id].id for s in report.walk()}
    lims = {r.id: r for r in session.scalars(select(LimitationRow).where(LimitationRow.report_id == report_id))}
    lim_ids = [lim.id for lim in report.limitations]
    lim_taken = set(session.scalars(select(LimitationRow.id).where(LimitationRow.report_id != report_id,
                                                                   LimitationRow.id.in_(lim_ids))))
    lim_map: dict[int | None, int] = {}
    for position, lim in enumerate(report.limitations):
        lrow = _row_for(session, LimitationRow, lims, lim.id, lim_taken, report_id, position)
        rows.fill_limitation_row(lrow, lim)
        lrow.concerns_section_id = idmap.get(lrow.concerns_section_id)
        lrow.source_limitation_id = _still(session, LimitationRow, lrow.source_limitation_id)
        lrow.position = position
        session.flush()
        lim_map[lim.id] = lrow.id
    kept_lims = set(lim_map.values())
    measures = {r.id: r for r in session.scalars(select(MeasureRow).where(MeasureRow.report_id == report_id))}
    wanted = [(m, lim.id, i) for lim in report.limitations for i, m in enumerate(lim.measures)]
    wanted += [(m, None, i) for i, m in enumerate(report.measures)]
    m_taken = set(session.scalars(select(MeasureRow.id).where(MeasureRow.report_id != report_id,
                                                              MeasureRow.id.in_([m.id for m, _, _ in wanted]))))
    kept_measures = set()
    for m, limitation_id, position in wanted:
        mrow = _row_for(session, MeasureRow, measures, m.id, m_taken, report_id, position)
        rows.fill_measure_row(mrow, m)
        mrow.section_id = idmap.get(mrow.section_id)
        mrow.source_measure_id = _still(session, MeasureRow, mrow.source_measure_id)
        mrow.limitation_id = lim_map.get(limitation_id) if limitation_id is not None else None
        mrow.position = position
        session.flush()
        kept_measures.add(mrow.id)
    for mid, row in measures.items():
        if mid not in kept_measures:
            session.delete(row)
    session.flush()   # before their limitations: a limitation's delete cascades to its measures
    for lid, row in lims.items():
        if lid not in kept_lims:
            session.delete(row)
    session.flush()
    session.execute(delete(IndicatorRow).where(IndicatorRow.report_id == report_id))
    for i, ind in enumerate(report.indicators):
        irow = IndicatorRow(report_id=report_id, position=i)
        rows.fill_indicator_row(irow, ind)
        session.add(irow)
    rrow = session.get(ReportRow, report_id)
    rows.fill_report_row(rrow, report)
    rrow.unit_id = _still(session, UnitRow, rrow.unit_id)
    rrow.source_report_id = _still(session, ReportRow, rrow.source_report_id)
    if [(x.text, x.purpose) for x in rrow.recipients] != [(x.text, x.purpose) for x in report.recipients.lines]:
        for old in list(rrow.recipients):
            session.delete(old)
        session.flush()
        for i, rec in enumerate(report.recipients.lines):
            session.add(RecipientRow(report_id=report_id, position=i, text=rec.text, purpose=rec.purpose))
    session.flush()
