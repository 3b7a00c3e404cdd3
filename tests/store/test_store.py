import datetime as dt
import hashlib
import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tudanhgia.domain import (Authority, CapDo, ChatLuong, ContentKind, DocDate, DocumentMeta, Footnote, Indicator,
                              LevelStyle, Limitation, Measure, MeasureStatus, NumberStyle, Paragraph, Period,
                              RatingScale, Recipient, Recipients, Report, RichText, Run, ScoreBand, Scoring, Section,
                              Signer, UnitProfile)
from tudanhgia.services import ReportService
from tudanhgia.store import (CorruptDatabase, DatabaseError, NewerDatabase, NotOurDatabase, open_database)
from tudanhgia.store.db import SCHEMA_HEAD

from old_schema import REVISION_0001, rewind

ALL_VALUES = {"secrecy": "MẬT", "urgency": "HỎA TỐC"}


def snapshot(report: Report):
    """Everything a report holds, as plain values; section references become outline paths."""
    paths = {}
    for i, s in enumerate(report.walk()):
        paths[s] = i

    def sec(s: Section):
        return (s.heading, s.body, s.key, s.guidance, s.rating_scale, s.rating, s.max_score, s.score, s.content,
                s.optional, s.fixed, s.number_style, s.content_label, s.measure_label,
                tuple(sec(c) for c in s.children))

    def meas(m: Measure):
        return (m.content, m.measure, m.directed_by, m.lead_unit, m.cooperating, m.timeframe, m.due, m.status,
                m.result, paths.get(m.section), m.source_id)

    return {
        "kind": (report.kind_id, report.kind_name, report.kind_version, report.period, report.unit_id,
                 report.unit_name, report.classification_style, report.appendix_title, report.source_report_id),
        "meta": report.meta, "signer": report.signer, "recipients": report.recipients,
        "levels": report.levels, "scoring": report.scoring,
        "sections": tuple(sec(s) for s in report.sections),
        "limitations": tuple((lim.text, lim.cause_subjective, lim.cause_objective, paths.get(lim.concerns),
                              lim.origin, lim.raised_by, lim.source_id, tuple(meas(m) for m in lim.measures))
                             for lim in report.limitations),
        "measures": tuple(meas(m) for m in report.measures),
        "indicators": tuple((i.name, i.unit, i.value, i.denominator) for i in report.indicators),
    }


def rich(*paras: str) -> RichText:
    return RichText.from_markup("\n".join(paras))


def full_report(unit: UnitProfile, earlier: Report | None = None) -> Report:
    a = Section("Kết quả", rich("Thân **đậm** và *nghiêng*[^chú thích *một*]", "- gạch đầu dòng"),
                key="kq", guidance=rich("Hướng dẫn"), rating_scale=RatingScale.CAP_DO, rating=CapDo.TRUNG_BINH,
                fixed=True, content_label="Nội dung", measure_label="Biện pháp thực hiện",
                content=ContentKind.MEASURES)
    child = Section("Tiêu chí", rich("+ dấu cộng"), max_score=7.5, score=6.25, optional=True,
                    number_style=NumberStyle.LETTER)
    a.children.append(child)
    klass = Section("Xếp loại", rating_scale=RatingScale.CHAT_LUONG, rating=ChatLuong.KHT,
                    content=ContentKind.FOLLOW_UP)
    src_lim = earlier.limitations[0] if earlier else None
    src_measure = earlier.limitations[0].measures[0] if earlier else None
    return Report(
        kind_id="kiem-diem-tap-the-2019", kind_name="Báo cáo kiểm điểm tập thể", kind_version="2019",
        period=Period(2023, half=2), unit_id=unit.id, unit_name=unit.name,
        meta=DocumentMeta("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "07", "BC-VP", "Quảng Ngãi", DocDate(2023, 12, 5),
                          "BÁO CÁO", "Kiểm điểm tập thể", "MẬT", "HỎA TỐC", rich("Căn cứ …"), rich("Kính báo cáo./.")),
        sections=[a, klass],
        limitations=[Limitation(rich("Hạn chế một", "đoạn hai"), rich("chủ quan"), rich("khách quan"), concerns=child,
                                origin=Period(2022), raised_by="Kết luận số 1621-KL/TU",
                                source_id=src_lim.id if src_lim else None,
                                measures=[Measure(rich("nội dung"), rich("biện pháp"), "Chánh Văn phòng.",
                                                  "Phòng Nội chính", "Các phòng", "Quý II năm 2023",
                                                  dt.date(2023, 6, 30), MeasureStatus.DONE, "Đã xong",
                                                  source_id=src_measure.id if src_measure else None)])],
        measures=[Measure(rich("việc chung"), status=MeasureStatus.IN_PROGRESS, section=a, timeframe="Thường xuyên")],
        indicators=[Indicator("Số vụ", "vụ", 2, 2), Indicator("Tỷ lệ trống", "", None, None)],
        signer=Signer(Authority.TUQ, "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Văn A"),
        recipients=Recipients([Recipient("CT, PCT UBND tỉnh", "báo cáo"), Recipient("Sở Nội vụ")], "VT, HC-TC"),
        levels=[LevelStyle(NumberStyle.PART_WORDS, True, False, True),
                LevelStyle(NumberStyle.ROMAN, True, True, False)],
        classification_style="inline",
        scoring=Scoring(100, 80, [ScoreBand(90, ChatLuong.HTXS), ScoreBand(0, ChatLuong.KHT)]),
        appendix_title="PHỤ LỤC SỐ LIỆU")


def test_every_field_round_trips(service, unit):
    first = service.add_report(full_report(unit))
    report = full_report(unit, earlier=first)
    report.source_report_id = first.id
    before = snapshot(report)
    service.add_report(report)
    loaded = service.get_report(report.id)
    assert snapshot(loaded) == before
    assert loaded.limitations[0].concerns.heading == "Tiêu chí"
    assert loaded.measures[0].section.heading == "Kết quả"
    assert loaded.created_at and loaded.updated_at


def test_unit_profile_round_trip(service, unit):
    assert service.get_unit(unit.id) == unit
    assert service.find_unit("văn phòng ubnd tỉnh quảng ngãi") == unit
    assert service.default_unit() == unit


@pytest.fixture(scope="module")
def module_service(tmp_path_factory):
    svc = ReportService.open(tmp_path_factory.mktemp("hyp") / "h.sqlite")
    yield svc
    svc.close()


text = st.text(max_size=40)  # any code point, surrogates and controls included
inline = st.one_of(st.builds(Run, text, st.booleans(), st.booleans()),
                   st.builds(lambda rs: Footnote(tuple(rs)), st.lists(st.builds(Run, text, st.booleans()), max_size=3)))
bodies = st.builds(lambda ps: RichText(tuple(Paragraph(tuple(p)) for p in ps)),
                   st.lists(st.lists(inline, max_size=5), max_size=6))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_body_text_round_trips_through_the_store(module_service, body):
    svc = module_service
    if not svc.list_reports():
        svc.create_report("ke-hoach-khac-phuc", "2024")
    report = svc.get_report(svc.list_reports()[0].id)
    section = report.sections[0]
    svc.update_section(section.id, body=body)
    assert svc.get_report(report.id).sections[0].body == body


def _hash(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_foreign_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers VALUES (1, 'x')")
    con.commit()
    con.close()
    before = _hash(path)
    with pytest.raises(NotOurDatabase, match="không phải"):
        open_database(path)
    assert _hash(path) == before
    assert not (tmp_path / "other.sqlite-wal").exists()


def test_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Đây là ghi chú, không phải cơ sở dữ liệu.", encoding="utf-8")
    before = _hash(path)
    with pytest.raises(NotOurDatabase):
        open_database(path)
    assert _hash(path) == before


def test_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = _hash(path)
    with pytest.raises(NewerDatabase, match="mới hơn"):
        open_database(path)
    assert _hash(path) == before


def test_corrupt_database_is_refused(sample_db, tmp_path):
    broken = tmp_path / "broken.sqlite"
    data = bytearray(sample_db.read_bytes())
    for i in range(4096, len(data), 7):  # trash everything after the first page
        data[i] = (data[i] * 31 + 7) % 256
    broken.write_bytes(bytes(data))
    before = _hash(broken)
    with pytest.raises(CorruptDatabase):
        open_database(broken)
    assert _hash(broken) == before


def test_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    db = open_database(path)
    db.close()
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] != 0


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(DatabaseError, match="thư mục"):
        open_database(tmp_path)
    with pytest.raises(DatabaseError, match="Không tìm thấy"):
        open_database(tmp_path / "missing.sqlite", create=False)


def test_pragmas_wal_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / "p.sqlite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()


def test_migrations_match_the_models(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from tudanhgia.store import search
    from tudanhgia.store.schema import Base

    def modelled(name, type_, _parent) -> bool:  # the full-text index is SQL only (store/search.py)
        return not (type_ == "table" and name in search.TABLES)
    db = open_database(tmp_path / "m.sqlite")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": modelled})
        diff = compare_metadata(context, Base.metadata)
    db.close()
    assert diff == []


def test_reopening_keeps_data_and_does_not_migrate_again(sample_db):
    copy = sample_db.with_name("again.sqlite")
    shutil.copy(sample_db, copy)
    svc = ReportService.open(copy, create=False)
    assert len(svc.list_reports()) == 3
    svc.close()


def test_schema_head_constant_is_alembics_head():
    from tudanhgia.store.db import SCHEMA_HEAD, head_revision
    assert head_revision() == SCHEMA_HEAD


def test_an_older_database_is_migrated_on_open(tmp_path):
    path = tmp_path / "old.sqlite"
    db = open_database(path)
    db.close()
    con = sqlite3.connect(path)
    rewind(con, REVISION_0001)
    con.close()
    db = open_database(path)
    db.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    assert con.execute("SELECT count(*) FROM export_record").fetchone()[0] == 0


def test_light_catalog_lists_what_the_service_lists(sample_service, sample_db):
    from tudanhgia.store.catalog import read_catalog
    sample_service.delete_report(2)
    unit = sample_service.list_units()[0]
    catalog = read_catalog(sample_db)
    assert catalog.reports == sample_service.list_reports()
    assert catalog.units == [(unit.id, unit.name)]
