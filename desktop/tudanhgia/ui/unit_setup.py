"""The offer to set up the unit profile, as a bar across the window (not a dialog in the way of
the first look): "Thiết lập thông tin đơn vị" opens the unit dialog, "Để sau" puts it off for
this database. Shown when a database without a unit is opened, or a report whose unit has no
issuing agency; gone as soon as the profile is complete."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..services.unit_setup import UnitSetup, put_off_unit_setup, unit_setup_needed
from ..errors import ServiceError
from . import messages
from .banner import Banner

if TYPE_CHECKING:
    from .main_window import MainWindow


@dataclass(frozen=True)
class Answer:
    """unit_setup_needed's answer for the database, asked by the worker that opened the service
    (ui/app.py): its queries (~25 ms at 10,000 reports) stay off the UI thread's start-up."""
    setup: UnitSetup | None


class UnitSetupBanner(Banner):
    def __init__(self, window: MainWindow):
        super().__init__("warning", window)
        self.window_ = window
        self.setup: UnitSetup | None = None
        self.setup_button = self.add_button("Thiết lập thông tin đơn vị…",
                                            "Tên cơ quan, chữ viết tắt, địa danh, người ký và nơi nhận", self.set_up)
        self.later_button = self.add_button("Để sau", "Không nhắc lại với cơ sở dữ liệu này; vẫn sửa được ở "
                                                      "Tệp ▸ Hồ sơ đơn vị", self.later)

    def check(self, unit_id: int | None = None, answer: Answer | None = None) -> None:
        w = self.window_
        self.setup = None
        if w.service is not None and not w.read_only:
            self.setup = answer.setup if answer is not None else unit_setup_needed(w.service, unit_id)
        self.show_text(self.setup.message if self.setup else "")

    def set_up(self) -> None:
        from .unit_dialog import UnitProfileDialog
        w = self.window_
        if w.service is None or self.setup is None:
            return
        unit = self.setup.unit
        if UnitProfileDialog(w.service, unit.id if unit else None, w).exec():
            w.start.refresh_filters()
            w.start.refresh_reports()
        self.check(unit.id if unit else None)

    def later(self) -> None:
        w = self.window_
        if w.service is None:
            return
        try:
            put_off_unit_setup(w.service)
        except ServiceError as exc:   # a locked or read-only file: say so, ask again next time
            messages.warn(w, f"Không ghi được lựa chọn “Để sau”: {exc}")
        self.show_text("")


def offer_unit_setup(window: MainWindow, unit_id: int | None = None, answer: Answer | None = None) -> None:
    """Show (or hide) the window's set-up bar for the open database, or for a report's unit
    (`answer`: the database's, asked already on another thread)."""
    banner = getattr(window, "unit_setup_banner", None)
    if banner is None:
        banner = UnitSetupBanner(window)
        column = window.centralWidget().layout()
        column.insertWidget(column.indexOf(window.save_banner) + 1, banner)
        window.unit_setup_banner = banner
    banner.check(unit_id, answer)
