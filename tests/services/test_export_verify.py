"""Every export reads its file back before it replaces the target (DOCX, XLSX, PDF; window, preview and
command line alike): a file that does not read back gives a Vietnamese sentence, the old target stays
byte for byte and no temporary file is left. A library's English error never reaches the officer.
A hidden temporary file left by a killed export is removed by the next export into that folder."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tudanhgia.services import xlsx as xlsx_service
from tudanhgia.services.export import ExportError, export_docx, verify_docx
from tudanhgia.services.files import (STALE_TEMP_SECONDS, TEMP_FOLDER, OutputError, atomic_write, process_alive,
                                      remove_stale_temps, verify_pdf)

OLD = b"the officer's previous file"
ENGLISH = "exceeded 255 char limit for property, got: '" + "x" * 5000 + "'"


def hidden_temps(folder):
    """Temporary files beside the target or in its hidden temporary folder."""
    return sorted(p.name for p in folder.rglob("*.tmp") if p.name.startswith("."))


def assert_refused(exc: Exception, target, folder) -> None:
    msg = str(exc)
    said = ("chưa được lưu", "không đọc lại được", "lỗi của chương trình", "không ghi được")
    assert any(s in msg.lower() for s in said), msg
    assert "tệp cũ" in msg.lower() and len(msg) < 300, msg
    assert not any(word in msg for word in ("exceeded", "Error", "File is not", "zip", "got:")), msg
    assert target.read_bytes() == OLD
    assert hidden_temps(folder) == [] and not (folder / TEMP_FOLDER).exists()


def truncated_docx(real_write):
    def write(report, target):
        real_write(report, target)
        with open(target, "r+b") as f:
            f.truncate(os.path.getsize(target) // 2)
    return write


# --- DOCX ----------------------------------------------------------------------------------------------
def test_a_docx_that_does_not_read_back_never_replaces_the_target(sample_service, tmp_path, monkeypatch):
    from tudanhgia.render import docx_writer
    monkeypatch.setattr(docx_writer, "write_docx", truncated_docx(docx_writer.write_docx))
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(OLD)
    with pytest.raises(ExportError) as info:
        export_docx(sample_service, 1, target)
    assert_refused(info.value, target, tmp_path)


def test_a_docx_without_paragraphs_is_refused(tmp_path):
    from docx import Document
    doc = Document()
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)
    empty = tmp_path / "empty.docx"
    doc.save(empty)
    with pytest.raises(ValueError):
        verify_docx(empty)


def test_the_library_words_never_reach_the_officer(sample_service, tmp_path, monkeypatch):
    from tudanhgia.render import docx_writer

    def fail(report, target):
        raise ValueError(ENGLISH)
    monkeypatch.setattr(docx_writer, "write_docx", fail)
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(OLD)
    with pytest.raises(ExportError) as info:
        export_docx(sample_service, 1, target)
    assert_refused(info.value, target, tmp_path)


def test_the_command_line_export_verifies_too(sample_db, tmp_path, monkeypatch, capsys):
    from tudanhgia import cli
    from tudanhgia.render import docx_writer
    monkeypatch.setattr(docx_writer, "write_docx", truncated_docx(docx_writer.write_docx))
    target = tmp_path / "cli.docx"
    target.write_bytes(OLD)
    assert cli.main(["export", "1", "--out", str(target), "--db", str(sample_db)]) != 0
    err = capsys.readouterr().err
    assert "không đọc lại được" in err and "Traceback" not in err
    assert target.read_bytes() == OLD and hidden_temps(tmp_path) == []


def test_verification_runs_before_the_target_is_replaced(sample_service, tmp_path, monkeypatch):
    from tudanhgia.services import export
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(OLD)
    seen = []

    def spy(path):
        seen.append((path.name.startswith(".bao-cao."), target.read_bytes() == OLD))
        verify_docx(path)
    monkeypatch.setattr(export, "verify_docx", spy)
    export_docx(sample_service, 1, target)
    assert seen == [(True, True)] and target.read_bytes() != OLD


# --- XLSX ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["measures", "indicators"])
def test_an_xlsx_that_does_not_read_back_never_replaces_the_target(sample_service, tmp_path, monkeypatch, which):
    from tudanhgia.render import xlsx as sheet_layout
    real = sheet_layout.package
    monkeypatch.setattr(sheet_layout, "package", lambda wb, row: real(wb, row)[:-200])
    target = tmp_path / "bang.xlsx"
    target.write_bytes(OLD)
    report = sample_service.get_report(2)
    with pytest.raises(xlsx_service.XlsxError) as info:
        if which == "measures":
            xlsx_service.export_measures(sample_service, xlsx_service.rows_for_report(report), target, "T")
        else:
            xlsx_service.export_indicators(sample_service, report.id, target)
    assert_refused(info.value, target, tmp_path)


def test_the_xlsx_library_words_never_reach_the_officer(sample_service, tmp_path, monkeypatch):
    from tudanhgia.render import xlsx as sheet_layout

    def fail(wb, row):
        raise ValueError(ENGLISH)
    monkeypatch.setattr(sheet_layout, "package", fail)
    target = tmp_path / "so-lieu.xlsx"
    target.write_bytes(OLD)
    with pytest.raises(xlsx_service.XlsxError) as info:
        xlsx_service.export_indicators(sample_service, 2, target)
    assert_refused(info.value, target, tmp_path)


# --- PDF -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n",
                                     b"%PDF-1.4\n<< /Type /Pages /Count 0 >>\n%%EOF\n", b"<html>not a pdf</html>"])
def test_an_incomplete_pdf_is_refused(tmp_path, content):
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(OLD)
    with pytest.raises(OutputError) as info:
        atomic_write(target, lambda tmp: tmp.write_bytes(content), verify_pdf)
    assert_refused(info.value, target, tmp_path)


def test_the_preview_pdf_export_verifies(sample_service, tmp_path, monkeypatch, qapp):
    from tudanhgia.ui import preview
    from tudanhgia.ui.app import make_application
    make_application()

    def half(self, path):
        real(self, path)
        with open(path, "r+b") as f:
            f.truncate(os.path.getsize(path) // 2)
    real = preview.PagedDocument.write_pdf
    monkeypatch.setattr(preview.PagedDocument, "write_pdf", half)
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(OLD)
    with pytest.raises(OutputError) as info:
        preview.export_pdf(sample_service, 1, target)
    assert_refused(info.value, target, tmp_path)
    monkeypatch.setattr(preview.PagedDocument, "write_pdf", real)
    preview.export_pdf(sample_service, 1, target)
    verify_pdf(target)


# --- temporary files left by a killed export --------------------------------------------------------------
def _aged(path, seconds=STALE_TEMP_SECONDS + 60):
    t = time.time() - seconds
    os.utime(path, (t, t))
    return path


def test_only_our_stale_temporary_files_are_removed(tmp_path):
    ours_old = tmp_path / ".bao-cao.k3x_9q2a.docx.tmp"
    ours_old.write_bytes(b"half")
    _aged(ours_old)
    ours_fresh = tmp_path / ".bao-cao.ab12cd34.docx.tmp"      # another export writing right now
    ours_fresh.write_bytes(b"writing")
    keep = {
        "not-hidden": tmp_path / "bao-cao.k3x_9q2a.docx.tmp",
        "other suffix": tmp_path / ".bao-cao.k3x_9q2a.odt.tmp",
        "short random": tmp_path / ".bao-cao.k3x.docx.tmp",
        "someone's": tmp_path / ".~lock.bao-cao.docx#",
        "plain tmp": tmp_path / "ghi-chu.tmp",
    }
    for p in keep.values():
        p.write_bytes(b"x")
        _aged(p)
    folder_like = tmp_path / ".thu-muc.abcdefgh.docx.tmp"
    folder_like.mkdir()
    _aged(folder_like)
    link = tmp_path / ".lien-ket.abcdefgh.pdf.tmp"
    link.symlink_to(keep["plain tmp"])
    os.utime(link, (0, 0), follow_symlinks=False)
    assert remove_stale_temps(tmp_path) == [ours_old]
    assert not ours_old.exists() and ours_fresh.exists() and folder_like.is_dir() and link.is_symlink()
    assert all(p.exists() for p in keep.values())


def _start_export_that_hangs(target, folder_out=None):
    """Another process exporting to `target`, stopped midway (its temporary file half written)."""
    script = textwrap.dedent(f"""
        import sys, time
        from tudanhgia.services.files import atomic_write
        def write(tmp):
            with open(tmp, "wb") as f:
                f.write(b"PK\\x03\\x04 half a document")
                f.flush()
                print("writing", flush=True)
                time.sleep(60)
        atomic_write({str(target)!r}, write)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    return proc


def _stop(proc):
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()


def test_a_killed_export_leaves_a_hidden_temporary_file_the_next_export_removes_at_once(sample_service, tmp_path):
    out = tmp_path / "xuat"
    out.mkdir()
    target = out / "bao-cao.docx"
    target.write_bytes(OLD)
    proc = _start_export_that_hangs(target)
    _stop(proc)
    left = hidden_temps(out)
    assert target.read_bytes() == OLD and len(left) == 1 and left[0].startswith(".bao-cao.")
    # not among the officer's files: in the hidden folder, named after this computer and the dead process
    assert sorted(p.name for p in out.iterdir()) == [TEMP_FOLDER, "bao-cao.docx"]
    assert f"-{proc.pid}." in left[0]
    export_docx(sample_service, 1, target)                    # its process is gone: removed at once
    assert hidden_temps(out) == [] and target.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in out.iterdir()) == ["bao-cao.docx"]


def test_a_running_exports_temporary_file_is_left_alone(sample_service, tmp_path):
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(OLD)
    proc = _start_export_that_hangs(target)
    try:
        left = hidden_temps(tmp_path)
        export_docx(sample_service, 1, tmp_path / "khac.docx")   # another export into the folder meanwhile
        assert hidden_temps(tmp_path) == left and len(left) == 1
    finally:
        _stop(proc)


def test_another_computers_temporary_file_waits_for_its_age(tmp_path):
    folder = tmp_path / TEMP_FOLDER
    folder.mkdir()
    other = folder / ".bao-cao.0badc0de-4242.k3x_9q2a.docx.tmp"   # a computer sharing the folder
    other.write_bytes(b"half")
    assert remove_stale_temps(tmp_path) == [] and other.exists()
    _aged(other)
    assert remove_stale_temps(tmp_path) == [other] and not folder.exists()


def test_process_alive_tells_a_running_process_from_a_finished_one():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert process_alive(proc.pid) and process_alive(os.getpid())
    finally:
        proc.kill()
        proc.wait(10)
    assert not process_alive(proc.pid)


@pytest.mark.parametrize("error,words", [(OSError(28, "No space left on device"), "ổ đĩa đã đầy"),
                                         (OSError(30, "Read-only file system"), "ổ đĩa chỉ cho phép đọc"),
                                         (OSError(5, "Input/output error"), "lỗi đọc ghi trên ổ đĩa")])
def test_the_system_reason_is_said_in_vietnamese(sample_service, tmp_path, monkeypatch, error, words):
    from tudanhgia.render import docx_writer

    def fail(report, target):
        raise error
    monkeypatch.setattr(docx_writer, "write_docx", fail)
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(OLD)
    with pytest.raises(ExportError) as info:
        export_docx(sample_service, 1, target)
    assert words in str(info.value) and error.strerror not in str(info.value)
    assert_refused(info.value, target, tmp_path)
