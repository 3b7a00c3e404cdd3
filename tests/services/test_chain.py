"""Review → plan → next review: the limitations travel, linked, with their measures and statuses."""
from tudanhgia.domain import MeasureStatus, Period
from tudanhgia.domain.model import ContentKind, Measure
from tudanhgia.domain.richtext import RichText
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs
from tudanhgia.services.chain import follow_up_items, next_review, plan_from_review

CONCLUSION = "Kết luận số 25-KL/ĐU ngày 15/3/2021 của Ban Thường vụ Đảng ủy Khối"


def test_plan_from_review_links_every_limitation(sample_service):
    review = sample_service.get_report(1)
    plan = plan_from_review(sample_service, 1, CONCLUSION, ["Công tác lưu trữ hồ sơ điện tử chưa kịp thời."])
    plan = sample_service.get_report(plan.id)
    assert plan.kind_id == "ke-hoach-khac-phuc" and plan.period == Period(2020) and plan.source_report_id == 1
    assert plan.unit_id == review.unit_id
    assert [lim.source_id for lim in plan.limitations[:3]] == [lim.id for lim in review.limitations]
    assert [lim.text for lim in plan.limitations[:3]] == [lim.text for lim in review.limitations]
    added = plan.limitations[3]
    assert added.raised_by == CONCLUSION and added.source_id is None
    assert all(len(lim.measures) == 1 for lim in plan.limitations)  # one to fill per item
    assert CONCLUSION in plan.meta.preamble.plain
    text = "\n".join(to_paragraphs(layout(plan)))
    assert "a) Nhiều nội dung của Chương trình công tác phải điều chỉnh về thời gian thực hiện" in text
    assert "d) Công tác lưu trữ hồ sơ điện tử chưa kịp thời." in text


def test_next_review_reports_the_follow_up_and_carries_over(sample_service):
    plan = sample_service.get_report(plan_from_review(sample_service, 1).id)
    for i, lim in enumerate(plan.limitations):
        m = lim.measures[0]
        m.status = MeasureStatus.DONE if i == 0 else MeasureStatus.IN_PROGRESS
        m.result = "Đã cập nhật đầy đủ dữ liệu vào phần mềm" if i == 0 else ""
        m.timeframe = "Quý II năm 2021"
        sample_service.update_measure(m)
    new = next_review(sample_service, 1, "2021", carry_over=True)
    assert new.period == Period(2021) and new.source_report_id == 1 and new.kind_id == "kiem-diem-tap-the-2019"
    follow = next(s for s in new.walk() if s.content is ContentKind.FOLLOW_UP)
    body = follow.body.plain
    review = sample_service.get_report(1)
    for lim in review.limitations:
        assert lim.text.paragraphs[0].text in body
    assert "hoàn thành: Đã cập nhật đầy đủ dữ liệu vào phần mềm." in body
    assert body.count("đang thực hiện") == 2 and body.count("Đã được khắc phục.") == 1
    carried = new.limitations
    assert [lim.source_id for lim in carried] == [lim.id for lim in plan.limitations[1:]]
    assert all(lim.origin == Period(2020) for lim in carried)  # first raised in 2020, kept


def test_sample_2022_plan_comes_back_in_a_2023_review(sample_service):
    plan = sample_service.get_report(2)
    new = next_review(sample_service, 2, "2023")
    assert new.period == Period(2023) and new.kind_id.startswith("kiem-diem-tap-the")
    follow = next(s for s in new.walk() if s.content is ContentKind.FOLLOW_UP)
    body = follow.body.plain
    for lim in plan.limitations:
        assert lim.text.paragraphs[0].text in body
        assert lim.measures[0].status.label.lower() in body
    assert body.count("Đánh giá: ") == 5
    items = follow_up_items(sample_service, plan)
    assert len(items) == 5 and not any(i.remedied for i in items)


def test_measures_board_reads_deadlines_and_flags_overdue(sample_service):
    import datetime as dt
    from tudanhgia.services.board import measures_board
    rows = measures_board(sample_service, today=dt.date(2023, 8, 1))
    assert len(rows) == 12  # the plan's 5 + 7 measures; the reviews have none
    ends = [r.deadline.end for r in rows]
    assert ends == sorted(ends)
    overdue = [r for r in rows if r.overdue]
    assert {r.measure.timeframe for r in overdue} == {"Quý II năm 2023."}  # due 30/06/2023, not done
    assert all(r.deadline.understood for r in rows)
    assert len(measures_board(sample_service, overdue_only=True, today=dt.date(2023, 8, 1))) == 2
    lead = measures_board(sample_service, lead_unit="phòng nội chính", today=dt.date(2023, 8, 1))
    assert len(lead) == 2 and all("Nội chính" in r.measure.lead_unit for r in lead)
    done = rows[0].measure
    sample_service.set_measure_status(done.id, MeasureStatus.DONE, "Xong")
    assert len(measures_board(sample_service, open_only=True, today=dt.date(2023, 8, 1))) == 11


def test_carried_over_limitation_keeps_who_raised_it_and_its_causes(sample_service):
    added = "Công tác lưu trữ hồ sơ điện tử chưa kịp thời."
    notice = "Thông báo số 12-TB/TU ngày 05/01/2021 của Ban Thường vụ Tỉnh ủy"
    review_lim = sample_service.get_report(1).limitations[1]
    review_lim.raised_by = notice                                # raised in the review by the superior
    sample_service.update_limitation(review_lim)
    plan = sample_service.get_report(plan_from_review(sample_service, 1, CONCLUSION, [added]).id)
    from_review, by_notice = plan.limitations[0], plan.limitations[1]
    assert by_notice.raised_by == notice
    new = next_review(sample_service, plan.id, "2021", carry_over=True)   # nothing remedied: all come back
    carried = {lim.source_id: lim for lim in new.limitations}
    assert set(carried) == {lim.id for lim in plan.limitations}
    raised = carried[plan.limitations[-1].id]
    assert raised.text.plain == added
    assert raised.raised_by == CONCLUSION                      # the superior's conclusion, not the unit
    assert raised.origin == Period(2020)
    own = carried[from_review.id]
    assert own.raised_by == "" and own.origin == Period(2020)  # raised by the unit itself
    assert own.cause_subjective == from_review.cause_subjective and own.cause_objective == from_review.cause_objective
    assert carried[by_notice.id].raised_by == notice
    follow = next(s for s in new.walk() if s.content is ContentKind.FOLLOW_UP).body.plain
    assert f"{added} (nêu năm 2020, theo {CONCLUSION})" in follow


def test_measures_board_sorts_plans_of_a_year_and_of_its_quarters_together(sample_service):
    """A unit keeping an annual plan and quarterly ones: rows with the same deadline are ordered by
    period, which raised TypeError (a year's quarter None against a quarter's number)."""
    import datetime as dt
    from tudanhgia.services.board import measures_board
    annual = next(r for r in sample_service.list_reports() if r.kind_id.startswith("ke-hoach"))
    quarterly = sample_service.copy_report(annual.id, Period(annual.period.year, quarter=2))
    section = sample_service.get_report(quarterly.id).sections[0]
    sample_service.add_measure(quarterly.id, Measure(measure=RichText.from_plain("Rà soát hồ sơ."),
                                                     timeframe="Quý II năm 2023.", section=section))
    rows = measures_board(sample_service, today=dt.date(2023, 8, 1))
    assert len(rows) == 13                                  # the plan's 12 measures and the quarter's one
    same_deadline = [r.report_id for r in rows if r.measure.timeframe == "Quý II năm 2023."]
    assert same_deadline == [annual.id, annual.id, quarterly.id]   # the year before its quarter
