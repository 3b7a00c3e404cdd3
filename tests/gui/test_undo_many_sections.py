"""Steps of the one undo history are never lost to the page's memory trimming: the page keeps
DOCUMENTS_KEPT section documents and dropped the oldest even when steps of the history still needed
them — a Thay tất cả over more sections was then only partly undone, and an undo reached past a
dead typing step to an older step (a version's restore) that wrote the old text over the typing.
Found by review; both failed before the page kept such documents."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from qt_keys import type_text
from test_find_replace import open_find, open_window, stored
from tudanhgia.domain.richtext import RichText
from tudanhgia.services import versions as V
from tudanhgia.ui import versions as ui_versions
from tudanhgia.ui.editor import DOCUMENTS_KEPT


def _sections(svc, n: int, text: str) -> list[int]:
    ids = []
    for i in range(n):
        s = svc.add_section(1, None, None, f"Mục thử {i}")
        svc.update_section(s.id, body=RichText.from_plain(text.format(i=i)))
        ids.append(s.id)
    return ids


def test_replace_all_over_more_sections_than_kept_is_undone_in_one_step(qtbot, sample_service, tmp_path):
    svc = sample_service
    ids = _sections(svc, DOCUMENTS_KEPT + 10, "Nội dung đảo số {i}.")
    w = open_window(qtbot, svc, tmp_path)
    dialog = open_find(qtbot, w, Qt.Key.Key_H)
    type_text(dialog.find_edit, "đảo")
    type_text(dialog.replace_edit, "cù lao")
    qtbot.mouseClick(dialog.btn_replace_all, Qt.MouseButton.LeftButton)
    w.flush_all()
    assert all("cù lao" in stored(svc).find(i).body.plain for i in ids)
    w.activateWindow()
    w.editor.page.editor.setFocus()
    QTest.keyClick(w.editor.page.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    w.flush_all()
    report = stored(svc)
    assert [report.find(i).body.plain for i in ids] == [f"Nội dung đảo số {i}." for i in range(len(ids))]


def test_typing_after_a_restore_survives_visiting_many_sections_and_undoes_word_by_word(
        qtbot, sample_service, tmp_path):
    svc = sample_service
    ids = _sections(svc, DOCUMENTS_KEPT + 5, "Nội dung số {i}.")
    version = V.save_version(svc, 1, "v1")
    w = open_window(qtbot, svc, tmp_path)
    assert ui_versions.restore(w.ctx, version.number)
    first = ids[0]
    w.editor.select(first)
    editor = w.editor.page.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor, " CÂU QUAN TRỌNG")
    w.flush_all()
    for section_id in ids[1:]:          # more sections than the page keeps documents of
        w.editor.select(section_id)
    w.flush_all()
    assert w.act_undo.text() == "Hoàn tác: Nhập văn bản"
    w.act_undo.trigger()
    qtbot.wait(200)
    w.flush_all()
    assert stored(svc).find(first).body.plain == "Nội dung số 0. CÂU QUAN "   # one word, not the typing
    w.act_redo.trigger()
    qtbot.wait(200)
    w.flush_all()
    assert stored(svc).find(first).body.plain == "Nội dung số 0. CÂU QUAN TRỌNG"
