"""Review: a title that names its year first and a month afterwards ("… năm 2025 (từ tháng 01/2025
đến tháng 12/2025)", "… năm 2025, phương hướng tháng 01/2026") is the year's report, as before
titles were read for a month; a title that starts with the month ("tháng 12 năm 2025 …") is the month's."""
from __future__ import annotations

import pytest

from tudanhgia.domain.period import Period
from tudanhgia.importer.recognize import period_in_words


@pytest.mark.parametrize(("title", "period"), [
    ("Báo cáo tự đánh giá kết quả thực hiện nhiệm vụ năm 2025 (từ tháng 01/2025 đến tháng 12/2025)", Period(2025)),
    ("Kết quả công tác năm 2025, phương hướng nhiệm vụ tháng 01/2026", Period(2025)),
    ("Kế hoạch khắc phục hạn chế, khuyết điểm năm 2025 (hoàn thành trước tháng 6/2026)", Period(2025)),
    ("Kết quả công tác tháng 12 năm 2025 và phương hướng nhiệm vụ năm 2026", Period(2025, month=12)),
    ("Đánh giá công chức tháng 3/2026", Period(2026, month=3)),
    # the first lines of a document without a subject: the signing date's "năm" is not the title's
    ("Sơn Tịnh, ngày 31 tháng 3 năm 2026 PHIẾU TỰ ĐÁNH GIÁ Kết quả của công chức tháng 3/2026", Period(2026, month=3)),
])
def test_the_period_a_title_names_first_is_the_reports(title, period):
    assert period_in_words(title) == period
