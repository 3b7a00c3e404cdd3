"""A damaged database on the command line (issue 11 point 3, gap D): the message names the newest good
backup — its number in `tudanhgia backups`, date, number of reports — and the command that restores
it, as the window offers it; without a backup it says there is none. The file is never changed."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from tudanhgia import cli


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _cut(path) -> str:
    """The file cut to half its length (a copy that stopped midway); its SHA-256 after."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def reports_in_sample(sample_db) -> int:
    con = sqlite3.connect(sample_db)
    try:
        return con.execute("SELECT count(*) FROM report WHERE deleted_at IS NULL").fetchone()[0]
    finally:
        con.close()


def test_the_damage_message_names_the_newest_good_backup_and_the_restore_command(
        sample_db, user_data_dir, capsys, reports_in_sample):
    db = str(sample_db)
    assert _run(capsys, "backups", "--now", "--db", db)[0] == 0
    code, out, _ = _run(capsys, "backups", "--db", db)
    listed = [line.split() for line in out.splitlines()[1:]]
    assert code == 0 and len(listed) == 1
    taken_date, taken_time = listed[0][1], listed[0][2][:5]      # "29/11/2026", "20:31"
    digest = _cut(sample_db)

    code, _, err = _run(capsys, "--db", db, "show", "1")
    assert code == 2
    assert "bị hỏng" in err
    assert f"{taken_time} ngày {taken_date}" in err
    assert f"{reports_in_sample} báo cáo" in err
    assert f'tudanhgia --db "{db}" restore 1 --yes' in err
    assert "Traceback" not in err and hashlib.sha256(sample_db.read_bytes()).hexdigest() == digest

    # the command it names does restore it, keeping the damaged file beside
    code, out, _ = _run(capsys, "--db", db, "restore", "1", "--yes")
    assert code == 0 and "tệp hỏng được giữ lại" in out
    code, out, _ = _run(capsys, "--db", db, "list")
    assert code == 0 and len(out.splitlines()) == reports_in_sample


def test_without_a_backup_the_damage_message_says_so(sample_db, user_data_dir, capsys):
    digest = _cut(sample_db)
    code, _, err = _run(capsys, "--db", str(sample_db), "export", "1")
    assert code == 2 and "bị hỏng" in err
    assert "Chưa có bản sao lưu nào của tệp này trên máy" in err and "restore" not in err
    assert hashlib.sha256(sample_db.read_bytes()).hexdigest() == digest
