"""Pure domain: the report, its outline and rules. Imports nothing from Qt, SQL or docx.

The names below load their module when first asked for (PEP 562): importing one light module
(`domain.period`, `domain.title`: what the report list needs) does not build every dataclass of
the model, ~15 ms of a command-line `list` or of the window's first paint."""
from __future__ import annotations

TYPE_CHECKING = False  # typing itself is ~2 ms of a command's start

if TYPE_CHECKING:
    from .model import (SECRECY_MARKS, URGENCY_MARKS, Authority, ContentKind, DocumentMeta, Indicator,
                        LevelStyle, Limitation, Measure, MeasureStatus, Recipient, Recipients, Report,
                        ScoreBand, Scoring, Section, Signer, UnitProfile, placeholder_values, stored_id,
                        substitute)
    from .numbering import VI_LETTERS, NumberStyle
    from .period import DocDate, Period
    from .ratings import CapDo, ChatLuong, RatingScale
    from .richtext import EMPTY, Footnote, Paragraph, RichText, Run, clean_text
    from .title import report_title

_WHERE = {
    **dict.fromkeys(("Authority", "ContentKind", "DocumentMeta", "Indicator", "LevelStyle", "Limitation", "Measure",
                     "MeasureStatus", "Recipient", "Recipients", "Report", "ScoreBand", "Scoring", "Section", "Signer",
                     "UnitProfile", "SECRECY_MARKS", "URGENCY_MARKS", "placeholder_values", "stored_id",
                     "substitute"), "model"),
    **dict.fromkeys(("NumberStyle", "VI_LETTERS"), "numbering"),
    **dict.fromkeys(("DocDate", "Period"), "period"),
    **dict.fromkeys(("CapDo", "ChatLuong", "RatingScale"), "ratings"),
    **dict.fromkeys(("EMPTY", "Footnote", "Paragraph", "RichText", "Run", "clean_text"), "richtext"),
    "report_title": "title",
}
__all__ = [
    "Authority", "ContentKind", "DocumentMeta", "Indicator", "LevelStyle", "Limitation", "Measure", "MeasureStatus",
    "Recipient", "Recipients", "Report", "ScoreBand", "Scoring", "Section", "Signer", "UnitProfile", "SECRECY_MARKS",
    "URGENCY_MARKS", "placeholder_values", "stored_id", "substitute", "NumberStyle", "VI_LETTERS", "DocDate", "Period",
    "CapDo", "ChatLuong", "RatingScale", "EMPTY", "Footnote", "Paragraph", "RichText", "Run", "clean_text",
    "report_title",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once
    return value
