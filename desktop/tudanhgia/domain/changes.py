"""What a use case changed, so that each view refreshes only what it shows (ARCHITECTURE.md
habit 2: Anki's operations return `OpChanges`, broadcast with the initiator so the view that
made the edit can skip it). Plain data: no Qt, no store."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    report_id: int | None = None
    sections: frozenset[int] = field(default_factory=frozenset)     # heading, body, rating or score
    outline: bool = False                                            # sections added, moved, deleted
    limitations: frozenset[int] = field(default_factory=frozenset)  # added, edited, moved, deleted
    measures: frozenset[int] = field(default_factory=frozenset)
    meta: bool = False            # the document's fields, signer, recipients, preamble, closing
    indicators: bool = False
    report_list: bool = False     # reports created, trashed, restored, renamed
    everything: bool = False      # changed from outside the editor (measures board, import): reload

    def __bool__(self) -> bool:
        return bool(self.sections or self.outline or self.limitations or self.measures or self.meta
                    or self.indicators or self.report_list or self.everything)

    def __or__(self, other: Changes) -> Changes:
        report_id = self.report_id if self.report_id == other.report_id or other.report_id is None \
            else (other.report_id if self.report_id is None else None)
        return Changes(report_id, self.sections | other.sections, self.outline or other.outline,
                       self.limitations | other.limitations, self.measures | other.measures,
                       self.meta or other.meta, self.indicators or other.indicators,
                       self.report_list or other.report_list, self.everything or other.everything)

    # --- what a view asks --------------------------------------------------------------------------
    def touches_outline(self) -> bool:
        return self.outline or self.everything

    def touches_sections(self) -> bool:
        return bool(self.sections) or self.outline or self.everything

    def touches_limitations(self) -> bool:
        """Limitations, their causes or any measure (what the limitations panel and the generated
        sections show)."""
        return bool(self.limitations or self.measures) or self.outline or self.everything

    def touches_meta(self) -> bool:
        return self.meta or self.everything

    def touches_indicators(self) -> bool:
        return self.indicators or self.everything


class ChangeLog:
    """What the service's calls changed since the last `take()` (one per service)."""

    def __init__(self) -> None:
        self._pending = Changes()

    def note(self, changes: Changes) -> None:
        self._pending = self._pending | changes

    def take(self) -> Changes:
        out, self._pending = self._pending, Changes()
        return out


__all__ = ["ChangeLog", "Changes"]
