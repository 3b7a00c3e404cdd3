"""The report model's outline helpers, totals and words; the pre-print check's remaining rules;
the rating scales read from their labels; numbers as officers type them."""
import pytest

from tudanhgia.domain import (CapDo, ChatLuong, ContentKind, LevelStyle, Limitation, NumberStyle, Period, RatingScale,
                              Recipient, Recipients, Report, RichText, Section, Signer, Authority)
from tudanhgia.domain.completeness import SectionState, check, section_state
from tudanhgia.domain.model import Measure, report_title, stored_id
from tudanhgia.domain.numbers import parse_number
from tudanhgia.domain.period import DocDate


def _outline():
    a1, a2 = Section("a1"), Section("a2", key="k-a2")
    a = Section("A", children=[a1, a2])
    b = Section("B")
    r = Report("k", Period(2024), sections=[a, b], levels=[LevelStyle(NumberStyle.ROMAN)])
    return r, a, a1, a2, b


def test_outline_helpers():
    r, a, a1, a2, b = _outline()
    assert [(s.heading, d) for s, d in r.walk_with_depth()] == [("A", 1), ("a1", 2), ("a2", 2), ("B", 1)]
    a1.id = 7
    assert r.find(section_id=7) is a1 and r.find(key="k-a2") is a2 and r.find(section_id=99) is None
    assert r.parent_of(a2) is a and r.parent_of(b) is None
    assert r.siblings_of(a1) is a.children and r.siblings_of(b) is r.sections
    assert r.level_style(1).number is NumberStyle.ROMAN
    assert r.level_style(2) == LevelStyle(NumberStyle.NONE, bold=False)   # beyond the kind's levels
    assert r.style_of(a1, 2) is NumberStyle.NONE
    a1.number_style = NumberStyle.LETTER
    assert r.style_of(a1, 2) is NumberStyle.LETTER


def test_scores_measures_title_and_words():
    r, a, a1, a2, b = _outline()
    assert r.score_total() is None and r.score_max() is None
    a1.max_score, a1.score, a2.max_score = 10, 12, 5
    assert r.score_max() == 15 and r.score_total() == 10   # a score above the maximum counts as the maximum
    general = Measure(measure=RichText.from_plain("Ban hành quy chế"), section=b)
    own = Measure(content=RichText.from_plain("Rà soát hồ sơ"))
    r.limitations.append(Limitation(RichText.from_plain("Còn chậm trễ"),
                                    cause_subjective=RichText.from_plain("Chủ quan"), measures=[own]))
    r.measures.append(general)
    assert r.all_measures() == [own, general] and r.general_measures_of(b) == [general]
    assert r.general_measures_of(a) == []
    r.meta.kind_name, r.meta.subject = "BÁO CÁO", "Tự đánh giá năm 2024"
    assert r.title == "Báo cáo tự đánh giá năm 2024"
    b.body = RichText.from_plain("Một hai ba")
    r.meta.closing = RichText.from_plain("Kính báo cáo")
    # body 3 + closing 3 + headings 4 + limitation 3 + cause 2 + the two measures 4 + 4
    assert r.word_count() == 3 + 3 + 4 + 3 + 2 + 4 + 4


def test_report_title_without_subject_or_kind_words():
    assert report_title("", "", "Kiểm điểm tập thể", Period(2020)) == "Kiểm điểm tập thể năm 2020"
    assert report_title("  KẾ   HOẠCH ", "Khắc phục hạn chế", "", Period(2021)) == "Kế hoạch khắc phục hạn chế"
    assert report_title("", "", "", Period(2022)) == "Báo cáo năm 2022"


def test_section_state_labels_and_generated_content():
    assert [s.label for s in SectionState] == ["Chưa viết", "Đang viết", "Đã xong"]
    causes = Section("Nguyên nhân", content=ContentKind.CAUSES)
    subjective = Section("Chủ quan", content=ContentKind.CAUSES_SUBJECTIVE)
    objective = Section("Khách quan", content=ContentKind.CAUSES_OBJECTIVE)
    measures = Section("Biện pháp", content=ContentKind.MEASURES)
    total = Section("Tổng điểm", content=ContentKind.SCORE_TOTAL)
    scored = Section("Tiêu chí", max_score=10)
    r = Report("k", Period(2024), sections=[causes, subjective, objective, measures, total, scored])
    assert all(section_state(r, s) is SectionState.EMPTY for s in r.sections)
    r.limitations.append(Limitation(RichText.from_plain("x"), cause_objective=RichText.from_plain("Khách quan")))
    r.measures.append(Measure(measure=RichText.from_plain("y"), section=measures))
    assert [section_state(r, s) for s in (causes, subjective, objective, measures)] == [
        SectionState.COMPLETE, SectionState.EMPTY, SectionState.COMPLETE, SectionState.COMPLETE]
    assert section_state(r, total) is SectionState.EMPTY       # a score is still to be given
    scored.score = 8
    assert section_state(r, total) is SectionState.COMPLETE


def test_check_names_every_missing_piece_of_the_frame():
    s = Section("Tiêu chí", max_score=10, body=RichText.from_plain("Đã làm./."))
    r = Report("k", Period(2024), sections=[s], levels=[LevelStyle(NumberStyle.ROMAN)],
               signer=Signer(Authority.NONE, "", "CHÁNH VĂN PHÒNG", ""),
               recipients=Recipients([Recipient("Sở Nội vụ")], "VT, HC-TC"))
    r.meta.date = DocDate(None, None, None)
    found = {i.code: i for i in check(r)}
    assert {"score-missing", "signer-name", "place-missing", "subject-missing", "symbol-missing",
            "date-year"} <= found.keys()
    assert found["score-missing"].message == "Mục “I. Tiêu chí” chưa tự chấm điểm."
    assert "closing-mark" not in found                         # the last section's text ends with ./.
    s.body = RichText.from_plain("Đã làm.")
    assert "closing-mark" in {i.code for i in check(r)}


def test_rating_scales_read_codes_and_labels():
    assert RatingScale.CAP_DO.levels is CapDo and RatingScale.CHAT_LUONG.levels is ChatLuong
    assert RatingScale.CAP_DO.prompt == "Tự đánh giá về cấp độ thực hiện:"
    assert RatingScale.CHAT_LUONG.prompt == "Đề nghị xếp loại mức chất lượng:"
    assert RatingScale.CAP_DO.parse("  trung   BÌNH ") is CapDo.TRUNG_BINH
    assert RatingScale.CHAT_LUONG.parse("htt") is ChatLuong.HTT
    assert RatingScale.CAP_DO.parse(None) is None and RatingScale.CAP_DO.parse("  ") is None
    with pytest.raises(ValueError, match="không có mức “Khá”"):
        RatingScale.CAP_DO.parse("Khá")


@pytest.mark.parametrize("text, value", [("1.234,5", 1234.5), ("1234.5", 1234.5), ("96,1%", 96.1),
                                         ("1.234", 1234), ("1.234.567", 1234567), (" 62 224 ", 62224),
                                         ("", None), ("  ", None)])
def test_parse_number_reads_vietnamese_and_plain_forms(text, value):
    assert parse_number(text) == value


def test_parse_number_refuses_words():
    with pytest.raises(ValueError):
        parse_number("hai")


def test_periods_refuse_impossible_values_and_step_across_years():
    with pytest.raises(ValueError, match="năm 1800 không hợp lệ"):
        Period(1800)
    with pytest.raises(ValueError, match="chỉ là năm, 6 tháng, quý hoặc tháng"):
        Period(2024, half=1, quarter=2)
    assert Period(2024, half=1).previous() == Period(2023, half=2)
    assert Period(2024, half=2).previous() == Period(2024, half=1)
    assert Period(2024, quarter=1).previous() == Period(2023, quarter=4)
    assert Period(2024, quarter=3).previous() == Period(2024, quarter=2)
    assert Period(2024).previous() == Period(2023)
    assert Period(2024, quarter=4).next() == Period(2025, quarter=1)


def test_document_dates_refuse_impossible_days_and_print_blanks():
    for bad in ((2024, 13, None), (2024, 2, 0), (2023, 2, 29)):
        with pytest.raises(ValueError):
            DocDate(*bad)
    assert DocDate(2024, 2, 29).words() == "ngày 29 tháng 02 năm 2024"
    assert DocDate(None, None, None).words(blank="…") == "ngày … tháng … năm …"
    assert DocDate(2024, 12).place_line("", blank="_") == "ngày _ tháng 12 năm 2024"


def test_measure_status_labels():
    from tudanhgia.domain import MeasureStatus
    assert MeasureStatus.from_label(" đang   THỰC hiện") is MeasureStatus.IN_PROGRESS
    assert MeasureStatus.from_label("hoan-thanh") is MeasureStatus.DONE
    with pytest.raises(ValueError, match="không hợp lệ"):
        MeasureStatus.from_label("Xong")


def test_numbering_limits():
    from tudanhgia.domain.numbering import letter, roman
    assert NumberStyle.PART.is_part and NumberStyle.PART_WORDS.is_part and not NumberStyle.ROMAN.is_part
    for f, bad in ((roman, 0), (roman, 4000), (letter, 0)):
        with pytest.raises(ValueError):
            f(bad)
    assert letter(24) == "aa"


def test_stored_id_is_the_id_of_a_saved_object_and_refuses_an_unsaved_one():
    assert stored_id(Measure(id=7)) == 7
    with pytest.raises(ValueError, match="Measure has no id"):
        stored_id(Measure())
