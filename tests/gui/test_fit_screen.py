"""The window opens within the screen's free area (found by the GUI tester: 1280×760 on a
1024×600 screen put the right pane and the status bar out of reach). The offscreen platform's
screen is 800×600: a window larger than that is brought within it, down to its own minimum."""
from PySide6.QtWidgets import QWidget

from tudanhgia.ui.app import fit_screen, make_application


def test_a_window_larger_than_the_screen_is_brought_within_it(qtbot):
    make_application()
    w = QWidget()
    qtbot.addWidget(w)
    w.setMinimumSize(300, 200)
    free = w.screen().availableGeometry()
    w.resize(free.width() + 400, free.height() + 300)
    w.move(free.left() + 200, free.top() + 150)
    fit_screen(w)
    assert w.width() <= free.width() and w.height() <= free.height()
    assert w.x() >= free.left() and w.y() >= free.top()


def test_a_window_that_fits_is_left_as_it_is(qtbot):
    make_application()
    w = QWidget()
    qtbot.addWidget(w)
    free = w.screen().availableGeometry()
    w.resize(free.width() // 2, free.height() // 2)
    w.move(free.left() + 10, free.top() + 10)
    fit_screen(w)
    assert (w.width(), w.height(), w.x(), w.y()) == (free.width() // 2, free.height() // 2, free.left() + 10,
                                                     free.top() + 10)
