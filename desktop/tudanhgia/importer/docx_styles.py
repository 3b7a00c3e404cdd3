"""Word's styles and list numbering as Word shows them: properties along the basedOn chain,
toggles combined, the labels of automatic lists counted in document order; and the legacy
Vietnamese fonts (.VnTime, VNI) whose text is converted to Unicode."""
from __future__ import annotations

import re

from . import legacy
from .docx_package import W_PPR, W_RPR, W_VAL, _w, first_child

# --- styles -----------------------------------------------------------------------------------------
_ON = {"1", "true", "on"}
_TOGGLES = ("b", "i", "caps", "vanish")
_LEVEL_PLACE = re.compile(r"%(\d)")   # "%1.%2." in a numbering level's text


def _on(el) -> bool | None:
    if el is None:
        return None
    return el.get(W_VAL, "true").lower() in _ON


_TOGGLE_TAGS = {_w(k): k for k in _TOGGLES}
_RFONTS, _HANSI, _ASCII = _w("rFonts"), _w("hAnsi"), _w("ascii")
_JC, _PAGE_BREAK_BEFORE, _NUMPR, _NUMID, _ILVL = _w("jc"), _w("pageBreakBefore"), _w("numPr"), _w("numId"), _w("ilvl")


def _run_props(rpr) -> dict:
    """The properties we use from a w:rPr: toggles and the font of the text (the first of each,
    as `find` would take it: one pass over the children, asked for every run of the document)."""
    out: dict = {}
    if rpr is None:
        return out
    fonts_seen = False
    for el in rpr:
        tag = el.tag
        key = _TOGGLE_TAGS.get(tag)
        if key is not None:
            if key not in out:
                out[key] = el.get(W_VAL, "true").lower() in _ON
        elif tag == _RFONTS and not fonts_seen:
            fonts_seen = True
            font = el.get(_HANSI) or el.get(_ASCII)
            if font:
                out["font"] = font
    return out


def _para_props(ppr) -> dict:
    """Alignment, page break before and list numbering of a w:pPr (the first of each, one pass)."""
    out: dict = {}
    if ppr is None:
        return out
    jc_seen = num_seen = False
    for el in ppr:
        tag = el.tag
        if tag == _JC and not jc_seen:
            jc_seen = True
            if el.get(W_VAL):
                out["jc"] = el.get(W_VAL)
        elif tag == _PAGE_BREAK_BEFORE and "pageBreakBefore" not in out:
            out["pageBreakBefore"] = el.get(W_VAL, "true").lower() in _ON
        elif tag == _NUMPR and not num_seen:
            num_seen = True
            num_id, ilvl = first_child(el, _NUMID), first_child(el, _ILVL)
            out["numId"] = num_id.get(W_VAL) if num_id is not None else None
            out["ilvl"] = _int(ilvl.get(W_VAL) if ilvl is not None else None, 0)
    return out


class Numbering:
    """Word's automatic list numbers (numbering.xml): the label each numbered paragraph shows,
    counted in document order, so "I.", "1.", "a)" typed by Word's lists reach the recogniser."""

    def __init__(self, root):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}   # id → level → fmt, text, start
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}            # numId → abstract id, start overrides
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for a in root.iter(_w("abstractNum")):
            levels = {}
            for lvl in a.iter(_w("lvl")):
                fmt, text, start = lvl.find(_w("numFmt")), lvl.find(_w("lvlText")), lvl.find(_w("start"))
                levels[_int(lvl.get(_w("ilvl")), 0)] = (fmt.get(W_VAL, "decimal") if fmt is not None else "decimal",
                                                       text.get(W_VAL, "") if text is not None else "",
                                                       _int(start.get(W_VAL) if start is not None else None, 1))
            self.abstract[a.get(_w("abstractNumId"))] = levels
        for n in root.iter(_w("num")):
            ref = n.find(_w("abstractNumId"))
            overrides = {}
            for o in n.iter(_w("lvlOverride")):
                start = o.find(_w("startOverride"))
                if start is not None:
                    overrides[_int(o.get(_w("ilvl")), 0)] = _int(start.get(W_VAL), 1)
            self.nums[n.get(_w("numId"))] = (ref.get(W_VAL) if ref is not None else "", overrides)

    def label(self, num_id: str | None, ilvl: int) -> str:
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl][2])
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:   # a higher level restarts the ones below it
            del counts[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "-"   # the officer's dash, kept as text (never a Word bullet)
        if fmt == "none":
            return ""

        def shown(match) -> str:
            k = int(match.group(1)) - 1
            value = counts.get(k, levels.get(k, ("decimal", "", 1))[2])
            return _format_number(value, levels.get(k, ("decimal",))[0])
        return _LEVEL_PLACE.sub(shown, text)


def _format_number(n: int, fmt: str) -> str:
    from ..domain.numbering import roman
    if fmt in ("upperRoman", "lowerRoman"):
        r = roman(n) if 0 < n < 4000 else str(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters, out = "abcdefghijklmnopqrstuvwxyz", ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            out = letters[r] + out
        return out.upper() if fmt == "upperLetter" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# Word stores built-in style names in lower case; show them as Word's UI (and python-docx) does
_BUILTIN_NAMES = {n.lower(): n for n in ["Caption", "Footer", "Header", "Title", "Subtitle", "Normal"]
                  + [f"Heading {i}" for i in range(1, 10)] + [f"TOC {i}" for i in range(1, 10)]}


class Styles:
    def __init__(self, root):
        self.styles: dict[str, tuple[str, str | None, dict, dict]] = {}   # id → name, basedOn, rPr, pPr
        self.default_para: str | None = None
        self.run_defaults: dict = {}
        self.para_defaults: dict = {}
        self._cache: dict[tuple[str, str, int], object] = {}
        if root is None:
            return
        defaults = root.find(_w("docDefaults"))
        if defaults is not None:
            self.run_defaults = _run_props(defaults.find(f"{_w('rPrDefault')}/{W_RPR}"))
            self.para_defaults = _para_props(defaults.find(f"{_w('pPrDefault')}/{W_PPR}"))
        for st in root.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if not sid:
                continue
            name_el, based = st.find(_w("name")), st.find(_w("basedOn"))
            name = name_el.get(W_VAL, sid) if name_el is not None else sid
            self.styles[sid] = (_BUILTIN_NAMES.get(name.lower(), name),
                                based.get(W_VAL) if based is not None else None,
                                _run_props(st.find(W_RPR)), _para_props(st.find(W_PPR)))
            if st.get(_w("type")) == "paragraph" and (st.get(_w("default")) or "").lower() in _ON:
                self.default_para = sid

    def para_style(self, sid: str | None) -> str | None:
        return sid if sid in self.styles else self.default_para

    def name(self, sid: str | None) -> str:
        sid = self.para_style(sid)
        return self.styles[sid][0] if sid else ""

    def lookup(self, sid: str | None, key: str, which: int):
        """A property along the basedOn chain of style `sid` (which: 2 = run, 3 = paragraph props)."""
        if not sid:
            return None
        cache_key = (sid, key, which)   # asked ~15 times a paragraph: no string made for the key
        if cache_key in self._cache:
            return self._cache[cache_key]
        value, seen, cur = None, set(), sid
        while cur in self.styles and cur not in seen:   # basedOn loops exist in damaged files
            seen.add(cur)
            props = self.styles[cur][which]
            if key in props:
                value = props[key]
                break
            cur = self.styles[cur][1]
        self._cache[cache_key] = value
        return value

    def toggle(self, key: str, direct: dict, pstyle: str | None, cstyle: str | None) -> bool:
        """Bold/italic/caps/hidden as Word shows them: direct formatting wins; in styles these are
        toggle properties (ECMA-376 §17.7.3), so paragraph and character style values combine by XOR."""
        if key in direct:
            return direct[key]
        p, c = self.lookup(pstyle, key, 2), self.lookup(cstyle, key, 2)
        if p is None and c is None:
            return bool(self.run_defaults.get(key))
        return bool(p) ^ bool(c)

    def font(self, direct: dict, pstyle: str | None, cstyle: str | None) -> str:
        return (direct.get("font") or self.lookup(cstyle, "font", 2) or self.lookup(pstyle, "font", 2)
                or self.run_defaults.get("font") or "")

    def para(self, key: str, direct: dict, pstyle: str | None):
        if key in direct:
            return direct[key]
        value = self.lookup(pstyle, key, 3)
        return self.para_defaults.get(key) if value is None else value


_ALIGN = {"center": "center", "right": "right", "end": "right", "both": "justify", "distribute": "justify",
          "mediumKashida": "justify", "highKashida": "justify", "lowKashida": "justify",
          "thaiDistribute": "justify", "left": "left", "start": "left"}


def legacy_encoding(font: str) -> str | None:
    """The legacy Vietnamese encoding a font name implies (legacy.TCVN3 or legacy.VNI):
    ".VnTime", ".VnTimeH", ".VnArial"… are TCVN3; "VNI-Times"… are VNI."""
    f = font.strip().lower()
    if f.startswith(".vn"):
        return legacy.TCVN3
    if f.startswith(("vni-", "vni ")):
        return legacy.VNI
    return None


def _from_legacy(text: str, encoding: str, font: str) -> str | None:
    """The run's text in Unicode, or None when it is Unicode already (a converted text left in
    its old font has Vietnamese letters outside Latin-1; legacy text never has)."""
    if any(ord(c) > 0xFF and c.isalpha() for c in text):
        return None
    out = legacy.to_unicode(text, encoding)
    # TCVN3 capitals with a tone exist only in the "H" fonts (.VnTimeH), stored as lowercase codes
    if encoding == legacy.TCVN3 and font.strip().endswith("H"):
        out = out.upper()
    return out


def _int(value: str | None, default: int, base: int = 10) -> int:
    try:
        return int(value, base) if value is not None else default
    except ValueError:
        return default
