"""A.III of the 2025 review generated from the chain (plan → measures → statuses) with the three
states of Mẫu 01, and the earlier limitations the pre-print check holds "xuất sắc" against."""
from tudanhgia.domain import ChatLuong, Limitation, Measure, MeasureStatus, Period, RichText
from tudanhgia.domain.completeness import Severity, check
from tudanhgia.domain.model import ContentKind
from tudanhgia.services.chain import earlier_limitations, next_review, plan_from_review

T = RichText.from_plain
D, P, N = MeasureStatus.DONE, MeasureStatus.IN_PROGRESS, MeasureStatus.NOT_STARTED


def _chain(service, unit):
    """A 2024 review on the 2025 form, its plan with three limitations in the three states."""
    review = service.create_report("kiem-diem-tap-the-2025", "2024", unit.id)
    for text in ("Chậm ban hành kế hoạch.", "Lưu trữ hồ sơ chưa kịp thời.", "Chưa số hóa biểu mẫu."):
        service.add_limitation(review.id, Limitation(T(text)))
    plan = service.get_report(plan_from_review(service, review.id).id)
    states = [(D, D), (D, P), (N,)]
    for lim, statuses in zip(plan.limitations, states, strict=True):
        for m in list(lim.measures):
            service.delete_measure(m.id)
        for i, st in enumerate(statuses):
            service.add_measure(plan.id, Measure(
                measure=T(f"Biện pháp {i + 1}"), status=st,
                lead_unit="Phòng HC-TC" if lim is plan.limitations[1] else "",
                directed_by="Đồng chí Phó Chánh Văn phòng" if (lim is plan.limitations[1] and i == 0) else ""), lim.id)
    return review, service.get_report(plan.id)


def test_a_iii_states_each_earlier_limitation_in_one_of_the_three_states(service, unit):
    _, plan = _chain(service, unit)
    new = next_review(service, plan.id, "2025")
    assert new.kind_id == "kiem-diem-tap-the-2025" and new.period == Period(2025)
    follow = next(s for s in new.walk() if s.content is ContentKind.FOLLOW_UP)
    assert follow.heading.startswith("Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền")
    verdicts = [p.text for p in follow.body.paragraphs if p.text.startswith("Đánh giá: ")]
    assert verdicts == [
        "Đánh giá: Đã được khắc phục.",
        "Đánh giá: Đang khắc phục, mức độ khắc phục: đã hoàn thành 1/2 biện pháp. Khó khăn, vướng mắc: …; "
        "trách nhiệm: Phòng HC-TC chủ trì; Đồng chí Phó Chánh Văn phòng chỉ đạo.",
        "Đánh giá: Chưa được khắc phục. Khó khăn, vướng mắc: …; trách nhiệm: …",
    ]
    lines = follow.body.plain.split("\n")
    assert lines.index("- Lưu trữ hồ sơ chưa kịp thời. (nêu năm 2024)") < lines.index(verdicts[1])


def _score(service, report, general, tasks, level):
    sections = {s.key: s for s in report.walk()}
    service.update_section(sections["tieu-chi.chung"].id, score=general)
    service.update_section(sections["tieu-chi.nhiem-vu"].id, score=tasks)
    service.update_section(sections["xep-loai"].id, rating=level)
    return service.get_report(report.id)


def test_xuat_sac_with_earlier_limitations_open_is_warned_until_all_are_remedied(service, unit):
    _, plan = _chain(service, unit)
    new = _score(service, next_review(service, plan.id, "2025"), 28, 64, ChatLuong.HTXS)
    earlier = earlier_limitations(service, new)
    assert [lim.id for lim in earlier] == [lim.id for lim in plan.limitations]
    warned = [i for i in check(new, earlier) if i.code == "classification-condition"]
    assert len(warned) == 1 and warned[0].severity is Severity.WARNING
    assert "còn 2 hạn chế" in warned[0].message and "“Chưa số hóa biểu mẫu.”" in warned[0].message
    for lim in plan.limitations:
        for m in lim.measures:
            m.status = D
            service.update_measure(m)
    new = service.get_report(new.id)
    assert not [i for i in check(new, earlier_limitations(service, new)) if i.severity is Severity.WARNING
                and i.code.startswith("classification")]


def test_a_review_made_without_the_chain_answers_for_the_units_latest_earlier_plans(service, unit):
    _, plan = _chain(service, unit)
    fresh = service.create_report("kiem-diem-tap-the", "2025", unit.id)
    assert fresh.source_report_id is None
    assert [lim.id for lim in earlier_limitations(service, fresh)] == [lim.id for lim in plan.limitations]
    same_year = service.create_report("kiem-diem-tap-the", "2024", unit.id)
    assert earlier_limitations(service, same_year) == []   # the 2024 plan is this year's, not earlier
    assert earlier_limitations(service, plan) == []


# --- audit gap 2: a report made with plain "new" drafts A.III too ------------------------------------
def test_a_plain_new_review_drafts_a_iii_from_the_units_earlier_plan(service, unit):
    from tudanhgia.services.chain import create_report
    _chain(service, unit)
    fresh, items = create_report(service, "kiem-diem-tap-the", "2025", unit.id)
    assert len(items) == 3 and sum(1 for i in items if i.remedied) == 1
    assert fresh.source_report_id is None and fresh.kind_id == "kiem-diem-tap-the-2025"
    follow = next(s for s in fresh.walk() if s.content is ContentKind.FOLLOW_UP)
    lines = follow.body.plain.split("\n")
    assert [ln for ln in lines if ln.startswith("- ")] == [
        "- Chậm ban hành kế hoạch. (nêu năm 2024)", "- Lưu trữ hồ sơ chưa kịp thời. (nêu năm 2024)",
        "- Chưa số hóa biểu mẫu. (nêu năm 2024)"]
    assert [ln for ln in lines if ln.startswith("Đánh giá: ")] == [
        "Đánh giá: Đã được khắc phục.",
        "Đánh giá: Đang khắc phục, mức độ khắc phục: đã hoàn thành 1/2 biện pháp. Khó khăn, vướng mắc: …; "
        "trách nhiệm: Phòng HC-TC chủ trì; Đồng chí Phó Chánh Văn phòng chỉ đạo.",
        "Đánh giá: Chưa được khắc phục. Khó khăn, vướng mắc: …; trách nhiệm: …"]
    stored = next(s for s in service.get_report(fresh.id).walk() if s.content is ContentKind.FOLLOW_UP)
    assert stored.body.plain == follow.body.plain          # kept in the database, not only returned


def test_a_plain_new_review_without_earlier_limitations_keeps_a_iii_empty(service, unit):
    from tudanhgia.services.chain import create_report
    fresh, items = create_report(service, "kiem-diem-tap-the", "2025", unit.id)
    assert items == []
    assert next(s for s in fresh.walk() if s.content is ContentKind.FOLLOW_UP).body.is_empty()
    _chain(service, unit)     # the 2024 plan is the 2024 review's: not earlier than a 2024 report
    same_year = create_report(service, "kiem-diem-tap-the", "2024", unit.id)[0]
    assert next(s for s in same_year.walk() if s.content is ContentKind.FOLLOW_UP).body.is_empty()
