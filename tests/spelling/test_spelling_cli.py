"""`check ID` lists unknown words per section; `--no-spelling` leaves them out (a real process)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tudanhgia.domain import Period
from tudanhgia.domain.richtext import RichText
from tudanhgia.services import ReportService

ROOT = Path(__file__).resolve().parents[2]


def _check(db: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "tudanhgia", "check", "1", "--db", str(db), *extra],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)


def test_check_lists_spelling_and_no_spelling_turns_it_off(tmp_path):
    db = tmp_path / "t.sqlite"
    service = ReportService.open(db)
    try:
        report = service.create_report("khac", Period(2025))
        section = next(s for s in report.walk() if s.heading)
        service.update_section(section.id, body=RichText.from_plain(
            "UBND huyện đã thưc hiẹn tốt công tác CCHC theo Kế hoạch số 12/KH-UBND; hòa giải, hoà giải."))
    finally:
        service.close()
    with_spelling = _check(db)
    assert "Traceback" not in with_spelling.stderr
    lines = [line for line in with_spelling.stdout.splitlines() if "Chính tả" in line]
    assert lines == ["[i] Chính tả — Mục “I. Kết quả thực hiện”: thưc, hiẹn."]
    without = _check(db, "--no-spelling")
    assert "Chính tả" not in without.stdout
    # the rest of the check is the same, exit code included (spelling notes are not warnings)
    assert without.returncode == with_spelling.returncode
    assert [x for x in with_spelling.stdout.splitlines() if "Chính tả" not in x][:-1] == \
        without.stdout.splitlines()[:-1]


def test_check_lists_a_misspelt_appendix_cell(tmp_path):
    from tudanhgia.domain.model import AppendixTable
    db = tmp_path / "t.sqlite"
    service = ReportService.open(db)
    try:
        report = service.create_report("khac", Period(2025))
        service.set_appendix_table(report.id, AppendixTable(["STT", "Chỉ tiêu", "Số liệu"], [
            ["1", "Số hộ dân", "120"], ["2", "Số hộ nghèo hiẹn nay", "15"]]))
    finally:
        service.close()
    lines = [line for line in _check(db).stdout.splitlines() if "Chính tả" in line]
    assert lines == ["[i] Chính tả — Phụ lục, dòng 2: hiẹn."]
