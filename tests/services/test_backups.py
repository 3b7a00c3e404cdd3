"""The backups use case (services/backups.py): take, list with report titles, preview, restore
into the open database after backing it up, and replace a damaged file (issue 11, points 2, 3)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tudanhgia.domain.richtext import RichText
from tudanhgia.errors import ServiceError
from tudanhgia.paths import AppPaths
from tudanhgia.services import ReportService
from tudanhgia.services.backups import (BackupFailed, BackupService, BackupSettings, DamagedDatabase, describe,
                                        is_damaged, load_settings, size_label)
from tudanhgia.store import CorruptDatabase, NewerDatabase
from tudanhgia.store.backup import Retention

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"  # databases of released schemas


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def paths(user_data_dir) -> AppPaths:
    return AppPaths.default().ensure()


@pytest.fixture
def live(sample_db, paths):
    service = ReportService.open(sample_db, paths, create=False)
    yield service
    service.close()


@pytest.fixture
def backups(sample_db, paths):
    b = BackupService(sample_db, paths)
    yield b
    b.close()


def _first_section(service: ReportService, report_id: int):
    return service.get_report(report_id).sections[0]


def test_backups_go_to_the_user_data_folder_one_folder_per_database(backups, paths, sample_db):
    taken = backups.take("mo")
    assert taken.path.parent.parent == paths.backups_dir == paths.data_dir / "backups"
    assert taken.path.parent.name.startswith("sample-")
    assert not any(p.name != sample_db.name for p in sample_db.parent.iterdir() if p.suffix == ".sqlite")
    assert backups.available() == [taken]


def test_the_reports_of_a_backup_are_listed_with_their_titles(backups, live):
    expected = [(r.id, r.title) for r in live.list_reports()]
    taken = backups.take("mo")
    before = _sha(taken.path)
    assert [(r.id, r.title) for r in backups.reports(taken)] == expected
    assert len(expected) == 3
    assert _sha(taken.path) == before and sorted(p.name for p in taken.path.parent.iterdir()) == sorted(
        [taken.path.name, "nguon.txt"])  # read without a -wal or -shm beside it


def test_a_report_from_a_backup_is_previewed_as_printed(backups, live):
    report = live.get_report(live.list_reports()[0].id)
    section = next(s for s in report.walk() if s.body.plain.strip())
    words = section.body.plain.split()[:4]
    taken = backups.take("mo")
    live.update_section(section.id, body=RichText.from_markup("Đoạn sửa sau khi sao lưu."))
    html = backups.preview_html(taken, report.id)
    assert " ".join(words) in " ".join(html.replace("&nbsp;", " ").split())
    assert "Đoạn sửa sau khi sao lưu" not in html
    before = _sha(taken.path)
    backups.close()
    assert _sha(taken.path) == before


def test_the_backup_taken_before_a_migration_is_listed_and_previewed(tmp_path, paths):
    """It holds the old schema: the preview reads an upgraded private copy, the file stays as is."""
    old = tmp_path / "cu.sqlite"
    old.write_bytes((SCHEMAS / "0002_export_record.sqlite").read_bytes())
    ReportService.open(old, paths, create=False).close()  # upgraded, after a backup
    b = BackupService(old, paths)
    [taken] = b.available()
    assert taken.reason == "truoc-nang-cap"
    before = _sha(taken.path)
    # the fixture's reports (tests/data/schemas/README.md); report 4 is in its trash
    assert sorted(r.id for r in b.reports(taken)) == [1, 2, 3]
    assert next(r.title for r in b.reports(taken) if r.id == 1) == "Báo cáo kiểm điểm tập thể năm 2023 🗂"
    assert "hoàn thành tốt" in b.preview_html(taken, 1)
    b.close()
    assert _sha(taken.path) == before


def test_restore_backs_up_the_current_state_first(backups, live):
    report_id = live.list_reports()[0].id
    section = _first_section(live, report_id)
    original = section.body
    taken = backups.take("mo")
    typed = RichText.from_markup("Đoạn viết sau bản sao lưu, sẽ được sao lưu trước khi khôi phục.")
    live.update_section(section.id, body=typed)
    added = live.create_report("ke-hoach-khac-phuc", "2031")
    before = backups.restore(taken, live)
    # the database now holds the backup's state; the service reopens its connections by itself
    assert _first_section(live, report_id).body == original
    assert added.id not in {r.id for r in live.list_reports()}
    # and what was replaced is in a verified backup
    assert before.reason == "truoc-khoi-phuc" and before.fresh
    assert added.id in {r.id for r in backups.reports(before)}
    assert backups.report(before, report_id).sections[0].body == typed


def test_restore_is_refused_when_the_current_state_cannot_be_backed_up(backups, live, monkeypatch):
    from tudanhgia.store import backup as store_backup
    report_id = live.list_reports()[0].id
    taken = backups.take("mo")
    section = _first_section(live, report_id)
    typed = RichText.from_markup("Không được mất đoạn này.")
    live.update_section(section.id, body=typed)

    def no_room(*_a, **_kw):
        raise store_backup.BackupError("Ổ đĩa chứa thư mục sao lưu không đủ chỗ trống.")
    monkeypatch.setattr("tudanhgia.services.backups.take_backup", no_room)
    with pytest.raises(BackupFailed, match="Chưa khôi phục"):
        backups.restore(taken, live)
    assert _first_section(live, report_id).body == typed


def test_restore_of_an_unreadable_backup_is_refused(backups, live):
    taken = backups.take("mo")
    taken.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(ServiceError, match="không còn đọc được"):
        backups.restore(taken, live)
    assert len(live.list_reports()) == 3


def test_newest_good_skips_a_backup_that_no_longer_reads(backups, live, sample_db):
    good = backups.take("mo")
    live.create_report("ke-hoach-khac-phuc", "2031")
    bad = backups.take("dinh-ky")
    assert backups.available() == [bad, good]
    data = bytearray(bad.path.read_bytes())
    data[4096 * 2:4096 * 4] = b"\xff" * (4096 * 2)
    bad.path.write_bytes(bytes(data))
    assert backups.newest_good() == good


def test_a_damaged_database_is_replaced_by_the_newest_good_backup(backups, live, sample_db):
    taken = backups.take("mo")
    titles = [r.title for r in live.list_reports()]
    live.close()
    data = bytearray(sample_db.read_bytes())
    data[4096 * 2:4096 * 5] = b"\x13" * (4096 * 3)
    sample_db.write_bytes(bytes(data))
    damaged = _sha(sample_db)
    with pytest.raises(CorruptDatabase) as refused:
        ReportService.open(sample_db, create=False)
    assert is_damaged(refused.value)
    assert backups.newest_good() == taken
    aside = backups.replace_damaged(taken)
    assert aside.parent == sample_db.parent
    assert aside.name.startswith("sample.hong-") and aside.suffix == ".sqlite"
    assert _sha(aside) == damaged
    reopened = ReportService.open(sample_db, create=False)
    assert [r.title for r in reopened.list_reports()] == titles
    reopened.close()


def test_a_damaged_file_that_cannot_be_renamed_stays_where_it_is(backups, live, sample_db, monkeypatch):
    """A read-only folder (or, on Windows, a file another program holds): nothing is touched."""
    taken = backups.take("mo")
    live.close()
    before = _sha(sample_db)

    def refused(_path, _now=None):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("tudanhgia.services.backups.move_aside", refused)
    with pytest.raises(ServiceError, match="không cho phép ghi") as caught:
        backups.replace_damaged(taken)
    assert str(taken.path) in str(caught.value)  # where the good copy is, to copy by hand
    assert _sha(sample_db) == before


def test_the_copy_failing_is_undone(backups, live, sample_db, monkeypatch):
    taken = backups.take("mo")
    live.close()
    before = _sha(sample_db)

    def broken(*_a):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("tudanhgia.services.backups.place_copy", broken)
    with pytest.raises(ServiceError, match="Không chép được"):
        backups.replace_damaged(taken)
    assert _sha(sample_db) == before
    assert not [p for p in sample_db.parent.iterdir() if ".hong-" in p.name]


def test_newer_and_foreign_files_are_not_offered_a_backup():
    assert not is_damaged(NewerDatabase("x"))
    assert is_damaged(CorruptDatabase("x"))


def test_a_damaged_database_makes_the_backup_say_so(backups, sample_db):
    data = bytearray(sample_db.read_bytes())
    for i in range(4096 * 3, len(data), 5):
        data[i] = (data[i] * 31 + 7) % 256
    sample_db.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase, match="bị hỏng"):
        backups.take("mo")


# --- settings and words -----------------------------------------------------------------------------
def test_settings_come_from_the_backups_group_of_settings_ini(tmp_path):
    ini = tmp_path / "settings.ini"
    ini.write_text("[General]\nlast_db=/home/a/tudanhgia.sqlite\n\n[main]\ngeometry=@ByteArray(\\x1\\xd9\\xd0%)\n\n"
                   "[backups]\nkeep_last=5\nkeep_days=7\ninterval_minutes=30\n", encoding="utf-8")
    assert load_settings(ini) == BackupSettings(Retention(5, 7), 30)


@pytest.mark.parametrize("text", ["", "[backups]\nkeep_last=nhiều\n", "[backups]\nkeep_last=0\ninterval_minutes=-4\n",
                                  "không phải ini\x00"])
def test_bad_or_missing_settings_keep_the_defaults(tmp_path, text):
    ini = tmp_path / "settings.ini"
    ini.write_text(text, encoding="utf-8")
    settings = load_settings(ini)
    assert settings.retention.keep_days == 30 and settings.interval_minutes >= 1
    assert settings.retention.keep_last in (20, 1)
    assert load_settings(tmp_path / "khong-co.ini") == BackupSettings(Retention(20, 30), 15)


def test_sizes_and_descriptions_read_as_an_officer_writes_them(backups):
    assert size_label(1024 * 1024 * 3 // 2) == "1,5 MB"
    assert size_label(839_680) == "820 KB"
    taken = backups.take("dinh-ky")
    text = describe(taken)
    assert f"{taken.taken_at:%H:%M} ngày {taken.taken_at:%d/%m/%Y}" in text and "Định kỳ" in text


# --- the command line -------------------------------------------------------------------------------
def test_cli_lists_takes_and_restores(sample_db, paths, capsys):
    from tudanhgia import cli
    assert cli.main(["backups", "--db", str(sample_db)]) == 0
    assert "Chưa có bản sao lưu nào" in capsys.readouterr().out
    assert cli.main(["backups", "--now", "--db", str(sample_db)]) == 0
    out = capsys.readouterr().out
    assert "Đã sao lưu (đã kiểm tra toàn vẹn)" in out and "  1  " in out and "Sao lưu ngay" in out
    assert "3 báo cáo" in out
    service = ReportService.open(sample_db, paths, create=False)
    added = service.create_report("ke-hoach-khac-phuc", "2031")
    service.close()
    assert cli.main(["restore", "1", "--db", str(sample_db)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert cli.main(["restore", "7", "--yes", "--db", str(sample_db)]) == 2
    assert "không có bản sao lưu số 7" in capsys.readouterr().err
    assert cli.main(["restore", "1", "--yes", "--db", str(sample_db)]) == 0
    assert "Đã khôi phục bản sao lưu lúc" in capsys.readouterr().out
    service = ReportService.open(sample_db, paths, create=False)
    assert added.id not in {r.id for r in service.list_reports()}
    service.close()
    assert cli.main(["backups", "--db", str(sample_db)]) == 0
    out = capsys.readouterr().out
    assert "Trước khi khôi phục" in out and "4 báo cáo" in out


def test_cli_restore_is_refused_while_a_window_has_the_file_open(sample_db, paths, capsys):
    from tudanhgia import cli
    from tudanhgia.store.file_lock import lock_database_file
    assert cli.main(["backups", "--now", "--db", str(sample_db)]) == 0
    service = ReportService.open(sample_db, paths, create=False)
    added = service.create_report("ke-hoach-khac-phuc", "2031")
    service.close()
    window = lock_database_file(sample_db)          # what a window holds while it has the file open
    assert window is not None and window.held
    try:
        assert cli.main(["restore", "1", "--yes", "--db", str(sample_db)]) == 2
        err = capsys.readouterr().err
        assert "đang được mở trong một cửa sổ Tự Đánh Giá" in err and "chưa có gì bị thay đổi" in err
        service = ReportService.open(sample_db, paths, create=False)
        assert added.id in {r.id for r in service.list_reports()}     # nothing restored under the window
        service.close()
    finally:
        window.unlock()
    assert cli.main(["restore", "1", "--yes", "--db", str(sample_db)]) == 0   # the window closed: restored


def test_cli_restore_of_a_damaged_file_keeps_it_aside(sample_db, paths, capsys):
    from tudanhgia import cli
    assert cli.main(["backups", "--now", "--db", str(sample_db)]) == 0
    data = bytearray(sample_db.read_bytes())
    data[4096 * 2:4096 * 5] = b"\x13" * (4096 * 3)
    sample_db.write_bytes(bytes(data))
    damaged = _sha(sample_db)
    with pytest.raises(CorruptDatabase):
        ReportService.open(sample_db, paths, create=False)
    assert cli.main(["restore", "1", "--yes", "--db", str(sample_db)]) == 0
    out = capsys.readouterr().out
    [aside] = [p for p in sample_db.parent.iterdir() if p.name.startswith("sample.hong-")]
    assert str(aside) in out and _sha(aside) == damaged
    ReportService.open(sample_db, paths, create=False).close()
