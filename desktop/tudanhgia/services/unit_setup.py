"""Whether to offer the unit profile's set-up: the header of every document (cơ quan chủ quản,
cơ quan ban hành, place, signer) comes from it, so a database without one, or a report whose
unit has no issuing agency, would print a blank header. Offered once per database: "Để sau" is
kept with the data (the app_setting table), so the same file does not ask again anywhere."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.model import UnitProfile
from .reports import ReportService

LATER_KEY = "unit_setup_later"


@dataclass(frozen=True)
class UnitSetup:
    """What to say and which unit the dialog opens on (None: a new one)."""
    unit: UnitProfile | None
    message: str


def unit_setup_needed(service: ReportService, unit_id: int | None = None) -> UnitSetup | None:
    """The set-up to offer, or None: done, or put off for this database. `unit_id`: the unit of
    the report being opened; otherwise the default unit (or the only one)."""
    with service.repo.reading() as r:
        if r.setting(LATER_KEY) == "1":
            return None
    units = service.list_units()
    if not units:
        return UnitSetup(None, "Cơ sở dữ liệu này chưa có thông tin đơn vị (tên cơ quan, địa danh, người ký, "
                               "nơi nhận). Cần có để in phần đầu và phần cuối văn bản.")
    unit = next((u for u in units if u.id == unit_id), None) if unit_id is not None else None
    if unit is None and unit_id is None:
        unit = service.default_unit() or (units[0] if len(units) == 1 else None)
    if unit is None or unit.issuing_agency.strip():
        return None
    return UnitSetup(unit, f"Đơn vị “{unit.name}” chưa ghi tên cơ quan ban hành: phần đầu văn bản sẽ in "
                           "trống chỗ đó.")


def put_off_unit_setup(service: ReportService) -> None:
    """"Để sau": this database does not offer the set-up again (Tệp ▸ Hồ sơ đơn vị is always there)."""
    with service.repo.transaction() as tx:
        tx.set_setting(LATER_KEY, "1")
