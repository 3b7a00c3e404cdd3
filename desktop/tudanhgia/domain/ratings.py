"""The two rating scales of the review templates."""
from __future__ import annotations

from enum import Enum

from .text import fold


class _Labelled(Enum):
    """An enum whose members carry a Vietnamese label (value = stable code)."""

    label: str

    # A lookup by value (ChatLuong("tot")) goes through Enum's own call, never here; the default
    # only lets a type checker accept that one-argument call.
    def __new__(cls, code: str, label: str = ""):
        obj = object.__new__(cls)
        obj._value_ = code
        obj.label = label
        return obj

    @classmethod
    def from_label(cls, text: str):
        """Accept a code or a label (case-insensitive); raise ValueError otherwise."""
        t = fold(text)
        for m in cls:
            if t in (m.value, m.label.casefold()):
                return m
        raise ValueError(f"không có mức “{text}” trong {cls.__name__}")


class CapDo(_Labelled):
    """Cấp độ thực hiện — the four-level self-rating of each reviewed item."""

    XUAT_SAC = ("xuat-sac", "Xuất sắc")
    TOT = ("tot", "Tốt")
    TRUNG_BINH = ("trung-binh", "Trung bình")
    KEM = ("kem", "Kém")


class ChatLuong(_Labelled):
    """Mức chất lượng — the quality classification of a collective."""

    HTXS = ("htxs", "Hoàn thành xuất sắc nhiệm vụ")
    HTT = ("htt", "Hoàn thành tốt nhiệm vụ")
    HT = ("ht", "Hoàn thành nhiệm vụ")
    KHT = ("kht", "Không hoàn thành nhiệm vụ")


class RatingScale(Enum):
    CAP_DO = "cap-do"
    CHAT_LUONG = "chat-luong"

    @property
    def levels(self) -> type[_Labelled]:
        return CapDo if self is RatingScale.CAP_DO else ChatLuong

    @property
    def prompt(self) -> str:
        return ("Tự đánh giá về cấp độ thực hiện:" if self is RatingScale.CAP_DO
                else "Đề nghị xếp loại mức chất lượng:")

    def parse(self, text: str | None):
        """A level of this scale from its code or label; None for blank."""
        if text is None or not str(text).strip():
            return None
        return self.levels.from_label(str(text))


Rating = CapDo | ChatLuong
