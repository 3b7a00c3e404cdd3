"""A database made by each released schema (tests/data/schemas/, README there) is upgraded to the
current head and every field the officer entered is checked against literals written here — not
against anything the code under test produced."""
from __future__ import annotations

import datetime as _dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tudanhgia.domain.model import MeasureStatus
from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run
from tudanhgia.services import ReportService
from tudanhgia.store.db import SCHEMA_HEAD

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
FIXTURES = {  # file → the revision it was written at, and whether it has an export record
    "0001_baseline.sqlite": ("0001_baseline", False),
    "0002_export_record.sqlite": ("0002_export_record", True),
    "0002_export_record-d48d827.sqlite": ("0002_export_record", True),
    "0003_row_version_utf8_json.sqlite": ("0003_row_version_utf8_json", True),
    "0004_report_search.sqlite": ("0004_report_search", True),
    "0005_unit_settings_words.sqlite": ("0005_unit_settings_words", True),
    "0006_report_versions.sqlite": ("0006_report_versions", True),
}
# From 0003 on, the release that wrote the fixture counted every write in the row's version: what
# make_fixture.py does, one by one — report 1: created, its document fields, three sections, a
# limitation, two measures (8); report 2: created, two scores, the indicators (4); report 3 created
# (1); report 4 created and put in the trash (2); each section written once more (2). Before 0003 the
# migration gives every row version 1.
COUNTED_SINCE = "0003_row_version_utf8_json"
REPORT_VERSIONS = {1: 8, 2: 4, 3: 1, 4: 2}
SECTIONS_WRITTEN = {"giai-trinh", "uu-diem.tap-trung-dan-chu", "xep-loai", "ket-qua.1.1", "ket-qua.1.2"}
# the releases from 0004 on normalise text when it is written: the lone surrogate typed at the end of
# a rated section's body was dropped then (issue 11 point 8); the older ones stored it as an escape
SURROGATE_DROPPED_SINCE = "0004_report_search"
# from 0006 on, the export kept a version of the report (make_fixture.py fixes its time and user)
VERSIONS_SINCE = "0006_report_versions"
VERSIONED = ("report", "section", "limitation", "measure")
BODY_COLUMNS = {"report": ("preamble_json", "closing_json"), "section": ("body_json", "guidance_json"),
                "limitation": ("text_json", "cause_subjective_json", "cause_objective_json"),
                "measure": ("content_json", "measure_json")}

RICH_BODY = RichText((
    Paragraph((Run("Đơn vị đã "), Run("hoàn thành tốt", bold=True), Run(" nhiệm vụ được giao; "),
               Run("đúng tiến độ", italic=True), Run(" 🎯 ✅"),
               Footnote((Run("Theo Kế hoạch số 12-KH/ĐU ngày 05/3/2023."),)))),
    Paragraph((Run("- Tổ chức 24 cuộc họp; “chất lượng” nâng lên — 100 % đảng viên tham gia 👍"),)),
))


@pytest.fixture(params=sorted(FIXTURES))
def upgraded(request, tmp_path):
    """(fixture name, a copy of it opened and upgraded by the current code, raw connection)."""
    source = SCHEMAS / request.param
    before = source.read_bytes()
    copy = tmp_path / request.param
    shutil.copy(source, copy)
    con = sqlite3.connect(copy)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == FIXTURES[request.param][0]
    con.close()
    svc = ReportService.open(copy, create=False)
    con = sqlite3.connect(copy)
    yield request.param, svc, con
    con.close()
    svc.close()
    assert source.read_bytes() == before  # the checked-in fixture itself is never touched


def _row(con, sql, *args):
    cur = con.execute(sql, args)
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    assert row is not None, sql
    return dict(zip(names, row, strict=True))


def _since(name: str, revision: str) -> bool:
    return FIXTURES[name][0] >= revision   # the revisions' names sort in their order (0001_…, 0002_…)


def test_the_upgrade_reaches_head_and_adds_or_keeps_row_versions(upgraded):
    name, _, con = upgraded
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    if not _since(name, COUNTED_SINCE):
        for table in VERSIONED:
            versions = {v for (v,) in con.execute(f"SELECT version FROM {table}")}
            assert versions == {1}, table
    else:   # the versions the older release counted are kept: a window's next write is checked against them
        assert dict(con.execute("SELECT id, version FROM report")) == REPORT_VERSIONS
        assert dict(con.execute("SELECT key, version FROM section WHERE version != 1")) == \
            dict.fromkeys(SECTIONS_WRITTEN, 2)
        for table in ("limitation", "measure"):
            assert {v for (v,) in con.execute(f"SELECT version FROM {table}")} == {1}, table
    if not _since(name, VERSIONS_SINCE):
        assert con.execute("SELECT count(*) FROM report_version").fetchone() == (0,)   # 0006: no version kept yet
    assert con.execute("SELECT count(*) FROM report_issue_event").fetchone() == (0,)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_body_json_is_stored_as_utf8_text(upgraded):
    name, _, con = upgraded
    body = con.execute("SELECT body_json FROM section WHERE report_id = 1 AND key = 'giai-trinh'").fetchone()[0]
    assert body.startswith('{"v":1,"p":[[["Đơn vị đã ",0],["hoàn thành tốt",1]')
    assert "🎯 ✅" in body and "👍" in body and "\\u" not in body
    # a lone surrogate (Python could hold one; SQLite's UTF-8 cannot) stays an escape
    rated = con.execute("SELECT body_json FROM section WHERE report_id = 1 "
                        "AND key = 'uu-diem.tap-trung-dan-chu'").fetchone()[0]
    dropped = _since(name, SURROGATE_DROPPED_SINCE)
    assert rated == ('{"v":1,"p":[[["Giữ vững nguyên tắc tập trung dân chủ.' + ('' if dropped else '\\udc80')
                     + '",0]]]}')
    for table, columns in BODY_COLUMNS.items():
        for column in columns:
            for (value,) in con.execute(f"SELECT {column} FROM {table}"):
                if value:
                    assert "\\u" not in value.replace("\\udc80", ""), (table, column, value[:80])
                    json.loads(value)


def test_report_fields_survive(upgraded):
    _, svc, con = upgraded
    row = _row(con, "SELECT * FROM report WHERE id = 1")
    assert {k: row[k] for k in (
        "kind_id", "kind_name", "kind_version", "unit_id", "unit_name", "period", "period_year", "parent_agency",
        "issuing_agency", "number", "symbol", "place", "date_year", "date_month", "date_day", "doc_kind_name",
        "subject", "secrecy", "urgency", "classification_style", "source_report_id", "signer_authority",
        "signer_authority_position", "signer_position", "signer_name", "archive", "created_at", "updated_at",
        "deleted_at")} == {
        "kind_id": "kiem-diem-tap-the-2023", "kind_name": "Báo cáo kiểm điểm tập thể", "kind_version": "2023",
        "unit_id": 1, "unit_name": "Văn phòng UBND tỉnh Quảng Ngãi", "period": "2023", "period_year": 2023,
        "parent_agency": "UBND TỈNH QUẢNG NGÃI", "issuing_agency": "VĂN PHÒNG", "number": "15",
        "symbol": "BC-VP", "place": "Quảng Ngãi", "date_year": 2023, "date_month": 12, "date_day": None,
        "doc_kind_name": "BÁO CÁO", "subject": "Kiểm điểm tập thể năm 2023 🗂", "secrecy": "", "urgency": "",
        "classification_style": "checkboxes", "source_report_id": None, "signer_authority": "TM.",
        "signer_authority_position": "CHÁNH VĂN PHÒNG", "signer_position": "CHÁNH VĂN PHÒNG",
        "signer_name": "Nguyễn Văn Ấn", "archive": "VT", "created_at": "2023-12-20 09:15:00.000000",
        "updated_at": "2023-12-20 09:15:00.000000", "deleted_at": None}
    assert row["preamble_json"] == '{"v":1,"p":[[["Thực hiện Hướng dẫn số 25-HD/BTCTW…",0]]]}'
    assert row["closing_json"] == ('{"v":1,"p":[[["Văn phòng UBND tỉnh Quảng Ngãi kính báo cáo cấp thẩm quyền '
                                   'quan tâm chỉ đạo./.",0]]]}')
    assert json.loads(row["settings_json"])["levels"][2] == {"bold": True, "caps": False, "italic": True,
                                                              "number": "nested"}
    assert list(con.execute("SELECT text, purpose FROM recipient WHERE report_id = 1 ORDER BY position")) == [
        ("UBND tỉnh", "để báo cáo"), ("Lưu: VT, TH", ""), ("Ban Tổ chức Tỉnh ủy", ""), ("Sở Nội vụ", "")]
    assert list(con.execute("SELECT id, kind_id, period, deleted_at FROM report ORDER BY id")) == [
        (1, "kiem-diem-tap-the-2023", "2023", None), (2, "van-hoa", "2024", None),
        (3, "ke-hoach-khac-phuc", "2024", None), (4, "tu-danh-gia-nam", "2022", "2023-01-02 10:00:00.000000")]
    scoring = json.loads(_row(con, "SELECT settings_json FROM report WHERE id = 2")["settings_json"])["scoring"]
    assert scoring == {"bands": [], "max_total": 100.0, "pass_mark": 80.0}

    report = svc.get_report(1)  # and read back through the program
    assert report.meta.subject == "Kiểm điểm tập thể năm 2023 🗂"
    assert report.meta.preamble == RichText.from_plain("Thực hiện Hướng dẫn số 25-HD/BTCTW…")
    assert report.created_at == _dt.datetime(2023, 12, 20, 9, 15)
    assert sorted(x.id for x in svc.list_reports()) == [1, 2, 3]
    assert [x.id for x in svc.list_reports(deleted=True)] == [4]


def test_sections_survive(upgraded):
    _, svc, con = upgraded
    assert con.execute("SELECT count(*) FROM section").fetchone()[0] == 55
    rows = {key: (rid, heading, rating, score) for rid, key, heading, rating, score in con.execute(
        "SELECT report_id, key, heading, rating, score FROM section WHERE rating IS NOT NULL OR score IS NOT NULL")}
    assert rows == {
        "uu-diem.tap-trung-dan-chu": (1, "Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập "
                                         "trung dân chủ; thực hiện quy chế làm việc.", "tot", None),
        "xep-loai": (1, "Đề nghị mức xếp loại chất lượng", "htxs", None),
        "ket-qua.1.1": (2, rows["ket-qua.1.1"][1], None, 9.5),
        "ket-qua.1.2": (2, rows["ket-qua.1.2"][1], None, 7.0),
    }
    guidance = con.execute("SELECT guidance_json FROM section WHERE id = 2").fetchone()[0]
    assert guidance.startswith('{"v":1,"p":[[["Nêu việc ban hành, sửa đổi và thực hiện quy chế làm việc')

    report = svc.get_report(1)
    plain = report.find(key="giai-trinh")
    assert plain.body == RICH_BODY
    assert plain.heading == "Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)"
    rated = report.find(key="uu-diem.tap-trung-dan-chu")
    # read back, the lone surrogate is either kept or dropped by the documented normalisation
    assert rated.body.plain.removesuffix("\udc80") == "Giữ vững nguyên tắc tập trung dân chủ."
    assert rated.rating.value == "tot"
    culture = svc.get_report(2)
    assert [(s.key, s.score, s.max_score) for s in culture.walk() if s.score is not None] == [
        ("ket-qua.1.1", 9.5, 10.0), ("ket-qua.1.2", 7.0, 8.0)]


def test_limitations_measures_indicators_units_survive(upgraded):
    _, svc, con = upgraded
    lim = _row(con, "SELECT * FROM limitation")
    assert (lim["id"], lim["report_id"], lim["position"], lim["concerns_section_id"], lim["origin_period"],
            lim["raised_by"], lim["source_limitation_id"]) == (1, 1, 0, 10, "2023", "Kết luận số 1621-KL/TU", None)
    assert lim["text_json"] == '{"v":1,"p":[[["Việc triển khai chuyển đổi số còn chậm, chưa đồng bộ.",0]]]}'
    assert lim["cause_subjective_json"] == '{"v":1,"p":[[["Một số cán bộ chưa chủ động 😔",0]]]}'
    assert lim["cause_objective_json"] == '{"v":1,"p":[[["Hạ tầng công nghệ thông tin còn hạn chế.",0]]]}'
    measures = con.execute("SELECT id, report_id, limitation_id, section_id, position, content_json, measure_json, "
                           "directed_by, lead_unit, cooperating, timeframe, due_date, status, result, "
                           "source_measure_id FROM measure ORDER BY id").fetchall()
    assert measures == [
        (1, 1, 1, None, 0, '{"v":1,"p":[]}', '{"v":1,"p":[[["Tập huấn kỹ năng số cho 100 % công chức.",0]]]}',
         "Chánh Văn phòng", "Phòng Hành chính – Tổ chức", "Trung tâm Công báo – Tin học", "Quý II/2024",
         "2024-06-30", "dang-thuc-hien", "Đã tập huấn 2 đợt", None),
        (2, 1, None, 10, 0, '{"v":1,"p":[[["Quy chế làm việc",0]]]}',
         '{"v":1,"p":[[["Rà soát, ban hành quy chế làm việc (sửa đổi).",0]]]}', "", "Phòng Tổng hợp", "", "", None,
         "hoan-thanh", "", None)]
    assert con.execute("SELECT report_id, position, name, unit, value, denominator FROM indicator "
                       "ORDER BY id").fetchall() == [
        (2, 0, "Tỷ lệ hồ sơ giải quyết đúng hạn", "hồ sơ", 1180.0, 1200.0),
        (2, 1, "Số cuộc họp không giấy 📄", "cuộc", 42.0, None)]
    unit = _row(con, "SELECT * FROM unit_profile")
    assert unit == {"id": 1, "name": "Văn phòng UBND tỉnh Quảng Ngãi", "parent_agency": "UBND TỈNH QUẢNG NGÃI",
                    "issuing_agency": "VĂN PHÒNG", "abbreviation": "VP", "place": "Quảng Ngãi",
                    "signer_authority": "TM.", "signer_authority_position": "CHÁNH VĂN PHÒNG",
                    "signer_position": "CHÁNH VĂN PHÒNG", "signer_name": "Nguyễn Văn Ấn",
                    "recipients_json": '[{"text": "UBND tỉnh", "purpose": "để báo cáo"}, '
                                       '{"text": "Lưu: VT, TH", "purpose": ""}]',
                    "archive": "VT", "settings_json": "{}"}
    assert con.execute("SELECT count(*) FROM dictionary_word").fetchone() == (0,)

    report = svc.get_report(1)
    [limitation] = report.limitations
    assert limitation.concerns is report.find(key="giai-trinh")
    assert limitation.cause_subjective == RichText.from_plain("Một số cán bộ chưa chủ động 😔")
    [measure] = limitation.measures
    assert (measure.due, measure.status, measure.result) == (_dt.date(2024, 6, 30), MeasureStatus.IN_PROGRESS,
                                                             "Đã tập huấn 2 đợt")
    [general] = report.measures
    assert general.section is report.find(key="giai-trinh") and general.status is MeasureStatus.DONE


def test_export_history_survives(upgraded):
    name, svc, con = upgraded
    rows = con.execute("SELECT report_id, format, path, sha256, exported_at, user FROM export_record").fetchall()
    if not FIXTURES[name][1]:
        assert rows == []  # 0001 had no history: the table is created empty
        return
    assert rows == [(1, "docx", "C:\\Users\\canbo\\Documents\\bao-cao.docx", "ab" * 32,
                     "2023-12-21 16:45:00.000000", "canbo")]
    [record] = _history(svc)
    assert record.exported_at == _dt.datetime(2023, 12, 21, 16, 45)


def _history(svc):
    from tudanhgia.services.export import export_history
    return export_history(svc, 1)


def test_the_search_finds_the_texts_typed_before_the_upgrade(upgraded):
    """0004 made the search index: filled by the migration for an older file, kept by the triggers
    of the release that wrote a newer one. Either way the words typed then are found now."""
    _, svc, _ = upgraded
    assert [r.id for r in svc.list_reports(text="24 cuoc hop")] == [1]              # a section's body, folded
    assert [r.id for r in svc.list_reports(text="Giữ vững nguyên tắc")] == [1]      # with its marks
    assert [r.id for r in svc.list_reports(text="chuyen doi so")] == []             # a limitation: not indexed
    assert [r.id for r in svc.list_reports(text="được gợi ý kiểm điểm")] == [1]     # a section's heading


def test_the_version_kept_at_the_export_survives(upgraded):
    name, svc, con = upgraded
    if not _since(name, VERSIONS_SINCE):
        return
    from tudanhgia.services.versions import list_versions, version_report
    row = _row(con, "SELECT id, report_id, number, name, reason, created_at, user FROM report_version")
    assert row == {"id": 1, "report_id": 1, "number": 1, "name": "Xuất DOCX “bao-cao.docx”", "reason": "export",
                   "created_at": "2023-12-21 16:45:00.000000", "user": "canbo"}
    [info] = list_versions(svc, 1)
    assert (info.number, info.reason) == (1, "export")
    kept = version_report(svc, 1, 1)   # the report as exported, read back from its stored parts
    assert kept.meta.subject == "Kiểm điểm tập thể năm 2023 🗂"
    assert kept.find(key="giai-trinh").body == RICH_BODY


def test_the_index_has_no_stale_section_after_the_upgrade(upgraded):
    """0007: the triggers leave a long section's re-index for later (section_search_stale); the
    upgrade itself leaves the index in step with every section."""
    _, svc, con = upgraded
    assert con.execute("SELECT count(*) FROM section_search_stale").fetchone() == (0,)
    triggers = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"section_search_insert", "section_search_delete", "section_search_update",
            "section_search_update_stale"} <= triggers
    section = svc.get_report(1).find(key="giai-trinh")
    svc.update_section(section.id, body=RichText.from_plain("Tổng kết công tác chuyển đổi số."))
    assert [r.id for r in svc.list_reports(text="tong ket cong tac")] == [1]
    assert [r.id for r in svc.list_reports(text="24 cuoc hop")] == []
