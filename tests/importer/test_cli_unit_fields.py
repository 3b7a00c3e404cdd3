"""`unit create/edit` with a tab, a line break or a control character in a field (issue 14 point
8): stored on one line as the window's unit form keeps it, and `unit list` keeps its six columns."""
from __future__ import annotations

from tudanhgia import cli
from tudanhgia.domain.model import Recipients, UnitProfile
from tudanhgia.paths import AppPaths
from tudanhgia.services import ReportService


def _listed(capsys, db) -> list[list[str]]:
    capsys.readouterr()
    assert cli.main(["unit", "list", "--db", db]) == 0
    return [line.split("\t") for line in capsys.readouterr().out.splitlines()]


def test_tabs_and_line_breaks_in_a_unit_field_are_made_spaces_and_list_keeps_its_columns(tmp_path, capsys):
    folder = str(tmp_path / "moi")
    db = str(AppPaths.default(folder).database)
    assert cli.main(["unit", "create", "Phòng\tNội vụ\n huyện", "--place", "Sơn\tTịnh\r\nQuảng Ngãi\x07",
                     "--issuing-agency", "PHÒNG\x0bNỘI VỤ", "--abbreviation", "P N\tV",
                     "--signer-name", "Trần\tThị\nLan", "--recipient", "- UBND\thuyện;", "--recipient", "\t",
                     "--data-dir", folder]) == 0
    assert "Đã tạo đơn vị “Phòng Nội vụ huyện”" in capsys.readouterr().out
    rows = _listed(capsys, db)
    assert len(rows) == 1 and len(rows[0]) == 6
    assert rows[0][1:] == ["Phòng Nội vụ huyện (mặc định)", "", "PHÒNG NỘI VỤ", "Sơn Tịnh Quảng Ngãi", "Trần Thị Lan"]
    # found again by the name as typed, tabs and all
    assert cli.main(["unit", "edit", "Phòng\tNội vụ huyện", "--place", "Tịnh\nẤn Tây", "--db", db]) == 0
    assert _listed(capsys, db)[0][4] == "Tịnh Ấn Tây"
    service = ReportService.open(db, create=False)
    try:
        (unit,) = service.list_units()
        assert (unit.abbreviation, [r.text for r in unit.recipients.lines]) == ("PNV", ["UBND huyện"])
    finally:
        service.close()


def test_a_unit_stored_with_a_tab_by_an_older_version_lists_on_one_row(tmp_path, capsys):
    db = tmp_path / "cu.sqlite"
    service = ReportService.open(db)
    try:
        unit = service.save_unit(UnitProfile("Văn phòng", place="Quảng Ngãi", recipients=Recipients(archive="VT")))
    finally:
        service.close()
    import sqlite3
    with sqlite3.connect(db) as con:   # as an older version could store it
        con.execute("UPDATE unit_profile SET place = ?, name = ? WHERE id = ?",
                    ("Quảng\tNgãi\nMới", "Văn\tphòng", unit.id))
    rows = _listed(capsys, str(db))
    assert rows == [[str(unit.id), "Văn phòng (mặc định)", "", "", "Quảng Ngãi Mới", ""]]
