"""Build sample_db/sample.sqlite from the readable sources in sample_db/sources/.

    python sample_db/build.py [--out PATH] [--force]

The database is build output (not committed); it takes about a second to rebuild.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "desktop"))

from tudanhgia.kinds import KindRegistry  # noqa: E402
from tudanhgia.paths import shipped_kinds_dir  # noqa: E402
from tudanhgia.services import ReportService  # noqa: E402
from tudanhgia.services.sources import load_source, load_units  # noqa: E402
from tudanhgia.store import open_database  # noqa: E402

SOURCES = HERE / "sources"
DEFAULT_OUT = HERE / "sample.sqlite"
# the order reports get their ids in
REPORTS = ["kiem-diem-tap-the-2020.toml", "ke-hoach-khac-phuc-2022.toml", "tu-danh-gia-nam-2023.toml"]


def build(out: Path, quiet: bool = False) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    # build beside the target, then replace: a half-built sample never stays behind
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        tmp_db = Path(tmp) / out.name
        db = open_database(tmp_db)
        service = ReportService(db, KindRegistry.load(shipped_kinds_dir()))
        if service.kinds.errors:
            raise SystemExit("\n".join(str(e) for e in service.kinds.errors))
        units = {}
        for unit in load_units(SOURCES / "units.toml"):
            units[unit.name] = service.save_unit(unit)
        for name in REPORTS:
            report, warnings = load_source(SOURCES / name, service.kinds, units)
            report.unit_id = units[report.unit_name].id if report.unit_name in units else None
            service.add_report(report)
            for w in warnings:
                print(f"{name}: {w}", file=sys.stderr)
            if not quiet:
                print(f"{report.id}\t{name}")
        db.close()
        tmp_db.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Dựng cơ sở dữ liệu mẫu từ sample_db/sources.")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--force", action="store_true", help="dựng lại kể cả khi tệp đã có")
    args = ap.parse_args(argv)
    if args.out.exists() and not args.force:
        print(f"{args.out} đã có (dùng --force để dựng lại)")
        return 0
    build(args.out)
    print(f"đã tạo {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
