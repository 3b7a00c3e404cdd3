"""Report kinds as data: resources/kinds/*.toml (+ the user's kinds/ folder) → outlines.

A malformed file is reported with its path and line and skipped; it never stops the program.
"""
from __future__ import annotations

import copy
import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from ..domain.classification import ConditionCheck
from ..domain.model import (ContentKind, DocumentMeta, Indicator, LevelCondition, LevelStyle, Recipient, Recipients,
                            Report, ScoreBand, Scoring, Section, Signer, UnitProfile, placeholder_values,
                            substitute)
from ..domain.numbering import NumberStyle
from ..domain.period import GRANULARITIES, DocDate, Period, granularity_words
from ..domain.ratings import ChatLuong, RatingScale
from ..domain.richtext import RichText
from ..domain.tasks import TaskScoring


class KindError(Exception):
    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}, dòng {line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass
class KindSection:
    key: str
    level: int
    heading: str
    guidance: str = ""
    rating: RatingScale | None = None
    max_score: float | None = None
    content: ContentKind | None = None
    optional: bool = False
    fixed: bool = False
    number: NumberStyle | None = None
    body: str = ""
    content_label: str = ""
    measure_label: str = ""
    line: int | None = None


@dataclass
class IndicatorDef:
    name: str
    unit: str = ""
    rate: bool = False
    count: str = ""   # with [appendix] count_from: "total", or a level's code (htxs, htt, ht, kht) to count


@dataclass
class Kind:
    id: str
    family: str
    version: str
    name: str
    description: str = ""
    order: int = 100
    default: bool = False
    kind_name: str = "BÁO CÁO"
    symbol: str = "BC"
    subject: str = ""
    preamble: str = ""
    closing: str = ""
    classification_style: str = "checkboxes"
    recipients: list[str] = field(default_factory=list)
    levels: list[LevelStyle] = field(default_factory=list)
    sections: list[KindSection] = field(default_factory=list)
    scoring: Scoring | None = None
    appendix_title: str = ""
    appendix_indicators: list[IndicatorDef] = field(default_factory=list)
    former_outline_note: str = ""
    count_from: str = ""                          # [appendix] count_from: the forms (a family) it tallies
    task_scoring: TaskScoring | None = None       # [tasks]: the kind has a "tasks" section
    signature_titles: tuple[str, ...] = ()        # [document] signature_titles: (manager, person)
    periods: tuple[str, ...] = tuple(GRANULARITIES)   # the lengths of period it takes, the new report's first
    from_year: int | None = None                  # the first year the form applies to (None: any before)
    to_year: int | None = None                    # the last one (None: still in force)
    path: str = ""
    user_defined: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} (mẫu {self.version})" if self.version else self.name

    def section(self, key: str) -> KindSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def outline_note(self, report: Report) -> str:
        """What to tell about a report of this kind made with an earlier outline of the kind
        file (sections of the kind it names that the kind no longer has): its outline is kept
        as it was, never restructured. "" for a report that follows the current outline."""
        if report.kind_id != self.id:
            return ""
        keys = {s.key for s in self.sections}
        if all(s.key is None or s.key in keys for s in report.walk()):
            return ""
        return self.former_outline_note or (
            f"Báo cáo này được lập theo dàn ý cũ của mẫu “{self.label}”; tệp loại báo cáo đã được sửa sau đó. "
            "Dàn ý của báo cáo được giữ nguyên, không tự sắp xếp lại.")

    def takes(self, period: Period) -> bool:
        """Whether a report of this kind may be made for `period` (a year, a quarter …)."""
        return period.granularity in self.periods

    def fitting(self, period: Period) -> Period:
        """`period` if the kind takes it; else the shortest period of a length the kind takes that
        holds it (a plan made from a monthly evaluation is made for its quarter); else `period`."""
        if self.takes(period):
            return period
        lengths = ("thang", "quy", "6thang", "nam")
        first, _last = period.months
        longer = lengths[lengths.index(period.granularity) + 1:]
        return next((Period.of(g, period.year, first) for g in longer if g in self.periods), period)

    def period_mismatch(self, period: Period) -> str:
        """"" when the kind takes `period`; else the sentence saying so (services refuse with it,
        the pre-print check and the import review note it)."""
        if self.takes(period):
            return ""
        return f"Mẫu “{self.label}” lập theo {granularity_words(self.periods)}; kỳ {period.label} không phù hợp."

    def years_mismatch(self, period: Period) -> str:
        """"" when the form applies to `period`'s year; else the sentence saying so. Never a refusal:
        a unit may still have to use an older or newer form (the new-report dialog, `new` and the
        pre-print check tell it)."""
        year = period.year
        if (self.from_year is None or year >= self.from_year) and (self.to_year is None or year <= self.to_year):
            return ""
        if self.from_year is not None and self.to_year is not None:
            same = self.from_year == self.to_year
            applies = f"áp dụng cho năm {self.from_year}" if same else \
                f"áp dụng cho các năm {self.from_year}–{self.to_year}"
        elif self.from_year is not None:
            applies = f"áp dụng từ năm {self.from_year}"
        else:
            applies = f"áp dụng đến năm {self.to_year}"
        return f"Mẫu “{self.label}” {applies}; kỳ {period.label} nằm ngoài thời gian áp dụng của mẫu này."

    @property
    def periods_words(self) -> str:
        """'quý hoặc tháng'."""
        return granularity_words(self.periods)

    # --- a new report ---------------------------------------------------------------------
    def create_report(self, period: Period, unit: UnitProfile | None = None,
                      today: _dt.date | None = None) -> Report:
        """A report of this kind with the full outline ready to fill."""
        values = placeholder_values(period, unit)
        today = today or _dt.date.today()
        sub = lambda s: substitute(s, values)  # noqa: E731
        meta = DocumentMeta(
            parent_agency=unit.parent_agency if unit else "",
            issuing_agency=unit.issuing_agency if unit else "",
            number="",
            symbol=f"{self.symbol}-{unit.abbreviation}" if unit and unit.abbreviation else self.symbol,
            place=unit.place if unit else "",
            date=DocDate(year=today.year, month=today.month),
            kind_name=self.kind_name,
            subject=sub(self.subject),
            preamble=RichText.from_markup(sub(self.preamble)),
            closing=RichText.from_markup(sub(self.closing)),
        )
        recipients = Recipients(
            lines=[Recipient(r.text, r.purpose) for r in (unit.recipients.lines if unit else [])],
            archive=unit.recipients.archive if unit else "VT")
        known = {r.text.casefold() for r in recipients.lines}
        for text in self.recipients:
            if sub(text).casefold() not in known:
                recipients.lines.append(Recipient(sub(text)))
        signer = Signer(unit.signer.authority, unit.signer.authority_position, unit.signer.position,
                        unit.signer.name) if unit else Signer()
        if self.signature_titles:   # a form the person signs (and their manager): not the unit's head
            signer, recipients = Signer(), Recipients(archive=recipients.archive)
        report = Report(
            kind_id=self.id, period=period, meta=meta, sections=self.build_outline(values),
            signer=signer, recipients=recipients, levels=[LevelStyle(**vars(lv)) for lv in self.levels],
            classification_style=self.classification_style, scoring=copy.deepcopy(self.scoring),
            appendix_title=self.appendix_title, kind_name=self.name, kind_version=self.version,
            unit_id=unit.id if unit else None, unit_name=unit.name if unit else "",
            indicators=[Indicator(sub(d.name), sub(d.unit)) for d in self.appendix_indicators],
            task_scoring=self.task_scoring, signature_titles=self.signature_titles)
        return report

    def build_outline(self, values: dict[str, str]) -> list[Section]:
        roots: list[Section] = []
        stack: list[tuple[int, Section]] = []
        for ks in self.sections:
            s = self.make_section(ks, values)
            while stack and stack[-1][0] >= ks.level:
                stack.pop()
            (stack[-1][1].children if stack else roots).append(s)
            stack.append((ks.level, s))
        return roots

    @staticmethod
    def make_section(ks: KindSection, values: dict[str, str]) -> Section:
        return Section(
            heading=substitute(ks.heading, values), body=RichText.from_markup(substitute(ks.body, values)),
            key=ks.key, guidance=RichText.from_markup(substitute(ks.guidance, values)),
            rating_scale=ks.rating, max_score=ks.max_score, content=ks.content, optional=ks.optional,
            fixed=ks.fixed, number_style=ks.number, content_label=ks.content_label,
            measure_label=ks.measure_label)


# --- parsing ---------------------------------------------------------------------------------
_SECTION_HEADER = re.compile(r"^\s*\[\[\s*section\s*\]\]\s*$")
_LEVEL_HEADER = re.compile(r"^\s*\[\[\s*levels\s*\]\]\s*$")


def _lines_of(text: str, pattern: re.Pattern) -> list[int]:
    return [i + 1 for i, line in enumerate(text.splitlines()) if pattern.match(line)]


def _str(d: dict, key: str, path, line, default: str = "", required: bool = False) -> str:
    if key not in d:
        if required:
            raise KindError(path, f"thiếu khóa “{key}”", line)
        return default
    v = d[key]
    if not isinstance(v, str):
        raise KindError(path, f"“{key}” phải là chuỗi ký tự", line)
    return v


def _enum(enum_cls, value: Any, path, line, what: str):
    try:
        return enum_cls(value)
    except ValueError:
        allowed = ", ".join(f"“{m.value}”" for m in enum_cls)
        raise KindError(path, f"{what} “{value}” không hợp lệ (chọn một trong: {allowed})", line) from None


def _conditions(items: Any, path) -> list[LevelCondition]:
    """[[scoring.conditions]]: what a level needs beyond its score band, with `check` naming the
    ones the program verifies (the others are reminders in the pre-print check)."""
    if not isinstance(items, list) or not all(isinstance(c, dict) for c in items):
        raise KindError(path, "“scoring.conditions” phải là danh sách bảng [[scoring.conditions]]")
    out = []
    for c in items:
        try:
            level = ChatLuong.from_label(str(c.get("level", "")))
        except ValueError:
            raise KindError(path, f"điều kiện xếp loại: “{c.get('level', '')}” không phải một mức xếp loại") from None
        text = _str(c, "text", path, None, required=True).strip()
        check = _enum(ConditionCheck, c["check"], path, None, "cách kiểm tra điều kiện").value if "check" in c else ""
        out.append(LevelCondition(level, text, check))
    return out


_PERIODS_LINE = re.compile(r"^\s*periods\s*=")


def _periods(data: dict, text: str, path) -> tuple[str, ...]:
    """`periods = ["quy", "thang"]`: the lengths of period the kind takes, the first offered first
    for a new report. A kind file without it (a unit's own, written before it existed) takes all."""
    line = next(iter(_lines_of(text, _PERIODS_LINE)), None)
    allowed = ", ".join(f"“{name}” ({words})" for name, words in GRANULARITIES.items())
    if "periods" not in data:
        if any(isinstance(t, dict) and "periods" in t for t in data.values()):
            raise KindError(path, "“periods” phải ghi ở phần đầu tệp, trước bảng [document] và các bảng khác", line)
        return tuple(GRANULARITIES)
    value = data["periods"]
    if not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value):
        raise KindError(path, f"“periods” phải là danh sách các kỳ báo cáo, ví dụ periods = [\"quy\", \"thang\"] "
                              f"(chọn trong: {allowed})", line)
    for i, name in enumerate(value):
        if name not in GRANULARITIES:
            raise KindError(path, f"kỳ báo cáo “{name}” trong “periods” không hợp lệ (chọn trong: {allowed})", line)
        if name in value[:i]:
            raise KindError(path, f"kỳ báo cáo “{name}” ghi hai lần trong “periods”", line)
    return tuple(value)


def _years(data: dict, path) -> tuple[int | None, int | None]:
    """`from_year = 2025` / `to_year = 2022`: the years the form applies to (either may be left out)."""
    out: list[int | None] = []
    for key in ("from_year", "to_year"):
        if key not in data:
            if any(isinstance(t, dict) and key in t for t in data.values()):
                raise KindError(path, f"“{key}” phải ghi ở phần đầu tệp, trước bảng [document] và các bảng khác")
            out.append(None)
            continue
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 1945 <= value <= 2200:
            raise KindError(path, f"“{key}” phải là một năm, ví dụ {key} = 2025")
        out.append(value)
    first, last = out
    if first is not None and last is not None and first > last:
        raise KindError(path, f"from_year = {first} sau to_year = {last}")
    return first, last


def parse_kind(text: str, path: Path | str = "<kind>") -> Kind:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's words are English: the officer's IT gets the place, in Vietnamese
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f" (cột {m.group(2)})" if m else ""  # the line is KindError's own
        raise KindError(path, f"lỗi cú pháp TOML{where}", int(m.group(1)) if m else None) from None

    kid = _str(data, "id", path, 1, required=True)
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", kid):
        raise KindError(path, f"mã loại báo cáo “{kid}” chỉ được gồm chữ thường không dấu, số, “-”, “.”", 1)
    doc = data.get("document", {})
    if not isinstance(doc, dict):
        raise KindError(path, "“document” phải là một bảng [document]")

    level_lines = _lines_of(text, _LEVEL_HEADER)
    levels = []
    for i, lv in enumerate(data.get("levels", [])):
        line = level_lines[i] if i < len(level_lines) else None
        levels.append(LevelStyle(number=_enum(NumberStyle, lv.get("number", "arabic"), path, line, "kiểu đánh số"),
                                 bold=bool(lv.get("bold", True)), italic=bool(lv.get("italic", False)),
                                 caps=bool(lv.get("caps", False))))
    if not levels:
        raise KindError(path, "cần ít nhất một bảng [[levels]] (kiểu đánh số của từng cấp)")

    section_lines = _lines_of(text, _SECTION_HEADER)
    sections: list[KindSection] = []
    keys: set[str] = set()
    prev_level = 0
    for i, sd in enumerate(data.get("section", [])):
        line = section_lines[i] if i < len(section_lines) else None
        key = _str(sd, "key", path, line, required=True)
        if key in keys:
            raise KindError(path, f"khóa mục “{key}” bị trùng", line)
        keys.add(key)
        level = sd.get("level", 1)
        if not isinstance(level, int) or level < 1:
            raise KindError(path, f"cấp của mục “{key}” phải là số nguyên ≥ 1", line)
        if level > prev_level + 1:
            raise KindError(path, f"mục “{key}” ở cấp {level} nhưng không có mục cha cấp {level - 1}", line)
        if level > len(levels):
            raise KindError(path, f"mục “{key}” ở cấp {level} nhưng chỉ khai báo {len(levels)} cấp [[levels]]", line)
        prev_level = level
        max_score = sd.get("max_score")
        if max_score is not None and (not isinstance(max_score, (int, float)) or max_score <= 0):
            raise KindError(path, f"điểm tối đa của mục “{key}” phải là số dương", line)
        sections.append(KindSection(
            key=key, level=level, heading=_str(sd, "heading", path, line),
            guidance=_str(sd, "guidance", path, line),
            rating=_enum(RatingScale, sd["rating"], path, line, "thang đánh giá") if "rating" in sd else None,
            max_score=float(max_score) if max_score is not None else None,
            content=_enum(ContentKind, sd["content"], path, line, "loại nội dung") if "content" in sd else None,
            optional=bool(sd.get("optional", False)), fixed=bool(sd.get("fixed", False)),
            number=_enum(NumberStyle, sd["number"], path, line, "kiểu đánh số") if "number" in sd else None,
            body=_str(sd, "body", path, line), content_label=_str(sd, "content_label", path, line),
            measure_label=_str(sd, "measure_label", path, line), line=line))
    if not sections:
        raise KindError(path, "loại báo cáo không có mục nào ([[section]])")
    if sum(1 for s in sections if s.rating is RatingScale.CHAT_LUONG) > 1:
        raise KindError(path, "chỉ được có một mục xếp loại mức chất lượng (rating = \"chat-luong\")")

    scoring = None
    if "scoring" in data:
        sc = data["scoring"]
        bands = []
        for b in sc.get("bands", []):
            try:
                bands.append(ScoreBand(float(b["min"]), ChatLuong.from_label(str(b["level"]))))
            except (KeyError, ValueError, TypeError):
                raise KindError(path, f"khoảng điểm xếp loại không hợp lệ: {b} (cần “min” là số và "
                                      "“level” là một mức xếp loại)") from None
        scoring = Scoring(max_total=float(sc.get("max_total", 100)),
                          pass_mark=float(sc["pass_mark"]) if "pass_mark" in sc else None, bands=bands,
                          conditions=_conditions(sc.get("conditions", []), path))
        total = sum(s.max_score or 0 for s in sections)
        if abs(total - scoring.max_total) > 1e-9:
            raise KindError(path, f"tổng điểm tối đa các mục là {total:g}, khác max_total = {scoring.max_total:g}")

    style = _str(doc, "classification_style", path, None, "checkboxes")
    if style not in ("checkboxes", "inline"):
        raise KindError(path, f"classification_style “{style}” không hợp lệ (checkboxes hoặc inline)")
    appendix = data.get("appendix", {})
    indicators = [IndicatorDef(str(i.get("name", "")), str(i.get("unit", "")), bool(i.get("rate", False)),
                               str(i.get("count", ""))) for i in appendix.get("indicators", [])]
    counts = {"total", *(lv.value for lv in ChatLuong)}
    for d in indicators:
        if d.count and d.count not in counts:
            raise KindError(path, f"chỉ tiêu “{d.name}”: count = “{d.count}” không hợp lệ "
                                  f"(chọn: {', '.join(sorted(counts))})")
    recipients = doc.get("recipients", [])
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        raise KindError(path, "“recipients” phải là danh sách chuỗi")
    titles = doc.get("signature_titles", [])
    if not isinstance(titles, list) or len(titles) not in (0, 2) or not all(isinstance(t, str) for t in titles):
        raise KindError(path, "“signature_titles” phải là hai chuỗi: [người quản lý, người tự đánh giá]")
    task_scoring = _task_scoring(data, sections, path)
    first_year, last_year = _years(data, path)

    return Kind(
        id=kid, family=_str(data, "family", path, None, kid), version=str(data.get("version", "")),
        name=_str(data, "name", path, None, required=True), description=_str(data, "description", path, None),
        order=int(data.get("order", 100)), default=bool(data.get("default", False)),
        kind_name=_str(doc, "kind_name", path, None, "BÁO CÁO"), symbol=_str(doc, "symbol", path, None, "BC"),
        subject=_str(doc, "subject", path, None), preamble=_str(doc, "preamble", path, None),
        closing=_str(doc, "closing", path, None), classification_style=style, recipients=list(recipients),
        levels=levels, sections=sections, scoring=scoring,
        appendix_title=str(appendix.get("title", "")), appendix_indicators=indicators,
        count_from=str(appendix.get("count_from", "")),
        former_outline_note=_str(data, "former_outline_note", path, None), task_scoring=task_scoring,
        signature_titles=tuple(titles), periods=_periods(data, text, path), path=str(path),
        from_year=first_year, to_year=last_year)


def _task_scoring(data: dict, sections: list[KindSection], path) -> TaskScoring | None:
    """[tasks] shares = [quantity, quality, timeliness], penalty = 0.25; the points are the max_score
    of the kind's one "tasks" section (Nghị định 335/2025: 70)."""
    with_tasks = [s for s in sections if s.content is ContentKind.TASKS]
    if not with_tasks:
        if "tasks" in data:
            raise KindError(path, "có bảng [tasks] nhưng không có mục nào content = \"tasks\"")
        return None
    if len(with_tasks) > 1 or with_tasks[0].max_score is None:
        raise KindError(path, "cần đúng một mục content = \"tasks\", có max_score (điểm kết quả nhiệm vụ)",
                        with_tasks[0].line)
    cfg = data.get("tasks", {})
    shares, penalty = cfg.get("shares", [1, 1, 1]), cfg.get("penalty", 0.25)
    numbers = isinstance(shares, list) and all(isinstance(x, (int, float)) and x >= 0 for x in shares)
    if not (numbers and len(shares) == 3 and sum(shares) > 0):
        raise KindError(path, "“tasks.shares” phải là ba số không âm: [số lượng, chất lượng, tiến độ]")
    if not isinstance(penalty, (int, float)) or not 0 <= penalty <= 1:
        raise KindError(path, "“tasks.penalty” phải là số từ 0 đến 1 (0.25 = trừ 25 %)")
    return TaskScoring(float(with_tasks[0].max_score), tuple(float(x) for x in shares), float(penalty))  # type: ignore[arg-type]


def load_kind_file(path: Path) -> Kind:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise KindError(path, "tệp không phải văn bản UTF-8") from None
    except OSError as exc:
        from ..errors import os_reason
        raise KindError(path, f"không đọc được tệp: {os_reason(exc)}") from None
    return parse_kind(text, path)


class KindRegistry:
    """Shipped kinds, overridden or extended by the user's kinds/ folder."""

    def __init__(self, kinds: Iterable[Kind] = (), errors: Iterable[KindError] = ()):
        self._kinds: dict[str, Kind] = {}
        self.errors: list[KindError] = list(errors)
        for k in kinds:
            self._kinds[k.id] = k

    @classmethod
    def load(cls, *dirs: Path | None) -> KindRegistry:
        reg = cls()
        for i, d in enumerate(dirs):
            if d is None or not Path(d).is_dir():
                continue
            for path in sorted(Path(d).glob("*.toml")):
                try:
                    kind = load_kind_file(path)
                except KindError as exc:
                    reg.errors.append(exc)
                    continue
                kind.user_defined = i > 0
                reg._kinds[kind.id] = kind
        return reg

    def get(self, kind_id: str) -> Kind:
        try:
            return self._kinds[kind_id]
        except KeyError:
            raise KeyError(f"không có loại báo cáo “{kind_id}”") from None

    def __contains__(self, kind_id: str) -> bool:
        return kind_id in self._kinds

    def all(self) -> list[Kind]:
        return sorted(self._kinds.values(), key=lambda k: (k.order, k.family, k.version))

    def families(self) -> dict[str, list[Kind]]:
        out: dict[str, list[Kind]] = {}
        for k in self.all():
            out.setdefault(k.family, []).append(k)
        return out

    def default_for(self, family: str) -> Kind:
        versions = self.families().get(family)
        if not versions:
            raise KeyError(f"không có loại báo cáo “{family}”")
        marked = [k for k in versions if k.default]
        return marked[-1] if marked else max(versions, key=lambda k: k.version)

    def outline_note(self, report: Report) -> str:
        """The note on a report made with an earlier outline of its kind ("" if none, or its kind is gone)."""
        kind = self._kinds.get(report.kind_id)
        return kind.outline_note(report) if kind else ""

    def opening(self, kind_id: str) -> str:
        """The opening a kind writes for a new report (its standing citations), "" if the kind is gone."""
        kind = self._kinds.get(kind_id)
        return kind.preamble if kind else ""

    def period_note(self, report: Report) -> str:
        """The note on a report whose period its kind does not take (made before kinds said which
        they take, or imported so): "" if it fits, or its kind is gone. Never a refusal: such a
        report opens, prints and exports as any other."""
        kind = self._kinds.get(report.kind_id)
        mismatch = kind.period_mismatch(report.period) if kind else ""
        years = kind.years_mismatch(report.period) if kind else ""
        return " ".join(filter(None, (
            f"{mismatch} Báo cáo vẫn sửa, in và xuất được bình thường; muốn đổi kỳ, chọn lại ở Thông tin văn bản "
            "▸ Kỳ báo cáo." if mismatch else "",
            f"{years} Kiểm tra lại mẫu và các văn bản được dẫn ở phần mở đầu." if years else "")))

    def resolve(self, name: str) -> Kind:
        """A kind id, or a family name meaning its default (newest) version."""
        if name in self._kinds:
            return self._kinds[name]
        return self.default_for(name)
