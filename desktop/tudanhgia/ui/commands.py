"""Structural edits of the outline as undoable commands over the services.

A command that creates something remembers the ids it was given, and a delete remembers a
snapshot, so that redo after undo brings back the very same rows (later commands refer to them)."""
from __future__ import annotations

from ..domain.ratings import Rating
from .context import EditorContext


def add_section(ctx: EditorContext, parent_id: int | None, index: int, heading: str = "Mục mới") -> int | None:
    """Add a section; returns its id (None when refused)."""
    svc = ctx.service
    state: dict = {}

    def do():
        if "snapshot" in state:
            svc.restore_section(state["snapshot"])
        else:
            state["id"] = svc.add_section(ctx.report_id, parent_id, index, heading).id

    def undo():
        state["snapshot"] = svc.section_snapshot(state["id"])
        svc.delete_section(state["id"])

    ctx.run("Thêm mục", do, undo)
    return state.get("id")


def delete_section(ctx: EditorContext, section_id: int) -> None:
    svc = ctx.service
    snap = svc.section_snapshot(section_id)
    ctx.run("Xóa mục", lambda: svc.delete_section(section_id), lambda: svc.restore_section(snap))


def move_section(ctx: EditorContext, section_id: int, new_parent_id: int | None, new_index: int,
                 text: str = "Di chuyển mục") -> None:
    svc = ctx.service
    report = ctx.report()
    section = report.find(section_id)
    parent = report.parent_of(section)
    old_parent_id = parent.id if parent else None
    old_index = report.siblings_of(section).index(section)
    ctx.run(text, lambda: svc.move_section(section_id, new_parent_id, new_index),
            lambda: svc.move_section(section_id, old_parent_id, old_index))


def rename_section(ctx: EditorContext, section_id: int, old: str, new: str, initiator: object = None) -> None:
    svc = ctx.service
    ctx.run("Đổi tên mục", lambda: svc.update_section(section_id, heading=new),
            lambda: svc.update_section(section_id, heading=old), initiator)


def set_rating(ctx: EditorContext, section_id: int, old: Rating | None, new: Rating | None,
               initiator: object = None) -> None:
    svc = ctx.service
    label = f"Tự đánh giá: {new.label}" if new is not None else "Bỏ chọn tự đánh giá"
    ctx.run(label, lambda: svc.update_section(section_id, rating=new),
            lambda: svc.update_section(section_id, rating=old), initiator)


def set_score(ctx: EditorContext, section_id: int, old: float | None, new: float | None,
              initiator: object = None) -> None:
    svc = ctx.service
    ctx.run("Chấm điểm", lambda: svc.update_section(section_id, score=new),
            lambda: svc.update_section(section_id, score=old), initiator)
