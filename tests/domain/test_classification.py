"""The proposed classification checked against the score band and the level's conditions the
program can see (Quy định 366, Điều 11; issue 15): warnings and notes, never a block."""
import pytest

from tudanhgia.domain import ChatLuong, Limitation, Measure, MeasureStatus, Period, Report, RichText, Section
from tudanhgia.domain.classification import RemedyState, remedy_state
from tudanhgia.domain.completeness import Severity, check
from tudanhgia.domain.model import LevelCondition, ScoreBand, Scoring
from tudanhgia.domain.ratings import RatingScale

T = RichText.from_plain
XS = ChatLuong.HTXS


def review(general: float | None, tasks: float | None, proposed: ChatLuong | None) -> Report:
    """A collective review scored out of 30 + 70 with the bands and conditions of Quy định 366."""
    scoring = Scoring(100, None, [ScoreBand(90, XS), ScoreBand(70, ChatLuong.HTT), ScoreBand(50, ChatLuong.HT),
                                  ScoreBand(0, ChatLuong.KHT)],
                      [LevelCondition(XS, "100% nhiệm vụ hoàn thành"),
                       LevelCondition(XS, "mọi hạn chế kỳ trước đã được khắc phục", "earlier-limitations-remedied")])
    return Report("kiem-diem-tap-the-2025", Period(2025), scoring=scoring, sections=[
        Section("Chung", max_score=30, score=general), Section("Nhiệm vụ", max_score=70, score=tasks),
        Section("Đề xuất xếp loại mức chất lượng", rating_scale=RatingScale.CHAT_LUONG, rating=proposed)])


def codes(issues, severity=None):
    return [i.code for i in issues if i.code.startswith("classification") and i.code != "classification-missing"
            and (severity is None or i.severity is severity)]


LAST_YEAR = Period(2024)


def lim(*statuses: MeasureStatus, text="Chậm ban hành kế hoạch.", origin=LAST_YEAR) -> Limitation:
    return Limitation(T(text), origin=origin, measures=[Measure(measure=T("Biện pháp"), status=s) for s in statuses])


D, P, N = MeasureStatus.DONE, MeasureStatus.IN_PROGRESS, MeasureStatus.NOT_STARTED


def test_86_with_xuat_sac_proposed_is_warned():
    issues = check(review(26, 60, XS))
    (issue,) = [i for i in issues if i.code == "classification-above-score"]
    assert issue.severity is Severity.WARNING
    assert issue.message == ("Tổng điểm tự chấm 86/100 thuộc mức “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới 90 "
                             "điểm); mức đề nghị “Hoàn thành xuất sắc nhiệm vụ” cao hơn mức theo điểm.")


def test_the_band_ranges_are_told_from_the_bands():
    (msg,) = [i.message for i in check(review(20, 25, ChatLuong.HT)) if i.code == "classification-above-score"]
    assert "thuộc mức “Không hoàn thành nhiệm vụ” (dưới 50 điểm)" in msg
    (msg,) = [i.message for i in check(review(20, 35, ChatLuong.HTT)) if i.code == "classification-above-score"]
    assert "(từ 50 đến dưới 70 điểm)" in msg


def test_92_with_everything_remedied_is_not_warned():
    report = review(28, 64, XS)
    earlier = [lim(D, D), lim(D)]
    issues = check(report, earlier)
    assert codes(issues, Severity.WARNING) == []
    # what the program cannot see is a reminder, not a warning
    (note,) = [i for i in issues if i.code == "classification-reminder"]
    assert note.severity is Severity.INFO and "100% nhiệm vụ hoàn thành" in note.message
    assert "mọi hạn chế" not in note.message


def test_90_with_xuat_sac_and_an_unremedied_earlier_limitation_is_warned():
    earlier = [lim(D), lim(D, P, text="Lưu trữ hồ sơ chưa kịp thời.")]
    issues = check(review(27, 63, XS), earlier)
    assert codes(issues, Severity.WARNING) == ["classification-condition"]
    (issue,) = [i for i in issues if i.code == "classification-condition"]
    assert issue.message == ("Mức “Hoàn thành xuất sắc nhiệm vụ” đòi hỏi mọi hạn chế kỳ trước đã được khắc phục, "
                             "nhưng còn 1 hạn chế, khuyết điểm của các kỳ trước chưa khắc phục xong: "
                             "“Lưu trữ hồ sơ chưa kịp thời.”.")
    assert issue.section is not None and issue.section.rating_scale is RatingScale.CHAT_LUONG


def test_a_limitation_of_an_earlier_year_still_in_the_report_counts_as_unremedied():
    report = review(30, 65, XS)
    report.limitations = [Limitation(T("Hạn chế năm nay."), origin=Period(2025)),
                          Limitation(T("Hạn chế từ năm 2023 chưa xong."), origin=Period(2023))]
    issues = check(report)
    assert codes(issues, Severity.WARNING) == ["classification-condition"]
    message = next(i.message for i in issues if i.code == "classification-condition")
    assert "còn 1 hạn chế" in message and message.endswith("“Hạn chế từ năm 2023 chưa xong.”.")


def test_many_open_limitations_are_counted_not_all_listed():
    earlier = [lim(N, text=f"Hạn chế {i}.") for i in range(5)]
    (msg,) = [i.message for i in check(review(30, 65, XS), earlier) if i.code == "classification-condition"]
    assert "còn 5 hạn chế" in msg and "“Hạn chế 2.”" in msg and "“Hạn chế 3.”" not in msg
    assert msg.endswith("và 2 hạn chế khác.")


def test_a_lower_level_than_the_score_asks_for_the_reason_only():
    issues = check(review(28, 64, ChatLuong.HTT), [lim(N)])
    assert codes(issues) == ["classification-below-score"]
    assert issues[[i.code for i in issues].index("classification-below-score")].severity is Severity.INFO


def test_nothing_is_said_before_the_scores_are_all_given_or_a_level_chosen():
    assert codes(check(review(30, None, ChatLuong.HTT))) == []
    assert codes(check(review(10, 10, None))) == []
    plain = review(10, 10, XS)
    plain.scoring = None
    assert codes(check(plain)) == []


def test_a_condition_of_another_level_is_not_asked():
    assert codes(check(review(20, 60, ChatLuong.HTT), [lim(N)])) == []


@pytest.mark.parametrize("statuses,state", [
    ((D, D), RemedyState.DONE), ((D, P), RemedyState.PARTIAL), ((D, N), RemedyState.PARTIAL),
    ((P,), RemedyState.PARTIAL), ((N, N), RemedyState.NONE), ((), RemedyState.NONE)])
def test_the_three_states_of_a_remedy(statuses, state):
    assert remedy_state(lim(*statuses)) is state
    assert state.label in ("Đã được khắc phục", "Đang khắc phục", "Chưa được khắc phục")
