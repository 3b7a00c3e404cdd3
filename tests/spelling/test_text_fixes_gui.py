"""'Chuẩn hóa văn bản' and 'Chuyển mã TCVN3/VNI' in the window: each change shown before it is made,
the chosen ones made in one undo step; a pasted TCVN3 fragment offered for conversion."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from tudanhgia.domain import Period, RichText
from tudanhgia.ui import messages, text_fixes
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from qt_keys import press

TCVN3_LINE = "Thùc hiÖn nghiªm tóc c«ng t¸c c¶i c¸ch hµnh chÝnh."   # "Thực hiện nghiêm túc …" in .VnTime


@pytest.fixture
def previews(monkeypatch):
    """The preview dialogs shown (their rows); every change accepted unless a test says otherwise."""
    shown: list[list[text_fixes.Row]] = []
    answer = {"rows": None}

    def run(dialog):
        shown.append(dialog.rows)
        return list(range(len(dialog.rows))) if answer["rows"] is None else answer["rows"]
    monkeypatch.setattr(text_fixes, "run_preview", run)
    for name in ("warn", "error", "info"):
        monkeypatch.setattr(messages, name, lambda parent, text: None)
    shown_answer = shown, answer
    return shown_answer


def _open(qtbot, service, unit, tmp_path, body: str):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, body=RichText.from_plain(body))
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    w.open_report(report.id)
    w.editor.select(section.id)
    w.editor.page.editor.setFocus()
    return w


def test_normalize_previews_each_change_and_makes_the_chosen_ones(qtbot, service, unit, tmp_path, previews):
    shown, answer = previews
    w = _open(qtbot, service, unit, tmp_path, 'Kết quả tốt , hiệu quả  cao ( vượt kế hoạch ) theo "Dân vận khéo".')
    body = w.editor.page.editor
    answer["rows"] = [0, 1, 2, 3, 4, 5]   # every change but nothing else
    w.act_normalize_text.trigger()
    rows = shown[0]
    assert [r.reason for r in rows] == ["Dấu cách trước dấu câu", "Nhiều dấu cách liền nhau", "Dấu cách sát trong "
                                        "ngoặc", "Dấu cách sát trong ngoặc", "Dấu ngoặc kép theo thể thức",
                                        "Dấu ngoặc kép theo thể thức"]
    assert "quả tốt|·|, hiệu quả  cao" in rows[0].before and "quả tốt||, hiệu quả  cao" in rows[0].after
    assert body.toPlainText() == "Kết quả tốt, hiệu quả cao (vượt kế hoạch) theo “Dân vận khéo”."
    body.undo()   # one step
    assert body.toPlainText() == 'Kết quả tốt , hiệu quả  cao ( vượt kế hoạch ) theo "Dân vận khéo".'


def test_only_the_kept_changes_are_made(qtbot, service, unit, tmp_path, previews):
    _shown, answer = previews
    w = _open(qtbot, service, unit, tmp_path, "Tốt , hiệu quả  cao.")
    answer["rows"] = [1]
    w.act_normalize_text.trigger()
    assert w.editor.page.editor.toPlainText() == "Tốt , hiệu quả cao."


def test_a_pasted_tcvn3_fragment_is_offered_converted(qtbot, service, unit, tmp_path, previews):
    shown, _answer = previews
    w = _open(qtbot, service, unit, tmp_path, "Năm 2025, đơn vị đã hoàn thành nhiệm vụ.")
    body = w.editor.page.editor
    body.moveCursor(QTextCursor.MoveOperation.End)
    mime = QMimeData()
    mime.setText(" " + TCVN3_LINE)
    QGuiApplication.clipboard().setMimeData(mime)
    press(body, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    head = "Năm 2025, đơn vị đã hoàn thành nhiệm vụ. "
    converted = head + "Thực hiện nghiêm túc công tác cải cách hành chính."
    assert [(r.before, r.after) for r in shown[0]] == [(head + TCVN3_LINE, converted)]   # "đã" is not spoiled
    assert body.toPlainText() == converted


def test_a_unicode_paste_asks_nothing_and_the_menu_action_finds_old_paragraphs(qtbot, service, unit, tmp_path,
                                                                               previews):
    shown, answer = previews
    w = _open(qtbot, service, unit, tmp_path, f"Đoạn đầu đúng Unicode.\n{TCVN3_LINE}")
    body = w.editor.page.editor
    mime = QMimeData()
    mime.setText(" Thêm câu tiếng Việt có dấu.")
    QGuiApplication.clipboard().setMimeData(mime)
    body.moveCursor(QTextCursor.MoveOperation.Start)
    press(body, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    assert shown == []
    answer["rows"] = []   # shown, then cancelled: nothing changes
    w.act_convert_legacy.trigger()
    assert len(shown) == 1 and shown[0][0].where == "Đoạn 2"
    assert TCVN3_LINE in body.toPlainText()
