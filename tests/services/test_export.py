"""Atomic export: a locked or read-only target gives a clear message and keeps the old file."""
import hashlib
import os
import re

import pytest
from docx import Document

from tudanhgia.services.export import ExportError, default_docx_name, export_docx, export_history


def leftovers(folder):
    return [p.name for p in folder.rglob("*.tmp")]  # beside the target or in its hidden temporary folder


def test_export_writes_records_history_and_opens(sample_service, tmp_path):
    path = export_docx(sample_service, 1, tmp_path / "bao-cao.docx")
    assert Document(str(path)).paragraphs
    history = export_history(sample_service, 1)
    assert len(history) == 1 and history[0].format == "docx"
    assert history[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert history[0].path == str(path.resolve())
    assert oct(path.stat().st_mode & 0o777) != oct(0o600), "not left private like a temp file"


def test_suffix_added_and_default_name(sample_service, tmp_path):
    assert export_docx(sample_service, 1, tmp_path / "bao-cao").name == "bao-cao.docx"
    assert default_docx_name(sample_service.get_report(1)) == "BC-kiem-diem-tap-the-2020.docx"


def test_read_only_target_keeps_old_file(sample_service, tmp_path):
    target = tmp_path / "cu.docx"
    target.write_bytes(b"old contents")
    target.chmod(0o444)
    with pytest.raises(ExportError, match="chỉ cho phép đọc"):
        export_docx(sample_service, 1, target)
    assert target.read_bytes() == b"old contents" and not leftovers(tmp_path)


def test_target_open_in_word_keeps_old_file(sample_service, tmp_path):
    target = tmp_path / "bao-cao-nam.docx"
    target.write_bytes(b"old contents")
    (tmp_path / "~$o-cao-nam.docx").write_bytes(b"owner")  # what Word leaves beside an open file
    with pytest.raises(ExportError, match="đang mở trong Word"):
        export_docx(sample_service, 1, target)
    assert target.read_bytes() == b"old contents" and not leftovers(tmp_path)


def test_lock_at_replace_time_keeps_old_file(sample_service, tmp_path, monkeypatch):
    target = tmp_path / "khoa.docx"
    target.write_bytes(b"old contents")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="bị khóa"):
        export_docx(sample_service, 1, target)
    assert target.read_bytes() == b"old contents" and not leftovers(tmp_path)


def test_failure_while_writing_keeps_old_file(sample_service, tmp_path, monkeypatch):
    import tudanhgia.render.docx_writer as writer
    target = tmp_path / "loi.docx"
    target.write_bytes(b"old contents")

    def broken(report, out):
        with open(out, "wb") as fh:
            fh.write(b"half a file")
        raise RuntimeError("disk full")
    monkeypatch.setattr(writer, "write_docx", broken)
    with pytest.raises(ExportError, match="Không xuất được"):
        export_docx(sample_service, 1, target)
    assert target.read_bytes() == b"old contents" and not leftovers(tmp_path)
    assert export_history(sample_service, 1) == []


def test_failure_reading_something_else_is_not_called_a_write_failure(sample_service, tmp_path, monkeypatch):
    """Frozen without python-docx's template, the export failed with "cannot write the file":
    the officer then looks for a locked file that is not there."""
    import tudanhgia.render.docx_writer as writer
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old contents")
    template = tmp_path / "templates" / "default.docx"

    def missing_template(report, out):
        open(out, "wb").close()
        template.read_bytes()  # FileNotFoundError naming the template
    monkeypatch.setattr(writer, "write_docx", missing_template)
    with pytest.raises(ExportError) as caught:
        export_docx(sample_service, 1, target)
    message = str(caught.value)
    assert "Không xuất được văn bản" in message and "Không ghi được tệp" not in message
    assert "nhật ký" in message  # the traceback is in the log
    assert target.read_bytes() == b"old contents" and not leftovers(tmp_path)


@pytest.mark.parametrize("failure", [lambda tmp: OSError(28, "No space left on device"),
                                     lambda tmp: PermissionError(13, "Permission denied", str(tmp))])
def test_disk_full_or_denied_while_writing_is_a_write_failure(sample_service, tmp_path, monkeypatch, failure):
    import tudanhgia.render.docx_writer as writer
    target = tmp_path / "bao-cao.docx"

    def broken(report, out):
        raise failure(out)
    monkeypatch.setattr(writer, "write_docx", broken)
    with pytest.raises(ExportError, match=re.escape("Không ghi được tệp “bao-cao.docx”")):
        export_docx(sample_service, 1, target)
    assert not target.exists() and not leftovers(tmp_path)


def test_missing_folder_and_directory_target(sample_service, tmp_path):
    with pytest.raises(ExportError, match="không tồn tại"):
        export_docx(sample_service, 1, tmp_path / "khong-co" / "x.docx")
    (tmp_path / "thu-muc.docx").mkdir()
    with pytest.raises(ExportError, match="thư mục"):
        export_docx(sample_service, 1, tmp_path / "thu-muc.docx")


def test_the_same_report_exported_twice_is_the_same_file_byte_for_byte(sample_service, tmp_path):
    """An issued DOCX is recognised by its SHA-256 (check --issued): nothing of the clock may get
    into the file (the package entries' times did, whenever the two exports fell in two seconds)."""
    import time
    first = export_docx(sample_service, 2, tmp_path / "mot.docx").read_bytes()
    time.sleep(1.1)
    assert export_docx(sample_service, 2, tmp_path / "hai.docx").read_bytes() == first
