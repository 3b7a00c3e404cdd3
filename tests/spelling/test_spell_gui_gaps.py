"""The audit's gaps as the officer meets them in the editor: place names, abbreviations, words
with an apostrophe or a hyphen are not underlined, the real misspellings beside them are, and the
menu offers the meant word first."""
from __future__ import annotations

import pytest

from tudanhgia.domain import Period, RichText
from .test_spell_gui import _menu_for, _window
from .underlines import underlined

BODY = ("Huyện Cư M'gar, Ea H’leo và thành phố Buôn Ma Thuột (Đắk Lắk) dùng e-Office của VNPT; đồng chí PCT "
        "UBND, ThS. Lê Văn An chỉ đạo xây dựng NTM, OCOP. Tuy nhiên ngừoi dân chưa quen e-Ofice.")


@pytest.fixture
def opened(qtbot, service, unit, tmp_path, monkeypatch):
    from tudanhgia.ui import messages
    for name in ("warn", "error", "info"):
        monkeypatch.setattr(messages, name, lambda *a: None)
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, body=RichText.from_plain(BODY))
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.select(section.id)
    return w


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")   # a popup offscreen
def test_only_the_misspellings_are_underlined_and_the_meant_word_comes_first(qtbot, opened):
    body = opened.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["ngừoi", "e-Ofice"], timeout=3000)
    menu = _menu_for(qtbot, body, "ngừoi")
    assert [a.text() for a in menu.actions()][:2] == ["người", "nguồi"]
    next(a for a in menu.actions() if a.text() == "người").trigger()
    menu.close()
    assert "Tuy nhiên người dân" in body.toPlainText()
    qtbot.waitUntil(lambda: underlined(body) == ["e-Ofice"], timeout=3000)
    menu = _menu_for(qtbot, body, "Ofice")   # right-click on the word after the hyphen: the whole word is meant
    assert "Thêm “e-Ofice” vào từ điển của đơn vị" in [a.text() for a in menu.actions()]
    menu.close()
