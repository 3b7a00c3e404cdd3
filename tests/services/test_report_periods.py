"""A report is made only for a period its kind takes (resources/kinds/*.toml `periods`): creating,
copying to a new period, or changing a report's kind or period to a pair that does not fit is
refused in Vietnamese with nothing written; a report stored before kinds said which periods they
take opens, changes, exports and is listed by the pre-print check (F7, CLI `check`) as a note."""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from tudanhgia.domain import Period
from tudanhgia.domain.richtext import RichText
from tudanhgia.errors import ServiceError
from tudanhgia.services.chain import pre_print_check

sys.path.insert(0, str(Path(__file__).parents[1] / "e2e"))
from cli_inproc import run  # the command line in this process (tests/e2e)

REVIEW, FORM = "kiem-diem-tap-the-2025", "danh-gia-cong-chuc-quy"
REVIEW_WORDS = "Mẫu “Báo cáo kiểm điểm tập thể (mẫu 2025)” lập theo năm"
FORM_WORDS = "Mẫu “Phiếu tự đánh giá công chức theo quý, tháng (mẫu 2026)” lập theo quý hoặc tháng"


def _count(service) -> int:
    return len(service.list_reports())


@pytest.mark.parametrize("kind,period,words", [
    (REVIEW, "Tháng 3/2026", f"{REVIEW_WORDS}; kỳ tháng 3/2026 không phù hợp. Hãy chọn kỳ theo năm."),
    ("kiem-diem-tap-the", "2026-Q1", f"{REVIEW_WORDS}; kỳ quý I/2026 không phù hợp. Hãy chọn kỳ theo năm."),
    (FORM, "2026", f"{FORM_WORDS}; kỳ năm 2026 không phù hợp. Hãy chọn kỳ theo quý hoặc tháng."),
    (FORM, "2026-H1", f"{FORM_WORDS}; kỳ 6 tháng đầu năm 2026 không phù hợp. Hãy chọn kỳ theo quý hoặc tháng."),
])
def test_creating_a_report_for_a_period_its_kind_does_not_take_is_refused(sample_service, kind, period, words):
    before = _count(sample_service)
    with pytest.raises(ServiceError) as refused:
        sample_service.create_report(kind, period)
    assert str(refused.value) == words
    assert _count(sample_service) == before


def test_the_periods_a_kind_takes_are_made(sample_service):
    for kind, period in ((REVIEW, Period(2026)), (FORM, Period(2026, quarter=1)), (FORM, Period(2026, month=3)),
                         ("khac", Period(2026, month=3)), ("chuyen-de", Period(2026, half=2))):
        assert sample_service.create_report(kind, period).period == period


@pytest.mark.parametrize("review,period", [(REVIEW, Period(2026)), ("chuyen-de", Period(2026, half=1)),
                                           (FORM, Period(2026, quarter=2))])
def test_a_plan_made_from_any_review_has_a_period_its_kind_takes(sample_service, review, period):
    """The chain makes a plan for the review's period: no note for it in the pre-print check."""
    from tudanhgia.services.chain import plan_from_review
    plan = plan_from_review(sample_service, sample_service.create_report(review, period).id)
    assert plan.period == period
    assert sample_service.kinds.get(plan.kind_id).takes(plan.period)
    assert not [i for i in pre_print_check(sample_service, plan, spelling=False) if i.code == "period-note"]


def test_a_plan_made_from_a_monthly_evaluation_is_made_for_its_quarter(sample_service):
    """The plan takes no month (found by the reviewer: it was made for the month, then flagged)."""
    from tudanhgia.services.chain import plan_from_review
    form = sample_service.create_report(FORM, Period(2026, month=5))
    plan = plan_from_review(sample_service, form.id, "", ["Chưa hoàn thành đúng hạn 2 nhiệm vụ"])
    assert plan.period == Period(2026, quarter=2)
    assert not [i for i in pre_print_check(sample_service, plan, spelling=False) if i.code == "period-note"]


def test_copying_a_report_to_a_period_its_kind_does_not_take_is_refused(sample_service):
    before = _count(sample_service)
    with pytest.raises(ServiceError, match="lập theo năm; kỳ quý I/2024 không phù hợp"):
        sample_service.copy_report(3, Period(2024, quarter=1))     # the 2023 annual self-evaluation
    assert _count(sample_service) == before
    assert sample_service.copy_report(3, Period(2024)).period == Period(2024)


def test_changing_a_reports_kind_or_period_to_a_pair_that_does_not_fit_is_refused(sample_service):
    form = sample_service.create_report(FORM, Period(2026, quarter=1))

    def set_period(period):
        return lambda report: setattr(report, "period", period)
    with pytest.raises(ServiceError, match="kỳ năm 2026 không phù hợp"):
        sample_service.edit_report(form.id, set_period(Period(2026)))
    with pytest.raises(ServiceError, match="lập theo năm; kỳ quý I/2026 không phù hợp"):
        sample_service.edit_report(form.id, lambda report: setattr(report, "kind_id", REVIEW))
    changed = copy.deepcopy(sample_service.get_report(form.id))
    changed.period = Period(2026, half=1)
    with pytest.raises(ServiceError, match="kỳ 6 tháng đầu năm 2026 không phù hợp"):
        sample_service.update_report(changed)
    stored = sample_service.get_report(form.id)
    assert (stored.kind_id, stored.period) == (FORM, Period(2026, quarter=1))
    sample_service.edit_report(form.id, set_period(Period(2026, month=2)))     # a month fits the form
    assert sample_service.get_report(form.id).period == Period(2026, month=2)


@pytest.fixture
def misfit(sample_service):
    """A quarterly form stored for a whole year, as the new-report dialog made it before (its
    period defaulted to "Năm")."""
    report = sample_service.kinds.get(FORM).create_report(Period(2026))
    return sample_service.add_report(report)


def test_a_report_whose_period_does_not_fit_still_opens_changes_and_exports(sample_service, misfit, tmp_path):
    report = sample_service.get_report(misfit.id)
    assert report.period == Period(2026)
    sample_service.update_meta(misfit.id, number="05")                 # other fields change as before
    changed = copy.deepcopy(sample_service.get_report(misfit.id))
    changed.meta.place = "Quảng Ngãi"
    sample_service.update_report(changed)
    assert sample_service.get_report(misfit.id).meta.place == "Quảng Ngãi"
    path = sample_service.export_docx(misfit.id, tmp_path / "phieu.docx")
    assert path.stat().st_size > 0
    # and the pre-print check lists it as a note, never a warning
    notes = [i for i in pre_print_check(sample_service, report, spelling=False) if i.code == "period-note"]
    assert [(i.severity.value, i.message) for i in notes] == [(
        "info", f"{FORM_WORDS}; kỳ năm 2026 không phù hợp. Báo cáo vẫn sửa, in và xuất được bình thường; muốn đổi "
                "kỳ, chọn lại ở Thông tin văn bản ▸ Kỳ báo cáo.")]
    fitting = sample_service.create_report(FORM, Period(2026, quarter=2))
    assert not [i for i in pre_print_check(sample_service, fitting, spelling=False) if i.code == "period-note"]


def test_the_command_line_refuses_and_checks_the_same_way(sample_db, tmp_path, misfit):
    refused = run("new", "--kind", REVIEW, "--period", "Tháng 3/2026", "--db", sample_db, data_dir=tmp_path,
                  check_rc=2)
    assert f"{REVIEW_WORDS}; kỳ tháng 3/2026 không phù hợp. Hãy chọn kỳ theo năm." in refused.stderr
    made = run("new", "--kind", FORM, "--period", "Quý I/2026", "--db", sample_db, data_dir=tmp_path)
    assert made.stdout.strip().endswith("quý I/2026")
    checked = run("check", misfit.id, "--no-spelling", "--db", sample_db, data_dir=tmp_path, check_rc=None)
    assert f"[i] {FORM_WORDS}; kỳ năm 2026 không phù hợp." in checked.stdout


def test_kinds_says_which_periods_each_kind_takes(tmp_path):
    rows = {line.split("\t")[0]: line.split("\t") for line in run("kinds", data_dir=tmp_path).stdout.splitlines()}
    assert rows[REVIEW][-1] == "kỳ: năm"
    assert rows[FORM][-1] == "kỳ: quý hoặc tháng"
    assert rows["khac"][-1] == "kỳ: năm, 6 tháng, quý hoặc tháng"


QUARTERLY = "danh-gia-cong-chuc-quy"


@pytest.mark.parametrize(("source", "target", "old_words", "new_words"), [
    (Period(2026, quarter=1), Period(2026, quarter=2), "quý I/2026", "quý II/2026"),
    (Period(2026, quarter=3), Period(2026, quarter=4), "quý III/2026", "quý IV/2026"),
    (Period(2026, quarter=4), Period(2027, quarter=1), "quý IV/2026", "quý I/2027"),
    (Period(2026, month=3), Period(2026, quarter=2), "tháng 3/2026", "quý II/2026"),
])
def test_a_copy_for_another_period_names_it_in_the_subject_opening_and_closing(
        sample_service, source, target, old_words, new_words):
    kind = sample_service.kinds.get(QUARTERLY)
    made = sample_service.add_report(kind.create_report(source))
    closing = "Tôi cam đoan nội dung tự đánh giá " + old_words + " là trung thực./."   # as an officer may write it
    sample_service.update_frame(made.id, {"closing": RichText.from_plain(closing)})
    original = sample_service.get_report(made.id)
    assert original.meta.subject == f"Kết quả thực hiện nhiệm vụ của công chức {old_words}"
    assert f"nhiệm vụ {old_words} như sau:" in original.meta.preamble.plain

    copied = sample_service.get_report(sample_service.copy_report(made.id, target).id)
    assert copied.period == target
    assert copied.meta.subject == f"Kết quả thực hiện nhiệm vụ của công chức {new_words}"
    assert f"nhiệm vụ {new_words} như sau:" in copied.meta.preamble.plain
    assert old_words not in copied.meta.preamble.plain
    assert copied.meta.closing.plain == f"Tôi cam đoan nội dung tự đánh giá {new_words} là trung thực./."
    assert sample_service.get_report(made.id).meta.subject == original.meta.subject   # the source is left as it was
