"""An existing folder given as the target of a command that writes a file (issue 11 gap F): the file
goes into that folder under the name the command would have chosen by itself, as copying a file into
a folder does — `export 1 --out Desktop` wrote “Desktop.docx” beside the folder."""
from __future__ import annotations

import zipfile

from tudanhgia.cli import main
from tudanhgia.domain.period import DocDate
from tudanhgia.services import ReportService
from tudanhgia.services.export import default_docx_name
from tudanhgia.services.xlsx import default_indicators_name, default_measures_name


def _run(capsys, db, *args) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _beside(folder) -> list[str]:
    """Documents written beside the target folder instead of into it."""
    return [n for n in _names(folder) if n.lower().endswith((".docx", ".xlsx"))]


def _docx_ok(path) -> bool:
    with zipfile.ZipFile(path) as z:
        return z.testzip() is None and "word/document.xml" in z.namelist()


def test_every_export_command_writes_into_an_existing_folder(sample_db, tmp_path, capsys):
    service = ReportService.open(sample_db, create=False)
    report = service.get_report(1)
    docx_name, measures_name = default_docx_name(report), default_measures_name(report)
    indicators_name = default_indicators_name(report)
    service.update_meta(2, number="15", date=DocDate(2023, 4, 20))   # what issuing needs
    issued_name = default_docx_name(service.get_report(2))
    service.close()
    assert docx_name.endswith(".docx") and measures_name.endswith(".xlsx")
    folder = tmp_path / "Bao cao gui"
    folder.mkdir()

    code, out, err = _run(capsys, sample_db, "export", "1", "--out", str(folder))
    assert code == 0, err
    assert out.strip() == str(folder / docx_name)
    assert _beside(tmp_path) == []                                         # no “Bao cao gui.docx” beside it
    assert _docx_ok(folder / docx_name)

    assert _run(capsys, sample_db, "xlsx-export", "1", "--out", str(folder))[0] == 0
    assert _run(capsys, sample_db, "xlsx-export", "1", "--indicators", "--out", str(folder))[0] == 0
    assert _run(capsys, sample_db, "versions", "2", "--save", "Dự thảo")[0] == 0
    code, out, err = _run(capsys, sample_db, "diff", "2", "1", "now", "--docx", str(folder))
    assert code == 0, err
    diff_name = issued_name.removesuffix(".docx") + "-so-sanh.docx"
    assert f"Đã ghi tệp Word có đánh dấu thay đổi: {folder / diff_name}" in out
    code, out, err = _run(capsys, sample_db, "issue", "2", "-o", str(folder))
    assert code == 0, err
    assert f"Tệp ban hành: {folder / issued_name}" in out

    assert _names(folder) == sorted({docx_name, measures_name, indicators_name, diff_name, issued_name})
    assert _beside(tmp_path) == []
    assert all(_docx_ok(folder / n) for n in (docx_name, diff_name, issued_name))
