"""Golden files of exported DOCX parts: normalising, comparing and (on request) rewriting them.

A part is compared as pretty-printed XML, one element per line, so a failure reads as a short
unified diff. Exporting the same reports twice gives byte-identical parts (checked when the
golden files were made, 2026-11): only the zip's own timestamps differ, and those are not
compared. What is removed anyway:
- `w:rsid*` attributes, and the `w:rsid`/`w:rsids` elements: revision-session ids that come
  with python-docx's template; Word rewrites them on every save and they carry no formatting.
The one clock-dependent value, the thematic report's date, is pinned where the report is made
(tests/render/conftest.py) rather than normalised away.

Set UPDATE_GOLDEN=1 to rewrite the files instead of comparing (see golden/README.md).
"""
from __future__ import annotations

import difflib
import os
import zipfile
from pathlib import Path

from lxml import etree

GOLDEN_DIR = Path(__file__).with_name("golden")
PARTS = ("word/document.xml", "word/styles.xml", "word/footnotes.xml")
MAX_DIFF_LINES = 300

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def read_part(docx_path: Path, part: str) -> bytes | None:
    with zipfile.ZipFile(docx_path) as z:
        try:
            return z.read(part)
        except KeyError:
            return None


def normalise(xml: bytes) -> str:
    """The part pretty-printed, one element per line, volatile attributes removed."""
    root = etree.fromstring(xml)
    for el in root.iter():
        for name in [n for n in el.attrib if n.startswith(f"{{{_W_NS}}}rsid")]:
            del el.attrib[name]
    for el in list(root.iter(f"{{{_W_NS}}}rsid", f"{{{_W_NS}}}rsids")):
        el.getparent().remove(el)
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


def golden_path(doc_name: str, part: str) -> Path:
    return GOLDEN_DIR / doc_name / Path(part).name


def updating() -> bool:
    return os.environ.get("UPDATE_GOLDEN", "") not in ("", "0")


def unified_diff(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    lines = list(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                      expected_name, actual_name, n=3))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"… {len(lines) - MAX_DIFF_LINES} more diff lines\n"]
    return "".join(lines)
