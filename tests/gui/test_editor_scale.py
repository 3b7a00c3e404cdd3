"""The editor of a long report (issue 12): an outline edit follows the report in place (no reload of
the whole report, the navigator renumbered as stored), a long body is written off the UI thread
while typing goes on, closing a report frees everything it held, the undo history has a limit."""
import gc
import random
import sqlite3
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tudanhgia.domain import (LevelStyle, Limitation, Measure, NumberStyle, Paragraph, Period, RatingScale,
                              Report, RichText, Run, Section)
from tudanhgia.services import ReportService
from tudanhgia.domain.completeness import section_state
from tudanhgia.domain.names import state_mark
from tudanhgia.ui import messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.context import UNDO_LIMIT, EditorContext
from tudanhgia.ui.editor import BACKGROUND_CHARS, ROLE, ReportEditor
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.richtext_qt import DocumentReader, from_document, to_document
from qt_keys import type_text
from test_editor import open_window

TEXT = "Tập thể lãnh đạo đã quán triệt, triển khai kịp thời các chủ trương của cấp trên; "


@pytest.fixture
def said(monkeypatch):
    log = []
    for name in ("warn", "error", "info"):
        monkeypatch.setattr(messages, name, lambda parent, text, name=name: log.append((name, text)))
    monkeypatch.setattr(messages, "confirm", lambda parent, text, yes="", no="": log.append(("confirm", text)) or True)
    monkeypatch.setattr(messages, "choose", lambda parent, text, options, cancel="": log.append(("choose", text)))
    return log


def long_report(service, unit, chapters=8, items=6) -> Report:
    """Chapters (I., II. …) of items (1., 2. …), some with sub-items (a), b)), limitations on items."""
    rnd = random.Random(chapters)
    sections = []
    for i in range(chapters):
        kids = []
        for j in range(items):
            sub = [Section(f"Ý {i}.{j}.{k}", RichText.from_plain(TEXT)) for k in range(2)] if j % 3 == 0 else []
            kids.append(Section(f"Nội dung {i}.{j}", RichText.from_plain(TEXT * 2) if j % 2 else RichText(),
                                children=sub, rating_scale=RatingScale.CAP_DO if j == 1 else None))
        sections.append(Section(f"Chương {i}", children=kids))
    report = Report("tu-danh-gia-nam", Period(2025), kind_name="Thử", unit_id=unit.id, sections=sections,
                    levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.ARABIC),
                            LevelStyle(NumberStyle.LETTER)])
    leaves = [s for s in report.walk() if not s.children]
    report.limitations = [Limitation(RichText.from_plain(f"Hạn chế {n}"), concerns=rnd.choice(leaves),
                                     measures=[Measure(measure=RichText.from_plain("Khắc phục"))]) for n in range(12)]
    return service.add_report(report)


def shown_outline(editor: ReportEditor) -> list[tuple[int, int | None, str]]:
    """(section id, parent's section id, label) of every section item, in the tree's order."""
    out = []

    def walk(item, parent_id):
        target = item.data(0, ROLE)
        if target is not None and target.kind == "section":
            out.append((target.section_id, parent_id, item.text(0)))
            parent_id_here = target.section_id
        else:
            parent_id_here = None
        for i in range(item.childCount()):
            walk(item.child(i), parent_id_here)

    for i in range(editor.tree.topLevelItemCount()):
        walk(editor.tree.topLevelItem(i), None)
    return out


def stored_outline(path) -> list[tuple[int, int | None, str]]:
    """The same, from the database as the next start would read it (a fresh service)."""
    svc = ReportService.open(path, create=False)
    try:
        report = svc.get_report(svc.list_reports()[0].id)
        numbers = report.numbering()
        return [(s.id, p.id if (p := report.parent_of(s)) else None, f"{numbers[s]} {s.heading}")
                for s in report.walk()]
    finally:
        svc.close()


def assert_tree_as_stored(w: MainWindow, path) -> None:
    shown = shown_outline(w.editor)
    stored = stored_outline(path)
    assert [(i, p) for i, p, _ in shown] == [(i, p) for i, p, _ in stored]
    for (_, _, label), (_, _, number_and_heading) in zip(shown, stored, strict=True):
        assert number_and_heading in label   # "✓ 2. Nội dung 0.1" holds "2. Nội dung 0.1"
    # the loaded report too (what the panels read) is the stored one
    loaded = w.ctx.report()
    numbers = loaded.numbering()
    assert [f"{numbers[s]} {s.heading}" for s in loaded.walk()] == [t for _, _, t in stored]


def test_outline_edits_follow_the_report_in_place_and_renumber_as_stored(qtbot, service, unit, tmp_path, said,
                                                                        monkeypatch):
    report = long_report(service, unit)
    w = open_window(qtbot, service, tmp_path, report.id)
    editor, path = w.editor, service.db.path
    reads = []   # the window's own service reading a whole report
    real_get = service.get_report
    monkeypatch.setattr(service, "get_report", lambda rid: reads.append(rid) or real_get(rid))
    item = report.sections[2].children[3]        # III. 4.
    editor.select(item.id)
    editor.act_add.trigger()                     # III. 5. new; 5., 6. become 6., 7.
    new_id = editor.current_target().section_id
    type_text(editor.page.heading, "Mục thêm vào")
    editor.page.heading_autosave.flush()
    assert_tree_as_stored(w, path)
    editor.act_up.trigger()                      # III. 4. now
    editor.act_up.trigger()
    assert_tree_as_stored(w, path)
    editor.act_indent.trigger()                  # the last item of III. 3.'s sub-items
    assert_tree_as_stored(w, path)
    editor.act_outdent.trigger()
    assert_tree_as_stored(w, path)
    editor.select(report.sections[0].id)         # a whole chapter with its items: II. … become I. …
    editor.act_delete.trigger()
    assert_tree_as_stored(w, path)
    assert editor.current_target().section_id == report.sections[1].id   # the next one is shown
    lim_ids = {lim.id for lim in w.ctx.report().limitations if lim.concerns is None}
    for _ in range(6):
        w.undo()
        assert_tree_as_stored(w, path)
    # the chapter is back, and the limitations that pointed into it point there again
    assert all(lim.concerns is not None for lim in w.ctx.report().limitations if lim.id in lim_ids) or not lim_ids
    for _ in range(6):
        w.redo()
        assert_tree_as_stored(w, path)
    editor.select(new_id)
    assert editor.page.number.text() == next(t for i, _, t in stored_outline(path) if i == new_id).split(" ")[0]
    assert reads == [], "an outline edit read the whole report again"
    assert editor.progress_label.text().endswith("% hoàn thành")


def test_a_rating_and_a_body_relabel_their_section_and_its_parent(qtbot, service, unit, tmp_path, said):
    report = long_report(service, unit, chapters=2, items=2)
    w = open_window(qtbot, service, tmp_path, report.id)
    editor = w.editor
    chapter = report.sections[0]                 # I. with 1. (empty, two sub-items) and 2. (text, to be rated)
    first, rated = chapter.children

    def marks() -> dict[int, str]:
        """What each line shows, against what the stored report says (a fresh service's states)."""
        fresh = ReportService.open(service.db.path, create=False)
        try:
            stored = fresh.get_report(report.id)
            expected = {s.id: state_mark(section_state(stored, s)) for s in stored.walk()}
        finally:
            fresh.close()
        shown = {sid: editor._items[sid].text(0)[0] for sid in expected}
        assert shown == expected
        return shown

    before = marks()
    editor.select(rated.id)
    editor.page.rating_checks[0].click()          # rated: its line (and maybe its chapter's) changes
    after_rating = marks()
    assert after_rating[rated.id] != before[rated.id]
    editor.select(first.children[0].id)
    editor.page.editor.setFocus()
    editor.page.editor.selectAll()
    editor.page.editor.cut()                      # a sub-item emptied: it, its item and its chapter restated
    editor.page.autosave.flush()
    after_cut = marks()
    assert after_cut[first.children[0].id] != after_rating[first.children[0].id]
    fresh = ReportService.open(service.db.path, create=False)
    try:
        assert w.words_label.text() == f"{fresh.get_report(report.id).word_count():,} từ".replace(",", ".")
    finally:
        fresh.close()


def test_closing_a_report_frees_its_context(qtbot, service, unit, tmp_path, said):
    report = long_report(service, unit, chapters=3, items=3)
    w = open_window(qtbot, service, tmp_path)
    refs = []
    for _ in range(20):
        w.open_report(report.id)
        w.editor.select(report.sections[1].children[1].id)
        type_text(w.editor.page.editor, "x")
        refs.append((weakref.ref(w.ctx), weakref.ref(w.editor), weakref.ref(w.editor.page)))
        w.show_start()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()
    alive = [i for i, (c, e, p) in enumerate(refs) if c() is not None or e() is not None or p() is not None]
    assert alive == [], f"opened and closed 20 times: {len(alive)} contexts survive"
    assert not [o for o in gc.get_objects() if isinstance(o, (EditorContext, ReportEditor))]
    fresh = ReportService.open(service.db.path, create=False)
    try:   # every closing wrote what was typed
        assert fresh.get_report(report.id).find(report.sections[1].children[1].id).body.plain.endswith("x" * 20)
    finally:
        fresh.close()


def test_the_undo_history_keeps_a_limited_number_of_steps(qtbot, service, unit, tmp_path, said):
    report = long_report(service, unit, chapters=2, items=2)
    w = open_window(qtbot, service, tmp_path, report.id)
    rated = report.sections[0].children[1]
    w.editor.select(rated.id)
    boxes = w.editor.page.rating_checks
    for i in range(UNDO_LIMIT + 30):
        boxes[i % 2].click()                      # Tốt, Khá, Tốt …: each an undo step
    stack = w.ctx.undo_stack
    assert stack.count() == UNDO_LIMIT
    undone = 0
    while stack.canUndo():
        w.undo()
        undone += 1
    assert undone == UNDO_LIMIT
    # the 30 oldest steps are gone: the rating is the one after the 30th click, not the first state
    stored = ReportService.open(service.db.path, create=False)
    try:
        # the 30th click (i = 29) chose the second level
        assert stored.get_report(report.id).find(rated.id).rating is list(RatingScale.CAP_DO.levels)[1]
    finally:
        stored.close()


def big_body(size: int) -> RichText:
    paras, total = [], 0
    while total < size:
        paras.append(Paragraph((Run(f"{len(paras) + 1}. " + TEXT * 4),)))
        total += len(paras[-1].text)
    return RichText(tuple(paras))


def open_long_body(qtbot, service, unit, tmp_path) -> tuple[MainWindow, Report, Section]:
    """The window showing a section of three times BACKGROUND_CHARS, the cursor at its end."""
    report = long_report(service, unit, chapters=2, items=2)
    big = report.sections[0].children[1]
    service.update_section(big.id, body=big_body(BACKGROUND_CHARS * 3))
    w = open_window(qtbot, service, tmp_path, report.id)
    w.editor.select(big.id)
    w.editor.page.editor.setFocus()
    w.editor.page.editor.moveCursor(QTextCursor.MoveOperation.End)
    return w, report, big


def test_a_long_body_is_written_off_the_ui_thread_while_typing_goes_on(qtbot, service, unit, tmp_path, said):
    w, report, big = open_long_body(qtbot, service, unit, tmp_path)
    page = w.editor.page
    edit = page.editor
    type_text(edit, " một")
    page.autosave.write()                         # the pause after typing
    assert w.ctx.background.busy                   # the write goes on beside the keyboard
    type_text(edit, " hai")                        # typed while it is written
    assert edit.toPlainText().endswith("một hai")
    qtbot.waitUntil(lambda: not w.ctx.background.busy and not page.autosave.dirty
                    and not page.autosave.debounce.pending(), timeout=10_000)
    fresh = ReportService.open(service.db.path, create=False)
    try:
        assert fresh.get_report(report.id).find(big.id).body.plain.endswith("một hai")
    finally:
        fresh.close()
    assert w.ctx.report().find(big.id).body.plain.endswith("một hai")   # the loaded report followed
    assert not said


def test_a_refused_background_write_keeps_the_typing_and_is_retried(qtbot, tmp_path, said):
    service = ReportService.open(tmp_path / "db.sqlite", busy_timeout_ms=50)
    from tudanhgia.domain import UnitProfile
    w, report, big = open_long_body(qtbot, service, service.save_unit(UnitProfile(name="Văn phòng")), tmp_path)
    page = w.editor.page
    other = sqlite3.connect(service.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")               # another program holds the write lock
    try:
        type_text(page.editor, " giữ lại")
        page.autosave.write()
        qtbot.waitUntil(lambda: not w.ctx.background.busy, timeout=10_000)
        assert w.ctx.saves.error and page.autosave.dirty   # refused: still unsaved, the banner says so
        assert w.save_banner.isVisible() and not said       # a banner, not a message box per try
        assert page.autosave.unsaved() and page.autosave.unsaved()[0][1].endswith("giữ lại")
    finally:
        other.execute("COMMIT")
        other.close()
    qtbot.waitUntil(lambda: not w.ctx.saves.error, timeout=10_000)   # the retry writes it
    assert not w.save_banner.isVisible()
    fresh = ReportService.open(service.db.path, create=False)
    try:
        assert fresh.get_report(report.id).find(big.id).body.plain.endswith("giữ lại")
    finally:
        fresh.close()
    w.close()
    service.close()


def test_document_reader_reads_what_from_document_reads(qtbot):
    make_application()
    from tudanhgia.ui.richtext_qt import RichTextEdit
    edit = RichTextEdit()
    qtbot.addWidget(edit)
    body = RichText(tuple(Paragraph((Run(f"Đoạn {i} ", bold=i % 3 == 0), Run("chữ thường"))) for i in range(30)))
    doc = to_document(body)
    edit.setDocument(doc)
    reader = DocumentReader(doc)
    reader.prime(body)
    rnd = random.Random(5)
    assert reader.read() == from_document(doc) == body
    for step in range(300):
        cursor = edit.textCursor()
        cursor.setPosition(rnd.randrange(doc.characterCount()))
        edit.setTextCursor(cursor)
        action = rnd.randrange(7)
        if action == 0:
            type_text(edit, rnd.choice(["a", "ễ", " ", "xyz"]))
        elif action == 1:
            type_text(edit, "\r")                    # a paragraph split
        elif action == 2:
            cursor.deletePreviousChar()              # joins paragraphs at a block's start
        elif action == 3:
            cursor.movePosition(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor)
            edit.setTextCursor(cursor)
            edit.toggle_bold()                       # formats only: the text stays as long
        elif action == 4:
            doc.undo()
        elif action == 5:
            doc.redo()
        else:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText("thay")
        if step % 3 == 0:
            got = reader.read()
            expected = from_document(doc)
            assert got == expected, f"step {step}"
            assert got.to_json() == RichText(expected.paragraphs).to_json()
