"""Edits as undoable commands over the services: the outline's, and the add/delete pattern the
panels share for sections, limitations and measures.

A command that creates something remembers the id it was given, and a delete remembers a
snapshot, so that redo after undo brings back the very same rows (later commands refer to them)."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

from ..domain.model import Section
from ..domain.ratings import Rating
from .context import EditorContext


@dataclass(frozen=True)
class Rows:
    """How one kind of row is kept and brought back under its old id."""
    snapshot: Callable[[int], Any]
    delete: Callable[[int], object]
    restore: Callable[[Any], object]


def section_rows(svc) -> Rows:
    return Rows(svc.section_snapshot, svc.delete_section, svc.restore_section)


def limitation_rows(svc) -> Rows:
    return Rows(svc.limitation_snapshot, svc.delete_limitation, lambda snap: svc.restore_limitation(*snap))


def measure_rows(svc) -> Rows:
    return Rows(svc.measure_snapshot, svc.delete_measure, lambda snap: svc.restore_measure(*snap))


def run_add(ctx: EditorContext, text: str, add: Callable[[], Any], rows: Rows, section: bool = False) -> int | None:
    """Add a row (`add` returns it) as one undoable command: undo keeps a snapshot and deletes it,
    redo restores the snapshot under the same id. Returns the id (None when refused). `section`:
    the row is a section (redo shows it)."""
    state: dict = {}

    def do():
        if "snapshot" in state:
            rows.restore(state["snapshot"])
        else:
            state["id"] = add().id

    def undo():
        state["snapshot"] = rows.snapshot(state["id"])
        rows.delete(state["id"])

    ctx.run(text, do, undo, where=(lambda: state.get("id")) if section else None)
    return state.get("id")


def run_delete(ctx: EditorContext, text: str, row_id: int, rows: Rows, section: bool = False) -> None:
    """Delete a row as one undoable command; undo restores it, with its id, from a snapshot taken
    just before each delete (and shows it, for a `section`)."""
    state: dict = {}

    def do():
        state["snapshot"] = rows.snapshot(row_id)
        rows.delete(row_id)

    ctx.run(text, do, lambda: rows.restore(state["snapshot"]), where=(lambda: row_id) if section else None)


def add_section(ctx: EditorContext, parent_id: int | None, index: int, heading: str = "Mục mới") -> int | None:
    """Add a section; returns its id (None when refused)."""
    svc = ctx.service
    return run_add(ctx, "Thêm mục", lambda: svc.add_section(ctx.report_id, parent_id, index, heading),
                   section_rows(svc), section=True)


def delete_section(ctx: EditorContext, section_id: int) -> None:
    run_delete(ctx, "Xóa mục", section_id, section_rows(ctx.service), section=True)


def move_section(ctx: EditorContext, section_id: int, new_parent_id: int | None, new_index: int,
                 text: str = "Di chuyển mục") -> None:
    svc = ctx.service
    index = ctx.index()
    section = index.find(section_id)
    parent = index.parent_of(section)
    old_parent_id = parent.id if parent else None
    old_index = index.siblings_of(section).index(section)
    ctx.run(text, lambda: svc.move_section(section_id, new_parent_id, new_index),
            lambda: svc.move_section(section_id, old_parent_id, old_index), where=lambda: section_id)


def _seen_with(seen: Section | None, **done: Any) -> Section | None:
    """`seen` (the section as the officer saw it) as the edit leaves it: what its undo starts from."""
    if seen is None:
        return None
    view = copy.copy(seen)
    for field, value in done.items():
        setattr(view, field, value)
    return view


def rename_section(ctx: EditorContext, section_id: int, old: str, new: str, initiator: object = None,
                   seen: Section | None = None) -> None:
    """`seen`: the section as the officer saw it (a change made meanwhile elsewhere is refused)."""
    svc, seen = ctx.service, copy.copy(seen)
    done = _seen_with(seen, heading=new)
    ctx.run("Đổi tên mục", lambda: svc.update_section(section_id, heading=new, before=seen),
            lambda: svc.update_section(section_id, heading=old, before=done), initiator,
            merge_key=("heading", section_id), where=lambda: section_id)


def set_rating(ctx: EditorContext, section_id: int, old: Rating | None, new: Rating | None,
               initiator: object = None, seen: Section | None = None) -> None:
    svc, seen = ctx.service, copy.copy(seen)
    done = _seen_with(seen, rating=new)
    # the menu reads "Hoàn tác: Tự đánh giá “Xuất sắc”"
    label = f"Tự đánh giá “{new.label}”" if new is not None else "Bỏ chọn tự đánh giá"
    ctx.run(label, lambda: svc.update_section(section_id, rating=new, before=seen),
            lambda: svc.update_section(section_id, rating=old, before=done), initiator, where=lambda: section_id)


def set_score(ctx: EditorContext, section_id: int, old: float | None, new: float | None,
              initiator: object = None, seen: Section | None = None) -> None:
    svc, seen = ctx.service, copy.copy(seen)
    done = _seen_with(seen, score=new)
    ctx.run("Chấm điểm", lambda: svc.update_section(section_id, score=new, before=seen),
            lambda: svc.update_section(section_id, score=old, before=done), initiator,
            merge_key=("score", section_id), where=lambda: section_id)
