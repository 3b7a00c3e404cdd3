"""Source lines → a structured report: the administrative frame, the outline with its levels,
ratings, the classification, limitations and causes, plan items with their labelled fields,
recipients and signer. Nothing of the source text is dropped: what cannot be placed goes to a
clearly marked section for the officer to sort out."""
from __future__ import annotations

import difflib
import functools
import itertools
import math
import re
from dataclasses import dataclass, field

from ..domain.model import (AppendixTable, Authority, ContentKind, DocDate, Limitation, Measure, Recipient,
                            Recipients, Report, Section, Signer, UnitProfile, placeholder_values)
from ..domain.numbering import NumberStyle
from ..domain.numbers import parse_number
from ..domain.period import Period
from ..domain.ratings import CapDo, ChatLuong, RatingScale
from ..domain.richtext import Paragraph, RichText, Run
from ..domain.text import fold, sentence_case, squeeze
from ..kinds import Kind, KindRegistry
from .coverage import Coverage, measure
from .source import SourceDocument, SourceLine

UNPLACED = "Nội dung chưa xếp được vào dàn ý (cần kiểm tra)"
_ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
PATTERNS = [  # (style, regex giving the label and the rest)
    (NumberStyle.PART, re.compile(r"^Phần\s+(?:thứ\s+)?(nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười|"
                                  rf"(?=[IVXLC]){_ROMAN})\b\s*[.:]?\s*(.*)$", re.I)),
    (NumberStyle.ROMAN, re.compile(rf"^({_ROMAN})\.\s+(.+)$")),
    # "A. NỘI DUNG KIỂM ĐIỂM" (the 2025 review's parts; lettered_parts keeps those where a part can
    # stand, any other "A. Ưu điểm" is text); I., V., X. are Roman above
    (NumberStyle.UPPER_LETTER, re.compile(r"^([A-ZĐ])\.\s+(.+)$")),
    (NumberStyle.NESTED, re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.+)$")),
    (NumberStyle.ARABIC, re.compile(r"^(\d{1,2})\.\s+(.+)$")),
    (NumberStyle.LETTER, re.compile(r"^([a-eg-ik-vxyđ])\)\s+(.+)$")),
]
RANK = {NumberStyle.PART: 0, NumberStyle.UPPER_LETTER: 1, NumberStyle.ROMAN: 2, NumberStyle.ARABIC: 3,
        NumberStyle.NESTED: 4, NumberStyle.LETTER: 5}
KIND_NAMES = ("BÁO CÁO", "KẾ HOẠCH", "TỜ TRÌNH", "THÔNG BÁO", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "PHƯƠNG ÁN")
MARKS = "☒☑■✓✔xX"
RATING_PROMPT = re.compile(r"^tự đánh giá về cấp độ thực hiện\s*:?\s*$", re.I)
SCORE_LINE = re.compile(r"^điểm tự chấm\s*:\s*([\d.,…]+)\s*/\s*([\d.,]+)\s*điểm\.?$", re.I)
STATED_TOTAL = re.compile(r"\s*:\s*([\d.,]+)\s*(?:/\s*([\d.,]+)\s*)?điểm\s*\.?\s*$", re.I)   # "/100" or not
TOTAL_LINE = re.compile(r"^(tổng điểm tự chấm|đối chiếu điểm chuẩn|mức xếp loại tương ứng)", re.I)
LABELS = {"biện pháp khắc phục": "measure", "biện pháp thực hiện": "measure", "chỉ đạo thực hiện": "directed_by",
          "đơn vị tham mưu thực hiện": "lead_unit", "đơn vị chủ trì": "lead_unit", "phối hợp thực hiện": "cooperating",
          "thời gian thực hiện": "timeframe"}
LABEL_LINE = re.compile(r"^-\s*(biện pháp khắc phục|biện pháp thực hiện|chỉ đạo thực hiện|đơn vị tham mưu thực hiện|"
                        r"đơn vị chủ trì|phối hợp thực hiện|thời gian thực hiện)\s*:\s*(.*)$", re.I | re.S)
DATE_LINE = re.compile(r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?"
                       r"\s*năm\s*(?P<y>\d{4})?", re.I)
# "Số: 37/BC-UBND", "Số 37/BC-UBND", "Số:37/…" (Nghị định 30), "Số 15-BC/ĐU" (the Party's: the symbol
# is kept as "BC-ĐU", which its standard prints "15-BC/ĐU")
NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<n>\d*)\s*(?P<join>/|-(?=\s*[^\W\d_]))\s*(?P<sym>\S+)", re.I)
ARCHIVE_LINE = re.compile(r"^lưu\s*:?\s*", re.I)
PURPOSE_TAIL = re.compile(r"^(.*)\((báo cáo|để biết|thực hiện|phối hợp|chỉ đạo|b/c)\)$", re.I)
AUTHORITY_LINE = re.compile(r"^(KT|TM|Q|TL|TUQ)\.\s*(.+)$")
PARTY_AUTHORITY = re.compile(r"^T\s*/\s*M\.?\s+(.+)$")    # a cấp ủy signs "T/M" (Hướng dẫn 05-HD/VPTW): "TM."
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
PLACEHOLDER = re.compile(r"(\{[a-z_]+\})")
SENTENCE_END = re.compile(r"[.;]$")
MOTTO = ("cộng hòa xã hội chủ nghĩa việt nam", "cộng hoà xã hội chủ nghĩa việt nam", "độc lập - tự do - hạnh phúc")


# a line is compared several times (the appendix, the frame, the kind, the outline): kept for the
# recognition under way like _classify's answers (Recognizer.run empties both)
@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    return fold(text).strip(" .:;")


@dataclass(frozen=True)
class Heading:
    style: NumberStyle
    label: str
    title: str            # "" for a numbered paragraph without a title
    written: NumberStyle | None = None   # a part's label as written: Phần I / Phần thứ II / Phần thứ hai


@dataclass
class ImportResult:
    report: Report
    kind: Kind
    score: float                                   # how well the outline matched the kind (0–1)
    matched: int                                   # kind sections found in the source
    notes: list[str] = field(default_factory=list)
    unplaced: int = 0
    candidates: list[tuple[Kind, float]] = field(default_factory=list)   # the three closest kinds, best first
    created_unit: UnitProfile | None = None        # the unit the import made (import --unit NAME)
    coverage: Coverage | None = None               # the source's words found in the report


def classify(line: SourceLine) -> Heading | None:
    return _classify(line.text)


# each line is asked about three times (the kind, the levels, the outline): the answer is kept for
# the recognition under way (Recognizer.run empties it)
@functools.lru_cache(maxsize=8192)
def _classify(text: str) -> Heading | None:
    text = squeeze(text)
    for style, rx in PATTERNS:
        m = rx.match(text)
        if m and style is NumberStyle.UPPER_LETTER and not _part_letter_title(m.group(2)):
            return None     # "A." before a finished sentence: text, not a part
        if m:
            written = None
            if style is NumberStyle.PART:
                ordinal = re.match(r"Phần\s+thứ\s", text, re.I) is not None
                written = NumberStyle.PART if not ordinal else NumberStyle.PART_ORDINAL \
                    if re.fullmatch(_ROMAN, m.group(1), re.I) else NumberStyle.PART_WORDS
            return Heading(style, m.group(1), m.group(2).strip(), written)
    return None


def lettered_parts(body: list[SourceLine], any_case: bool) -> frozenset[int]:
    """The lines of `body` (by id) that are lettered parts ("A. NỘI DUNG KIỂM ĐIỂM"): the letters
    A, B, … in order, the first with nothing numbered above it (since the start or a "Phần"), each
    followed by "I." before any other heading, in capitals unless `any_case` (the kind letters its
    parts). Any other "A. Ưu điểm" is the officer's own lettering inside a section: its text."""
    heads = [(id(ln), h) for ln in body if (h := classify(ln))]
    parts: set[int] = set()
    expected, numbered_above = "A", False
    for (at, h), (_, after) in zip(heads, [*heads[1:], (0, None)], strict=True):
        if h.style is NumberStyle.PART:
            expected, numbered_above = "A", False
        elif h.style is not NumberStyle.UPPER_LETTER:
            numbered_above = True
        elif h.label == expected and not (expected == "A" and numbered_above) and after is not None \
                and after.style is NumberStyle.ROMAN and after.label == "I" and (any_case or h.title.isupper()):
            parts.add(at)
            expected = chr(ord(expected) + 1)
    return frozenset(parts)


def heading_in(line: SourceLine, parts: frozenset[int]) -> Heading | None:
    """The line's heading, a lettered one only when it is one of the document's `parts`."""
    h = classify(line)
    return None if h is not None and h.style is NumberStyle.UPPER_LETTER and id(line) not in parts else h


def _part_letter_title(title: str) -> bool:
    """A part's title after "A.": in capitals, or short and not ending as a sentence. Lettered
    parts are rare outside the 2025 review, and a whole part cannot be a numbered paragraph."""
    title = title.strip()
    return title.isupper() or (len(title) <= 160 and not SENTENCE_END.search(title))


def _strip_label(paragraph: Paragraph, chars: int) -> Paragraph:
    """The paragraph without its first `chars` characters (its number), formatting kept."""
    items, left = [], chars
    for item in paragraph.items:
        if left > 0 and isinstance(item, Run):
            if len(item.text) <= left:
                left -= len(item.text)
                continue
            item = Run(item.text[left:], item.bold, item.italic)
            left = 0
        items.append(item)
    first = items[0] if items else None
    if isinstance(first, Run):
        items[0] = Run(first.text.lstrip(), first.bold, first.italic)
    return Paragraph(tuple(items))


CHECKED = "☒☑■✓✔"
BOXES = CHECKED + "☐□"
_MARK_TOKEN = re.compile(rf"[{BOXES}]|(?<![^\W_])[xX](?![^\W_])")


def _marks_in(gap: str) -> list[bool]:
    """The marks in the text between two options, in order: True for a checked one."""
    return [m.group(0) in CHECKED or m.group(0) in "xX" for m in _MARK_TOKEN.finditer(gap)]


def read_marks(options_line: str, levels) -> tuple[object | None, int | None]:
    """Which option a printed rating line marks, with the box (or an "x") before every option or
    after every option ("Xuất sắc ☒  Tốt ☐ …"): (level, number of checked marks). The count is None
    when the line has no mark at all (the choice may be shown by bold or underlining); the level is
    None unless exactly one option is checked."""
    text = " ".join(options_line.split())
    spans: list[tuple[int, int, object]] = []
    taken = [False] * len(text)
    for level in sorted(levels, key=lambda lv: -len(lv.label)):   # "Hoàn thành nhiệm vụ" inside a longer one
        for m in re.finditer(re.escape(level.label), text):
            s, e = m.span()
            if (s and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()) or any(taken[s:e]):
                continue
            taken[s:e] = [True] * (e - s)
            spans.append((s, e, level))
            break
    if not spans:
        return None, None
    spans.sort(key=lambda x: x[0])
    gaps = [text[:spans[0][0]]] + [text[a[1]:b[0]] for a, b in itertools.pairwise(spans)] + [text[spans[-1][1]:]]
    if not any(_marks_in(g) for g in gaps):
        return None, None
    after = not _marks_in(gaps[0]) and bool(_marks_in(gaps[-1]))
    checked = []
    for i, (_s, _e, level) in enumerate(spans):
        own = _marks_in(gaps[i + 1])[:1] if after else _marks_in(gaps[i])[-1:]
        if own and own[0]:
            checked.append(level)
    return (checked[0] if len(checked) == 1 else None), len(checked)


def unset_note(what: str, line: str, number: int, checked: int | None) -> str:
    """What the review lists about a rating left unset: two marks or none."""
    state = "có hai ô trở lên được đánh dấu" if checked else "chưa có ô nào được đánh dấu"
    return f"{what} “{line.strip()}” (đoạn {number}) {state}: để trống, cần chọn lại khi soát."


class Recognizer:
    def __init__(self, doc: SourceDocument, kinds: KindRegistry, kind_id: str | None = None):
        self.doc, self.kinds = doc, kinds
        self.lines = [ln for ln in doc.lines if ln.text.strip() or ln.paragraph.footnotes]
        self.kind_id = kind_id
        self.notes: list[str] = list(doc.notes)
        self.candidates: list[tuple[Kind, float]] = []

    # --- the frame --------------------------------------------------------------------------------
    def frame(self):
        """Split the lines: header and title, body, closing (recipients and signer)."""
        lines = self.lines
        title_at = next((i for i, ln in enumerate(lines[:40])
                         if any(norm(ln.text).upper().startswith(k.casefold().upper()) for k in KIND_NAMES)
                         and ln.text.strip() == ln.text.strip().upper()), None)
        close_at = next((i for i in range(len(lines) - 1, -1, -1) if norm(lines[i].text).startswith("nơi nhận")), None)
        return title_at, close_at

    def run(self) -> ImportResult:
        _classify.cache_clear()
        norm.cache_clear()
        # the appendix comes after the signature block: split it off first
        at = _appendix_start(self.lines)
        self.appendix = self.lines[at:] if at is not None else []
        self.lines = self.lines[:at] if at is not None else self.lines
        title_at, close_at = self.frame()
        meta = {}
        start = 0
        if title_at is not None:
            meta.update(self.header(self.lines[:title_at]))
            meta["kind_name"] = " ".join(self.lines[title_at].text.split())
            start = title_at + 1
            subject = []
            while start < len(self.lines) and self.lines[start].align == "center" and not classify(self.lines[start]) \
                    and len(subject) < 3:
                subject.append(" ".join(self.lines[start].text.split()))
                start += 1
            if not subject and start < len(self.lines) and len(self.lines[start].text) < 200 \
                    and not classify(self.lines[start]):
                subject.append(" ".join(self.lines[start].text.split()))
                start += 1
            meta["subject"] = " ".join(subject)
        else:
            meta.update(self.header([]))
        end = close_at if close_at is not None else len(self.lines)
        body = self.lines[start:end]
        signer, recipients = self.closing(self.lines[end:]) if close_at is not None else (Signer(), Recipients())
        kind = self.choose_kind(body, meta)
        return self.build(kind, meta, body, signer, recipients)

    def header(self, lines: list[SourceLine]) -> dict:
        out: dict = {}
        agencies = []
        for ln in lines:
            t = " ".join(ln.text.split())
            if not t or norm(t) in MOTTO or not any(c.isalnum() for c in t):    # "*" under a Party committee
                continue
            if (standard := _standard_named(t)) is not None:    # "ĐẢNG CỘNG SẢN VIỆT NAM": the Party's
                out["standard"] = standard
                continue
            if m := NUMBER_LINE.match(t):
                sym = m.group("sym") if m.group("join") == "/" else m.group("sym").replace("/", "-", 1)
                out["number"], out["symbol"] = m.group("n"), sym
            elif m := DATE_LINE.match(t):
                out["place"] = m.group("place").strip()
                out["date"] = DocDate(int(m.group("y")) if m.group("y") else None,
                                      int(m.group("m")) if m.group("m") else None,
                                      int(m.group("d")) if m.group("d") else None)
            elif t.upper() in ("MẬT", "TỐI MẬT", "TUYỆT MẬT"):
                out["secrecy"] = t.upper()
            elif t.upper() in ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC"):
                out["urgency"] = t.upper().replace("HOẢ", "HỎA")
            elif t == t.upper() and len(agencies) < 2:
                agencies.append(t)
        if agencies:
            out["parent_agency"] = agencies[0] if len(agencies) > 1 else ""
            out["issuing_agency"] = agencies[-1]
        return out

    def closing(self, lines: list[SourceLine]) -> tuple[Signer, Recipients]:
        recipients = Recipients([], "VT")
        signer_lines: list[str] = []
        # recipients typed with dashes: a line without one continues the recipient above it when
        # that did not end (a long name wrapped with Enter inside the table cell)
        dashed = any(" ".join(ln.text.split()).startswith("-") for ln in lines[1:])
        last: Recipient | None = None        # the recipient (or None: the archive line) being read
        raw = ""                             # its text as typed, for a continuation to join
        archive_open = False
        for ln in lines[1:]:
            t = " ".join(ln.text.split())
            if not t:
                continue
            in_left = ln.table is not None and ln.table[2] == 0
            ended = raw.rstrip().endswith((";", "."))
            continues = (in_left or ln.table is None) and not t.startswith("-") and (last is not None or archive_open) \
                and not t.isupper() and (t[:1].islower() or t[:1] == "(" or (dashed and not ended))
            if continues:
                raw = f"{raw} {t}"
                if archive_open:
                    recipients.archive = ARCHIVE_LINE.sub("", raw.lstrip("- ").rstrip(";.").strip()).strip() or "VT"
                elif last is not None:
                    last.text, last.purpose = _recipient_parts(raw)
                continue
            if t.startswith("-") or (in_left and not t.isupper()):
                body = t.lstrip("- ").rstrip(";.").strip()
                raw = t
                if ARCHIVE_LINE.match(body):
                    recipients.archive = ARCHIVE_LINE.sub("", body).strip() or "VT"
                    archive_open, last = True, None
                    continue
                archive_open = False
                last = Recipient(*_recipient_parts(t))
                recipients.lines.append(last)
            elif recipients.lines and not t.isupper() and not signer_lines and ln.table is None \
                    and recipients.lines[-1].text.endswith(","):
                recipients.lines[-1].text += " " + t.rstrip(";")
            else:
                signer_lines.append(t)
                last, archive_open = None, False
        return self.signer(signer_lines), recipients

    @staticmethod
    def signer(lines: list[str]) -> Signer:
        lines = [ln.strip("* ") for ln in lines if ln.strip("* ")]
        if not lines:
            return Signer()
        caps = [ln for ln in lines if ln == ln.upper()]
        name = next((ln for ln in reversed(lines) if ln != ln.upper()), "")
        authority, authority_position, position = Authority.NONE, "", ""
        for ln in caps:
            m = AUTHORITY_LINE.match(ln)
            party = PARTY_AUTHORITY.match(ln)
            if m and authority is Authority.NONE:
                authority, authority_position = Authority(m.group(1) + "."), m.group(2)
            elif party and authority is Authority.NONE:
                authority, authority_position = Authority.TM, party.group(1)
            elif not position:
                position = ln
        return Signer(authority, authority_position, position, name)

    # --- choosing the kind --------------------------------------------------------------------------
    def choose_kind(self, body: list[SourceLine], meta: dict) -> tuple[Kind, float, int]:
        """The kind with the most evidence: its headings found in the source (exactly, or worded a
        little differently), weighed against both the kind's size and the source's outline, and the
        title's words. The catch-all kind never competes on headings: it is taken when no other kind
        reaches its score. The three closest are kept in self.candidates."""
        parts = lettered_parts(body, any_case=True)    # as some kind may letter its parts
        titled = [h for h in (heading_in(ln, parts) for ln in body) if h and h.title]
        loose = {norm(h.title) for h in titled}
        loose |= {norm(h.title.split(":", 1)[0]) for h in titled if ":" in h.title}
        exact = loose | {norm(ln.text) for ln in body if len(ln.text) < 120}
        title = meta.get("kind_name", "") + " " + meta.get("subject", "")
        doc_kind = meta.get("kind_name", "")
        title_period = period_in_words(meta.get("subject", ""))
        sub_year = title_period is not None and (title_period.half or title_period.quarter)
        weights = _word_weights(tuple((k.name, k.subject) for k in self.kinds.all()))
        # the source's short lines by their first letters: a kind heading's pattern is asked only of
        # the lines starting as its words before any placeholder do (each kind's every heading was
        # matched against every line)
        by_lead: dict[str, list[str]] = {}
        for h in exact:
            by_lead.setdefault(h[:_LEAD_CHARS], []).append(h)
        scored: list[tuple[float, int, Kind]] = []
        for kind in self.kinds.all():
            if self.kind_id and kind.id != self.kind_id and kind.family != self.kind_id:
                continue
            if _catch_all(kind) and not self.kind_id:
                scored.append((FALLBACK_SCORE, 0, kind))
                continue
            found, evidence = 0, 0.0
            for ks in kind.sections:
                rx = _heading_rx(ks.heading)
                if rx is None:
                    continue
                lead = _heading_lead(ks.heading)
                if any(rx.match(h) for h in (by_lead.get(lead[:_LEAD_CHARS], ()) if len(lead) >= _LEAD_CHARS
                                             else exact)):
                    found, evidence = found + 1, evidence + 1.0
                elif any(_similar(h, ks.heading) for h in loose):
                    found, evidence = found + 1, evidence + FUZZY_WEIGHT
            recall = evidence / max(1, len(kind.sections))
            precision = min(1.0, evidence / max(1, len(titled)))
            fit = 2 * recall * precision / (recall + precision) if evidence else 0.0
            words = max(_title_similarity(kind.subject, title, weights), _title_similarity(kind.name, title, weights))
            if sub_year and "{period}" in kind.subject:
                words += 0.15   # "6 tháng", "quý": a periodic kind
            if not _same_document_kind(doc_kind, kind.kind_name):
                words = 0.0     # a "BÁO CÁO" is no "PHIẾU TỰ ĐÁNH GIÁ" however alike their subjects
            score = 0.65 * fit + 0.35 * min(1.0, words)
            if not found:
                score *= NO_HEADING_FACTOR   # the title alone must beat the catch-all clearly
            score = round(score, 3)
            scored.append((score, found, kind))
        if not scored:
            raise KeyError(self.kind_id)
        # the best score; on a tie, the kind found on more headings, then the registry's default
        scored.sort(key=lambda x: (-x[0], -x[1], not x[2].default))
        self.candidates = [(k, sc) for sc, _, k in scored[:3]]
        best = scored[0]
        return best[2], best[0], best[1]

    # --- the outline --------------------------------------------------------------------------------
    def build(self, chosen, meta: dict, body: list[SourceLine], signer: Signer, recipients: Recipients
              ) -> ImportResult:
        kind, score, _found = chosen
        date = meta.get("date") or DocDate()
        # the report's own words first ("6 tháng đầu năm 2021", "Quý III năm 2026", a plan's "năm 2022"
        # issued in 2023), then the date it was signed, then the first lines of its text
        worded = period_in_words(meta.get("subject", "")) or period_in_words(meta.get("kind_name", ""))
        period = worded or (Period(date.year) if date.year else None) \
            or period_in_words(" ".join(ln.text for ln in body[:30])) or Period(2000)
        period, period_note = _period_for(kind, period, worded is not None, date)
        if period_note:
            self.notes.append(period_note)
        report = kind.create_report(period)
        report.unit_id, report.unit_name = None, ""
        m = report.meta
        for key in ("parent_agency", "issuing_agency", "number", "symbol", "place", "kind_name", "subject",
                    "secrecy", "urgency"):
            if meta.get(key) is not None:
                setattr(m, key, meta[key])
        m.date = date
        report.signer, report.recipients = signer, recipients
        report.document_standard = meta.get("standard", "")    # printed back in the form it was written
        after_table: list[SourceLine] = []
        if self.appendix:
            appendix = read_appendix(self.appendix)
            report.appendix_title = appendix.title
            report.indicators, report.appendix_table = appendix.indicators, appendix.table
            after_table = appendix.rest
            # the officer's own line is kept; the program's own is left to follow the number and date
            if appendix.attached != _generated_attached(report):
                report.appendix_attached = appendix.attached

        parts = lettered_parts(body, any_case=any(lv.number is NumberStyle.UPPER_LETTER for lv in kind.levels))
        outline = _Outline(report, kind, period, body, parts)
        ratings = _Ratings(outline)
        items = _PlanItems(outline)
        # the order of the questions matters: a rating's options or a labelled field is never a
        # heading, a lettered item in a limitations section is never a subsection
        for line in body:
            text = squeeze(line.text)
            if outline.part_title(text) or ratings.take(line, text) or items.labelled(text):
                continue
            h = heading_in(line, parts)
            if items.lettered(line, text, h):
                continue
            if h or outline.unnumbered(line, text):
                if h:
                    outline.heading(line, text, h)
                items.current, items.field = None, "text"
                continue
            if not items.continued(line):
                outline.plain(line)
        ratings.finish()
        outline.unplaced += [ln.paragraph for ln in after_table]   # notes under the appendix table
        unplaced = outline.finish()
        if (ratings.closing_mark or outline.closing_mark) and not report.meta.closing.paragraphs:
            report.meta.closing = RichText((Paragraph.plain("./."),))
        for lim in report.limitations:
            lim.measures = [x for x in lim.measures if not _empty_measure(x)]
        notes = self.notes
        notes += ratings.review
        if unplaced:
            notes.append(f"{unplaced} đoạn chưa xếp được vào dàn ý đã đưa vào mục “{UNPLACED}”.")
        return ImportResult(report, kind, score, outline.matched, notes, unplaced, list(self.candidates),
                            coverage=measure(self.doc, report))


def _period_for(kind: Kind, period: Period, worded: bool, date: DocDate) -> tuple[Period, str]:
    """The period to store for a document recognised as `kind`, and what to tell the officer. A
    period the title states is the document's own word: kept even when the kind does not take it
    (the kind is the guess, from headings; the review says so, and the officer picks another kind).
    A period guessed from the date or the text is made one the kind takes, holding the signing month
    (a quarterly form signed 30/03/2026 → quý I/2026), and the review asks to check it."""
    if kind.takes(period):
        return period, ""
    if worded:
        return period, (f"Văn bản ghi kỳ {period.label}, còn mẫu “{kind.label}” lập theo {kind.periods_words}: đã giữ "
                        "kỳ của văn bản. Nếu chương trình nhận sai loại báo cáo, hãy chọn lại loại.")
    guessed = Period.of(kind.periods[0], period.year, date.month or 1)
    return guessed, (f"Văn bản không ghi kỳ báo cáo ở trích yếu; đã chọn {guessed.label} (mẫu “{kind.label}” lập "
                     f"theo {kind.periods_words}) theo ngày ký: hãy kiểm tra lại kỳ.")


# --- the body, line by line: the outline, the ratings, the plan items --------------------------------
class _Outline:
    """The section tree as the numbered lines build it: a stack of open sections by number rank,
    kind headings matched (year placeholders match any year), and the text before the first
    heading (preamble) or after it that fits nowhere (unplaced)."""

    def __init__(self, report: Report, kind: Kind, period: Period, body: list[SourceLine], parts: frozenset[int]):
        self.report, self.period = report, period
        self.values = placeholder_values(period, None)
        self.kind_by_heading = [(ks, _heading_rx(ks.heading)) for ks in kind.sections]
        # the kind's unnumbered headings (asked of every line; most kinds have none)
        self.unnumbered_heads = [(i, ks, rx) for i, (ks, rx) in enumerate(self.kind_by_heading)
                                 if ks.number is NumberStyle.NONE and rx is not None]
        self.roots: list[Section] = []
        self.stack: list[tuple[NumberStyle, Section]] = []
        self.preamble: list[Paragraph] = []
        self.unplaced: list[Paragraph] = []
        self.used_keys: set[str] = set()
        self.matched = 0
        self.styles_present = {h.style for h in (heading_in(ln, parts) for ln in body) if h}
        self.part_title_next = False
        self.parts_written: list[tuple[Section, NumberStyle]] = []   # each part and its label's style
        self.part_label_caps: bool | None = None   # the first part's label typed in capitals ("PHẦN I")?
        self.closing_mark = False    # "./." ended a classification stated in its heading

    def current(self) -> Section | None:
        return self.stack[-1][1] if self.stack else None

    def report_sections(self):
        """Every section read so far."""
        for root in self.roots:
            yield from root.walk()

    def part_title(self, text: str) -> bool:
        """The part's title comes on the line after "Phần I"."""
        sec = self.current()
        if not (self.part_title_next and sec is not None):
            return False
        sec.heading = sentence_case(text) if text.isupper() else text
        self.part_title_next = False
        ks = _match_kind(sec.heading, self.kind_by_heading, self.used_keys)
        if ks is not None:
            self.used_keys.add(ks.key)
            self.matched += 1
            template = Kind.make_section(ks, self.values)
            for attr in ("key", "guidance", "rating_scale", "max_score", "content", "optional", "fixed",
                         "number_style", "content_label", "measure_label"):
                setattr(sec, attr, getattr(template, attr))
        return True

    def heading(self, line: SourceLine, text: str, h: Heading) -> None:
        """A numbered line starts a section, titled or not (the export prints both so)."""
        stack = self.stack
        rank = RANK[h.style]
        while stack and RANK[stack[-1][0]] >= rank:
            stack.pop()
        new = Section()
        title = h.title if _looks_like_heading(line, h, self.kind_by_heading) or h.style is NumberStyle.PART else ""
        if h.style is NumberStyle.PART:
            self.part_title_next = not title
            if self.part_label_caps is None:
                self.part_label_caps = text[:len(text) - len(h.title)].isupper()
            new.heading = sentence_case(title) if title.isupper() else title
        elif title:
            new.heading = sentence_case(title) if title.isupper() and len(title) > 3 else title
        else:
            new.body = RichText((_strip_label(line.paragraph, len(text) - len(h.title)),))
        ks = _match_kind(new.heading, self.kind_by_heading, self.used_keys) if new.heading else None
        if ks is None and ":" in new.heading:  # "Đề nghị xếp loại mức chất lượng: Hoàn thành …"
            ks = _match_kind(new.heading.split(":", 1)[0], self.kind_by_heading, self.used_keys)
        if ks is not None:
            self.used_keys.add(ks.key)
            self.matched += 1
            template = Kind.make_section(ks, self.values)
            if not (title.isupper() and fold(template.heading) == fold(title)):   # the kind's "NỘI DUNG …" kept
                template.heading = new.heading
            template.body = new.body
            new = template
        (stack[-1][1].children if stack else self.roots).append(new)
        if h.written is not None:
            self.parts_written.append((new, h.written))
        stack.append((h.style, new))
        if new.content is ContentKind.SCORE_TOTAL and (m := STATED_TOTAL.search(new.heading)):
            # "TỔNG ĐIỂM TỰ CHẤM: 98/100 điểm": the report's total, not heading text
            new.score = _number_or_none(m.group(1))
            head = new.heading[:m.start()].strip()
            new.heading = sentence_case(head) if head.isupper() else head
        if new.rating_scale is RatingScale.CHAT_LUONG and ":" in new.heading:
            after = new.heading.split(":", 1)[1]
            new.rating = next((lv for lv in ChatLuong if norm(lv.label) == norm(after.replace("./.", ""))), None)
            new.heading = new.heading.split(":", 1)[0].strip()
            if new.rating is not None:   # stated in the heading: printed so, as written
                self.report.classification_style = "inline"
                self.closing_mark = self.closing_mark or after.rstrip().endswith("./.")

    def unnumbered(self, line: SourceLine, text: str) -> bool:
        """A kind's unnumbered heading alone on its line ("Tổng điểm" under B.I of the 2025 review),
        worded as the kind words it: a section under the open section its kind places it under
        (else beside the open one), numbered like the sibling read before it."""
        if not self.unnumbered_heads:
            return False
        h = norm(text)
        at = next((i for i, ks, rx in self.unnumbered_heads if ks.key not in self.used_keys and rx.match(h)), None)
        if at is None:
            return False
        ks = self.kind_by_heading[at][0]
        parent = next((p.key for p, _ in reversed(self.kind_by_heading[:at]) if p.level < ks.level), None)
        stack = self.stack
        under = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][1].key == parent), None) \
            if parent is not None and ks.level > 1 else None
        if under is None and ks.level > 1 and stack:
            under = len(stack) - 2       # beside the open section
        elif under is None:
            under = -1                   # a root
        style = stack[under + 1][0] if under + 1 < len(stack) else \
            stack[under][0] if under >= 0 else NumberStyle.ROMAN
        del stack[under + 1:]
        new = Kind.make_section(ks, self.values)
        self.used_keys.add(ks.key)
        self.matched += 1
        (stack[-1][1].children if stack else self.roots).append(new)
        stack.append((style, new))
        return True

    def total_section(self) -> Section | None:
        """The kind's score-total section for a total stated without a heading of its own
        ("TỔNG ĐIỂM TỰ CHẤM: 92/100 điểm" alone on its line): a root section, unnumbered and
        untitled as written, the total printed from it; None when the kind has none."""
        ks = next((ks for ks, _ in self.kind_by_heading
                   if ks.content is ContentKind.SCORE_TOTAL and ks.key not in self.used_keys), None)
        if ks is None:
            return None
        self.used_keys.add(ks.key)
        sec = Kind.make_section(ks, self.values)
        sec.heading, sec.number_style = "", NumberStyle.NONE
        self.roots.append(sec)
        self.stack[:] = [(self.stack[0][0] if self.stack else NumberStyle.ROMAN, sec)]
        return sec

    def plain(self, line: SourceLine) -> None:
        sec = self.current()
        if sec is None and not self.roots:
            self.preamble.append(line.paragraph)
        elif sec is None:
            self.unplaced.append(line.paragraph)
        else:
            sec.body = RichText((*sec.body.paragraphs, line.paragraph))

    def finish(self) -> int:
        """Closing sentence, preamble, the unplaced section and the levels; how many paragraphs
        were unplaced."""
        report, roots, unplaced = self.report, self.roots, self.unplaced
        m = report.meta
        # the closing sentence: the last paragraph ending with "./." before "Nơi nhận"
        m.closing = RichText()  # only what the source says: never the kind's template sentence
        last = _last_section(roots)
        if last is not None and last.body.paragraphs and last.body.paragraphs[-1].text.rstrip().endswith("./.") \
                and (last.heading or len(last.body.paragraphs) > 1     # never empty a numbered paragraph
                     or last.content is ContentKind.SCORE_TOTAL):
            m.closing = RichText((last.body.paragraphs[-1],))
            last.body = RichText(last.body.paragraphs[:-1])
        m.preamble = RichText(tuple(self.preamble))
        if unplaced:
            roots.append(Section(UNPLACED, RichText(tuple(unplaced)), number_style=NumberStyle.NONE))
        report.sections = roots
        # numbering styles as found in the source, in rank order
        styles = sorted(self.styles_present, key=RANK.get)
        if styles:
            from ..domain.model import LevelStyle
            keep = dict(enumerate(report.levels))
            report.levels = [LevelStyle(style, keep[i].bold if i in keep else True,
                                        keep[i].italic if i in keep else False, keep[i].caps if i in keep else False)
                             for i, style in enumerate(styles)]
        if self.parts_written and report.levels:
            # the parts' level as the first part writes it; a part written otherwise keeps its own
            first = self.parts_written[0][1]
            report.levels[0].number = first
            report.levels[0].label_caps = bool(self.part_label_caps)
            for sec, written in self.parts_written:
                sec.number_style = None if written is first else written
        return len(unplaced)


class _Ratings:
    """Ratings (the line after "Tự đánh giá về cấp độ thực hiện:", a box, an "x" or a bold option),
    typed scores, the computed totals, and the classification's four printed options."""

    def __init__(self, outline: _Outline):
        self.outline = outline
        self.pending: RatingScale | None = None
        self.review: list[str] = []        # ratings left unset for the officer: two marks or none
        self.closing_mark = False          # "./." ended a rating or option line
        self.options: dict[int, tuple[Section, list[tuple[object, bool, SourceLine]]]] = {}

    def take(self, line: SourceLine, text: str) -> bool:
        stack, sec = self.outline.stack, self.outline.current()
        if RATING_PROMPT.match(text):
            self.pending = RatingScale.CAP_DO
            return True
        if self.pending is not None:
            target = next((s for _, s in reversed(stack) if s.rating_scale is RatingScale.CAP_DO), None) or \
                (stack[min(1, len(stack) - 1)][1] if stack else None)
            self.pending = None
            if sum(1 for lv in CapDo if lv.label in text) < 2:
                # the prompt without its options line: the rating stays unset, the line is read as usual
                if target is not None:
                    target.rating_scale = RatingScale.CAP_DO
                    self.review.append(unset_note("Dòng tự đánh giá", "(không có dòng các mức)", line.number, 0))
                return False
            text = self.end_mark(text)
            if target is not None:
                target.rating_scale = RatingScale.CAP_DO
                level, checked = read_marks(text, CapDo)
                if checked is None:
                    level = _bold_choice(line, CapDo)
                target.rating = level
                if level is None:
                    self.review.append(unset_note("Dòng tự đánh giá", line.text, line.number, checked))
            return True
        if SCORE_LINE.match(text) and sec is not None and sec.is_scored:
            try:
                sec.score = parse_number(SCORE_LINE.match(text).group(1))
            except ValueError:   # "…/10 điểm": not scored yet
                sec.score = None
            return True
        # the anchored TOTAL_LINE first: STATED_TOTAL is tried at every position of a long line
        if TOTAL_LINE.match(text) and (m := STATED_TOTAL.search(text)) and norm(text).startswith("tổng điểm"):
            total = next((s for s in self.outline.report_sections() if s.content is ContentKind.SCORE_TOTAL), None) \
                or self.outline.total_section()
            if total is None:
                return False      # the kind has no total section to hold it: kept as text
            if not any(s.score is not None for s in self.outline.report_sections() if s.is_scored):
                total.score = _number_or_none(m.group(1))   # stated before the items are scored
            return True
        if TOTAL_LINE.match(text):
            return True  # computed from the items, never typed
        klass = next((s for _, s in reversed(stack) if s.rating_scale is RatingScale.CHAT_LUONG), None)
        option = _classification_option(text.removesuffix("./.")) if klass is not None else None
        if option is not None:
            self.end_mark(text)
            level, marked = option
            self.options.setdefault(id(klass), (klass, []))[1].append((level, marked, line))
            return True  # the four options are printed from the rating, not kept as text
        return False

    def end_mark(self, text: str) -> str:
        """A rating or option line closing the document's body with "./.": the mark is kept (as
        the closing line when the report has no closing sentence), the line read without it."""
        if text.endswith("./."):
            self.closing_mark = True
            return text[:-3]
        return text

    def finish(self) -> None:
        """The classification: the one option checked; two or none leave it unset, listed."""
        for klass, lines in self.options.values():
            checked = [level for level, marked, _ in lines if marked]
            klass.rating = checked[0] if len(checked) == 1 else None
            if len(checked) != 1:
                shown = " / ".join(ln.text.strip() for _, marked, ln in lines if marked or not checked)
                self.review.append(unset_note("Mức xếp loại", shown, lines[0][2].number, len(checked)))


class _PlanItems:
    """Limitations, causes and measures: lettered lines in a section whose kind generates them,
    their labelled fields ("- Biện pháp khắc phục: …") and the paragraphs that continue a field."""

    def __init__(self, outline: _Outline):
        self.outline = outline
        self.report, self.period = outline.report, outline.period
        self.current: Limitation | Measure | None = None
        self.field = "text"

    def labelled(self, text: str) -> bool:
        lm = LABEL_LINE.match(text)
        if not lm or self.current is None:
            return False
        fieldname = LABELS[lm.group(1).casefold()]
        value = lm.group(2).strip()
        item = self.current
        if isinstance(item, Limitation):
            if not item.measures or (fieldname == "measure" and not item.measures[-1].measure.is_empty()):
                item.measures.append(Measure())  # a second "Biện pháp" label: a second measure
            item = item.measures[-1]
        if fieldname == "measure":
            item.measure = RichText.from_plain(value)
        else:
            setattr(item, fieldname, value)
        self.field = fieldname
        return True

    def lettered(self, line: SourceLine, text: str, h: Heading | None) -> bool:
        report, period, sec = self.report, self.period, self.outline.current()
        content = sec.content if sec is not None else None
        if not (h and h.style is NumberStyle.LETTER and content in (
                ContentKind.LIMITATIONS, ContentKind.LIMITATIONS_WITH_MEASURES, ContentKind.CAUSES,
                ContentKind.MEASURES) and not _is_kind_heading(h.title, self.outline.kind_by_heading)):
            return False
        rest = _strip_label(line.paragraph, len(text) - len(h.title) if text.endswith(h.title) else 3)
        if content is ContentKind.CAUSES:
            idx = sum(1 for lim in report.limitations if not lim.cause_subjective.is_empty())
            if idx < len(report.limitations):
                report.limitations[idx].cause_subjective = RichText((rest,))
                self.current, self.field = report.limitations[idx], "cause_subjective"
            else:
                lim = Limitation(cause_subjective=RichText((rest,)), origin=period)
                report.limitations.append(lim)
                self.current, self.field = lim, "cause_subjective"
        elif content is ContentKind.MEASURES:
            label = (sec.content_label or "").casefold()
            p = rest
            if label and norm(p.text).startswith(label):
                p = _strip_label(p, len(label) + (1 if p.text[len(label):len(label) + 1] == ":" else 0) + 1)
                p = _strip_label(p, 0)
                if p.text.startswith(":"):
                    p = _strip_label(p, 1)
            measure = Measure(content=RichText((p,)), section=sec)
            report.measures.append(measure)
            self.current, self.field = measure, "content"
        else:
            lim = Limitation(text=RichText((rest,)), origin=period)
            report.limitations.append(lim)
            self.current, self.field = lim, "text"
        return True

    def continued(self, line: SourceLine) -> bool:
        """A plain paragraph that continues the current item's field, or a causes section's text."""
        item, fieldname = self.current, self.field
        if item is not None:
            value = getattr(item, fieldname) if fieldname not in ("measure",) else None
            if isinstance(item, Limitation) and item.measures and fieldname == "measure":
                m_ = item.measures[-1]
                m_.measure = RichText((*m_.measure.paragraphs, line.paragraph))
                return True
            if isinstance(value, RichText):
                setattr(item, fieldname, RichText((*value.paragraphs, line.paragraph)))
                return True
        sec = self.outline.current()
        if sec is not None and sec.content in (ContentKind.CAUSES_SUBJECTIVE, ContentKind.CAUSES_OBJECTIVE):
            fname = "cause_subjective" if sec.content is ContentKind.CAUSES_SUBJECTIVE else "cause_objective"
            if not self.report.limitations:
                self.report.limitations.append(Limitation(origin=self.period))
            lim = self.report.limitations[0]
            setattr(lim, fname, RichText((*getattr(lim, fname).paragraphs, line.paragraph)))
            return True
        return False


def _number_or_none(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _recipient_parts(typed: str) -> tuple[str, str]:
    """A recipient line as typed ("- Ban Tổ chức Huyện ủy (báo cáo);") → (name, purpose)."""
    body = " ".join(typed.split()).lstrip("- ").rstrip(";.").strip()
    if m := PURPOSE_TAIL.match(body):
        return m.group(1).strip(), m.group(2)
    return body, ""


def _bold_choice(line: SourceLine, levels):
    """The option printed in bold or underlined when the others are not (common ways of marking it)."""
    marked = {" ".join(r.text.split()) for r in line.paragraph.runs() if r.bold and r.text.strip()} \
        if not line.all_bold else set()
    marked |= set(line.underlined)
    hits = [lv for lv in levels if lv.label in marked]
    return hits[0] if len(hits) == 1 else None


# an appendix's title line: "Phụ lục", "Phụ lục 01", "Phụ lục số 02", "PHỤ LỤC II", "Biểu số liệu",
# "Biểu số 01", "Biểu mẫu 3" (not "Biểu dương …", a body sentence)
APPENDIX_TITLE = re.compile(rf"^(?:phụ\s*lục|biểu(?=\s*$|\s+(?:số|mẫu)\b|\s*\d|\s+(?=[IVX]+\b){_ROMAN}\b))", re.I)


_APPENDIX_LEADS = frozenset("pPbB")   # what APPENDIX_TITLE can start with (re.I adds no other letter)


def _lead(text: str) -> str:
    """The first character of `squeeze(text)`, without squeezing a long text."""
    first = text[:1]
    return text.lstrip()[:1] if first.isspace() else first


def _appendix_start(lines: list[SourceLine]) -> int | None:
    """Where the appendix begins: a "PHỤ LỤC …" line in capitals (as before), or a title line in
    any case ("Phụ lục 01", "Biểu số liệu") standing after the signature block, followed within a
    few short title lines by its table or its "(Kèm theo …)" line. A body sentence that merely
    names an appendix ("Số liệu theo Phụ lục kèm theo.") is none of these."""
    close = next((i for i in range(len(lines) - 1, -1, -1) if norm(lines[i].text).startswith("nơi nhận")), -1)
    for i, ln in enumerate(lines):
        if i <= 5 or ln.table is not None or _lead(ln.text) not in _APPENDIX_LEADS \
                or not APPENDIX_TITLE.match(squeeze(ln.text)):
            continue
        if ln.text.strip().isupper() and norm(ln.text).startswith("phụ lục"):
            return i
        if i < close or ln.text.strip().endswith((".", ";", ",")):    # a sentence, not a title
            continue
        for nxt in lines[i + 1:i + 5]:
            t = " ".join(nxt.text.split())
            if nxt.table is not None or "\t" in nxt.text or t.startswith("(Kèm theo"):
                return i
            if len(t) > 200 or t.endswith((".", ";")):
                break
    return None


def _standard_named(line: str) -> str | None:
    """The id of the document standard (other than Nghị định 30) whose national line this is."""
    from ..render.standards import DEFAULT_STANDARD, standards
    return next((s.standard_id for s in standards().all() if s.standard_id != DEFAULT_STANDARD
                 and s.national and norm(s.national) == norm(line)), None)


INDICATOR_HEADER = ("stt", "chỉ tiêu", "đơn vị tính", "kết quả", "trên tổng số", "tỷ lệ")


@dataclass
class _Appendix:
    title: str = ""
    attached: str = ""
    indicators: list = field(default_factory=list)
    table: AppendixTable | None = None
    rest: list[SourceLine] = field(default_factory=list)   # lines after the table: kept, unplaced


def read_appendix(lines: list[SourceLine]) -> _Appendix:
    """The appendix after the signature: its title lines, the officer's "(Kèm theo …)" line as
    written, and its table (DOCX cells, or tab-separated lines of a text file) — read into
    indicators when it is exactly the program's own indicator table, else kept cell for cell."""
    out = _Appendix()
    cells: dict[tuple[int, int], dict[int, list[str]]] = {}
    tab_rows: list[list[str]] = []
    titles: list[str] = []
    seen_table = False
    # a second appendix (its title lines between two tables): the model holds one table, so they
    # become rows of it, one line a row in the wide second column, where they stood
    between: dict[int, list[str]] = {}     # position among the rows → the lines before that row
    for ln in lines:
        t = "\n".join(" ".join(part.split()) for part in ln.text.strip().split("\n"))   # line breaks kept
        if (ln.table is not None or "\t" in ln.text) and out.rest:
            between[len(cells) + len(tab_rows)] = [" ".join(x.text.split()) for x in out.rest]
            out.rest = []
        if ln.table is not None:
            seen_table = True
            cells.setdefault(ln.table[:2], {}).setdefault(ln.table[2], []).append(t)
        elif "\t" in ln.text:
            seen_table = True
            tab_rows.append([" ".join(c.split()) for c in ln.text.split("\t")])
        elif seen_table:
            out.rest.append(ln)
        elif t.startswith("(Kèm theo") and not out.attached:
            out.attached = ln.text.strip()    # as written, its blanks (no-break spaces) too
        else:
            titles.append(t)
    out.title = "\n".join(titles)
    width = max([len(r) for r in tab_rows] + [max(row) + 1 for row in cells.values()] + [0])
    rows = [r + [""] * (width - len(r)) for r in tab_rows]
    rows += [["\n".join(row.get(c, [])) for c in range(width)] for _, row in sorted(cells.items())]
    if not rows:
        return out
    for at in sorted(between, reverse=True):
        rows[at:at] = [[""] * min(1, width - 1) + [text] + [""] * (width - 2) for text in between[at]]
    indicators = _as_indicators(rows)
    if indicators is not None:
        out.indicators = indicators
    else:
        out.table = AppendixTable(rows[0], rows[1:])
    return out


def _generated_attached(report: Report) -> str:
    """The "(Kèm theo …)" line the program would print for the report."""
    from ..render.layout import Appendix, layout
    return next((b.attached_to for b in layout(report).blocks if isinstance(b, Appendix)), "")


def _as_indicators(rows: list[list[str]]):
    """The rows as indicators when they are the program's own table (its header, rows numbered 1,
    2, …, numbers where it prints numbers, the rate it computes): printing them again gives the
    same cells. None otherwise: the table is then kept as written."""
    from ..domain.model import Indicator
    from ..render.layout import vn_number
    header, body = rows[0], rows[1:]
    if tuple(fold(c) for c in header if c.strip()) != INDICATOR_HEADER or len(header) != len(INDICATOR_HEADER):
        return None
    out = []
    for i, row in enumerate(body, 1):
        if row[0].strip().rstrip(".") != str(i):
            return None
        try:
            value, denominator = (parse_number(row[c]) if row[c].strip() else None for c in (3, 4))
        except ValueError:
            return None
        ind = Indicator(row[1], row[2], value, denominator)
        rate = "" if ind.rate is None else f"{vn_number(ind.rate, 1)}%"
        if [str(i), ind.name, ind.unit, vn_number(value), vn_number(denominator), rate] != row:
            return None
        out.append(ind)
    return out


def _classification_option(text: str):
    """(level, marked) when the line is one of the four printed options, the box before it or
    after it ("☒ Hoàn thành tốt nhiệm vụ;", "Hoàn thành tốt nhiệm vụ; ☒"), else None."""
    stripped = text.strip().lstrip("- ")
    lead = re.match(rf"^(?:[{BOXES}]|[xX](?= ))\s*", stripped)
    tail = re.search(rf"\s*(?:[{BOXES}]|(?<= )[xX])$", stripped)
    mark = lead.group(0) if lead else tail.group(0) if tail else ""
    body = stripped[lead.end():] if lead else stripped[:tail.start()] if tail else stripped
    level = next((lv for lv in ChatLuong if norm(lv.label) == norm(body)), None)
    return (level, bool(_marks_in(mark)) and _marks_in(mark)[0]) if level is not None else None


def _empty_measure(m: Measure) -> bool:
    return m.measure.is_empty() and m.content.is_empty() and not (m.directed_by or m.lead_unit or m.cooperating
                                                                   or m.timeframe)


def _last_section(sections: list[Section]) -> Section | None:
    last = None
    for s in sections:
        for x in s.walk():
            last = x
    return last


_HALF = re.compile(r"\b(?:6|06|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})\b", re.I)
_QUARTER = re.compile(r"\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:năm|/|-)?\s*)(\d{4})\b", re.I)
_YEAR_WORDS = re.compile(r"\bnăm\s+(\d{4})\b", re.I)
# "tháng 3/2026", "tháng 03 năm 2026": a month (Nghị định 335/2025's monthly evaluation)
_MONTH = re.compile(r"(?<![\w/])tháng\s+(\d{1,2})\s*(?:năm\s+|/\s*|-\s*)(\d{4})\b", re.I)
_DAY_BEFORE = re.compile(r"ngày\s*\d{1,2}\s*$", re.I)   # "ngày 15 tháng 3 năm 2026" is a date
_DATE_BEFORE = re.compile(r"ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*$", re.I)   # and its "năm 2026" the date's


def _month_in(text: str, before: int) -> Period | None:
    """A month named before position `before` (where the title names its year: "năm 2025 (từ tháng
    01/2025 …)" and "năm 2025, phương hướng tháng 01/2026" are the year's reports)."""
    for m in _MONTH.finditer(text, 0, before):
        if not _DAY_BEFORE.search(text[:m.start()]) and 1 <= int(m.group(1)) <= 12:
            return Period(int(m.group(2)), month=int(m.group(1)))
    return None


def period_in_words(text: str) -> Period | None:
    """The period a text names: a half-year, a quarter, a month, "năm 2022", or a bare year."""
    text = " ".join(text.split())
    try:
        if m := _HALF.search(text):
            return Period(int(m.group(2)), half=1 if m.group(1).casefold() == "đầu" else 2)
        if m := _QUARTER.search(text):
            q = m.group(1).upper()
            return Period(int(m.group(2)), quarter=int(q) if q.isdigit() else {"I": 1, "II": 2, "III": 3, "IV": 4}[q])
        # a month counts when named before the title's "năm 2025" (a date's "năm" is not the title's)
        year = next((y for y in _YEAR_WORDS.finditer(text) if not _DATE_BEFORE.search(text[:y.start()])), None)
        if month := _month_in(text, year.end() if year else len(text)):   # "tháng 3 năm 2026" ends with it
            return month
        m = _YEAR_WORDS.search(text) or YEAR.search(text)
        return Period(int(m.group(1))) if m else None
    except ValueError:   # a year out of range: not a period
        return None


FALLBACK_SCORE = 0.2     # the catch-all kind's: a specific kind must do better to be chosen
FUZZY_WEIGHT = 0.8       # a heading worded a little differently counts less than an exact one
NO_HEADING_FACTOR = 0.6  # a kind none of whose headings is found: its title match must be near whole
_FILLER = frozenset({"những", "các", "về", "việc"})


def _catch_all(kind: Kind) -> bool:
    """The free outline: "khác", or a kind whose outline is a single section."""
    return kind.id == "khac" or kind.family == "khac" or len(kind.sections) <= 1


def _same_document_kind(document: str, kind_name: str) -> bool:
    """The document's kind word ("BÁO CÁO", "KẾ HOẠCH", …) is the kind's ("PHIẾU TỰ ĐÁNH GIÁ"):
    one begins with the other. A document without one found says nothing against any kind."""
    a, b = norm(document), norm(kind_name)
    return not a or not b or a.startswith(b) or b.startswith(a)


def _tokens(text: str) -> tuple[str, ...]:
    """Words of a heading as compared: case folded, punctuation and filler words dropped, a year
    or a placeholder as "#"."""
    text = re.sub(r"\{[a-z_]+\}|\b\d{4}\b", " # ", fold(text))
    return tuple(w for w in re.findall(r"[^\W_]+|#", text) if w not in _FILLER)


@functools.lru_cache(maxsize=65536)
def _similar(source: str, kind_heading: str) -> bool:
    """A source heading worded a little differently from the kind's: the same words but for
    filler ("Những kết quả đạt được…" ≈ "Kết quả đạt được…"), the kind's heading cut short
    after most of its words, or nearly the same letters. Short headings must match exactly."""
    a, b = _tokens(source), _tokens(kind_heading)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3:
        return False
    if long_[:len(short)] == short and len(short) / len(long_) >= 0.6:
        return True
    # the same words reordered ("Kiến nghị, đề xuất" ≈ "Đề xuất, kiến nghị") or a word or two added
    # ("Phương hướng, nhiệm vụ, giải pháp …" ≈ "Nhiệm vụ, giải pháp …"): one heading's words all in
    # the other's, most of the longer's found
    few, many = sorted((set(a), set(b)), key=len)
    if few <= many and len(few) >= 3 and len(few) / len(many) >= 0.75:
        return True
    # the quick bounds first (exact upper bounds of the ratio): a line of 100,000 letters compared
    # with a heading cost minutes through ratio() alone (hostile input hunt)
    m = difflib.SequenceMatcher(None, " ".join(a), " ".join(b))
    return m.real_quick_ratio() >= 0.88 and m.quick_ratio() >= 0.88 and m.ratio() >= 0.88


def _pairs(text: str) -> set[tuple[str, str]]:
    words = [w for w in _tokens(text) if w != "#"]
    return set(itertools.pairwise(words)) - {("báo", "cáo")}


@functools.lru_cache(maxsize=16)
def _word_weights(kinds: tuple[tuple[str, str], ...]) -> dict[tuple[str, str], float]:
    """Word pairs of the kinds' names and subjects, weighted by how few kinds use them: "dân vận"
    tells a kind, "kết quả" does not."""
    counts: dict[tuple[str, str], int] = {}
    for name, subject in kinds:
        for pair in _pairs(name) | _pairs(subject):
            counts[pair] = counts.get(pair, 0) + 1
    return {pair: math.log(1 + len(kinds) / n) for pair, n in counts.items()}


def _title_similarity(words: str, title: str, weights: dict[tuple[str, str], float]) -> float:
    """The weighted share of a kind's name (or subject) word pairs found in the source's title."""
    want = _pairs(words)
    total = sum(weights.get(p, 1.0) for p in want)
    return sum(weights.get(p, 1.0) for p in want & _pairs(title)) / total if total else 0.0


@functools.lru_cache(maxsize=4096)   # the kinds' headings: a bounded set, compiled once each
def _heading_rx(heading: str) -> re.Pattern[str] | None:
    """A kind heading as a pattern: a year placeholder matches any year, others any words.
    Choosing the kind used to compile each heading again for every heading of the source
    (three quarters of a 300-section import's recognition)."""
    h = norm(heading)
    if not h:
        return None
    out = []
    for part in PLACEHOLDER.split(h):
        if part in ("{year}", "{prev_year}", "{next_year}"):
            out.append(r"\d{4}")
        elif part.startswith("{") and part.endswith("}"):
            out.append(r".+?")
        else:
            out.append(re.escape(part))
    return re.compile("^" + "".join(out) + "$")


_LEAD_CHARS = 3


@functools.lru_cache(maxsize=4096)
def _heading_lead(heading: str) -> str:
    """What every line `_heading_rx(heading)` matches starts with: its words before a placeholder."""
    return PLACEHOLDER.split(norm(heading))[0]


def _match_kind(heading: str, kind_by_heading, used: set[str]):
    """The kind's section a heading stands for: worded exactly so first, else a little differently."""
    h = norm(heading)
    free = [(ks, rx) for ks, rx in kind_by_heading if ks.key not in used and rx is not None]
    return next((ks for ks, rx in free if rx.match(h)), None) or \
        next((ks for ks, _ in free if _similar(h, ks.heading)), None)


def _is_kind_heading(title: str, kind_by_heading) -> bool:
    h = norm(title)
    return any(rx is not None and (rx.match(h) or _similar(h, ks.heading)) for ks, rx in kind_by_heading)


def _looks_like_heading(line: SourceLine, h: Heading, kind_by_heading) -> bool:
    """A numbered line with a title, or a numbered paragraph? Kind headings and bold lines are
    titles; otherwise a short line that does not read as a finished sentence."""
    if _is_kind_heading(h.title, kind_by_heading) or line.all_bold:
        return True
    if ":" in h.title and _is_kind_heading(h.title.split(":", 1)[0], kind_by_heading):
        return True  # "Đề nghị xếp loại mức chất lượng: Hoàn thành xuất sắc nhiệm vụ."
    title = h.title.strip()
    if len(title) > 160:
        return False
    return not SENTENCE_END.search(title) or len(title) < 60
