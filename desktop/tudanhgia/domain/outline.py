"""What the editor asks of the open report at every click and keystroke, kept rather than worked
out over the whole report each time: the sections by id, their parents and document order, the
numbering, each section's state, the progress counts, the word count.

It is brought up to date from what a write changed (`Changes`), never rebuilt for a typed body: a
body or a rating changes one section's words and state, and its ancestors' states; an outline
edit re-derives order, parents and numbering (no text is read) and keeps every section's word
count; a change of limitations or measures re-derives the states (generated content) and recounts
their words. `update` answers which sections' labels (number, state, heading) may now read
differently, so that the navigator relabels those and nothing else."""
from __future__ import annotations

import dataclasses

from .changes import Changes
from .completeness import SectionState, section_state
from .model import ContentKind, NumberStyle, Report, Section


class ReportIndex:
    def __init__(self, report: Report):
        self.report = report
        self._parent: dict[Section, Section | None] = {}
        self._shape: dict[Section, list[int]] = {}
        self._words: dict[Section, int] = {}     # a section's heading and body words
        self._items_words: int | None = None    # the limitations' and measures' words
        self._states: dict[Section, SectionState] = {}
        self._done = 0
        self._numbers: dict[Section, str] | None = None
        self._derive_outline()
        self._derive_states()

    # --- what is asked --------------------------------------------------------------------------
    def find(self, section_id: int | None) -> Section | None:
        return self._by_id.get(section_id) if section_id is not None else None

    def parent_of(self, section: Section) -> Section | None:
        return self._parent.get(section)

    def siblings_of(self, section: Section) -> list[Section]:
        parent = self._parent.get(section)
        return parent.children if parent is not None else self.report.sections

    def ancestors(self, section: Section) -> list[Section]:
        out = []
        parent = self._parent.get(section)
        while parent is not None:
            out.append(parent)
            parent = self._parent.get(parent)
        return out

    @property
    def order(self) -> list[Section]:
        """Every section in document order."""
        return self._order

    def position(self, section_id: int | None) -> int | None:
        """The section's place (0-based) in document order; None when it is not in the report."""
        return self._position.get(section_id) if section_id is not None else None

    def numbering(self) -> dict[Section, str]:
        if self._numbers is None:
            self._numbers = self.report.numbering()
        return self._numbers

    def number(self, section: Section) -> str:
        return self.numbering().get(section, "")

    def state(self, section: Section) -> SectionState:
        state = self._states.get(section)
        if state is None:   # a section the index has not met (it is derived on the next update)
            state = section_state(self.report, section, self.state)
        return state

    def progress(self) -> tuple[int, int]:
        """(complete sections, all sections), as completeness.progress."""
        return self._done, len(self._order)

    def word_count(self) -> int:
        """As Report.word_count."""
        meta = self.report.meta
        if self._items_words is None:
            report = self.report
            self._items_words = (sum(lim.text.word_count() + lim.causes.word_count() for lim in report.limitations)
                                 + sum(m.content.word_count() + m.measure.word_count() for m in report.all_measures()))
        return (meta.preamble.word_count() + meta.closing.word_count() + sum(self._words.values())
                + self._items_words)

    @property
    def scored(self) -> bool:
        return self._scored

    # --- keeping up ---------------------------------------------------------------------------------
    def update(self, changes: Changes) -> set[Section]:
        """Take in what `changes` changed in the report (already brought up to date in place); the
        sections whose label may read differently now."""
        relabel: set[Section] = set()
        reshaped: list[Section] = []   # sections new to the index, or whose subsections changed
        if changes.everything or changes.outline:
            old_numbers, old_parent, old_shape, old_top = self.numbering(), self._parent, self._shape, self._top
            self._derive_outline(renumber=changes.everything)
            reshaped = [s for s in self._order if old_shape.get(s) != self._shape[s]]
            if not changes.everything:
                self._numbers = self._renumbered(old_numbers, reshaped, old_top != self._top)
            new_numbers = self.numbering()
            relabel |= {s for s in self._order if s not in old_parent or old_numbers.get(s) != new_numbers.get(s)}
            for gone in [s for s in old_parent if s not in self._parent]:
                reshaped.extend(p for p in (old_parent[gone],) if p is not None and p in self._parent)
                self._words.pop(gone, None)
                self._done -= self._states.pop(gone, None) is SectionState.COMPLETE
        if changes.everything or changes.limitations or changes.measures:
            self._items_words = None
        for section_id in changes.sections:
            section = self.find(section_id)
            if section is not None:
                self._words[section] = self._count(section)
                relabel.add(section)
        if changes.everything or changes.limitations or changes.measures or any(
                s.is_scored for s in relabel):   # states that depend on more than the section and its children
            relabel |= self._derive_states()
        else:   # a section's state depends on its own fields and its subsections' states
            for section in reversed(reshaped):   # subsections (later in document order) first
                relabel |= self._restate(section)
            for section_id in changes.sections:
                section = self.find(section_id)
                if section is not None:
                    relabel |= self._restate(section)
        return relabel

    # --- deriving ---------------------------------------------------------------------------------------
    @staticmethod
    def _count(s: Section) -> int:
        return s.body.word_count() + len(s.heading.split())

    def _derive_outline(self, renumber: bool = True) -> None:
        """Order, parents and shape afresh (no text is read); the numbering too unless the caller
        renumbers only where the outline changed (_renumbered)."""
        order: list[Section] = []
        parent: dict[Section, Section | None] = {}

        def walk(items: list[Section], owner: Section | None) -> None:
            for s in items:
                order.append(s)
                parent[s] = owner
                walk(s.children, s)

        walk(self.report.sections, None)
        self._order, self._parent = order, parent
        self._shape = {s: [id(c) for c in s.children] for s in order}
        self._top = [id(s) for s in self.report.sections]
        self._by_id = {s.id: s for s in order}
        self._position = {s.id: i for i, s in enumerate(order)}
        if renumber:
            self._numbers = self.report.numbering()   # now: the next outline edit compares with it
        self._scored = any(s.is_scored or s.content is ContentKind.SCORE_TOTAL for s in order)
        for s in order:
            if s not in self._words:
                self._words[s] = self._count(s)

    def _renumbered(self, old: dict[Section, str], reshaped: list[Section], top_changed: bool) -> dict[Section, str]:
        """The numbering after an outline edit, from the one before: the count starts afresh under
        each numbered section, so only the subsections of the nearest numbered section above each
        reshaped one are numbered again (an unnumbered section's items count on with its
        siblings'); the whole report when the top level changed or no numbered section is above."""
        report = self.report
        if top_changed:
            return report.numbering()
        depth = {s: len(self.ancestors(s)) + 1 for s in reshaped}
        scopes: dict[Section, int] = {}
        for section in reshaped:
            scope: Section | None = section
            at = depth[section]
            while scope is not None and (scope not in old or report.style_of(scope, at) is NumberStyle.NONE):
                scope, at = self._parent[scope], at - 1
            if scope is None:
                return report.numbering()
            scopes[scope] = at
        numbers = {s: n for s, n in old.items() if s in self._parent}   # the deleted ones left out
        done: set[Section] = set()
        for scope, at in sorted(scopes.items(), key=lambda x: x[1]):   # the outer ones first
            if not any(a in done for a in self.ancestors(scope)):
                report.number_into(numbers, scope.children, at + 1, numbers[scope], {})
                done.add(scope)
        return numbers

    def _derive_states(self) -> set[Section]:
        """Every section's state afresh; the sections whose state changed."""
        old: dict[Section, SectionState] = self._states
        new: dict[Section, SectionState] = {}

        def state_of(s: Section) -> SectionState:
            st = new.get(s)
            if st is None:
                st = new[s] = section_state(self.report, s, state_of)
            return st

        for s in self._order:
            state_of(s)
        self._states = new
        self._done = sum(st is SectionState.COMPLETE for st in new.values())
        return {s for s, st in new.items() if old.get(s) is not st}

    def _restate(self, section: Section) -> set[Section]:
        """The section's state and, while they change, its ancestors'; the sections that changed."""
        changed: set[Section] = set()
        s: Section | None = section
        while s is not None and s in self._parent:
            old = self._states.pop(s, None)   # `state` works a section out afresh from its subsections'
            new = self._states[s] = section_state(self.report, s, self.state)
            if new is old and s is not section:
                break
            if new is not old:
                self._done += (new is SectionState.COMPLETE) - (old is SectionState.COMPLETE)
                changed.add(s)
            s = self._parent.get(s)
        return changed


# --- a loaded report brought up to date in place (services/reports.py refresh_report) -------------------
def take_fields(target: object, source: object, keep: tuple[str, ...] = ()) -> None:
    """`target`'s dataclass fields set to `source`'s, except those in `keep` (the same object
    stays, so everything that points at it — a limitation at its section — stays right)."""
    for f in dataclasses.fields(target):  # type: ignore[arg-type]
        if f.name not in keep:
            setattr(target, f.name, getattr(source, f.name))


def arrange(report: Report, outline: list[tuple[int, int | None, int]], fresh: dict[int, Section],
            links: tuple[dict[int, int], dict[int, int]]) -> None:
    """Give `report` the stored outline: `outline` is every section's (id, parent id, position),
    `fresh` the sections the report does not hold yet (added, or brought back by an undo), `links`
    the stored limitation → section and measure → section links into `fresh`. The sections kept
    are the same objects; the ones no longer stored leave the report, and nothing points at them."""
    known: dict[int | None, Section] = {s.id: s for s in report.walk()}
    known.update(fresh.items())
    kids: dict[int | None, list[tuple[int, int, Section]]] = {}
    for section_id, parent_id, position in outline:
        section = known.get(section_id)
        if section is not None:
            kids.setdefault(parent_id, []).append((position, section_id, section))
    for section in known.values():
        section.children = [s for _, _, s in sorted(kids.get(section.id, ()), key=lambda t: t[:2])]
    report.sections = [s for _, _, s in sorted(kids.get(None, ()), key=lambda t: t[:2])]
    stored = {section_id for section_id, _, _ in outline}
    concerns, listed = links
    for lim in report.limitations:
        if lim.id in concerns:
            lim.concerns = known.get(concerns[lim.id])
        elif lim.concerns is not None and lim.concerns.id not in stored:
            lim.concerns = None   # deleted: the store unlinked it too
    for m in report.all_measures():
        if m.id in listed:
            m.section = known.get(listed[m.id])
        elif m.section is not None and m.section.id not in stored:
            m.section = None


__all__ = ["ReportIndex", "arrange", "take_fields"]
