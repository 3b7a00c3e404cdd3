"""The differences between two versions of a report (domain/diff.py) as HTML in Qt's rich-text
subset: the window's comparison view, its printing and its PDF. Insertions are green and
underlined, deletions red and struck through, as Word shows tracked changes."""
from __future__ import annotations

import html

from ..domain.diff import DELETED, INSERTED, SAME, FieldChange, ParagraphDiff, ReportDiff, Segment, SectionDiff
from ..domain.richtext import clean_text
from .style import STYLE

INS_STYLE = "color:#006100; background-color:#dff3df; text-decoration: underline;"
DEL_STYLE = "color:#a00000; background-color:#fbe0e0; text-decoration: line-through;"


def _esc(text: str) -> str:
    return html.escape(clean_text(text or ""))


def _segments(segments: tuple[Segment, ...]) -> str:
    out = []
    for seg in segments:
        if seg.op == INSERTED:
            out.append(f'<span style="{INS_STYLE}">{_esc(seg.text)}</span>')
        elif seg.op == DELETED:
            out.append(f'<span style="{DEL_STYLE}">{_esc(seg.text)}</span>')
        else:
            out.append(_esc(seg.text))
    return "".join(out)


def _paragraphs(paragraphs: list[ParagraphDiff], context: int | None) -> str:
    """The paragraphs; with `context`, unchanged ones farther than that from a change are folded."""
    changed = [i for i, p in enumerate(paragraphs) if p.op != SAME]
    out, folded = [], 0
    for i, p in enumerate(paragraphs):
        near = context is None or any(abs(i - j) <= context for j in changed)
        if not near:
            folded += 1
            continue
        if folded:
            out.append(f'<p style="color:#777777;"><i>… {folded} đoạn không đổi …</i></p>')
            folded = 0
        out.append(f'<p style="text-indent:30px; margin-top:3px; margin-bottom:3px;">{_segments(p.segments)}</p>')
    if folded:
        out.append(f'<p style="color:#777777;"><i>… {folded} đoạn không đổi …</i></p>')
    return "".join(out)


def _fields(changes: list[FieldChange]) -> str:
    rows = "".join(
        f"<tr><td>{_esc(c.label)}</td><td><span style=\"{DEL_STYLE}\">{_esc(c.old)}</span></td>"
        f"<td><span style=\"{INS_STYLE}\">{_esc(c.new)}</span></td></tr>" for c in changes)
    return ('<table border="1" cellspacing="0" cellpadding="4" width="100%">'
            "<tr><th align=\"left\">Nội dung</th><th align=\"left\">Trước</th><th align=\"left\">Sau</th></tr>"
            f"{rows}</table>")


def _section(s: SectionDiff, context: int | None) -> str:
    what = {INSERTED: " <i>(mục mới)</i>", DELETED: " <i>(mục đã xóa)</i>"}.get(s.op, "")
    number = f"{_esc(s.number)} " if s.number else ""
    out = []
    if s.within:   # the sections it is under, small and grey above its heading
        out.append('<p style="color:#666666; font-size:10pt; margin-top:14px; margin-bottom:0px;">'
                   f"{_esc(s.within)}</p>")
    heading = _segments(s.heading_segments) or _esc(s.heading)
    out.append(f'<p style="font-weight:bold; margin-top:{2 if s.within else 14}px; margin-bottom:4px;">'
               f"{number}{heading}{what}</p>")
    out.append(_paragraphs(s.paragraphs, context))
    if s.fields:
        out.append(_fields(s.fields))
    return "".join(out)


def _group(title: str) -> str:
    """A heading of the page's own parts (Qt draws <h3> smaller than the text around it)."""
    return f'<p style="font-weight:bold; margin-top:14px; margin-bottom:4px;">{_esc(title)}</p>'


def diff_html(diff: ReportDiff, title: str, only_changes: bool = True, context: int | None = 1) -> str:
    """The whole comparison as one HTML document (`only_changes`: unchanged sections left out;
    `context`: unchanged paragraphs kept around each change, None for all)."""
    font = ", ".join(f"'{f}'" for f in (STYLE.font, *STYLE.font_fallbacks)) + ", serif"
    out = [f'<html><body style="font-family:{font}; font-size:13pt;">',
           f'<h2 align="center">SO SÁNH HAI PHIÊN BẢN</h2><p align="center"><b>{_esc(title)}</b></p>',
           f"<p>Trước: {_esc(diff.old_label)}<br />Sau: {_esc(diff.new_label)}</p>",
           f'<p>Chú giải: <span style="{INS_STYLE}">chữ thêm vào</span>, '
           f'<span style="{DEL_STYLE}">chữ bị xóa</span>.</p>',
           f"<p><b>{_esc(diff.summary())}</b></p>"]
    if diff.meta:
        out += [_group("Thông tin văn bản"), _fields(diff.meta)]
    for name, paragraphs in (("Phần mở đầu", diff.preamble), ("Câu kết thúc", diff.closing)):
        if any(p.op != SAME for p in paragraphs):
            out += [_group(name), _paragraphs(paragraphs, context)]
    for s in diff.sections:
        if s.op != SAME or not only_changes:
            out.append(_section(s, context if only_changes else None))
    if diff.items:
        out += [_group("Hạn chế, khuyết điểm và biện pháp"), _fields(diff.items)]
    if diff.indicators:
        out += [_group("Phụ lục số liệu"), _fields(diff.indicators)]
    out.append("</body></html>")
    return "".join(out)
