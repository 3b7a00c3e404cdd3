"""Pure domain: the report, its outline and rules. Imports nothing from Qt, SQL or docx."""
from .model import *  # noqa: F403
from .model import __all__ as _model_all
from .numbering import NumberStyle, VI_LETTERS
from .period import DocDate, Period
from .ratings import CapDo, ChatLuong, RatingScale
from .richtext import EMPTY, Footnote, Paragraph, RichText, Run, clean_text

__all__ = [*_model_all, "NumberStyle", "VI_LETTERS", "DocDate", "Period", "CapDo", "ChatLuong",
           "RatingScale", "EMPTY", "Footnote", "Paragraph", "RichText", "Run", "clean_text"]
