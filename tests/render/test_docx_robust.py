"""Nothing the officer types can make the export fail (pasted controls, emoji, combining marks,
huge paragraphs); the stored text keeps what was typed."""
import io

from docx import Document
from hypothesis import HealthCheck, given, settings, strategies as st

from docx_read import text_paragraphs
from tudanhgia.domain import (Authority, CapDo, ChatLuong, ContentKind, DocDate, DocumentMeta, Footnote, Indicator,
                              LevelStyle, Limitation, Measure, NumberStyle, Paragraph, Period, RatingScale, Recipient,
                              Recipients, Report, RichText, Run, Section, Signer, clean_text)
from tudanhgia.render.docx_writer import write_docx

nasty = st.text(st.characters(), max_size=60) | st.sampled_from([
    "\x00\x01\x0b\x0c\x1f", "\ud800 lone", "👩‍👩‍👧 emoji ❤️", "Hoa\u0300 NFD", "\ufffe\uffff", "a\r\nb\tc",
    "<w:t>&amp;]]>", "\u202e right-to-left", "Ｆｕｌｌ"])


def rich(texts) -> RichText:
    return RichText(tuple(Paragraph((Run(t, i % 2 == 0, i % 3 == 0), Footnote((Run(t),))) if i == 1 else
                                    (Run(t, i % 2 == 0, i % 3 == 0),)) for i, t in enumerate(texts)))


@st.composite
def reports(draw):
    t = lambda: draw(nasty)  # noqa: E731
    texts = lambda: [draw(nasty) for _ in range(draw(st.integers(0, 3)))]  # noqa: E731
    rated = Section(t(), rich(texts()), rating_scale=RatingScale.CAP_DO, rating=CapDo.TOT)
    lims = Section(t(), content=ContentKind.LIMITATIONS_WITH_MEASURES, measure_label=t())
    general = Section(t(), content=ContentKind.MEASURES, content_label=t())
    klass = Section(t(), rating_scale=RatingScale.CHAT_LUONG, rating=ChatLuong.HT)
    scored = Section("", rich(texts()), max_score=10, score=draw(st.floats(0, 10)))
    return Report(
        "x", Period(2024), kind_name=t(), unit_name=t(),
        meta=DocumentMeta(t(), t(), t(), t(), t(), DocDate(2024, 2, 3), t(), t(), t(), t(),
                          rich(texts()), rich(texts())),
        sections=[Section(t(), rich(texts()), children=[rated, scored]), lims, general, klass],
        limitations=[Limitation(rich(texts()), rich(texts()), rich(texts()),
                                measures=[Measure(rich(texts()), rich(texts()), t(), t(), t(), t(), result=t())])],
        measures=[Measure(rich(texts()), rich(texts()), t(), t(), t(), t(), section=general)],
        indicators=[Indicator(t(), t(), draw(st.floats(allow_nan=False, allow_infinity=False, width=32)),
                              draw(st.one_of(st.none(), st.floats(0.5, 1e6))))],
        signer=Signer(Authority.TM, t(), t(), t()),
        recipients=Recipients([Recipient(t(), t()) for _ in range(2)], t()),
        levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.LETTER, bold=False)],
        appendix_title=t() or "PHỤ LỤC")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_any_text_exports_and_the_document_opens(report):
    buf = io.BytesIO()
    write_docx(report, buf)
    buf.seek(0)
    doc = Document(buf)
    text = "\n".join(text_paragraphs(doc))
    heading = " ".join(clean_text(report.sections[0].heading).split())
    assert heading in " ".join(text.split())


def test_hundred_kilobyte_paragraphs(tmp_path):
    big = ("Văn phòng đã thực hiện tốt nhiệm vụ được giao; " * 2200)[:100_000]
    report = Report("x", Period(2024), meta=DocumentMeta(subject="Thử"),
                    sections=[Section("Mục lớn", RichText((Paragraph((Run(big),)),
                                                            Paragraph((Run(big, bold=True),)))))],
                    levels=[LevelStyle(NumberStyle.ROMAN)])
    path = tmp_path / "big.docx"
    write_docx(report, str(path))
    paras = [p.text for p in Document(str(path)).paragraphs]
    assert big in paras and paras.count(big) == 2


def test_the_store_keeps_the_normalised_text_and_the_export_prints_it(sample_service, tmp_path):
    from tudanhgia.services.export import export_docx
    report = sample_service.get_report(1)
    section = report.sections[0].children[0]
    typed = RichText((Paragraph((Run("Dòng một\x0bdòng hai\x0ctrang mới\x07 chuông"),)),))
    sample_service.update_section(section.id, body=typed)
    path = export_docx(sample_service, 1, tmp_path / "clean.docx")
    stored = sample_service.get_report(1).sections[0].children[0].body
    assert stored.plain == "Dòng một\ndòng hai\ntrang mới chuông"
    texts = text_paragraphs(Document(str(path)))
    assert "Dòng một\ndòng hai\ntrang mới chuông" in texts
