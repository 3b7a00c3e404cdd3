"""Exported documents shared by the render tests (built once per session)."""
import shutil

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
    theme = svc.create_report("chuyen-de", "2024-H1", unit.id)
    svc.set_indicators(theme.id, [Indicator("Số vụ việc được giải quyết", "vụ", 2, 2),
                                  Indicator("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690),
                                  Indicator("Chỉ tiêu không áp dụng", "", None, None)])
    paths = {i: export_docx(svc, i, d / f"r{i}.docx") for i in (1, 2, 3, theme.id)}
    paths["theme"] = paths.pop(theme.id)
    svc.close()
    return paths


@pytest.fixture(scope="session")
def docs(exported):
    return {k: open_docx(v) for k, v in exported.items()}


