"""Nghị định 335/2025/NĐ-CP (issue 15 point 2): the task score's rules, the two new kinds as data,
quarterly and monthly periods. Expected values are worked out by hand from the decree's words."""
import pytest

from tudanhgia.domain.period import Period
from tudanhgia.domain.tasks import Task, TaskScoring, task_points, task_result, tasks_points
from tudanhgia.kinds import KindError, KindRegistry, parse_kind
from tudanhgia.paths import shipped_kinds_dir


def test_each_major_error_takes_a_quarter_of_that_products_quality_part():
    # 4 products all done, 1 major error: quality = (4 - 0.25) / 4; quantity and timeliness whole
    r = task_result(Task("Báo cáo", planned=4, done=4, major_errors=1))
    assert (r.quantity, r.quality, r.timeliness) == (1, 0.9375, 1)
    assert r.fraction == pytest.approx((1 + 0.9375 + 1) / 3)


def test_each_delay_takes_a_quarter_of_that_products_timeliness_part():
    # 2 products, one late: that product keeps 0.75 of its timeliness part, the other all of it
    r = task_result(Task("Hồ sơ", planned=2, done=2, delays=1))
    assert (r.quantity, r.quality, r.timeliness) == (1, 1, (0.75 + 1) / 2)


def test_a_product_never_falls_below_nothing_and_undelivered_products_earn_nothing():
    # one product with 5 major errors: its quality part is gone, not negative
    assert task_result(Task("Văn bản", planned=1, done=1, major_errors=5)).quality == 0
    r = task_result(Task("Đề án", planned=4, done=2))
    assert (r.quantity, r.quality, r.timeliness) == (0.5, 0.5, 0.5)


def test_the_task_results_are_worth_70_points_weighted_by_the_tasks():
    full, half = Task("A", 2, 2), Task("B", 2, 1)
    assert tasks_points([full]) == 70
    assert tasks_points([full, half]) == 52.5                     # 70 × (1 + 0.5) / 2
    heavy = Task("A", 2, 2, weight=3)
    assert tasks_points([heavy, half]) == 61.25                    # 70 × (3 × 1 + 1 × 0.5) / 4
    assert task_points(heavy, [heavy, half]) == 52.5 and task_points(half, [heavy, half]) == 8.75
    assert tasks_points([]) is None


def test_the_shares_and_the_penalty_come_from_the_kind():
    scoring = TaskScoring(max_points=70, shares=(2, 1, 1), penalty=0.5)
    # quantity 1 (share 2), quality (1 - 0.5)/1 = 0.5, timeliness 1: (2 + 0.5 + 1) / 4
    assert tasks_points([Task("A", 1, 1, major_errors=1)], scoring) == 61.25


@pytest.mark.parametrize("task, problem", [
    (Task(" ", 1, 1), "chưa có tên nhiệm vụ"), (Task("A", 0, 0), "số sản phẩm được giao phải từ 1 trở lên"),
    (Task("A", 2, 3), "số sản phẩm hoàn thành lớn hơn số được giao"),
    (Task("A", 2, 1, delays=2), "số sản phẩm chậm tiến độ lớn hơn số đã hoàn thành"),
    (Task("A", 2, 1, major_errors=-1), "các số không được âm"),
])
def test_impossible_figures_are_named(task, problem):
    assert problem in task.problems()


def test_the_two_kinds_say_the_official_form_is_not_public():
    kinds = KindRegistry.load(shipped_kinds_dir())
    assert not kinds.errors
    for kid in ("danh-gia-cong-chuc-quy", "tong-hop-danh-gia-quy"):
        kind = kinds.get(kid)
        assert "Nghị định 335/2025/NĐ-CP" in kind.description
        assert "mẫu chính thức chưa được công bố công khai" in kind.description.replace("mẫu phiếu", "mẫu")
    own = kinds.get("danh-gia-cong-chuc-quy")
    assert own.task_scoring == TaskScoring(70, (1, 1, 1), 0.25)
    assert own.signature_titles == ("Người quản lý trực tiếp", "Người tự đánh giá")
    assert [b.min for b in own.scoring.bands] == [90, 70, 50, 0]
    assert sum(s.max_score or 0 for s in own.sections) == 100
    report = own.create_report(Period.parse("Quý I/2026"))
    assert report.title == "Phiếu tự đánh giá kết quả thực hiện nhiệm vụ của công chức quý I/2026"
    summary = kinds.get("tong-hop-danh-gia-quy").create_report(Period.parse("Tháng 3/2026"))
    assert [i.name for i in summary.indicators][1:] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
                                                         "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]


MINIMAL = '''id = "x"
name = "X"
[[levels]]
number = "arabic"
[[section]]
key = "a"
heading = "A"
'''


@pytest.mark.parametrize("extra, message", [
    ('[tasks]\nshares = [1, 1, 1]\n', "có bảng \\[tasks\\] nhưng không có mục nào"),
    ('[[section]]\nkey = "b"\nheading = "B"\ncontent = "tasks"\n', "có max_score"),
    ('[[section]]\nkey = "b"\nheading = "B"\ncontent = "tasks"\nmax_score = 70\n[tasks]\nshares = [1, 1]\n',
     "ba số không âm"),
    ('[[section]]\nkey = "b"\nheading = "B"\ncontent = "tasks"\nmax_score = 70\n[tasks]\npenalty = 2\n',
     "từ 0 đến 1"),
])
def test_a_wrong_tasks_table_is_refused_in_vietnamese(extra, message):
    with pytest.raises(KindError, match=message):
        parse_kind(MINIMAL + extra)


@pytest.mark.parametrize("text, code, label", [
    ("Quý I/2026", "2026-Q1", "quý I/2026"), ("quý 2/2026", "2026-Q2", "quý II/2026"),
    ("Tháng 3/2026", "2026-M03", "tháng 3/2026"), ("tháng 12 năm 2025", "2025-M12", "tháng 12/2025"),
    ("2026-M7", "2026-M07", "tháng 7/2026"), ("2026-m11", "2026-M11", "tháng 11/2026"),
])
def test_quarterly_and_monthly_periods_as_officers_write_them(text, code, label):
    p = Period.parse(text)
    assert (p.code, p.label) == (code, label)
    assert Period.parse(p.code) == p == Period.parse(p.label)


def test_monthly_periods_step_across_years_and_cover_one_month():
    assert Period(2026, month=1).previous() == Period(2025, month=12)
    assert Period(2025, month=12).next() == Period(2026, month=1)
    assert Period(2026, month=3).months == (3, 3) and Period(2026, quarter=2).months == (4, 6)
    with pytest.raises(ValueError, match="tháng phải từ 1 đến 12"):
        Period.parse("Tháng 13/2026")


def test_a_count_the_program_cannot_make_is_refused():
    with pytest.raises(KindError, match="count = “kha” không hợp lệ"):
        parse_kind(MINIMAL + '[appendix]\ncount_from = "x"\nindicators = [{ name = "Khá", count = "kha" }]\n')
