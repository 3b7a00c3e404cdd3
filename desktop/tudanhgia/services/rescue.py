"""Typing the database would not take, written to a file instead: the officer's choice when
closing with unsaved text ("Lưu ra tệp khác…"), or the program's own when the session ends
(log-out, shutdown, SIGTERM) and nobody can be asked."""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from .files import OutputError, atomic_write

Blocks = list[tuple[str, str]]   # (what it is, the text)
RESCUE_FOLDER = "chua-luu"       # in the data folder: what a session's end could not write


def unsaved_text(report_title: str, db_name: str, blocks: Blocks, when: _dt.datetime | None = None) -> str:
    when = when or _dt.datetime.now()
    head = [f"Nội dung chưa lưu được vào cơ sở dữ liệu “{db_name}”",
            f"Báo cáo: {report_title}", f"Ghi lúc: {when:%H:%M ngày %d/%m/%Y}",
            "Hãy mở lại báo cáo trong Tự Đánh Giá và dán nội dung dưới đây vào đúng chỗ.", ""]
    body = [f"=== {name} ===\n{text}\n" for name, text in blocks]
    return "\n".join(head + body)


def write_unsaved(path: str | Path, report_title: str, db_name: str, blocks: Blocks) -> Path:
    """Write `blocks` to `path`: a Word document for .docx, UTF-8 text otherwise. Raises OutputError."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        def write(tmp: Path) -> None:
            from docx import Document
            doc = Document()
            for line in unsaved_text(report_title, db_name, [], None).splitlines():
                doc.add_paragraph(line)
            for name, text in blocks:
                doc.add_heading(name, level=2)
                for para in text.split("\n"):
                    doc.add_paragraph(_xml_safe(para))
            doc.save(str(tmp))
    else:
        def write(tmp: Path) -> None:
            # with a byte order mark: Notepad on older Windows reads it as UTF-8, not as ANSI
            tmp.write_text(unsaved_text(report_title, db_name, blocks), encoding="utf-8-sig")
    return atomic_write(path, write)


def rescue(folder: Path, report_title: str, db_name: str, blocks: Blocks) -> Path:
    """Write `blocks` to a new file in `folder`/chua-luu (when the session ends and nobody can be asked)."""
    target = folder / RESCUE_FOLDER
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Không tạo được thư mục “{target}”: {exc.strerror or exc}.") from None
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return write_unsaved(target / f"chua-luu-{stamp}.txt", report_title, db_name, blocks)


def rescued_files(folder: Path) -> list[Path]:
    return sorted((folder / RESCUE_FOLDER).glob("chua-luu-*.txt"))


def _xml_safe(text: str) -> str:
    # Word refuses control characters in a paragraph (the text file keeps them)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


__all__ = ["RESCUE_FOLDER", "rescue", "rescued_files", "unsaved_text", "write_unsaved"]
