"""The recogniser rebuilds a report from its printed form: frame, outline with levels and
numbers, ratings, classification, limitations and causes, plan items with their five fields,
recipients and signer — so that the rebuilt report prints the very same text."""
import pytest

from tudanhgia.domain import Period
from tudanhgia.importer.recognize import UNPLACED, Recognizer
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs


@pytest.mark.parametrize("report_id,kind", [(1, "kiem-diem-tap-the-2019"), (2, "ke-hoach-khac-phuc"),
                                            (3, "tu-danh-gia-nam")])
def test_samples_come_back_identical(sample_service, source_of, report_id, kind):
    original = sample_service.get_report(report_id)
    result = Recognizer(source_of(original), sample_service.kinds).run()
    got = result.report
    assert result.kind.id == kind and result.unplaced == 0
    assert to_paragraphs(layout(got)) == to_paragraphs(layout(original))
    on, gn = original.numbering(), got.numbering()
    assert [(on[s], s.heading, s.key) for s in original.walk()] == [(gn[s], s.heading, s.key) for s in got.walk()]
    assert [s.rating for s in original.walk()] == [s.rating for s in got.walk()]
    assert [lim.text for lim in original.limitations] == [lim.text for lim in got.limitations]
    # causes printed by type (chủ quan / khách quan) cannot say whose they are: their order is kept
    for attr in ("cause_subjective", "cause_objective"):
        assert [p for lim in original.limitations for p in getattr(lim, attr).paragraphs] == \
            [p for lim in got.limitations for p in getattr(lim, attr).paragraphs]
    fields = lambda m: (m.content, m.measure, m.directed_by, m.lead_unit, m.cooperating, m.timeframe)  # noqa: E731
    assert [fields(m) for m in original.all_measures()] == [fields(m) for m in got.all_measures()]
    assert got.signer == original.signer and got.recipients == original.recipients
    meta, ometa = got.meta, original.meta
    assert (meta.number, meta.symbol, meta.place, meta.date, meta.kind_name, meta.subject) == \
        (ometa.number, ometa.symbol, ometa.place, ometa.date, ometa.kind_name, ometa.subject)


def test_marked_ratings_are_read_from_the_boxes(sample_service, source_of):
    from tudanhgia.domain import CapDo, ChatLuong
    report = sample_service.get_report(1)
    rated = report.rated_sections()
    sample_service.update_section(rated[0].id, rating=CapDo.XUAT_SAC)
    sample_service.update_section(rated[1].id, rating=None)
    sample_service.update_section(report.classification_section.id, rating=ChatLuong.HTXS)
    got = Recognizer(source_of(sample_service.get_report(1)), sample_service.kinds).run().report
    ratings = [s.rating for s in got.rated_sections()]
    assert ratings[:3] == [CapDo.XUAT_SAC, None, CapDo.TOT]
    assert got.classification is ChatLuong.HTXS


def test_a_document_of_no_known_kind_keeps_everything(sample_service, source_of):
    from tudanhgia.domain import LevelStyle, NumberStyle, Report, RichText, Section
    odd = Report("x", Period(2024), levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.ARABIC)],
                 sections=[Section("Tình hình chung về phong trào thi đua", RichText.from_plain("Đoạn một.")),
                           Section("Kết quả phong trào", RichText.from_plain("Đoạn hai."),
                                   children=[Section("Khối văn phòng", RichText.from_plain("Đoạn ba."))])])
    odd.meta.kind_name, odd.meta.subject = "BÁO CÁO", "Sơ kết phong trào thi đua năm 2024"
    result = Recognizer(source_of(odd), sample_service.kinds).run()
    assert result.kind.id == "khac"
    assert [s.heading for s in result.report.walk()] == ["Tình hình chung về phong trào thi đua",
                                                         "Kết quả phong trào", "Khối văn phòng"]
    assert to_paragraphs(layout(result.report))[-8:] == to_paragraphs(layout(odd))[-8:]


def test_text_before_any_heading_is_the_preamble_and_stray_text_is_kept(sample_service, source_of):
    from tudanhgia.domain.richtext import Paragraph
    from tudanhgia.importer.source import SourceLine
    doc = source_of(sample_service.get_report(1))
    first_heading = next(i for i, ln in enumerate(doc.lines) if ln.text.startswith("I. "))
    assert doc.lines[first_heading - 1].text.startswith("Thực hiện chỉ đạo")
    got = Recognizer(doc, sample_service.kinds).run().report
    assert got.meta.preamble.plain.startswith("Thực hiện chỉ đạo của Chủ tịch UBND tỉnh")
    assert UNPLACED not in [s.heading for s in got.walk()]


def test_appendix_and_its_indicators_come_back(service, unit, source_of):
    from tudanhgia.domain import Indicator
    report = service.create_report("chuyen-de", "2024-H1", unit.id)
    service.set_indicators(report.id, [Indicator("Số vụ việc được giải quyết", "vụ", 2, 2),
                                       Indicator("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690),
                                       Indicator("Chỉ tiêu không áp dụng", "", None, None)])
    original = service.get_report(report.id)
    got = Recognizer(source_of(original), service.kinds).run().report
    assert got.appendix_title == "PHỤ LỤC SỐ LIỆU"
    assert [(i.name, i.unit, i.value, i.denominator) for i in got.indicators] == \
        [("Số vụ việc được giải quyết", "vụ", 2, 2), ("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690),
         ("Chỉ tiêu không áp dụng", "", None, None)]


def test_a_bold_option_marks_the_rating(sample_service, source_of):
    from tudanhgia.domain import CapDo
    from tudanhgia.domain.richtext import Paragraph, Run
    doc = source_of(sample_service.get_report(1))
    line = next(ln for ln in doc.lines if "Trung bình" in ln.text and "Kém" in ln.text)
    line.paragraph = Paragraph((Run("Xuất sắc    "), Run("Tốt", bold=True), Run("    Trung bình    Kém")))
    got = Recognizer(doc, sample_service.kinds).run().report
    assert got.rated_sections()[0].rating is CapDo.TOT
