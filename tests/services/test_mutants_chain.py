"""Review → remediation plan → next review (PRODUCT "The life of a limitation"): what the plan
and the next review carry, and the follow-up draft the officer then rewords."""
import pytest

from tudanhgia.domain import (DocumentMeta, Limitation, Measure, MeasureStatus, Period, Report, RichText)
from tudanhgia.domain.richtext import Run
from tudanhgia.errors import ServiceError
from tudanhgia.services.chain import (FollowUpItem, carry, follow_up_text, next_review, plan_from_review,
                                      plans_following)

T = RichText.from_plain
CONCLUSION = "Kết luận số 25-KL/ĐU ngày 15/3/2021 của Ban Thường vụ Đảng ủy Khối"


def _plan_report(subject: str) -> Report:
    return Report("ke-hoach-khac-phuc", Period(2022), meta=DocumentMeta(kind_name="KẾ HOẠCH", subject=subject))


def test_no_items_no_draft():
    assert follow_up_text([], [_plan_report("x")]) == RichText()


def test_the_follow_up_draft_says_per_limitation_how_each_measure_went():
    plans = [_plan_report("Phát huy ưu điểm, khắc phục hạn chế năm 2022"),
             _plan_report("Khắc phục hạn chế theo Kết luận số 1621-KL/TU")]
    done = Limitation(T("Chậm ban hành kế hoạch.\nChi tiết không in."), origin=Period(2022),
                      raised_by="Kết luận số 1621-KL/TU",
                      measures=[Measure(measure=T("Rà soát quy trình.\nDòng hai."), timeframe="Quý II năm 2023. ",
                                        status=MeasureStatus.DONE, result=" Đã ban hành quy trình mới. ")])
    open_ = Limitation(T("Lưu trữ chưa kịp thời."), origin=Period(2022, half=1),
                       measures=[Measure(content=T("Số hóa hồ sơ.\nKhông in."), status=MeasureStatus.IN_PROGRESS),
                                 Measure(status=MeasureStatus.DONE, result="Xong")])
    bare = Limitation(T(""), measures=[])
    rt = follow_up_text([FollowUpItem(1, done), FollowUpItem(2, open_), FollowUpItem(2, bare)], plans)
    assert rt.plain.split("\n") == [
        "Thực hiện Kế hoạch phát huy ưu điểm, khắc phục hạn chế năm 2022; Kế hoạch khắc phục hạn chế theo "
        "Kết luận số 1621-KL/TU, kết quả khắc phục những hạn chế, khuyết điểm như sau:",
        "- Chậm ban hành kế hoạch. (nêu năm 2022, theo Kết luận số 1621-KL/TU)",
        "+ Rà soát quy trình (thời gian: Quý II năm 2023) — hoàn thành: Đã ban hành quy trình mới.",
        "Đánh giá: Đã được khắc phục.",
        "- Lưu trữ chưa kịp thời. (nêu 6 tháng đầu năm 2022)",
        "+ Số hóa hồ sơ — đang thực hiện.",
        "+  — hoàn thành: Xong.",
        "Đánh giá: Đang khắc phục, mức độ khắc phục: đã hoàn thành 1/2 biện pháp. Khó khăn, vướng mắc: …; "
        "trách nhiệm: …",
        "- ",
        "Đánh giá: Chưa được khắc phục. Khó khăn, vướng mắc: …; trách nhiệm: …",
    ]
    verdict = rt.paragraphs[3]
    assert verdict.items == (Run("Đánh giá: ", italic=True), Run("Đã được khắc phục."))


def test_the_draft_keeps_a_roman_numeral_at_the_end_of_the_officers_words():
    lim = Limitation(T("Chậm triển khai Nghị quyết Đại hội XX"), measures=[Measure(
        measure=T("Quán triệt Nghị quyết Đại hội XX"), timeframe="Sau Đại hội XX", status=MeasureStatus.DONE,
        result="Đã quán triệt Nghị quyết Đại hội XX")])
    lines = follow_up_text([FollowUpItem(1, lim)], [_plan_report("Khắc phục")]).plain.split("\n")
    assert lines[2] == ("+ Quán triệt Nghị quyết Đại hội XX (thời gian: Sau Đại hội XX) — hoàn thành: "
                        "Đã quán triệt Nghị quyết Đại hội XX.")


def test_a_limitation_is_remedied_only_when_it_has_measures_all_done():
    def item(*statuses):
        return FollowUpItem(1, Limitation(measures=[Measure(status=s) for s in statuses]))
    assert item(MeasureStatus.DONE, MeasureStatus.DONE).remedied
    assert not item(MeasureStatus.DONE, MeasureStatus.IN_PROGRESS).remedied
    assert not item().remedied


def test_a_plan_without_a_conclusion_keeps_its_kinds_preamble(sample_service):
    plan = sample_service.get_report(plan_from_review(sample_service, 1).id)
    assert plan.meta.preamble.plain.startswith("Thực hiện Công văn số … ngày … của … về việc xây dựng Kế hoạch")
    assert plan_from_review(sample_service, 1, "   ").meta.preamble.plain.startswith("Thực hiện Công văn số")


def test_a_plan_cites_the_superiors_conclusion(sample_service):
    review = sample_service.get_report(1)
    unit = sample_service.get_unit(review.unit_id).name
    plan = sample_service.get_report(plan_from_review(sample_service, 1, f"  {CONCLUSION} ").id)
    text = plan.meta.preamble.plain
    assert text.startswith(f"Căn cứ {CONCLUSION} về kết quả kiểm điểm, đánh giá, xếp loại năm 2020 đối với tập thể "
                           f"lãnh đạo {unit}; {unit} ban hành Kế hoạch phát huy ưu điểm, khắc phục")
    assert text.endswith("với những nội dung trọng tâm sau:")


def test_the_plan_copies_the_reviews_measures_linked_and_keeps_an_earlier_origin(sample_service):
    review = sample_service.create_report("kiem-diem-tap-the", "2024", sample_service.get_report(1).unit_id)
    m = Measure(measure=T("Rà soát quy trình."), lead_unit="Phòng HC-TC", timeframe="Quý II năm 2025",
                status=MeasureStatus.IN_PROGRESS)
    old = sample_service.add_limitation(review.id, Limitation(T("Chậm tiến độ."), origin=Period(2022),
                                                              raised_by="Kết luận số 9", measures=[m]))
    new = sample_service.add_limitation(review.id, Limitation(T("Lưu trữ chưa kịp thời.")))
    review = sample_service.get_report(review.id)
    plan = sample_service.get_report(plan_from_review(sample_service, review.id, "", ["  ", " Thêm hạn chế. "]).id)
    first, second, added = plan.limitations
    assert (first.origin, first.raised_by, first.source_id) == (Period(2022), "Kết luận số 9", old.id)
    assert (second.origin, second.source_id) == (Period(2024), new.id)
    (copied,) = first.measures
    source = review.limitations[0].measures[0]
    assert copied.source_id == source.id and copied.id != source.id
    assert (copied.measure, copied.lead_unit, copied.timeframe, copied.status) == (
        T("Rà soát quy trình."), "Phòng HC-TC", "Quý II năm 2025", MeasureStatus.IN_PROGRESS)
    assert len(second.measures) == 1 and second.measures[0].measure.is_empty()  # one to fill
    assert added.text == T("Thêm hạn chế.") and added.origin == Period(2024)


def test_a_plan_made_from_a_review_follows_it_even_with_no_items(sample_service):
    review = sample_service.create_report("kiem-diem-tap-the", "2024", sample_service.get_report(1).unit_id)
    plan = plan_from_review(sample_service, review.id)
    assert [p.id for p in plans_following(sample_service, sample_service.get_report(review.id))] == [plan.id]


def test_without_a_plan_kind_no_plan_is_made(sample_service, monkeypatch):
    def missing(family):
        raise KeyError(family)
    monkeypatch.setattr(sample_service.kinds, "resolve", missing)
    with pytest.raises(ServiceError, match=r"^Không có mẫu “Kế hoạch khắc phục” trong các loại báo cáo.$"):
        plan_from_review(sample_service, 1)


def test_the_next_review_defaults_to_the_next_period_and_carries_nothing_unasked(sample_service):
    plan_from_review(sample_service, 1)
    new = next_review(sample_service, 1)
    assert new.period == Period(2021)
    assert next_review(sample_service, 1, "2022").period == Period(2022)
    assert new.limitations == []


def test_the_next_review_keeps_the_follow_up_text_when_no_plan_remedies_the_review(sample_service):
    review = sample_service.get_report(1)
    before = next(s for s in review.walk() if s.content is not None and s.content.value == "follow-up")
    new = next_review(sample_service, 1, "2021")
    after = next(s for s in new.walk() if s.content is not None and s.content.value == "follow-up")
    assert after.body == before.body


def test_the_annual_self_evaluation_has_a_next_period_too(sample_service):
    previous = sample_service.get_report(3)
    new = next_review(sample_service, 3, Period(2024))
    assert (new.period, new.kind_id, new.source_report_id) == (Period(2024), previous.kind_id, 3)


def test_from_a_plan_the_next_review_copies_the_plans_review(sample_service):
    plan = plan_from_review(sample_service, 1)
    new = next_review(sample_service, plan.id, "2021")
    assert (new.kind_id, new.source_report_id) == (sample_service.get_report(1).kind_id, 1)


def test_from_a_plan_whose_review_is_gone_a_new_review_of_the_newest_form(sample_service):
    plan = plan_from_review(sample_service, 1)
    sample_service.delete_report(1)
    sample_service.purge_report(1)
    new = next_review(sample_service, plan.id, "2021")
    assert new.kind_id == sample_service.kinds.resolve("kiem-diem-tap-the").id
    assert new.period == Period(2021) and new.unit_id == plan.unit_id


def test_only_reviews_and_plans_have_a_next_review(sample_service):
    theme = sample_service.create_report("chuyen-de", "2024-H1", sample_service.get_report(1).unit_id)
    with pytest.raises(ServiceError, match=r"^Chỉ lập báo cáo kỳ sau từ một báo cáo kiểm điểm, tự đánh giá hoặc "
                                           r"kế hoạch khắc phục.$"):
        next_review(sample_service, theme.id)


def test_carry_says_how_many_limitations_it_brought(sample_service):
    review = sample_service.create_report("kiem-diem-tap-the", "2024", sample_service.get_report(1).unit_id)
    items = [FollowUpItem(1, Limitation(T("Một."), origin=Period(2022))), FollowUpItem(1, Limitation(T("Hai.")))]
    assert carry(sample_service, review.id, items) == 2
    assert [lim.text for lim in sample_service.get_report(review.id).limitations] == [T("Một."), T("Hai.")]
