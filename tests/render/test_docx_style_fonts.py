"""P3 on every style: a style that names a font names it in all four slots (ascii, hAnsi, eastAsia,
cs) with no theme font attributes, so no Vietnamese letter falls back to another font in Word
(PITFALLS: fonts). Read from word/styles.xml of each exported document."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from tudanhgia.render.style import STYLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
THEME = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def style_fonts(styles_xml: bytes) -> dict[str, dict[str, str]]:
    """Each style's (and the document defaults') w:rFonts attributes by local name, for those that have one."""
    root = etree.fromstring(styles_xml)
    out = {}
    for rpr_default in root.iter(f"{W}rPrDefault"):
        fonts = rpr_default.find(f"{W}rPr/{W}rFonts")
        if fonts is not None:
            out["(document defaults)"] = {etree.QName(k).localname: v for k, v in fonts.attrib.items()}
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        label = name.get(f"{W}val") if name is not None else style.get(f"{W}styleId")
        for i, fonts in enumerate(style.iter(f"{W}rFonts")):   # table styles' conditional formats too
            out[label if i == 0 else f"{label} #{i}"] = {etree.QName(k).localname: v for k, v in fonts.attrib.items()}
    return out


def problems(styles_xml: bytes) -> list[str]:
    found = []
    for label, attrs in style_fonts(styles_xml).items():
        # the checkbox glyphs' character style uses the house symbol font, in all four slots as well
        want = STYLE.symbol_font if label == "TDG Symbol" else STYLE.font
        for slot in SLOTS:
            if attrs.get(slot) != want:
                found.append(f"{label}: w:{slot}={attrs.get(slot)!r}, want {want!r}")
        for attr in (*THEME, "hint"):
            if attr in attrs:
                found.append(f"{label}: w:{attr}={attrs[attr]!r} (theme fonts override named ones)")
    return found


@pytest.mark.parametrize("key", [1, 2, 3, "theme"])
def test_every_style_names_times_new_roman_in_all_four_slots(exported, key):
    with zipfile.ZipFile(exported[key]) as z:
        styles_xml = z.read("word/styles.xml")
    fonts = style_fonts(styles_xml)
    # the styles that carry the document's text all name their font
    assert {"(document defaults)", "Normal", "TDG Body", "TDG Title", "TDG Level 1", "TDG Signer",
            "Footnote Text", "TDG Symbol"} <= fonts.keys()
    assert problems(styles_xml) == []


def test_the_check_sees_a_missing_slot_and_a_theme_font():
    """The reader above is not blind: a style with two slots or a theme attribute is reported."""
    xml = (f'<w:styles xmlns:w="{W[1:-1]}">'
           '<w:style w:styleId="A"><w:name w:val="A"/><w:rPr>'
           '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:style>'
           '<w:style w:styleId="B"><w:name w:val="B"/><w:rPr><w:rFonts w:ascii="Times New Roman" '
           'w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman" '
           'w:eastAsiaTheme="minorEastAsia"/></w:rPr></w:style>'
           '<w:style w:styleId="C"><w:name w:val="C"/><w:rPr/></w:style></w:styles>').encode()
    assert problems(xml) == ["A: w:eastAsia=None, want 'Times New Roman'", "A: w:cs=None, want 'Times New Roman'",
                             "B: w:eastAsiaTheme='minorEastAsia' (theme fonts override named ones)"]
