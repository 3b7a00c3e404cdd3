"""F7 names a long section by whole words: a GUI test found the tone-mark note cut in the middle of
a word with no sign of the cut, '(Mục "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấ")'."""
from PySide6.QtCore import QSettings

from tudanhgia.domain import RichText
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow


def test_f7_shortens_a_long_section_name_after_a_whole_word(qtbot, service, unit, tmp_path, monkeypatch):
    report = service.create_report("kiem-diem-tap-the-2025", "2026", unit.id)
    follow_up = next(s for s in report.walk() if s.key == "khac-phuc")
    assert follow_up.heading.startswith("Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền")
    service.update_section(follow_up.id, body=RichText.from_plain("Công tác thuỷ lợi được khắc phục kịp thời."))
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    w.open_report(report.id)
    shown: list[str] = []
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec",
                        lambda d: shown.extend(d.list.item(i).text() for i in range(d.list.count())) or 0)
    w.act_check.trigger()   # F7
    (tone,) = [line for line in shown if "kiểu bỏ dấu" in line]
    assert "(Mục “III. Kết quả khắc phục những hạn chế, khuyết điểm đã được…”)" in tone, tone
