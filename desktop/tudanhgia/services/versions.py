"""Versions of a report, their differences, restoring one, and the issued state (issue 17).

- A version is kept at every export (services/export.py) and on demand ("Lưu phiên bản"), with its
  time and the login name (the export history's `_user`); store/versions.py keeps its parts once.
- `compare` is domain/diff.py's, between two versions or a version and the report as it is now.
- A restore (whole report or one section) is one transaction and is itself kept as a new version;
  the window's undo puts back the state read before it (`restore_state`).
- An issued report refuses every change: `refuse_issued` runs before every unit of work of the
  service commits (ReportRepository.before_commit) and refuses one that wrote an issued report, so
  no mutating use case, present or future, can skip it. Unlocking records a reason."""
from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.diff import ReportDiff, compare
from ..domain.model import Report
from ..domain.text import clean_text
from ..errors import NotFound, ServiceError
from ..store.versions import IssueEvent, VersionInfo
from .export import _user

if TYPE_CHECKING:
    from ..store.repository import UnitOfWork
    from .direct import DirectService
    from .reports import ReportService

log = logging.getLogger("tudanhgia.services")

NOW = "Hiện tại"   # the report as it is now, beside its versions


class ReportIssued(ServiceError):
    """A change to an issued report: refused, nothing written. Its text tells the way out in the
    window (the menu); `command_line()` tells it as the command to type."""

    def __init__(self, what: str, report_id: int, then: str | None = "Muốn sửa"):
        self.what, self.report_id, self.then = what, report_id, then
        super().__init__(what if then is None else f"{what} {then}, hãy mở khóa (Phiên bản ▸ Mở khóa để sửa…) "
                                                   "và ghi rõ lý do.")

    def command_line(self) -> str:
        if self.then is None:
            return self.what
        return f'{self.what} {self.then}, hãy mở khóa bằng lệnh: tudanhgia unlock {self.report_id} --reason "…" ' \
               "(ghi rõ lý do)."


def issued_words(event: IssueEvent) -> str:
    """'số 12/BC-VP ngày 30/06/2025'."""
    return f"số {event.number} {event.date}".strip()


def refuse_issued(uow: UnitOfWork) -> None:
    """Before a unit of work commits: refused (rolled back) when it wrote a report that is issued."""
    written = uow.reports_written() - uow.issue_changing   # issuing or unlocking writes the row itself
    if not written:
        return
    issued = uow.versions().issued(written)
    for report_id, event in issued.items():
        report = uow.report_fields(report_id)
        title = report.title if report is not None else f"số {report_id}"
        raise ReportIssued(f"Báo cáo “{title}” đã ban hành ({issued_words(event)}) nên không sửa được; "
                           "thay đổi vừa rồi chưa được ghi.", report_id)


# --- versions -------------------------------------------------------------------------------------
def take_version(service: ReportService | DirectService, report: Report, name: str, reason: str) -> VersionInfo:
    """Keep `report` (as just read from the store) as a new version."""
    with service.repo.transaction() as tx:
        return tx.versions().save(report, name, reason, _user(), _dt.datetime.now())


def keep_exported(service: ReportService | DirectService, reports: Report | Iterable[int], name: str,
                  reason: str = "export") -> None:
    """Every export and print keeps the report as it went out (issue 17): `reports`, the report as
    written, or the ids of the reports a sheet lists, read now (one gone meanwhile is skipped), all
    in one transaction. A report unchanged since its latest version adds none: that version notes
    the export. A version that cannot be written is logged, never a reason to call a written file
    (or a printed page) failed."""
    try:
        with service.repo.transaction() as tx:
            store, user, now = tx.versions(), _user(), _dt.datetime.now()
            if isinstance(reports, Report):
                kept = [reports]
            else:   # ids come from a sheet, written by the window's service only (not the command line's file)
                rows = tx.report_row_versions(reports)  # type: ignore[union-attr]
                noted = store.note_unchanged(rows, name, reason, user, now)   # not read: untouched since
                kept = tx.load_reports(set(rows) - noted)  # type: ignore[union-attr]
            for report in kept:
                store.save(report, name, reason, user, now, unless_same=True)
    except Exception:
        log.exception("the versions at the export %s were not kept", name)


def print_drawn(service: ReportService, report_id: int, draw: Callable[[Report], int], printer: str) -> int:
    """The report as stored printed by `draw(report)` (the window's Qt printing, which the core
    does not import), which returns the pages sent; the print is then noted in the report's history
    (the printer's name) and the printed report kept as a version, as an export is. The paper is
    out by then: a record that cannot be written is logged, never a failed print."""
    report = service.get_report(report_id)
    pages = draw(report)
    printer = " ".join(clean_text(printer).split())
    try:
        with service.repo.transaction() as tx:
            tx.record_export([report_id], "print", printer, "", _user())
    except Exception:
        log.exception("the print of report %s was not recorded", report_id)
    where = f" trên “{printer}”" if printer else ""
    keep_exported(service, report, f"In{where} ({pages} trang)", "print")
    return pages


def save_version(service: ReportService, report_id: int, name: str, reason: str = "manual") -> VersionInfo:
    name = " ".join(clean_text(name).split())   # control characters (an ESC, a bell) never stored
    if not name:
        raise ServiceError("Hãy đặt tên cho phiên bản, ví dụ “Dự thảo lần 2” hoặc “Trình ký”.")
    if len(name) > 200:
        raise ServiceError("Tên phiên bản quá dài (tối đa 200 ký tự).")
    return take_version(service, service.get_report(report_id), name, reason)


def list_versions(service: ReportService, report_id: int) -> list[VersionInfo]:
    with service.repo.reading() as r:
        service._report(r, report_id)
        return r.versions().all(report_id)


def version_report(service: ReportService, report_id: int, number: int | None) -> Report:
    """The report as version `number` kept it; None: as it is now."""
    if number is None:
        return service.get_report(report_id)
    with service.repo.reading() as r:
        report = r.versions().load(report_id, number)
    if report is None:
        raise NotFound(f"Báo cáo số {report_id} không có phiên bản {number}.")
    return report


def version_label(service: ReportService, report_id: int, number: int | None) -> str:
    """'Phiên bản 3 “Trình ký” (30/06/2025 14:05, nguyenvana)', or 'Hiện tại'."""
    if number is None:
        return NOW
    with service.repo.reading() as r:
        info = r.versions().info(report_id, number)
    if info is None:
        raise NotFound(f"Báo cáo số {report_id} không có phiên bản {number}.")
    return describe(info)


def describe(info: VersionInfo) -> str:
    who = f", {info.user}" if info.user else ""
    return f"Phiên bản {info.number} “{info.name}” ({info.created_at:%d/%m/%Y %H:%M}{who})"


def again_words(info: VersionInfo) -> str:
    """'sau đó in 2 lần, xuất 1 lần (nội dung không đổi), lần cuối 30/06/2025 14:10', or '' when the
    version's content was not exported or printed again."""
    if not info.again:
        return ""
    prints = sum(1 for a in info.again if a.reason == "print")
    counts = [f"{verb} {n} lần" for verb, n in (("in", prints), ("xuất", len(info.again) - prints)) if n]
    return f"sau đó {', '.join(counts)} (nội dung không đổi), lần cuối {info.again[-1].at:%d/%m/%Y %H:%M}"


def again_lines(info: VersionInfo) -> list[str]:
    """Each later export or print of the version's content: '30/06/2025 14:10, nguyenvana: In trên …'."""
    return [f"{a.at:%d/%m/%Y %H:%M}{f', {a.user}' if a.user else ''}: {a.name}" for a in info.again]


def compare_versions(service: ReportService, report_id: int, old: int | None, new: int | None) -> ReportDiff:
    """What changed from version `old` to version `new` (None: the report now)."""
    return compare(version_report(service, report_id, old), version_report(service, report_id, new),
                   version_label(service, report_id, old), version_label(service, report_id, new))


def diff_page(diff: ReportDiff, title: str, only_changes: bool = True) -> str:
    """The differences as the printable page the window shows (render/diff_html.py)."""
    from ..render.diff_html import diff_html
    return diff_html(diff, title, only_changes=only_changes)


def diff_docx(service: ReportService, report_id: int, old: int | None, new: int | None, target: str | Path) -> Path:
    """The differences as a Word document with tracked changes (w:ins / w:del by the version's author)."""
    from ..render.diff_docx import write_diff_docx
    from .export import ExportError, verify_docx
    from .files import OutputError, atomic_write
    diff = compare_versions(service, report_id, old, new)
    report = version_report(service, report_id, new)
    author, when = _author_of(service, report_id, new)
    target = Path(target).expanduser()
    if target.suffix.lower() != ".docx":
        target = target.with_name(target.name + ".docx")
    try:
        return atomic_write(target, lambda tmp: write_diff_docx(diff, report.title, str(tmp), author, when),
                            verify_docx)
    except OutputError as exc:
        raise ExportError(str(exc)) from None


def _author_of(service: ReportService, report_id: int, number: int | None) -> tuple[str, _dt.datetime]:
    if number is None:
        return _user() or "Tự Đánh Giá", _dt.datetime.now().replace(microsecond=0)
    with service.repo.reading() as r:
        info = r.versions().info(report_id, number)
    if info is None:
        raise NotFound(f"Báo cáo số {report_id} không có phiên bản {number}.")
    return info.user or "Tự Đánh Giá", info.created_at.replace(microsecond=0)


# --- restoring ----------------------------------------------------------------------------------------
def restore_version(service: ReportService, report_id: int, number: int, section_id: int | None = None) -> VersionInfo:
    """The whole report (or its section `section_id`) as version `number` kept it, in one
    transaction that also keeps the result as a new version."""
    with service.repo.transaction() as tx:
        service._report(tx, report_id)
        version = tx.versions().load(report_id, number)
        if version is None:
            raise NotFound(f"Báo cáo số {report_id} không có phiên bản {number}.")
        if section_id is not None and version.find(section_id) is None:
            raise ServiceError(f"Phiên bản {number} không có mục này.")
        # what the report holds now is kept first, as the confirmation promises: a version to go
        # back to after the program is closed (the window's undo lasts only the session)
        before = service._found(tx.load_report(report_id), f"Không tìm thấy báo cáo số {report_id}.")
        tx.versions().save(before, f"Trước khi khôi phục từ phiên bản {number}", "before-restore", _user(),
                           _dt.datetime.now())
        tx.restore_content(version, section_id)
        what = "" if section_id is None else f", mục “{_section_name(version, section_id)}”"
        now = service._found(tx.load_report(report_id), f"Không tìm thấy báo cáo số {report_id}.")
        info = tx.versions().save(now, f"Khôi phục từ phiên bản {number}{what}", "restore", _user(),
                                  _dt.datetime.now())
    service.note_change(report_id, everything=True)
    return info


def restore_state(service: ReportService, report: Report, section_id: int | None = None) -> None:
    """Put back `report` (the state read before a restore; the window's undo), or only its section."""
    with service.repo.transaction() as tx:
        service._report(tx, report.id)
        tx.restore_content(report, section_id)
    service.note_change(report.id, everything=True)


def _section_name(report: Report, section_id: int) -> str:
    section = report.find(section_id)
    numbers = report.numbering()
    return f"{numbers.get(section, '')} {section.heading}".strip() if section is not None else str(section_id)


# --- the issued state ---------------------------------------------------------------------------------
def issued_state(service: ReportService, report_id: int) -> IssueEvent | None:
    with service.repo.reading() as r:
        return r.versions().issued([report_id]).get(report_id)


def issued_reports(service: ReportService) -> dict[int, IssueEvent]:
    """Every issued report's id → its issue (one read for the whole list)."""
    with service.repo.reading() as r:
        return r.versions().issued_all()


def issue_history(service: ReportService, report_id: int) -> list[IssueEvent]:
    with service.repo.reading() as r:
        return r.versions().issue_history(report_id)


def already_issued(event: IssueEvent) -> ReportIssued:
    """The refusal to issue a report that is issued already (`event`: its issue)."""
    return ReportIssued(f"Báo cáo này đã ban hành ({issued_words(event)}) từ trước.", event.report_id,
                        "Muốn ban hành lại bản khác")


def issue_report(service: ReportService, report_id: int, docx_target: str | Path) -> IssueEvent:
    """Mark the report issued: its DOCX written to `docx_target` (kept as a version, its SHA-256
    recorded), then every change refused until it is unlocked with a reason."""
    from .export import write_docx_file
    report = service.get_report(report_id)
    with service.repo.reading() as r:
        if service._report(r, report_id).deleted:
            raise ServiceError("Báo cáo này đang ở trong thùng rác; hãy khôi phục trước khi ban hành.")
        done = r.versions().issued([report_id]).get(report_id)
    if done is not None:
        raise already_issued(done)
    missing = [what for what, ok in (("số văn bản", bool(report.meta.number.strip())),
                                     ("ngày, tháng, năm của văn bản", report.meta.date.is_complete())) if not ok]
    if missing:
        raise ServiceError(f"Chưa thể đánh dấu đã ban hành: còn thiếu {' và '.join(missing)} "
                           "(Thông tin văn bản).")
    number = report.meta.number_line().removeprefix("Số:").strip()
    date = report.meta.date.words()
    # the standard it prints in becomes its own, its values kept with it: the unit choosing another
    # standard or editing the standard's file later leaves the issued report as issued (its fresh
    # export still the issued file); unlocking keeps it, a copy follows what the report chose before
    from ..render.standards import style_values
    from .standards import standard_of
    style = standard_of(report)
    own = report.document_standard if report.issued_standard is None else report.issued_standard.get("own", "")
    report.issued_standard = {**style_values(style), "own": own}
    report.document_standard = style.standard_id
    path = write_docx_file(report, docx_target)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    # the export's record, the version kept and the issued mark: all written, or none (a report
    # half issued would be locked without its version, or have a version that says issued but is not)
    with service.atomic() as tx:
        if tx.versions().issued([report_id]):   # issued by another window since the check above
            raise ReportIssued("Báo cáo này vừa được ban hành từ một cửa sổ khác; không ban hành lại.", report_id,
                               None)
        now, user = _dt.datetime.now(), _user()
        tx.issue_changing.add(report_id)
        frame = service._found(tx.report_fields(report_id), f"Không tìm thấy báo cáo số {report_id}.")
        frame.document_standard, frame.issued_standard = report.document_standard, report.issued_standard
        tx.update_report(frame)   # its row's version moves on too: another window with it open reloads it, locked
        tx.record_export([report_id], "docx", str(path.resolve()), digest, user)
        kept = tx.versions().save(report, f"Ban hành số {number}", "issue", user, now)
        event = IssueEvent(report_id, "issue", now, user, "", number, date, digest, str(path.resolve()), kept.number)
        tx.versions().add_issue_event(event)
    service.note_change(report_id, meta=True)
    return event


def unlock_report(service: ReportService, report_id: int, reason: str) -> IssueEvent:
    """Lift the issued state; the reason is recorded with who and when."""
    reason = " ".join(clean_text(reason).split())
    if len(reason) < 5:
        raise ServiceError("Hãy ghi lý do mở khóa (ít nhất vài chữ), ví dụ “Sửa sai sót theo ý kiến lãnh đạo”.")
    if len(reason) > 1000:
        raise ServiceError("Lý do mở khóa quá dài (tối đa 1 000 ký tự); hãy ghi ngắn gọn.")
    with service.repo.transaction() as tx:
        service._report(tx, report_id)
        issued = tx.versions().issued([report_id]).get(report_id)
        if issued is None:
            raise ServiceError("Báo cáo này chưa được đánh dấu ban hành.")
        event = IssueEvent(report_id, "unlock", _dt.datetime.now(), _user(), reason, issued.number, issued.date,
                           issued.docx_sha256, issued.docx_path, issued.version_number)
        tx.versions().add_issue_event(event)
        tx.issue_changing.add(report_id)
        tx.touch(report_id)   # another window with it open reloads it, editable again
    service.note_change(report_id, meta=True)
    return event


@dataclass(frozen=True)
class IssuedCheck:
    matches: bool
    sha256: str                 # the file's
    issued: IssueEvent | None   # the last issue of the report (None: never issued)
    message: str                # what the officer is told


ISSUED_DOCX_LIMIT = 200 * 2**20   # far above any report (a 300-section one is ~1 MB)


def check_issued_docx(service: ReportService, report_id: int, path: str | Path) -> IssuedCheck:
    """Whether the file at `path` is, byte for byte, the DOCX recorded when the report was issued."""
    from ..errors import os_reason
    path = Path(path).expanduser()
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):   # a device (/dev/zero) or a pipe would be read for ever
            raise ServiceError(f"“{path}” không phải là một tệp văn bản (DOCX).")
        if st.st_size > ISSUED_DOCX_LIMIT:
            raise ServiceError(f"Tệp “{path.name}” quá lớn ({st.st_size // 2**20} MB) để là văn bản đã ban hành; "
                               "hãy chọn đúng tệp DOCX.")
        sha = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                sha.update(chunk)
        digest = sha.hexdigest()
    except OSError as exc:
        raise ServiceError(f"Không đọc được tệp “{path}”: {os_reason(exc)}.") from None
    history = issue_history(service, report_id)
    issues = [e for e in history if e.action == "issue"]
    if not issues:
        service.get_report(report_id)   # "not found" first
        return IssuedCheck(False, digest, None, "Báo cáo này chưa từng được đánh dấu ban hành.")
    last = issues[-1]
    for event in reversed(issues):
        if event.docx_sha256 == digest:
            when = f"{event.at:%d/%m/%Y %H:%M}"
            still = "" if event is last else " (một lần ban hành trước; báo cáo đã được mở khóa và ban hành lại sau đó)"
            # unlocked since (and not issued again): the file is the issued one, the report perhaps no longer
            if event is last and history[-1].action == "unlock":
                unlock = history[-1]
                still += (f". Báo cáo đã được mở khóa lúc {unlock.at:%d/%m/%Y %H:%M} (lý do: {unlock.reason}) "
                          "nên nội dung hiện tại có thể không còn khớp với tệp này")
            return IssuedCheck(True, digest, event, f"Đúng là văn bản đã ban hành {issued_words(event)}, "
                                                    f"đánh dấu lúc {when}{still}.")
    return IssuedCheck(False, digest, last, f"KHÔNG phải văn bản đã ban hành ({issued_words(last)}): nội dung tệp "
                                            "khác với bản được ghi nhận khi ban hành.")
