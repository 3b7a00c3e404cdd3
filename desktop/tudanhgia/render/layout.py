"""Domain Report → renderer-neutral blocks: the one place where a kind's content becomes a
document. The DOCX, HTML-preview and plain-text backends all read these blocks."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from collections.abc import Iterable

from ..domain.appendix import RowKind, row_kind
from ..domain.model import (Authority, ContentKind, DocumentMeta, LevelStyle, Measure, Recipients, Report, Section,
                            Signer)
from ..domain.numbering import letter
from ..domain.numbers import number_text
from ..domain.ratings import RatingScale
from ..domain.richtext import Inline, Paragraph, RichText, Run
from ..domain.tasks import TaskScoring, task_points
from ..domain.text import agency_in_sentence, fold
from ..domain.tone_marks import to_placement
from .style import STYLE, HouseStyle

BOX_EMPTY = "☐"
BOX_CHECKED = "☒"
NBSP = "\u00a0"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"   # H3 (spelt "HÒA")
MOTTO = "Độc lập - Tự do - Hạnh phúc"                 # H4
RECIPIENTS_HEAD = "Nơi nhận:"                         # C1


class Role(Enum):
    """What a paragraph is, so a backend can pick its style (spec nd30 ids in comments)."""

    PREAMBLE = "preamble"          # B1
    BODY = "body"                  # B1
    PART_LABEL = "part-label"      # B2 "Phần I"
    PART_TITLE = "part-title"      # B2 title line
    HEADING = "heading"            # B3–B6 titled heading
    ITEM = "item"                  # numbered paragraph without a title (B4 upright)
    MEASURE_LINE = "measure-line"  # "- Chỉ đạo thực hiện: …"
    RATING_PROMPT = "rating-prompt"
    RATING_OPTIONS = "rating-options"  # R1 the four levels on one line
    CLASSIFICATION_OPTION = "classification-option"  # R2 one option per line
    SCORE_TOTAL = "score-total"    # R3
    CLOSING = "closing"            # B8


@dataclass
class Header:
    """The borderless two-column table of page 1 (H1–H8)."""
    parent_agency: str
    issuing_agency: str
    number_line: str
    place_date: str
    secrecy: str = ""
    urgency: str = ""
    national: str = NATIONAL_NAME
    motto: str = MOTTO


@dataclass
class Title:
    kind_name: str   # T1
    subject: str     # T2


@dataclass
class Para:
    paragraph: Paragraph
    role: Role = Role.BODY
    depth: int = 0                     # outline depth for headings / items
    style: LevelStyle | None = None    # the level's weights for headings
    section_id: int | None = None


@dataclass
class RatingLine:
    """Four options with boxes on one line; `chosen` is the index or None (R1)."""
    options: list[str]
    chosen: int | None


@dataclass
class Signature:
    """Nơi nhận (left) and the signature block (right) side by side (C1–C7). A form signed by two
    (a civil servant's self-evaluation) has a second signature at the left instead: `left_title`
    (the manager) with the name left blank for them to write."""
    recipients: list[str]
    authority_lines: list[str]
    name: str
    recipients_head: str = RECIPIENTS_HEAD
    left_title: list[str] = field(default_factory=list)


@dataclass
class PageBreak:
    new_section: bool = False   # appendix: own section, page numbers restart (A1)


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    numeric_columns: set[int] = field(default_factory=set)
    widths_mm: tuple[float | None, ...] | None = None   # its own column widths (None: the rest); else the appendix's
    bold_rows: frozenset[int] = frozenset()   # a kept appendix's group headings ("I | CÔNG TÁC KIỂM TRA")


@dataclass
class Appendix:
    title: str        # A2
    attached_to: str  # A3 "(Kèm theo Báo cáo số …)"


Block = Header | Title | Para | RatingLine | Signature | PageBreak | Table | Appendix


@dataclass
class Layout:
    blocks: list[Block]
    footnotes: list[RichText]     # in reference order, numbered from 1 (F1)


def _labelled(label: str, value: Iterable[Inline] | str) -> Paragraph:
    runs = [Run(value)] if isinstance(value, str) else list(value)
    return Paragraph((Run("- "), Run(f"{label}:", italic=True), Run(" "), *runs))


def _prefix(paragraph: Paragraph, prefix: str, italic_label: str = "") -> Paragraph:
    lead = [Run(prefix)]
    if italic_label:
        lead += [Run(f"{italic_label}:", italic=True), Run(" ")]
    return paragraph.prefixed(lead)


def _lettered(n: int, text: RichText, label: str, depth: int, section_id: int | None) -> list[Para]:
    """The n-th lettered item: 'a) [label:] first paragraph', then the rest as body."""
    paras = list(text.paragraphs) or [Paragraph()]
    out = [Para(_prefix(paras[0], f"{letter(n)}) ", label), Role.ITEM, depth, section_id=section_id)]
    out.extend(Para(p, Role.BODY, section_id=section_id) for p in paras[1:])
    return out


def measure_lines(m: Measure, measure_label: str, section_id: int | None) -> list[Para]:
    out: list[Para] = []
    paras = list(m.measure.paragraphs)
    if paras and measure_label:
        out.append(Para(_labelled(measure_label, paras[0].items), Role.MEASURE_LINE, section_id=section_id))
        out.extend(Para(p, Role.BODY, section_id=section_id) for p in paras[1:])
    for label, value in (("Chỉ đạo thực hiện", m.directed_by), ("Đơn vị tham mưu thực hiện", m.lead_unit),
                         ("Phối hợp thực hiện", m.cooperating), ("Thời gian thực hiện", m.timeframe)):
        if value.strip():
            out.append(Para(_labelled(label, value), Role.MEASURE_LINE, section_id=section_id))
    return out


def number_line(meta: DocumentMeta, style: HouseStyle = STYLE, blank: str = NBSP * 5) -> str:
    """H5 in the standard's words: 'Số: 05/BC-VP' (Nghị định 30), 'Số 05-BC/ĐU' (the Party's);
    the number left blank while unissued."""
    symbol = meta.symbol
    if style.symbol_separator != "-":
        symbol = symbol.replace("-", style.symbol_separator, 1)
    return f"{style.number_label} {meta.printed_number() or blank}{style.number_joiner}{symbol}"


def recipient_lines(recipients: Recipients, style: HouseStyle = STYLE) -> list[str]:
    """C2, C3: one line per recipient, then the archive line in the standard's words. Entries the
    standard does not print ("VT" in the Party's) are left out; nothing left: its default."""
    archive = recipients.archive.strip().rstrip(".")
    if style.archive_drop:
        drop = {d.casefold() for d in style.archive_drop}
        kept = [p.strip() for p in archive.split(",") if p.strip() and p.strip().casefold() not in drop]
        archive = ", ".join(kept) or style.archive_default
    return [r.line() for r in recipients.lines] + [style.archive_line.format(archive=archive)]


def authority_lines(signer: Signer, style: HouseStyle = STYLE) -> list[str]:
    """C4, C5 with the standard's word for the authority ("TM." printed "T/M" by a cấp ủy)."""
    lines = signer.title_lines()
    words = dict(style.authority_words)
    if lines and signer.authority is not Authority.NONE and signer.authority.value in words:
        lines[0] = words[signer.authority.value] + lines[0][len(signer.authority.value):]
    return lines


class _Builder:
    def __init__(self, report: Report, style: HouseStyle = STYLE):
        self.r, self.style = report, style
        self.numbers = report.numbering()
        self.blocks: list[Block] = []

    def words(self, text: str) -> str:
        """The program's own words in the standard's tone-mark placement (hòa or hoà)."""
        return to_placement(text, self.style.tone_marks)  # type: ignore[arg-type]

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def build(self) -> Layout:
        r, m = self.r, self.r.meta
        st = self.style
        self.add(Header(m.parent_agency, m.issuing_agency, number_line(m, st), m.date.place_line(m.place),
                        m.secrecy, m.urgency, self.words(st.national), self.words(st.motto)))
        self.add(Title(m.kind_name, m.subject))
        for p in m.preamble.paragraphs:
            self.add(Para(p, Role.PREAMBLE))
        for s, depth in ((s, 1) for s in r.sections):
            self.section(s, depth)
        if not any(s.content is ContentKind.SCORE_TOTAL for s in r.walk()):
            self.score_total(None)
        for p in m.closing.paragraphs:
            self.add(Para(p, Role.CLOSING))
        if r.signature_titles:
            manager, person = r.signature_titles
            self.add(Signature([], [self.words(person.upper()), *authority_lines(r.signer, st)], r.signer.name,
                               "", [self.words(manager.upper())]))
        else:
            self.add(Signature(recipient_lines(r.recipients, st), authority_lines(r.signer, st), r.signer.name,
                               self.words(st.recipients_head)))
        if r.appendix_title:
            self.appendix()
        return Layout(self.blocks, _collect_footnotes(self.blocks))

    def section(self, s: Section, depth: int) -> None:
        r = self.r
        style = r.level_style(depth)
        number = self.numbers.get(s, "")
        nstyle = r.style_of(s, depth)
        body = list(s.body.paragraphs)
        inline_choice = (s.rating_scale is RatingScale.CHAT_LUONG and r.classification_style == "inline"
                         and s.rating is not None)
        if nstyle.is_part:
            label = number.upper() if style.label_caps else number   # "PHẦN THỨ NHẤT" as the document typed it
            self.add(Para(Paragraph.plain(label), Role.PART_LABEL, depth, style, s.id))
            if s.heading:
                self.add(Para(Paragraph.plain(s.heading.upper()), Role.PART_TITLE, depth, style, s.id))
        elif s.heading:
            title = s.heading.upper() if style.caps else s.heading
            text = f"{number} {title}".strip()
            if inline_choice and s.rating is not None:
                text = f"{text.rstrip(':')}: {s.rating.label}."
            self.add(Para(Paragraph.plain(text), Role.HEADING, depth, style, s.id))
        elif number:
            first = body.pop(0) if body else Paragraph()
            self.add(Para(_prefix(first, f"{number} "), Role.ITEM, depth, style, s.id))
        self.add(*(Para(p, Role.BODY, section_id=s.id) for p in body))
        self.generated(s, depth)
        for c in s.children:
            self.section(c, depth + 1)
        if s.rating_scale is RatingScale.CAP_DO:
            levels = list(RatingScale.CAP_DO.levels)
            self.add(Para(Paragraph.plain(self.words(RatingScale.CAP_DO.prompt)), Role.RATING_PROMPT,
                          section_id=s.id))
            self.add(RatingLine([self.words(lv.label) for lv in levels], levels.index(s.rating) if s.rating else None))
        elif s.rating_scale is RatingScale.CHAT_LUONG and not inline_choice:
            levels = list(RatingScale.CHAT_LUONG.levels)
            for i, lv in enumerate(levels):
                box = BOX_CHECKED if s.rating is lv else BOX_EMPTY
                end = "." if i == len(levels) - 1 else ";"
                self.add(Para(Paragraph.plain(f"{box} {lv.label}{end}"), Role.CLASSIFICATION_OPTION,
                              section_id=s.id))
        if s.is_scored:
            own = self.r.section_score(s)
            score = "…" if own is None else vn_number(own)
            self.add(Para(Paragraph((Run(f"Điểm tự chấm: {score}/{vn_number(s.max_score)} điểm", italic=True),)),
                          Role.BODY, section_id=s.id))

    def score_total(self, section_id: int | None) -> None:
        """'Tổng điểm tự chấm: 98/100 điểm' — computed, never typed (R3) — and what it means."""
        r = self.r
        total = r.score_total()
        if total is None:
            return
        blank = r.nothing_scored()   # blanks to fill, not "0/100 … Không hoàn thành nhiệm vụ", a verdict nobody gave
        shown = "…" if blank else vn_number(total)
        self.add(Para(Paragraph.plain(f"Tổng điểm tự chấm: {shown}/{vn_number(r.score_max())} điểm"),
                      Role.SCORE_TOTAL, section_id=section_id))
        scoring = r.scoring
        if scoring is None:
            return
        if scoring.pass_mark is not None:
            verdict = "…" if blank else "đạt." if total >= scoring.pass_mark else "chưa đạt."
            self.add(Para(Paragraph.plain(f"Đối chiếu điểm chuẩn ({vn_number(scoring.pass_mark)} điểm): {verdict}"),
                          Role.BODY, section_id=section_id))
        band = scoring.band_for(total)
        if band is not None:
            level = "…" if blank else f"{band.label}."
            self.add(Para(Paragraph.plain(f"Mức xếp loại tương ứng với tổng điểm: {level}"),
                          Role.BODY, section_id=section_id))

    def generated(self, s: Section, depth: int) -> None:
        r, c, sid = self.r, s.content, s.id
        item_depth = depth + 1
        if c in (ContentKind.LIMITATIONS, ContentKind.LIMITATIONS_WITH_MEASURES):
            for i, lim in enumerate(r.limitations, 1):
                self.add(*_lettered(i, lim.text, "", item_depth, sid))
                if c is ContentKind.LIMITATIONS_WITH_MEASURES:
                    for m in lim.measures:
                        self.add(*measure_lines(m, s.measure_label or "Biện pháp khắc phục", sid))
        elif c is ContentKind.CAUSES:
            with_causes = [lim for lim in r.limitations if not lim.causes.is_empty()]
            for i, lim in enumerate(with_causes, 1):
                self.add(*_lettered(i, lim.causes, "", item_depth, sid))
        elif c in (ContentKind.CAUSES_SUBJECTIVE, ContentKind.CAUSES_OBJECTIVE):
            for lim in r.limitations:
                causes = lim.cause_subjective if c is ContentKind.CAUSES_SUBJECTIVE else lim.cause_objective
                self.add(*(Para(p, Role.BODY, section_id=sid) for p in causes.paragraphs))
        elif c is ContentKind.SCORE_TOTAL:
            self.score_total(sid)
        elif c is ContentKind.TASKS and r.tasks:
            self.add(task_table(r))
        elif c is ContentKind.MEASURES:
            for i, m in enumerate(r.general_measures_of(s), 1):
                self.add(*_lettered(i, m.content, s.content_label, item_depth, sid))
                self.add(*measure_lines(m, s.measure_label, sid))

    def appendix(self) -> None:
        r, m = self.r, self.r.meta
        number = m.printed_number() or NBSP * 5  # as in the header's "Số:" line (A3)
        attached = r.appendix_attached or (f"(Kèm theo {m.kind_name.capitalize()} số {number}/{m.symbol} "
                                           f"{m.date.words()} của {_issuer(r)})")
        self.add(PageBreak(new_section=True), Appendix(r.appendix_title, attached))
        kept = r.appendix_table
        width = max([len(kept.header), *(len(row) for row in kept.rows)]) if kept is not None else 0
        if kept is not None and width:   # an imported table, printed as the officer wrote it (no column: nothing)
            pad = lambda cells: list(cells) + [""] * (width - len(cells))  # noqa: E731
            rows = [pad(row) for row in kept.rows]
            groups = frozenset(i for i, row in enumerate(rows) if row_kind(row) is RowKind.GROUP)
            self.add(Table(pad(kept.header), rows, kept.numeric_columns(), kept_widths_mm(pad(kept.header), rows),
                           groups))
            if not r.indicators:
                return
            # indicators the officer added since (Phụ lục số liệu) print after it, never dropped
        rows = []
        for i, ind in enumerate(r.indicators, 1):
            rate = ind.rate
            rows.append([str(i), ind.name, ind.unit, vn_number(ind.value), vn_number(ind.denominator),
                         "" if rate is None else f"{vn_number(rate, 1)}%"])
        self.add(Table(["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Trên tổng số", "Tỷ lệ"], rows, {3, 4, 5}))


KEPT_FIXED_MM = 90.0   # at most this much to the narrow columns: the widest column keeps the rest


def kept_widths_mm(header: list[str], rows: list[list[str]]) -> tuple[float | None, ...]:
    """A kept appendix's columns sized by what they hold (equal shares made "STT" as wide as
    "Chỉ tiêu", which then wrapped on three lines): a short first column (STT) 14 mm (its bold
    header fits), the column with the longest texts takes the rest, the others 2 mm a character of
    their longest cell, between 16 and 35 mm."""
    columns = list(zip(header, *rows, strict=True))
    longest = [max(len(c.strip()) for c in col) for col in columns]
    average = [sum(len(c.strip()) for c in col) / len(col) for col in columns]
    widest = max(range(len(columns)), key=lambda c: (average[c], -c))
    number = 14.0 if widest != 0 and longest[0] <= 5 else 0.0
    fixed = {c: min(max(2.0 * longest[c], 16.0), 35.0) for c in range(len(columns))
             if c != widest and not (c == 0 and number)}
    scale = min(1.0, (KEPT_FIXED_MM - number) / sum(fixed.values())) if fixed else 1.0
    return tuple(None if c == widest else number if c == 0 and number else round(fixed[c] * scale, 1)
                 for c in range(len(columns)))


# Vietnamese number format, 1.234,5 (A4): the one the editor shows too
vn_number = number_text


TASK_HEADER = ["STT", "Nhiệm vụ, sản phẩm", "Hoàn thành/ được giao", "Lỗi lớn", "Chậm tiến độ", "Điểm"]
TASK_WIDTHS_MM = (14, None, 27, 20, 22, 22)


def task_table(r: Report) -> Table:
    """The period's tasks with the three measures and each task's points (Nghị định 335/2025)."""
    scoring = r.task_scoring or TaskScoring()
    rows = [[str(i), t.name, f"{t.done}/{t.planned}", str(t.major_errors), str(t.delays),
             vn_number(task_points(t, r.tasks, scoring))] for i, t in enumerate(r.tasks, 1)]
    total = r.tasks_score()
    rows.append(["", "Cộng", "", "", "", f"{vn_number(total)}/{vn_number(scoring.max_points)}"])
    return Table(TASK_HEADER, rows, {2, 3, 4, 5}, TASK_WIDTHS_MM)


def _collect_footnotes(blocks: list[Block]) -> list[RichText]:
    notes: list[RichText] = []
    for b in blocks:
        if isinstance(b, Para):
            for fn in b.paragraph.footnotes:
                notes.append(RichText((Paragraph(fn.runs),)))
    return notes


_HANDLERS = {Header: "header", Title: "title", Para: "para", RatingLine: "rating", Signature: "signature",
             PageBreak: "page_break", Appendix: "appendix", Table: "table"}


def bare_headings(blocks: list[Block]) -> set[int]:
    """The headings (by id) with nothing of their own after them: the next block is a heading of
    their level or above, or no paragraph at all. Kept with the next paragraph, a draft's run of
    empty headings went to the next page as one block, leaving the page before half blank (issue
    15, LibreOffice); a heading with text or sub-headings keeps, and so does the last heading with
    the closing sentence after it (alone, "V. Đề nghị xếp loại …: Hoàn thành …" could end a page
    with the closing on the next). The DOCX and Xem trước (which emulates keep-with-next) both
    follow it."""
    bare = set()
    for b, nxt in zip(blocks, [*blocks[1:], None], strict=True):
        if not (isinstance(b, Para) and b.role in (Role.HEADING, Role.PART_TITLE)):
            continue
        ends = isinstance(nxt, Para) and nxt.role in (Role.HEADING, Role.PART_LABEL) and nxt.depth <= b.depth
        if ends or not isinstance(nxt, (Para, RatingLine, Table)):
            bare.add(id(b))
    return bare


def render_blocks(lay: Layout, backend) -> None:
    """Hand every block to the backend's method for its kind (header, title, para, rating,
    signature, page_break, appendix, table): one dispatch for all backends."""
    for block in lay.blocks:
        getattr(backend, _HANDLERS[type(block)])(block)


def layout(report: Report, style: HouseStyle | None = None) -> Layout:
    """The report's blocks in `style` (default: the standard the report is printed in)."""
    if style is None:
        from .standards import standard_of
        style = standard_of(report)
    return _Builder(report, style).build()


__all__ = ["Appendix", "Block", "Header", "Layout", "PageBreak", "Para", "RatingLine", "Role", "Signature",
           "Table", "Title", "BOX_CHECKED", "BOX_EMPTY", "MOTTO", "NATIONAL_NAME", "NBSP", "RECIPIENTS_HEAD",
           "authority_lines", "bare_headings", "layout", "measure_lines", "number_line",
           "recipient_lines", "render_blocks", "vn_number"]


def _issuer(r: Report) -> str:
    """Who the appendix line names (Nghị định 30: the agency issuing the document): the unit's
    name when it is that agency's full name ("VĂN PHÒNG" of "Văn phòng UBND tỉnh Quảng Ngãi"),
    else the document's issuing agency as a sentence names it, else the unit's name."""
    agency = agency_in_sentence(r.meta.issuing_agency.strip())
    if r.unit_name and (not agency or fold(r.unit_name).startswith(fold(agency))):
        return r.unit_name
    return agency
