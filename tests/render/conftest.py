"""Exported documents shared by the render tests (built once per session).

With TUDANHGIA_FROZEN_CLI set to a packaged `tudanhgia-cli`, the documents are exported by that
program in a clean environment instead (build/spec/smoke.sh), so the same document tests judge
the frozen build."""
import datetime
import os
import shutil
import subprocess

import pytest

from docx_read import open_docx
from tudanhgia.domain import Indicator
from tudanhgia.services import ReportService
from tudanhgia.services.export import export_docx


@pytest.fixture(scope="session")
def exported(sample_db_master, tmp_path_factory):
    """The three samples and a thematic report with an appendix, exported once."""
    d = tmp_path_factory.mktemp("docx")
    db = d / "s.sqlite"
    shutil.copy(sample_db_master, db)
    svc = ReportService.open(db, create=False)
    unit = svc.list_units()[0]
    theme = svc.create_report("chuyen-de", "2024-H1", unit.id,
                              today=datetime.date(2024, 7, 10))  # not the clock: the golden files
    svc.set_indicators(theme.id, [Indicator("Số vụ việc được giải quyết", "vụ", 2, 2),
                                  Indicator("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690),
                                  Indicator("Chỉ tiêu không áp dụng", "", None, None)])
    ids = (1, 2, 3, theme.id)
    frozen = os.environ.get("TUDANHGIA_FROZEN_CLI")
    if frozen:
        svc.close()
        paths = {i: _frozen_export(frozen, db, i, d / f"r{i}.docx", d) for i in ids}
    else:
        paths = {i: export_docx(svc, i, d / f"r{i}.docx") for i in ids}
        svc.close()
    paths["theme"] = paths.pop(theme.id)
    return paths


def _frozen_export(cli: str, db, report_id: int, out, folder):
    home = folder / "home"
    home.mkdir(exist_ok=True)
    done = subprocess.run([cli, "export", str(report_id), "--out", str(out), "--db", str(db)],
                          env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(out.name), done.stdout
    return out


@pytest.fixture(scope="session")
def docs(exported):
    return {k: open_docx(v) for k, v in exported.items()}


