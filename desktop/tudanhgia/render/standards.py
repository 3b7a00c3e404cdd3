"""Document standards as data: resources/standards/*.toml (+ the unit's own standards/ folder)
→ `HouseStyle`. A file sets any of HouseStyle's fields, grouped in tables for the reader (the
table names are not significant); a field left out keeps Nghị định 30's value. A malformed file
is reported in Vietnamese with its path and skipped; it never stops an export."""
from __future__ import annotations

import dataclasses
import logging
import math
import re
import tomllib
from pathlib import Path
from typing import Any, get_type_hints

from ..paths import resources_dir
from .style import STYLE, HouseStyle

log = logging.getLogger("tudanhgia.render")

DEFAULT_STANDARD = "nd30"
_FIELDS = {f.name: f for f in dataclasses.fields(HouseStyle)}
_HINTS = get_type_hints(HouseStyle)
_CHOICES = {"agency_mark": ("rule", "star"), "subject_rule_dash": ("single", "dashed"), "tone_marks": ("old", "new"),
            "quotes": ("typographic", "straight")}
_META = {"id", "name", "description"}


class StandardError(Exception):
    def __init__(self, path: Path | str, message: str):
        self.path, self.message = str(path), message
        super().__init__(f"{path}: {message}")


def shipped_standards_dir() -> Path:
    return resources_dir() / "standards"


def _in_range(name: str, value: float, path) -> None:
    """A measure a page can hold: millimetres within an A4 sheet, points within a heading's size,
    a font size a reader can read, a line spacing between half and triple — a file with 650000 mm
    or nan made every export fail with no word on why."""
    if not math.isfinite(value):
        raise StandardError(path, f"“{name}” phải là một số hữu hạn")
    if name.endswith("_mm") and not -0.0 <= value <= 297:
        raise StandardError(path, f"“{name}” = {value:g} mm không nằm trong trang A4 (0–297 mm)")
    if name.endswith("_pt") and not value <= 100:
        raise StandardError(path, f"“{name}” = {value:g} pt quá lớn (tối đa 100)")
    if (name == "body_pt" or name.endswith("size_pt")) and value < 6:
        raise StandardError(path, f"“{name}” = {value:g} pt quá nhỏ để đọc (tối thiểu 6)")
    if name == "line_spacing" and not 0.5 <= value <= 3:
        raise StandardError(path, f"“{name}” = {value:g} phải từ 0,5 đến 3")


def _value(name: str, value: Any, path) -> Any:
    """`value` as the field's type: lists become tuples, "rest" in the appendix widths None."""
    hint = str(_HINTS[name])
    default = getattr(STYLE, name)
    if name == "appendix_cols_mm":
        if not isinstance(value, list) or not all(v == "rest" or isinstance(v, (int, float)) for v in value):
            raise StandardError(path, f"“{name}” phải là danh sách số (mm) hoặc “rest”")
        return tuple(None if v == "rest" else float(v) for v in value)
    if isinstance(default, tuple):
        if not isinstance(value, list):
            raise StandardError(path, f"“{name}” phải là một danh sách")
        if name in ("urgency_frames_mm", "authority_words"):
            if not all(isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) for v in value):
                raise StandardError(path, f"“{name}” phải là danh sách các cặp [“chữ”, giá trị]")
            return tuple((str(a), b if name == "authority_words" else float(b)) for a, b in value)
        if "str" in hint:
            if not all(isinstance(v, str) for v in value):
                raise StandardError(path, f"“{name}” phải là danh sách chuỗi ký tự")
            return tuple(value)
        if len(value) != len(default) or not all(isinstance(v, (int, float)) for v in value):
            raise StandardError(path, f"“{name}” phải là {len(default)} số")
        for v in value:
            _in_range(name, v, path)
        return tuple(float(v) for v in value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise StandardError(path, f"“{name}” phải là true hoặc false")
        return value
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise StandardError(path, f"“{name}” phải là một số không âm")
        _in_range(name, value, path)
        # the default's own type where the value allows it: 14 stays 14, so the output is the same
        return int(value) if isinstance(default, int) and value == int(value) else float(value)
    if not isinstance(value, str):
        raise StandardError(path, f"“{name}” phải là chuỗi ký tự")
    if any(ord(c) < 32 and c not in "\n\t" for c in value):   # a NUL in a font name broke every export
        raise StandardError(path, f"“{name}” chứa ký tự điều khiển")
    if name in _CHOICES and value not in _CHOICES[name]:
        raise StandardError(path, f"“{name}” = “{value}” không hợp lệ (chọn: {', '.join(_CHOICES[name])})")
    return value


def parse_standard(text: str, path: Path | str = "<standard>") -> HouseStyle:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise StandardError(path, f"lỗi cú pháp TOML{f', dòng {m.group(1)}' if m else ''}") from None
    sid = data.get("id")
    if not isinstance(sid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", sid):
        raise StandardError(path, "thiếu “id” (chữ thường không dấu, số, “-”, “.”)")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise StandardError(path, "thiếu “name” (tên thể thức)")
    values: dict[str, Any] = {"standard_id": sid, "standard_name": name.strip()}
    flat: list[tuple[str, Any]] = []
    for key, value in data.items():
        if key in _META:
            continue
        if isinstance(value, dict):
            flat.extend(value.items())
        else:
            flat.append((key, value))
    for key, value in flat:
        if key not in _FIELDS or key in ("standard_id", "standard_name"):
            raise StandardError(path, f"khóa “{key}” không có trong thể thức văn bản")
        if key in values:
            raise StandardError(path, f"khóa “{key}” bị khai báo hai lần")
        values[key] = _value(key, value, path)
    return dataclasses.replace(STYLE, **values)


def description_of(path: Path) -> str:
    try:
        return str(tomllib.loads(path.read_text(encoding="utf-8")).get("description", ""))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""


class StandardRegistry:
    """The shipped standards, overridden or extended by the unit's own folder."""

    def __init__(self) -> None:
        self._styles: dict[str, HouseStyle] = {}
        self._descriptions: dict[str, str] = {}
        self.errors: list[StandardError] = []

    @classmethod
    def load(cls, *dirs: Path | None) -> StandardRegistry:
        reg = cls()
        for d in dirs:
            if d is None or not Path(d).is_dir():
                continue
            for path in sorted(Path(d).glob("*.toml")):
                try:
                    style = parse_standard(path.read_text(encoding="utf-8"), path)
                except (StandardError, OSError, UnicodeDecodeError) as exc:
                    err = exc if isinstance(exc, StandardError) else StandardError(path, "không đọc được tệp")
                    log.warning("standard file skipped: %s", err)
                    reg.errors.append(err)
                    continue
                reg._styles[style.standard_id] = style
                reg._descriptions[style.standard_id] = description_of(path)
        return reg

    def __contains__(self, standard_id: str) -> bool:
        return standard_id in self._styles

    def get(self, standard_id: str | None) -> HouseStyle:
        """The standard of that id; Nghị định 30 for "" or an id no file defines any more (logged)."""
        if standard_id and standard_id in self._styles:
            return self._styles[standard_id]
        if standard_id:
            log.warning("document standard %r not found; Nghị định 30 used", standard_id)
        return self._styles.get(DEFAULT_STANDARD, STYLE)

    def all(self) -> list[HouseStyle]:
        """Nghị định 30 first, then the others by name."""
        return sorted(self._styles.values(), key=lambda s: (s.standard_id != DEFAULT_STANDARD, s.standard_name))

    def description(self, standard_id: str) -> str:
        return self._descriptions.get(standard_id, "")

    def resolve(self, text: str) -> HouseStyle:
        """An id or a name typed by a user (case and accents as typed); KeyError in Vietnamese."""
        t = text.strip().casefold()
        for s in self._styles.values():
            if t in (s.standard_id.casefold(), s.standard_name.casefold()):
                return s
        known = ", ".join(s.standard_id for s in self.all())
        raise KeyError(f"không có thể thức văn bản “{text}” (chọn: {known})")


_REGISTRY: StandardRegistry | None = None
_USER_DIR: Path | None = None


def standards() -> StandardRegistry:
    """The registry of the shipped standards and the user's folder (the one `use_user_folder` was
    given, else the default data folder's standards/), loaded once per folder."""
    if _REGISTRY is None:
        from ..paths import AppPaths
        return use_user_folder(AppPaths.default().data_dir / "standards")
    return _REGISTRY


def use_user_folder(folder: Path | None) -> StandardRegistry:
    """The registry of the shipped standards and `folder` (the data folder's standards/ of this run:
    --data-dir, or the one the window opened), loaded again when the folder changes."""
    global _REGISTRY, _USER_DIR
    if _REGISTRY is None or folder != _USER_DIR:
        _REGISTRY, _USER_DIR = StandardRegistry.load(shipped_standards_dir(), folder), folder
    return _REGISTRY


def style_values(style: HouseStyle) -> dict[str, Any]:
    """Every value of `style` as JSON keeps it (lists for tuples, "rest" for a width left to the
    others): what `style_from_values` reads back as the same style."""
    out: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(style, name)
        if name == "appendix_cols_mm":
            value = ["rest" if v is None else v for v in value]
        elif isinstance(value, tuple):
            value = [list(v) if isinstance(v, tuple) else v for v in value]
        out[name] = value
    return out


def style_from_values(values: dict[str, Any]) -> HouseStyle | None:
    """The style `style_values` wrote, checked as a file's values are; None (logged) when they are
    not a standard's any more (a damaged settings JSON)."""
    try:
        kept: dict[str, Any] = {"standard_id": str(values["standard_id"]),
                                "standard_name": str(values["standard_name"])}
        for name, value in values.items():
            if name in _FIELDS and name not in kept:
                kept[name] = _value(name, value, "<thể thức lúc ban hành>")
        return dataclasses.replace(STYLE, **kept)
    except (KeyError, TypeError, ValueError, StandardError) as exc:
        log.warning("the standard kept at the issue is unreadable (%s); the standard's file is used", exc)
        return None


def standard_of(report) -> HouseStyle:
    """The standard `report` is printed in: as it was when the report was issued (its values kept
    with it), else its own choice, else its unit's, else Nghị định 30."""
    issued = getattr(report, "issued_standard", None)
    if issued and issued.get("standard_id") == report.standard_id:
        style = style_from_values(issued)
        if style is not None:
            return style
    return standards().get(report.standard_id)


__all__ = ["DEFAULT_STANDARD", "StandardError", "StandardRegistry", "parse_standard", "shipped_standards_dir",
           "standard_of", "standards", "style_from_values", "style_values", "use_user_folder"]
