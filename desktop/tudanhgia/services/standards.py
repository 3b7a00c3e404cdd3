"""Document standards (render/standards.py) as the officer chooses them — a unit's, a report's own —
and the tone-mark style each standard asks for (hòa or hoà): applied to the text the program
generates, offered for the officer's own text as a list of changes to accept, never silently."""
from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.completeness import Issue, Severity
from ..domain.model import Report, UnitProfile, stored_id
from ..domain.names import shorten
from ..domain.richtext import Footnote, Paragraph, RichText, Run
from ..domain.tone_marks import differing_words, to_placement
from ..errors import ServiceError
from ..render.standards import DEFAULT_STANDARD, standards
from ..render.style import HouseStyle

if TYPE_CHECKING:
    from .reports import ReportService

__all__ = ["DEFAULT_STANDARD", "PLACEMENT_WORDS", "ToneChange", "all_standards", "converted", "description",
           "generated_in_placement", "normalise_tone", "set_report_standard", "set_unit_standard",
           "standard_issues", "standard_named", "standard_of", "tone_changes", "unit_standard", "write_texts"]

PLACEMENT_WORDS = {"old": "kiểu cũ: hòa, thủy, khỏe", "new": "kiểu mới: hoà, thuỷ, khoẻ"}


def all_standards() -> list[HouseStyle]:
    return standards().all()


def description(standard_id: str) -> str:
    """What the standard's file says of itself (its source, and what a unit should check)."""
    return standards().description(standard_id)


def standard_named(text: str) -> HouseStyle:
    """A standard by id or name; ServiceError (Vietnamese) when there is none."""
    try:
        return standards().resolve(text)
    except KeyError as exc:
        raise ServiceError(str(exc.args[0])) from None


def standard_of(report: Report) -> HouseStyle:
    from ..render.standards import standard_of as printed_in   # as issued, when it is (issue 17)
    return printed_in(report)


def unit_standard(unit: UnitProfile | None) -> HouseStyle:
    return standards().get(unit.document_standard if unit else "")


def set_report_standard(service: ReportService, report_id: int, standard: str) -> Report:
    """The report's own standard; "" (or "unit") goes back to its unit's."""
    sid = "" if standard.strip() in ("", "unit", "don-vi") else standard_named(standard).standard_id

    def edit(report: Report) -> None:
        report.document_standard = sid
        report.issued_standard = None   # chosen again (after an unlock): the standard's file as it is now
    return service.edit_report(report_id, edit)


def set_unit_standard(service: ReportService, unit_id: int, standard: str) -> UnitProfile:
    unit = service.get_unit(unit_id)
    chosen = standard_named(standard or DEFAULT_STANDARD).standard_id
    unit.document_standard = "" if chosen == DEFAULT_STANDARD else chosen
    return service.save_unit(unit)


# --- tone marks ----------------------------------------------------------------------------------
def convert_rich(rt: RichText, convert: Callable[[str], str]) -> RichText:
    """`rt` with every run's text converted, formatting and footnotes kept."""
    def run(r: Run) -> Run:
        return Run(convert(r.text), r.bold, r.italic)
    return RichText(tuple(Paragraph(tuple(run(i) if isinstance(i, Run) else Footnote(tuple(run(x) for x in i.runs))
                                          for i in p.items)) for p in rt.paragraphs))


def generated_in_placement(report: Report, placement: str) -> Report:
    """A new report's generated text (the kind's headings, guidance, prefilled bodies, subject,
    preamble, closing) in the standard's tone-mark placement."""
    conv = lambda t: to_placement(t, placement)  # type: ignore[arg-type]  # noqa: E731
    m = report.meta
    m.subject, m.preamble, m.closing = conv(m.subject), convert_rich(m.preamble, conv), convert_rich(m.closing, conv)
    for s in report.walk():
        s.heading, s.body, s.guidance = conv(s.heading), convert_rich(s.body, conv), convert_rich(s.guidance, conv)
    return report


@dataclass(frozen=True)
class ToneChange:
    """One word the normalisation would rewrite, where it stands."""
    where: str          # "Trích yếu", "Mục “2. Kết quả…”", "Hạn chế 1"
    word: str
    replacement: str


def _text(value: str | RichText) -> str:
    return value if isinstance(value, str) else "\n".join(p.text for p in value.paragraphs)


def _officer_texts(report: Report) -> Iterator[tuple[str, str | RichText]]:
    """(where, value) for every text the officer typed or may have changed."""
    numbers = report.numbering()
    m = report.meta
    yield "Trích yếu", m.subject
    yield "Phần mở đầu", m.preamble
    yield "Câu kết thúc", m.closing
    for s in report.walk():
        name = f"Mục “{shorten((numbers.get(s, '') + ' ' + s.heading).strip(), 60)}”"
        yield name, s.heading
        yield name, s.body
    for i, lim in enumerate(report.limitations, 1):
        for value in (lim.text, lim.cause_subjective, lim.cause_objective):
            yield f"Hạn chế {i}", value
    for i, meas in enumerate(report.all_measures(), 1):
        for value in (meas.content, meas.measure):
            yield f"Biện pháp {i}", value
    for i, task in enumerate(report.tasks, 1):
        yield f"Nhiệm vụ {i}", task.name


def tone_changes(report: Report, placement: str) -> list[ToneChange]:
    """Every word of the officer's text that the normalisation to `placement` would rewrite, in
    document order: what the preview lists before the officer accepts it."""
    return [ToneChange(where, word, new) for where, value in _officer_texts(report)
            for _start, _end, word, new in differing_words(_text(value), placement)]  # type: ignore[arg-type]


def converted(report: Report, placement: str) -> Report:
    """A copy of `report` with the officer's text written in `placement` (nothing stored)."""
    conv = lambda t: to_placement(t, placement)  # type: ignore[arg-type]  # noqa: E731
    out = copy.deepcopy(report)
    m = out.meta
    m.subject, m.preamble, m.closing = conv(m.subject), convert_rich(m.preamble, conv), convert_rich(m.closing, conv)
    for s in out.walk():
        s.heading, s.body = conv(s.heading), convert_rich(s.body, conv)
    for lim in out.limitations:
        lim.text, lim.cause_subjective, lim.cause_objective = (convert_rich(lim.text, conv),
                                                               convert_rich(lim.cause_subjective, conv),
                                                               convert_rich(lim.cause_objective, conv))
    for meas in out.all_measures():
        meas.content, meas.measure = convert_rich(meas.content, conv), convert_rich(meas.measure, conv)
    out.tasks = [dataclasses.replace(t, name=conv(t.name)) for t in out.tasks]
    return out


def write_texts(service: ReportService, target: Report, current: Report) -> None:
    """Store the officer's texts of `target` where they differ from `current` (the same report as
    stored now): the normalisation, and its undo with the texts from before it."""
    with service.atomic():   # all the texts written, or none (a refusal midway leaves nothing half done)
        m, c = target.meta, current.meta
        fields = {k: getattr(m, k) for k in ("subject", "preamble", "closing") if getattr(m, k) != getattr(c, k)}
        if fields:
            service.update_meta(stored_id(current), **fields)
        now = {s.id: s for s in current.walk()}
        for s in target.walk():
            old = now.get(s.id)
            if old is not None and (s.heading, s.body) != (old.heading, old.body):
                service.update_section(stored_id(s), heading=s.heading, body=s.body, before=old)
        now_lims = {x.id: x for x in current.limitations}
        for lim in target.limitations:
            old_lim = now_lims.get(lim.id)
            if old_lim is not None and (lim.text, lim.cause_subjective, lim.cause_objective) != (
                    old_lim.text, old_lim.cause_subjective, old_lim.cause_objective):
                new = copy.deepcopy(old_lim)
                new.text, new.cause_subjective = lim.text, lim.cause_subjective
                new.cause_objective = lim.cause_objective
                service.update_limitation(new, old_lim)
        now_meas = {x.id: x for x in current.all_measures()}
        for meas in target.all_measures():
            old_m = now_meas.get(meas.id)
            if old_m is not None and (meas.content, meas.measure) != (old_m.content, old_m.measure):
                new_m = copy.deepcopy(old_m)
                new_m.content, new_m.measure = meas.content, meas.measure
                service.update_measure(new_m, old_m)
        renamed = [t.name for t in target.tasks] != [t.name for t in current.tasks]
        if renamed and len(target.tasks) == len(current.tasks):
            from .tasks import set_tasks
            set_tasks(service, stored_id(current),
                      [dataclasses.replace(t, name=n.name) for t, n in zip(current.tasks, target.tasks, strict=True)])


def normalise_tone(service: ReportService, report_id: int, placement: str) -> int:
    """Rewrite the officer's text of the report in `placement` (after the officer saw
    `tone_changes` and accepted them); returns the number of words changed."""
    report = service.get_report(report_id)
    count = len(tone_changes(report, placement))
    if count:
        write_texts(service, converted(report, placement), report)
    return count


def standard_issues(report: Report, issues: list[Issue]) -> list[Issue]:
    """The pre-print check as the report's standard judges it: its archive line without "VT" (the
    Party's) is not a mistake, a form signed by its author and manager has no "Nơi nhận"; words
    written in the other tone-mark placement are noted with the way to normalise them; and the
    standard the document prints in is named."""
    style = standard_of(report)
    # a unit's corrected standard file that could not be read: said here, not only in the log
    from ..render.standards import standards
    skipped = [Issue("standard-file", f"Tệp thể thức không dùng được, đã bỏ qua: {err}", severity=Severity.WARNING)
               for err in standards().errors]
    issues = skipped + issues
    drop = set()
    if any(d.casefold() == "vt" for d in style.archive_drop):
        drop.add("archive-format")
    if report.signature_titles:
        drop.add("recipients-missing")
    out = [i for i in issues if i.code not in drop]
    dropped = [p.strip() for p in report.recipients.archive.split(",")
               if p.strip().rstrip(".").casefold() in {d.casefold() for d in style.archive_drop}]
    if dropped and not report.signature_titles:   # the officer typed it: say it will not print, never silently
        from ..render.layout import recipient_lines
        out.append(Issue("archive-dropped", f"Thể thức {style.standard_name} không ghi “{dropped[0]}” ở dòng Lưu; "
                                            f"văn bản in: “{recipient_lines(report.recipients, style)[-1]}”.",
                         severity=Severity.INFO, place="meta"))
    changes = tone_changes(report, style.tone_marks)
    if changes:
        first, words = changes[0], PLACEMENT_WORDS.get(style.tone_marks, style.tone_marks)
        out.append(Issue("tone-marks", f"{len(changes)} từ viết khác kiểu bỏ dấu của thể thức ({words}), ví dụ "
                                       f"“{first.word}” → “{first.replacement}” ({first.where}): dùng “Chuẩn hóa kiểu "
                                       "bỏ dấu…” để xem và sửa.", severity=Severity.INFO))
    out.append(Issue("document-standard", f"Văn bản được trình bày theo thể thức: {style.standard_name}.",
                     severity=Severity.INFO))
    return out
