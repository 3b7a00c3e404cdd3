"""The command line of issue 17: versions, diff (--docx), issue, check --issued, unlock."""
from __future__ import annotations

import re
import zipfile

import pytest

from tudanhgia.cli import main
from tudanhgia.domain.period import DocDate
from tudanhgia.domain.richtext import RichText
from tudanhgia.services import ReportService

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _run(capsys, db, *args) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_versions_diff_issue_check_unlock(sample_db, tmp_path, capsys):
    code, out, _ = _run(capsys, sample_db, "versions", "2", "--save", "Dự thảo lần 2")
    assert code == 0 and "Phiên bản 1 “Dự thảo lần 2”" in out
    svc = ReportService.open(sample_db, create=False)
    section = next(s for s in svc.get_report(2).walk() if s.body.paragraphs)
    svc.write_section_body(section.id, RichText.from_plain("Lãnh đạo Văn phòng đã chỉ đạo quyết liệt."))
    svc.update_meta(2, number="15", date=DocDate(2023, 4, 20))
    svc.close()

    code, out, _ = _run(capsys, sample_db, "diff", "2", "1", "now", "--docx", str(tmp_path / "ss.docx"))
    assert code == 0
    # the changed paragraph's line read without its deletions is the new text, without its insertions the old
    line = next(x.strip() for x in out.splitlines() if "quyết liệt" in x)
    assert "{+" in line and "[-" in line
    assert re.sub(r"\[-.*?-\]", "", line).replace("{+", "").replace("+}", "") == \
        "Lãnh đạo Văn phòng đã chỉ đạo quyết liệt."
    assert re.sub(r"\{\+.*?\+\}", "", line).replace("[-", "").replace("-]", "") == section.body.paragraphs[0].text
    assert "Số văn bản: “” → “15”" in out
    with zipfile.ZipFile(tmp_path / "ss.docx") as z:
        assert b"w:ins" in z.read("word/document.xml")

    code, out, _ = _run(capsys, sample_db, "issue", "2", "-o", str(tmp_path / "bh.docx"))
    assert code == 0 and "Đã đánh dấu ban hành số 15/" in out
    code, out, _ = _run(capsys, sample_db, "check", "2", "--issued", str(tmp_path / "bh.docx"))
    assert code == 0 and out.startswith("Đúng là văn bản đã ban hành số 15/")
    code, out, _ = _run(capsys, sample_db, "check", "2", "--issued", str(tmp_path / "ss.docx"))
    assert code == 1 and out.startswith("KHÔNG phải văn bản đã ban hành")

    code, _, err = _run(capsys, sample_db, "versions", "2", "--restore", "1")
    assert code == 2 and "đã ban hành" in err
    # on the command line the way to unlock is the command, not the window's menu
    assert 'tudanhgia unlock 2 --reason "…"' in err and "Phiên bản ▸" not in err
    code, _, err = _run(capsys, sample_db, "issue", "2", "-o", str(tmp_path / "lan-hai.docx"))
    assert code == 2 and "đã ban hành" in err and 'tudanhgia unlock 2 --reason "…"' in err and "▸" not in err
    code, _, err = _run(capsys, sample_db, "unlock", "2", "--reason", " ")
    assert code == 2 and "lý do" in err
    code, out, _ = _run(capsys, sample_db, "unlock", "2", "--reason", "Sửa theo ý kiến lãnh đạo")
    assert code == 0
    code, out, _ = _run(capsys, sample_db, "check", "2", "--issued", str(tmp_path / "bh.docx"))
    assert code == 0 and "(lý do: Sửa theo ý kiến lãnh đạo) nên nội dung hiện tại có thể không còn khớp" in out
    code, out, _ = _run(capsys, sample_db, "versions", "2", "--restore", "1")
    assert code == 0 and "Đã khôi phục" in out
    assert "Mở khóa (lý do: Sửa theo ý kiến lãnh đạo)" in out
    code, out, _ = _run(capsys, sample_db, "diff", "2", "1")
    assert "Số văn bản" not in out and "Lãnh đạo Văn phòng" not in out   # back to version 1's words


def test_a_wrong_version_is_a_message(sample_db, capsys):
    code, _, err = _run(capsys, sample_db, "diff", "2", "7")
    assert code == 2 and "không có phiên bản 7" in err
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(sample_db), "diff", "2", "x"])
    assert stopped.value.code == 2 and "không phải số phiên bản" in capsys.readouterr().err


def test_check_issued_after_the_unit_changes_its_standard(sample_db, tmp_path, capsys):
    """Gap 1, as the audit ran it: `standard --unit` after the issue; a fresh export is still the issued file."""
    svc = ReportService.open(sample_db, create=False)
    svc.update_meta(2, number="15", date=DocDate(2023, 4, 20))
    unit_id = svc.get_report(2).unit_id
    svc.close()
    assert _run(capsys, sample_db, "issue", "2", "-o", str(tmp_path / "bh.docx"))[0] == 0
    assert _run(capsys, sample_db, "standard", "--unit", str(unit_id), "hd05-vptw")[0] == 0
    assert _run(capsys, sample_db, "export", "2", "--out", str(tmp_path / "lai.docx"))[0] == 0
    code, out, _ = _run(capsys, sample_db, "check", "2", "--issued", str(tmp_path / "lai.docx"))
    assert code == 0 and out.startswith("Đúng là văn bản đã ban hành số 15/"), out


def test_the_diff_summary_names_the_document_fields_changed(sample_db, capsys):
    """Gap 5: only the number and the date changed since version 1."""
    assert _run(capsys, sample_db, "versions", "2", "--save", "Dự thảo")[0] == 0
    svc = ReportService.open(sample_db, create=False)
    svc.update_meta(2, number="15", date=DocDate(2023, 4, 20))
    svc.close()
    code, out, _ = _run(capsys, sample_db, "diff", "2", "1")
    assert code == 0
    assert out.splitlines()[2] == "Thông tin văn bản: Số văn bản, Ngày văn bản."


def test_versions_lists_the_exports_of_an_unchanged_report_under_its_latest_version(sample_db, tmp_path, capsys):
    """Review of d140c6c: an export of a report unchanged since its latest version adds none; `versions`
    shows them under that version."""
    for name in ("a.docx", "b.docx"):
        assert _run(capsys, sample_db, "export", "2", "--out", str(tmp_path / name))[0] == 0
    code, out, _ = _run(capsys, sample_db, "versions", "2")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("1\t")
    assert re.fullmatch(r"1\t\d\d/\d\d/\d{4} \d\d:\d\d\t.*\tXuất DOCX “a\.docx” — sau đó xuất 1 lần "
                        r"\(nội dung không đổi\), lần cuối \d\d/\d\d/\d{4} \d\d:\d\d", lines[0])
    assert re.fullmatch(r"\t  ↳ \d\d/\d\d/\d{4} \d\d:\d\d(, .+)?: Xuất DOCX “b\.docx”", lines[1])
    assert not any(line.startswith("2\t") for line in lines)
