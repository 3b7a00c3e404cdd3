"""Issue 14 point 8, headless: the global options count wherever they stand; `import --unit NAME`
on a database without that unit creates it from the document's header and signer; the `unit`
command lists, creates and edits unit profiles, so a fresh installation prints its agency."""
from contextlib import contextmanager

import pytest

from tudanhgia import cli
from tudanhgia.domain import Authority
from tudanhgia.paths import AppPaths
from tudanhgia.services import ReportService
from wordlike import WordReport

UNIT = "Phòng Nội vụ huyện Sơn Tịnh"


def plan(path):
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Số: 09/KH-PNV", "Sơn Tịnh, ngày 15 tháng 3 năm 2022")
    w.title("KẾ HOẠCH", "Phát huy ưu điểm, khắc phục những hạn chế, khuyết điểm của tập thể lãnh đạo năm 2021")
    w.heading("I. Mục đích, yêu cầu")
    w.para("Khắc phục kịp thời các hạn chế đã chỉ ra.")
    w.heading("II. Tổ chức thực hiện")
    w.para("Các bộ phận triển khai thực hiện Kế hoạch này./.")
    w.closing(["- UBND huyện;", "- Lưu: VT, NV."], ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"], "Trần Thị Lan")
    return w.save(path)


def database_in(folder):
    return AppPaths.default(folder).database


@contextmanager
def opened(db):
    service = ReportService.open(db, create=False)
    try:
        yield service
    finally:
        service.close()


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_is_honoured_before_and_after_the_command(tmp_path, user_data_dir, where, capsys):
    source, chosen = plan(tmp_path / "kh.docx"), tmp_path / "chon"
    args = ["--data-dir", str(chosen), "import", str(source)] if where == "before" else \
        ["import", str(source), "--data-dir", str(chosen)]
    assert cli.main(args) == 0
    assert database_in(chosen).exists() and not database_in(user_data_dir).exists()
    with opened(database_in(chosen)) as service:
        assert len(service.list_reports()) == 1


def test_import_with_a_new_unit_creates_it_from_the_documents_header(tmp_path, capsys):
    folder = str(tmp_path / "moi")                              # a fresh installation: no unit yet
    assert cli.main(["import", str(plan(tmp_path / "kh.docx")), "--unit", UNIT, "--data-dir", folder]) == 0
    out = capsys.readouterr().out
    assert f"Đã tạo đơn vị “{UNIT}”" in out
    with opened(database_in(folder)) as service:
        (unit,) = service.list_units()
        assert (unit.name, unit.parent_agency, unit.issuing_agency, unit.place, unit.abbreviation) == \
            (UNIT, "UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Sơn Tịnh", "PNV")
        assert (unit.signer.authority, unit.signer.authority_position, unit.signer.position, unit.signer.name) == \
            (Authority.KT, "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Trần Thị Lan")
        (summary,) = service.list_reports()
        assert service.get_report(summary.id).unit_name == UNIT
    # a second import for the same unit does not make another one
    assert cli.main(["import", str(plan(tmp_path / "kh2.docx")), "--unit", UNIT, "--data-dir", folder]) == 0
    with opened(database_in(folder)) as service:
        assert len(service.list_units()) == 1 and len(service.list_reports()) == 2


def test_a_bad_file_creates_no_unit(tmp_path, capsys):
    folder = str(tmp_path / "moi")
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert cli.main(["import", str(bad), "--unit", UNIT, "--data-dir", folder]) == 2
    with opened(database_in(folder)) as service:
        assert service.list_units() == [] and service.list_reports() == []


def test_the_unit_command_lists_creates_and_edits(tmp_path, capsys):
    folder = str(tmp_path / "moi")
    assert cli.main(["unit", "list", "--data-dir", folder]) == 0
    db = str(database_in(folder))
    assert "Chưa có đơn vị nào" in capsys.readouterr().out
    assert cli.main(["unit", "create", UNIT, "--parent-agency", "UBND HUYỆN SƠN TỊNH", "--issuing-agency",
                     "PHÒNG NỘI VỤ", "--abbreviation", "PNV", "--place", "Sơn Tịnh", "--signer-position",
                     "TRƯỞNG PHÒNG", "--signer-name", "Trần Thị Lan", "--recipient", "UBND huyện", "--db", db]) == 0
    assert cli.main(["--db", db, "unit", "edit", UNIT, "--authority", "KT", "--authority-position",
                     "TRƯỞNG PHÒNG", "--signer-position", "PHÓ TRƯỞNG PHÒNG"]) == 0
    capsys.readouterr()
    assert cli.main(["unit", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert UNIT in out and "PHÒNG NỘI VỤ" in out and "(mặc định)" in out
    with opened(database_in(folder)) as service:
        (unit,) = service.list_units()
        assert (unit.issuing_agency, unit.signer.authority, unit.signer.position, unit.signer.name) == \
            ("PHÒNG NỘI VỤ", Authority.KT, "PHÓ TRƯỞNG PHÒNG", "Trần Thị Lan")
        assert [r.text for r in unit.recipients.lines] == ["UBND huyện"]
    # a report made headless now prints the issuing agency
    assert cli.main(["new", "--kind", "khac", "--period", "2024", "--db", db]) == 0
    rid = capsys.readouterr().out.split("\t")[0].strip()
    assert cli.main(["show", rid, "--text", "--db", db]) == 0
    assert "PHÒNG NỘI VỤ" in capsys.readouterr().out
    # editing a unit that does not exist, or creating one twice: a message, exit 2
    assert cli.main(["unit", "edit", "Không có", "--place", "X", "--db", db]) == 2
    assert cli.main(["unit", "create", UNIT, "--db", db]) == 2
    assert "Đã có đơn vị" in capsys.readouterr().err
