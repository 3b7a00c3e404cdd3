"""What changed between two states of a report: per section, word by word (Vietnamese words are
the letters between spaces and punctuation, diacritics included), and the ratings, scores,
document fields, limitations, measures, indicators and the kept appendix table that differ.
Pure: the preview, the tracked-changes DOCX and the command line draw the same `ReportDiff`."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from .dates import day_text
from .model import Limitation, Measure, Report, Section
from .richtext import RichText

SAME, INSERTED, DELETED, CHANGED = "=", "+", "-", "~"
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    op: str      # SAME, INSERTED or DELETED
    text: str


@dataclass(frozen=True)
class ParagraphDiff:
    op: str      # SAME, INSERTED, DELETED or CHANGED (then its segments say how)
    segments: tuple[Segment, ...]

    @property
    def old_text(self) -> str:
        return "".join(s.text for s in self.segments if s.op != INSERTED)

    @property
    def new_text(self) -> str:
        return "".join(s.text for s in self.segments if s.op != DELETED)


@dataclass(frozen=True)
class FieldChange:
    label: str   # "Tự đánh giá", "Số văn bản", "Hạn chế 2: Nguyên nhân chủ quan"…
    old: str
    new: str


@dataclass
class SectionDiff:
    section_id: int | None
    number: str               # the printed number in the newer state ("" for none)
    heading: str              # the newer heading (the older one for a removed section)
    op: str                   # SAME, INSERTED, DELETED or CHANGED
    heading_segments: tuple[Segment, ...] = ()
    paragraphs: list[ParagraphDiff] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    within: str = ""          # the sections it is under: "Phần II Kết quả… › I. Công tác tham mưu…"

    @property
    def title(self) -> str:
        return f"{self.number} {self.heading}".strip() or "(mục không tên)"


@dataclass
class ReportDiff:
    old_label: str
    new_label: str
    sections: list[SectionDiff] = field(default_factory=list)
    meta: list[FieldChange] = field(default_factory=list)
    preamble: list[ParagraphDiff] = field(default_factory=list)
    closing: list[ParagraphDiff] = field(default_factory=list)
    items: list[FieldChange] = field(default_factory=list)        # limitations and measures
    indicators: list[FieldChange] = field(default_factory=list)

    @property
    def changed_sections(self) -> list[SectionDiff]:
        return [s for s in self.sections if s.op != SAME]

    @property
    def has_changes(self) -> bool:
        return bool(self.changed_sections or self.meta or self.items or self.indicators
                    or _changed(self.preamble) or _changed(self.closing))

    def counts(self) -> tuple[int, int]:
        """(words inserted, words deleted) over every text compared."""
        texts = [s.heading_segments for s in self.sections]
        texts += [p.segments for s in self.sections for p in s.paragraphs]
        texts += [p.segments for p in self.preamble + self.closing]
        ins = dele = 0
        for segments in texts:
            for seg in segments:
                words = len(re.findall(r"\w+", seg.text))
                ins += words if seg.op == INSERTED else 0
                dele += words if seg.op == DELETED else 0
        return ins, dele


    def summary(self) -> str:
        """One sentence of what changed: words, sections, ratings, scores, the document's fields
        (named), the opening and closing, limitations, measures and the appendix (counted)."""
        if not self.has_changes:
            return "Hai phiên bản giống hệt nhau."
        ins, dele = self.counts()
        fields = [f.label for s in self.sections for f in s.fields]
        ratings = sum(label != "Điểm tự chấm" for label in fields)
        parts = [f"thêm {ins} từ, xóa {dele} từ" if ins or dele else "",
                 f"{len(self.changed_sections)} mục thay đổi" if self.changed_sections else "",
                 f"{ratings} mức tự đánh giá, xếp loại" if ratings else "",
                 f"{len(fields) - ratings} điểm tự chấm" if len(fields) > ratings else "",
                 f"thông tin văn bản: {', '.join(c.label for c in self.meta)}" if self.meta else "",
                 "phần mở đầu thay đổi" if _changed(self.preamble) else "",
                 "câu kết thúc thay đổi" if _changed(self.closing) else ""]
        limitations = sum(c.label.startswith("Hạn chế") for c in self.items)
        for name, count in (("hạn chế, khuyết điểm", limitations), ("biện pháp", len(self.items) - limitations),
                            ("phụ lục số liệu", len(self.indicators))):
            parts.append(f"{name}: {count} thay đổi" if count else "")
        text = "; ".join(p for p in parts if p)
        return text[:1].upper() + text[1:] + "."


def _changed(paragraphs: list[ParagraphDiff]) -> bool:
    return any(p.op != SAME for p in paragraphs)


def tokens(text: str) -> list[str]:
    """Words, runs of spaces and single punctuation marks, in NFC (a word typed with combining
    tone marks equals the same word precomposed)."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if out and out[-1].op == seg.op:
            out[-1] = Segment(seg.op, out[-1].text + seg.text)
        else:
            out.append(seg)
    return tuple(out)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """`old` → `new` as kept, deleted and inserted stretches of whole words. A space between two
    changed words goes with the change, so "a b" → "c d" reads as one deletion and one insertion."""
    a, b = tokens(old), tokens(new)
    out: list[Segment] = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for i, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            kept = a[i1:i2]
            between = 0 < i < len(opcodes) - 1 and len(kept) == 1 and kept[0].isspace()
            if between:   # a lone space between two changes: part of both
                out += [Segment(DELETED, kept[0]), Segment(INSERTED, kept[0])]
            else:
                out.append(Segment(SAME, "".join(kept)))
        else:
            if i2 > i1:
                out.append(Segment(DELETED, "".join(a[i1:i2])))
            if j2 > j1:
                out.append(Segment(INSERTED, "".join(b[j1:j2])))
    # deletions before insertions within one changed stretch (as Word shows them)
    ordered: list[Segment] = []
    for seg in out:
        if seg.op == SAME or not ordered or ordered[-1].op == SAME:
            ordered.append(seg)
            continue
        run_start = len(ordered)
        while run_start > 0 and ordered[run_start - 1].op != SAME:
            run_start -= 1
        stretch = [*ordered[run_start:], seg]
        ordered[run_start:] = [s for s in stretch if s.op == DELETED] + [s for s in stretch if s.op == INSERTED]
    return _merge(ordered)


def paragraph_diff(old: list[str], new: list[str]) -> list[ParagraphDiff]:
    """Paragraphs matched as wholes first (moved text stays whole), then paired ones compared word by word."""
    out: list[ParagraphDiff] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [ParagraphDiff(SAME, (Segment(SAME, p),)) for p in old[i1:i2]]
            continue
        olds, news = old[i1:i2], new[j1:j2]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        for k in range(paired):
            out.append(ParagraphDiff(CHANGED, word_diff(olds[k], news[k])))
        out += [ParagraphDiff(DELETED, (Segment(DELETED, p),)) for p in olds[paired:]]
        out += [ParagraphDiff(INSERTED, (Segment(INSERTED, p),)) for p in news[paired:]]
    return out


def _paragraphs(text: RichText) -> list[str]:
    out = []
    for p in text.paragraphs:
        notes = [n.text for n in p.footnotes]
        out.append(p.text + "".join(f" [Chú thích: {n}]" for n in notes))
    return out


def _rating(s: Section) -> str:
    return s.rating.label if s.rating is not None else "(chưa chọn)"


def _score(s: Section) -> str:
    return "(chưa chấm)" if s.score is None else f"{s.score:g}".replace(".", ",")


def _section_fields(old: Section, new: Section) -> list[FieldChange]:
    out = []
    if (old.rating_scale or new.rating_scale) and _rating(old) != _rating(new):
        scale = new.rating_scale or old.rating_scale
        label = "Đề nghị xếp loại" if scale is not None and scale.value == "chat-luong" else "Tự đánh giá"
        out.append(FieldChange(label, _rating(old), _rating(new)))
    if (old.is_scored or new.is_scored) and _score(old) != _score(new):
        out.append(FieldChange("Điểm tự chấm", _score(old), _score(new)))
    return out


def _meta_fields(r: Report) -> dict[str, str]:
    m, s = r.meta, r.signer
    return {"Cơ quan chủ quản": m.parent_agency, "Cơ quan ban hành": m.issuing_agency, "Số văn bản": m.number,
            "Ký hiệu": m.symbol, "Địa danh": m.place, "Ngày văn bản": m.date.words("…"),
            "Tên loại văn bản": m.kind_name, "Trích yếu": m.subject, "Độ mật": m.secrecy,
            "Độ khẩn": m.urgency, "Quyền hạn ký": s.authority.value, "Chức vụ ký thay": s.authority_position,
            "Chức vụ người ký": s.position, "Người ký": s.name,
            "Nơi nhận": "; ".join(f"{x.text} ({x.purpose})" if x.purpose else x.text for x in r.recipients.lines),
            "Lưu": r.recipients.archive}


def _item_text(label: str, old: str, new: str, out: list[FieldChange]) -> None:
    if old != new:
        out.append(FieldChange(label, old, new))


def _limitation_fields(lim: Limitation) -> dict[str, str]:
    return {"nội dung": lim.text.plain, "nguyên nhân chủ quan": lim.cause_subjective.plain,
            "nguyên nhân khách quan": lim.cause_objective.plain, "do ai nêu": lim.raised_by}


def _measure_fields(m: Measure) -> dict[str, str]:
    return {"nội dung": m.content.plain, "biện pháp": m.measure.plain, "chỉ đạo": m.directed_by,
            "chủ trì": m.lead_unit, "phối hợp": m.cooperating, "thời gian": m.timeframe,
            "hạn": day_text(m.due) if m.due else "", "trạng thái": m.status.label, "kết quả": m.result}


def _first_words(text: str, n: int = 8) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def _items(old: Report, new: Report) -> list[FieldChange]:
    out: list[FieldChange] = []
    olds = {lim.id: (i, lim) for i, lim in enumerate(old.limitations, 1)}
    news = {lim.id: (i, lim) for i, lim in enumerate(new.limitations, 1)}
    for lid, (i, lim) in news.items():
        name = f"Hạn chế {i} ({_first_words(lim.text.plain)})"
        if lid not in olds:
            out.append(FieldChange(f"{name}: thêm mới", "", lim.text.plain))
            continue
        before = _limitation_fields(olds[lid][1])
        for key, value in _limitation_fields(lim).items():
            _item_text(f"{name}: {key}", before[key], value, out)
    for lid, (i, lim) in olds.items():
        if lid not in news:
            out.append(FieldChange(f"Hạn chế {i}: đã xóa", lim.text.plain, ""))
    old_m = {m.id: m for m in old.all_measures()}
    new_m = {m.id: m for m in new.all_measures()}
    for i, (mid, m) in enumerate(new_m.items(), 1):
        name = f"Biện pháp {i} ({_first_words((m.measure or m.content).plain)})"
        if mid not in old_m:
            out.append(FieldChange(f"{name}: thêm mới", "", (m.measure or m.content).plain))
            continue
        before = _measure_fields(old_m[mid])
        for key, value in _measure_fields(m).items():
            _item_text(f"{name}: {key}", before[key], value, out)
    for mid, m in old_m.items():
        if mid not in new_m:
            out.append(FieldChange("Biện pháp đã xóa", (m.measure or m.content).plain, ""))
    return out


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")


def _indicators(old: Report, new: Report) -> list[FieldChange]:
    out: list[FieldChange] = []
    olds = {i.name: i for i in old.indicators}
    news = {i.name: i for i in new.indicators}
    for name, ind in news.items():
        was = olds.get(name)
        now = f"{_number(ind.value)}" + (f"/{_number(ind.denominator)}" if ind.denominator is not None else "")
        if was is None:
            out.append(FieldChange(f"Chỉ tiêu “{name}”: thêm mới", "", now))
            continue
        before = f"{_number(was.value)}" + (f"/{_number(was.denominator)}" if was.denominator is not None else "")
        _item_text(f"Chỉ tiêu “{name}”", before, now, out)
    for name in olds:
        if name not in news:
            out.append(FieldChange(f"Chỉ tiêu “{name}”: đã xóa", "", ""))
    return out


def _row_text(cells: list[str] | tuple[str, ...]) -> str:
    return " | ".join(c.strip() for c in cells)


def _appendix(old: Report, new: Report) -> list[FieldChange]:
    """The appendix table kept from an imported report, row by row: rows matched whole in order
    (a row inserted or removed shifts no other row into a change), the rest paired by position."""
    before, after = old.appendix_table, new.appendix_table
    if after is None:
        return [] if before is None else [FieldChange("Bảng phụ lục đã nhập: đã bỏ", f"{len(before.rows)} dòng", "")]
    if before is None:
        return [FieldChange("Bảng phụ lục đã nhập: thêm mới", "", f"{len(after.rows)} dòng")]
    out: list[FieldChange] = []
    _item_text("Bảng phụ lục: dòng tiêu đề", _row_text(before.header), _row_text(after.header), out)
    olds, news = [tuple(r) for r in before.rows], [tuple(r) for r in after.rows]
    matcher = difflib.SequenceMatcher(a=olds, b=news, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            _item_text(f"Bảng phụ lục, dòng {j1 + k + 1}", _row_text(olds[i1 + k]), _row_text(news[j1 + k]), out)
        for j in range(j1 + pairs, j2):
            out.append(FieldChange(f"Bảng phụ lục, dòng {j + 1}: thêm mới", "", _row_text(news[j])))
        for i in range(i1 + pairs, i2):
            out.append(FieldChange(f"Bảng phụ lục, dòng {i + 1} cũ: đã xóa", _row_text(olds[i]), ""))
    return out


def _within(report: Report, numbers: dict[Section, str]) -> dict[int | None, str]:
    """Each section's ancestors as a short path, by section id."""
    out: dict[int | None, str] = {}

    def walk(items: list[Section], path: list[str]) -> None:
        for s in items:
            out[s.id] = " › ".join(path)
            words = s.heading.split()
            short = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
            walk(s.children, [*path, f"{numbers.get(s, '')} {short}".strip()])
    walk(report.sections, [])
    return out


def compare(old: Report, new: Report, old_label: str, new_label: str) -> ReportDiff:
    """`old` → `new`, sections matched by id (a section renamed or moved is the same section)."""
    diff = ReportDiff(old_label, new_label)
    numbers_new, numbers_old = new.numbering(), old.numbering()
    old_by_id = {s.id: s for s in old.walk()}
    new_ids = {s.id for s in new.walk()}
    old_order = [s.id for s in old.walk()]
    emitted_old: set[int | None] = set()

    def removed_before(section_id: int | None) -> None:
        # sections of the older state gone since, listed where they stood (before the next kept one)
        if section_id is None or section_id not in old_by_id:
            return
        for sid in old_order[:old_order.index(section_id)]:
            if sid not in new_ids and sid not in emitted_old:
                emitted_old.add(sid)
                s = old_by_id[sid]
                diff.sections.append(SectionDiff(sid, numbers_old.get(s, ""), s.heading, DELETED,
                                                 (Segment(DELETED, s.heading),),
                                                 [ParagraphDiff(DELETED, (Segment(DELETED, p),))
                                                  for p in _paragraphs(s.body)]))

    for s in new.walk():
        removed_before(s.id)
        was = old_by_id.get(s.id)
        number = numbers_new.get(s, "")
        if was is None:
            diff.sections.append(SectionDiff(s.id, number, s.heading, INSERTED, (Segment(INSERTED, s.heading),),
                                             [ParagraphDiff(INSERTED, (Segment(INSERTED, p),))
                                              for p in _paragraphs(s.body)],
                                             _section_fields(Section(rating_scale=s.rating_scale,
                                                                     max_score=s.max_score), s)))
            continue
        heading = word_diff(was.heading, s.heading) if was.heading != s.heading else (Segment(SAME, s.heading),)
        paragraphs = paragraph_diff(_paragraphs(was.body), _paragraphs(s.body))
        fields = _section_fields(was, s)
        changed = was.heading != s.heading or _changed(paragraphs) or bool(fields)
        diff.sections.append(SectionDiff(s.id, number, s.heading, CHANGED if changed else SAME, heading,
                                         paragraphs, fields))
    for sid in old_order:
        if sid not in new_ids and sid not in emitted_old:
            removed_before_end = old_by_id[sid]
            emitted_old.add(sid)
            diff.sections.append(SectionDiff(sid, numbers_old.get(removed_before_end, ""),
                                             removed_before_end.heading, DELETED,
                                             (Segment(DELETED, removed_before_end.heading),),
                                             [ParagraphDiff(DELETED, (Segment(DELETED, p),))
                                              for p in _paragraphs(removed_before_end.body)]))
    old_meta, new_meta = _meta_fields(old), _meta_fields(new)
    within = {**_within(old, numbers_old), **_within(new, numbers_new)}
    for sd in diff.sections:
        sd.within = within.get(sd.section_id, "")
    diff.meta = [FieldChange(k, old_meta[k], v) for k, v in new_meta.items() if old_meta[k] != v]
    diff.preamble = paragraph_diff(_paragraphs(old.meta.preamble), _paragraphs(new.meta.preamble))
    diff.closing = paragraph_diff(_paragraphs(old.meta.closing), _paragraphs(new.meta.closing))
    diff.items = _items(old, new)
    diff.indicators = _indicators(old, new) + _appendix(old, new)
    return diff
