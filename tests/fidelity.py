"""Compare a report's text with a sample file's text, paragraph by paragraph.

The sample files are plain-text extractions: wrapped lines, page-break splits, PDF footnote
debris. Both sides are normalised the same way (white space collapsed, ** and * markers and
checkbox glyphs removed); a paragraph of one side "matches" when it occurs, whole, in the other
side's text stream. This is order-preserving enough to catch missing or altered text, and does
not depend on guessing the extraction's paragraph boundaries exactly."""
from __future__ import annotations

import re
import unicodedata

_CLASSIFICATION = ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                   "Không hoàn thành nhiệm vụ")
_NEW_PARA = re.compile(r"^(- |\+ |[IVX]+\. |\d{1,2}(\.\d{1,2})*\. |[a-zđ]\) |Phần |Nơi nhận)")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = text.replace("**", "").replace("*", "").replace("☐", "").replace("☒", "")
    text = " ".join(text.split())
    # the extraction shows the unmarked classification options with a leading dash (lost boxes)
    for option in _CLASSIFICATION:
        if text in (f"- {option};", f"- {option}."):
            text = text[2:]
    return text


def sample_paragraphs(raw: str) -> list[str]:
    """The sample's paragraphs: empty lines dropped, wrapped lines joined, PDF footnote blocks
    (a line 'N text' with N the next footnote number, up to a line starting with a space)
    moved to the end as 'N text', stray URL lines dropped."""
    lines = raw.splitlines()
    body: list[str] = []
    notes: list[str] = []
    expected = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.match(rf"^{expected} \S", line) and body and not line.startswith(" "):
            block = [line]
            i += 1
            while i < len(lines) and not lines[i].startswith(" "):
                if lines[i].strip():
                    if re.match(rf"^{expected + 1} \S", lines[i]):
                        notes.append(" ".join(block))
                        expected += 1
                        block = [lines[i]]
                    else:
                        block.append(lines[i])
                i += 1
            notes.append(" ".join(block))
            expected += 1
            continue
        if line.strip() and not re.match(r"^\s*https?://", line):
            body.append(line)
        i += 1
    paras: list[str] = []
    for line in body:
        text = norm(line)
        if not text:
            continue
        if paras and not _NEW_PARA.match(text) and (text[0].islower() or not re.search(r"[.:;!?]$", paras[-1])
                                                      or paras[-1].endswith(",")):
            # a word hyphenated at the line end ("26/CT-" + "TTg") joins without a space
            glue = "" if re.search(r"\S-$", paras[-1]) else " "
            paras[-1] = f"{paras[-1]}{glue}{text}"
        else:
            paras.append(text)
    return paras + [norm(n) for n in notes]


_NUMBER = re.compile(r"^(Phần thứ [IVX]+|Phần thứ \w+|Phần [IVX]+|[IVX]+\.|\d{1,2}(\.\d{1,2})*\.|[a-zđ]\))(\s|$)")


def strip_number(text: str) -> str:
    """Numbering is computed by the app, not entered: compare the text after it (the
    numbers themselves are checked against the samples in test_sample_numbering)."""
    return _NUMBER.sub("", text, count=1).strip()


def match_ratio(sample: list[str], ours: list[str], strip_numbers: bool = True
                ) -> tuple[float, float, list[str], list[str]]:
    """(share of sample paragraphs found in our text, share of ours found in the sample,
    the sample paragraphs not found, our paragraphs not found)."""
    strip = strip_number if strip_numbers else (lambda text: text)
    ours = [p for p in (strip(norm(p)) for p in ours) if p]
    sample = [p for p in (strip(p) for p in sample) if p]
    our_stream = " " + " ".join(ours) + " "
    sample_stream = " " + " ".join(sample) + " "
    missing = [p for p in sample if f" {p} " not in our_stream]
    extra = [p for p in ours if f" {p} " not in sample_stream]
    return 1 - len(missing) / len(sample), 1 - len(extra) / len(ours), missing, extra
