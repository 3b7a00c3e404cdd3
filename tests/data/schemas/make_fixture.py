"""Build one schema fixture with the code of an older release (see README.md here).

    git worktree add --detach /tmp/wt-0001 2dc1741
    PYTHONPATH=/tmp/wt-0001/desktop TUDANHGIA_RESOURCES=/tmp/wt-0001/resources \
        .venv/bin/python tests/data/schemas/make_fixture.py tests/data/schemas/0001_baseline.sqlite

Only the services of that release write the data (the API used here exists unchanged since the
baseline); afterwards the timestamps and the export record's path are set to fixed values with
plain sqlite3, so that the test can compare every field with literals.
"""
from __future__ import annotations

import datetime as _dt
import sqlite3
import sys
import tempfile
from pathlib import Path

import tudanhgia
from tudanhgia.domain.model import (Authority, Indicator, Limitation, Measure, MeasureStatus, Recipient,
                                    Recipients, Signer, UnitProfile)
from tudanhgia.domain.period import Period
from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run
from tudanhgia.services import ReportService

BODY = RichText((
    Paragraph((Run("Đơn vị đã "), Run("hoàn thành tốt", bold=True), Run(" nhiệm vụ được giao; "),
               Run("đúng tiến độ", italic=True), Run(" 🎯 ✅"),
               Footnote((Run("Theo Kế hoạch số 12-KH/ĐU ngày 05/3/2023."),)))),
    Paragraph((Run("- Tổ chức 24 cuộc họp; “chất lượng” nâng lên — 100 % đảng viên tham gia 👍"),)),
))
LIMITATION = RichText.from_plain("Việc triển khai chuyển đổi số còn chậm, chưa đồng bộ.")
CAUSE_SUBJ = RichText.from_plain("Một số cán bộ chưa chủ động 😔")
CAUSE_OBJ = RichText.from_plain("Hạ tầng công nghệ thông tin còn hạn chế.")
MEASURE = RichText.from_plain("Tập huấn kỹ năng số cho 100 % công chức.")
GENERAL = RichText.from_plain("Rà soát, ban hành quy chế làm việc (sửa đổi).")


def build(out: Path) -> None:
    if out.exists():
        out.unlink()
    svc = ReportService.open(out)
    unit = svc.save_unit(UnitProfile(
        name="Văn phòng UBND tỉnh Quảng Ngãi", parent_agency="UBND TỈNH QUẢNG NGÃI",
        issuing_agency="VĂN PHÒNG", abbreviation="VP", place="Quảng Ngãi",
        signer=Signer(Authority.TM, "CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG", "Nguyễn Văn Ấn"),
        recipients=Recipients([Recipient("UBND tỉnh", "để báo cáo"), Recipient("Lưu: VT, TH")], "VT")))

    # 1: a collective review with ratings, a rich body, limitations, measures and a general measure
    review = svc.create_report("kiem-diem-tap-the-2023", Period.parse("2023"), unit.id,
                               today=_dt.date(2023, 12, 20))
    svc.update_meta(review.id, number="15", symbol="BC-VP", subject="Kiểm điểm tập thể năm 2023 🗂",
                    preamble=RichText.from_plain("Thực hiện Hướng dẫn số 25-HD/BTCTW…"))
    rated = [s for s in review.walk() if s.rating_scale is not None]
    plain = next(s for s in review.walk() if s.rating_scale is None and s.content is None and not s.children)
    svc.update_section(plain.id, body=BODY)
    svc.update_section(rated[0].id, body=RichText.from_plain("Giữ vững nguyên tắc tập trung dân chủ.\udc80"),
                       rating=list(rated[0].rating_scale.levels)[1])
    svc.update_section(rated[-1].id, rating=next(iter(rated[-1].rating_scale.levels)))
    lim = svc.add_limitation(review.id, Limitation(
        text=LIMITATION, cause_subjective=CAUSE_SUBJ, cause_objective=CAUSE_OBJ, concerns=plain,
        raised_by="Kết luận số 1621-KL/TU"))
    svc.add_measure(review.id, Measure(
        measure=MEASURE, directed_by="Chánh Văn phòng", lead_unit="Phòng Hành chính – Tổ chức",
        cooperating="Trung tâm Công báo – Tin học", timeframe="Quý II/2024", due=_dt.date(2024, 6, 30),
        status=MeasureStatus.IN_PROGRESS, result="Đã tập huấn 2 đợt"), limitation_id=lim.id)
    svc.add_measure(review.id, Measure(content=RichText.from_plain("Quy chế làm việc"), measure=GENERAL,
                                       lead_unit="Phòng Tổng hợp", status=MeasureStatus.DONE,
                                       section=plain))

    # 2: a culture report with scores and indicators
    culture = svc.create_report("van-hoa", Period.parse("2024"), unit.id, today=_dt.date(2024, 11, 2))
    scored = [s for s in culture.walk() if s.max_score is not None]
    svc.update_section(scored[0].id, score=9.5)
    svc.update_section(scored[1].id, score=7.0)
    svc.set_indicators(culture.id, [Indicator("Tỷ lệ hồ sơ giải quyết đúng hạn", "hồ sơ", 1180.0, 1200.0),
                                    Indicator("Số cuộc họp không giấy 📄", "cuộc", 42.0, None)])

    # 3: a remediation plan, untouched from the kind; 4: a report in the trash
    svc.create_report("ke-hoach-khac-phuc", Period.parse("2024"), unit.id, today=_dt.date(2024, 1, 15))
    trashed = svc.create_report("tu-danh-gia-nam", Period.parse("2022"), unit.id, today=_dt.date(2022, 12, 1))
    svc.delete_report(trashed.id)

    exported = False
    try:  # the export history arrived with 0002_export_record
        from tudanhgia.services.export import export_docx
    except ImportError:
        pass
    else:
        with tempfile.TemporaryDirectory() as tmp:
            export_docx(svc, review.id, Path(tmp) / "bao-cao.docx")
        exported = True
    svc.close()

    con = sqlite3.connect(out)
    with con:
        for rid, stamp in ((1, "2023-12-20 09:15:00.000000"), (2, "2024-11-02 14:00:00.000000"),
                           (3, "2024-01-15 08:00:00.000000"), (4, "2022-12-01 07:30:00.000000")):
            con.execute("UPDATE report SET created_at = ?, updated_at = ? WHERE id = ?", (stamp, stamp, rid))
        con.execute("UPDATE report SET deleted_at = '2023-01-02 10:00:00.000000' WHERE id = 4")
        if exported:
            con.execute("UPDATE export_record SET path = 'C:\\Users\\canbo\\Documents\\bao-cao.docx', "
                        "sha256 = ?, exported_at = '2023-12-21 16:45:00.000000', user = 'canbo'",
                        ("ab" * 32,))
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'report_version'").fetchone():
            # from 0006 on, the export kept a version of the report: its time and user fixed too
            con.execute("UPDATE report_version SET created_at = '2023-12-21 16:45:00.000000', user = 'canbo'")
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("VACUUM")
    con.close()
    print(f"{out}: schema of {Path(tudanhgia.__file__).parent}, {out.stat().st_size} bytes")


if __name__ == "__main__":
    build(Path(sys.argv[1]))
