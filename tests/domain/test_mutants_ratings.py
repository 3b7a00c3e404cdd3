"""The two rating scales of the review templates (spec nd30 R1, R2)."""
import pytest

from tudanhgia.domain import CapDo, ChatLuong, RatingScale


def test_the_four_levels_in_order_with_their_labels_and_codes():
    assert [(m.value, m.label) for m in CapDo] == [("xuat-sac", "Xuất sắc"), ("tot", "Tốt"),
                                                    ("trung-binh", "Trung bình"), ("kem", "Kém")]
    assert [(m.value, m.label) for m in ChatLuong] == [
        ("htxs", "Hoàn thành xuất sắc nhiệm vụ"), ("htt", "Hoàn thành tốt nhiệm vụ"),
        ("ht", "Hoàn thành nhiệm vụ"), ("kht", "Không hoàn thành nhiệm vụ")]


@pytest.mark.parametrize("text,level", [
    ("tot", CapDo.TOT), ("Tốt", CapDo.TOT), ("TỐT", CapDo.TOT), ("  xuất   sắc ", CapDo.XUAT_SAC),
    ("Trung bình", CapDo.TRUNG_BINH), ("kem", CapDo.KEM),
])
def test_a_level_from_its_code_or_label(text, level):
    assert CapDo.from_label(text) is level


def test_an_unknown_level_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match=r"^không có mức “Khá” trong CapDo$"):
        CapDo.from_label("Khá")


def test_the_scales_codes_prompts_and_levels():
    assert RatingScale("cap-do") is RatingScale.CAP_DO and RatingScale("chat-luong") is RatingScale.CHAT_LUONG
    assert RatingScale.CAP_DO.prompt == "Tự đánh giá về cấp độ thực hiện:"
    assert RatingScale.CHAT_LUONG.prompt == "Đề nghị xếp loại mức chất lượng:"
    assert RatingScale.CAP_DO.levels is CapDo and RatingScale.CHAT_LUONG.levels is ChatLuong


def test_parsing_on_a_scale():
    assert RatingScale.CHAT_LUONG.parse("Hoàn thành tốt nhiệm vụ") is ChatLuong.HTT
    assert RatingScale.CHAT_LUONG.parse("ht") is ChatLuong.HT
    assert RatingScale.CAP_DO.parse("Xuất sắc") is CapDo.XUAT_SAC
    assert RatingScale.CAP_DO.parse(None) is None
    assert RatingScale.CAP_DO.parse("  ") is None
    with pytest.raises(ValueError):
        RatingScale.CAP_DO.parse("Hoàn thành nhiệm vụ")  # a level of the other scale
