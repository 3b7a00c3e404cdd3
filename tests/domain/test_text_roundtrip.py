"""Every text field of every domain object, typed with anything a keyboard, a paste or an import can
bring (control characters, NUL, lone surrogates, right-to-left text, emoji, combining marks, 1 MB):
the store keeps what was typed after the normalisation of docs/reliability.md ("Text
normalisation"), through the real service and SQLite, and every export (DOCX, XLSX, HTML, text)
takes it. The expected text is computed here, character by character, not by the code under test."""
from __future__ import annotations

import copy
import dataclasses
import itertools
import io
import unicodedata
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tudanhgia.domain import (Authority, CapDo, ChatLuong, ContentKind, DocDate, DocumentMeta, Footnote, Indicator,
                              LevelStyle, Limitation, Measure, NumberStyle, Paragraph, Period, RatingScale, Recipient,
                              Recipients, Report, RichText, Run, Section, Signer, UnitProfile)
from tudanhgia.domain.text import clean_fields, clean_text, clip, one_line

# --- the documented mapping, written out independently -----------------------------------------------
LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"   # each one line break (CR LF counts once)


def dropped(ch: str) -> bool:
    cp = ord(ch)
    return (cp < 0x20 and ch not in "\t\n") or 0x7F <= cp <= 0x9F or 0xD800 <= cp <= 0xDFFF or cp in (0xFFFE, 0xFFFF)


def expected(typed: str) -> str:
    out = []
    for ch in typed.replace("\r\n", "\n"):
        if ch in LINE_BREAKS:
            out.append("\n")
        elif not dropped(ch):
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def test_the_mapping_table():
    assert clean_text("a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h") == "a\nb\nc\nd\ne\nf\ng\nh"
    assert clean_text("\ttab\tkept\n") == "\ttab\tkept\n"
    assert clean_text("n\x00u\x01l\x08\x0e\x1f\x7fl") == "null"
    assert clean_text("c1\x80\x84\x86\x93\x94\x9f.") == "c1."           # cp1252 quotes decoded as Latin-1
    assert clean_text("lone \ud800\udfff surrogates") == "lone  surrogates"
    assert clean_text("non\ufffe\uffffchars") == "nonchars"
    assert clean_text("Hoa\u0300 Nghi\u0323") == "Hoà Nghị"                  # NFC
    kept = "\u202eالعربية\u202c עברית 👩‍👩‍👧 ❤️ a\u00a0b \u200d \ue000 \U0001f600 \ufdd0"
    assert clean_text(kept) == unicodedata.normalize("NFC", kept)
    assert clean_text("") == "" and clean_text("plain") == "plain"


def test_a_run_and_the_service_fields_normalise_alike():
    assert Run("a\x00\u2028b").text == "a\nb"
    unit = clean_fields(UnitProfile("Văn\x07 phòng", place="Quảng\r\nNgãi", signer=Signer(name="A\ud800n"),
                                    recipients=Recipients([Recipient("Sở\x85Nội vụ")], "VT\x1f")))
    assert (unit.name, unit.place, unit.signer.name, unit.recipients.lines[0].text, unit.recipients.archive) == \
        ("Văn phòng", "Quảng\nNgãi", "An", "Sở\nNội vụ", "VT")


def test_clip_keeps_a_property_within_its_limit_at_a_word():
    words = "Báo cáo kết quả thực hiện nhiệm vụ " * 10
    cut = clip(words, 255)
    assert len(cut) <= 255 and cut.endswith("…") and words.startswith(cut[:-1])
    assert cut[:-1] == cut[:-1].rstrip() and not cut[:-1].endswith(" nhiệ")   # a whole word
    assert clip("ngắn\ngọn\x00", 255) == "ngắn gọn"
    assert clip("x" * 300, 255) == "x" * 254 + "…"                              # one long word: cut inside it
    assert clip("", 10) == ""


# --- typed text ------------------------------------------------------------------------------------------
SPECIALS = ["\x00", "\x01\x0b\x0c\x1f", "\r\n", "\r", "\t", "\x85", "\x93\x94", "\u2028", "\u2029", "\ufffe",
            "\ud800", "\udfff", "\u202eالعربية", "עברית", "👩‍👩‍👧", "❤️", "Hoa\u0300", "<w:t>&amp;]]>", "\ufeff",
            "=SUM(A1)", "  ", "**[^x]**\\"]
chars = st.one_of(st.characters(exclude_categories=()),
                  st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()))
typed_text = st.one_of(st.text(chars, max_size=40), st.lists(st.sampled_from(SPECIALS), max_size=6).map("".join),
                       st.tuples(st.text(chars, max_size=10), st.sampled_from(SPECIALS), st.text(max_size=10))
                       .map("".join))
MEGABYTE = ("Nội dung rất dài \x00\u2028 ‏مرحبا 😀 " * 40_000)[:1_000_000]

SERIAL = itertools.count(1)
IDENTIFIERS = {"kind_id", "key", "kind_version", "classification_style",   # the program's names, not typed
               "document_standard", "unit_standard"}


def rich(draw) -> RichText:
    paras = []
    for i in range(draw(st.integers(0, 3))):
        items: list = [Run(draw(typed_text), bold=i % 2 == 0), Run(draw(typed_text), italic=True)]
        if draw(st.booleans()):
            items.insert(1, Footnote((Run(draw(typed_text)), Run(draw(typed_text), bold=True))))
        paras.append(Paragraph(tuple(items)))
    return RichText(tuple(paras))


def skeleton(unit_id: int) -> Report:
    rated = Section(rating_scale=RatingScale.CAP_DO, rating=CapDo.TOT)
    scored = Section(max_score=10, score=7)
    lims = Section(content=ContentKind.LIMITATIONS_WITH_MEASURES)
    general = Section(content=ContentKind.MEASURES)
    klass = Section(rating_scale=RatingScale.CHAT_LUONG, rating=ChatLuong.HT)
    report = Report("tu-danh-gia", Period(2024), unit_id=unit_id, meta=DocumentMeta(date=DocDate(2024, 2, 3)),
                    sections=[Section(children=[rated, scored]), lims, general, klass],
                    limitations=[Limitation(concerns=rated, measures=[Measure(), Measure()])],
                    measures=[Measure(section=general)],
                    indicators=[Indicator("", value=3, denominator=4), Indicator("")],
                    signer=Signer(Authority.TM), recipients=Recipients([Recipient(""), Recipient("")]),
                    levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.LETTER, bold=False)])
    report.limitations[0].measures[0].section = None
    return report


def fill(obj, draw, big_field: int | None, counter: list[int], seen: set[int]) -> None:
    """Every typed field of `obj` and what it holds: str fields get typed text (one of them 1 MB),
    RichText fields typed paragraphs."""
    if isinstance(obj, list):
        for item in obj:
            fill(item, draw, big_field, counter, seen)
        return
    if not dataclasses.is_dataclass(obj) or obj.__dataclass_params__.frozen or id(obj) in seen:
        return
    seen.add(id(obj))
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str) and f.name not in IDENTIFIERS:
            counter[0] += 1
            setattr(obj, f.name, MEGABYTE if counter[0] == big_field else draw(typed_text))
        elif isinstance(value, RichText):
            setattr(obj, f.name, rich(draw))
        else:
            fill(value, draw, big_field, counter, seen)


@st.composite
def typed_reports(draw):
    report = skeleton(unit_id=0)
    big = draw(st.one_of(st.none(), st.none(), st.integers(1, 40)))
    fill(report, draw, big, [0], set())
    return report


def compare(stored, typed, path: str, seen: set[int]) -> int:
    """Every str field: stored == expected(typed); every RichText equal (a Run normalised it when it
    was made). Returns how many text fields were compared."""
    if isinstance(typed, list):
        assert len(stored) == len(typed), path
        return sum(compare(s, t, f"{path}[{i}]", seen) for i, (s, t) in enumerate(zip(stored, typed, strict=True)))
    if not dataclasses.is_dataclass(typed) or id(typed) in seen:
        return 0
    seen.add(id(typed))
    n = 0
    for f in dataclasses.fields(typed):
        t, s = getattr(typed, f.name), getattr(stored, f.name)
        if isinstance(t, str):
            if f.name not in IDENTIFIERS:
                assert s == expected(t), f"{path}.{f.name}"
                n += 1
        elif isinstance(t, RichText):
            assert s == t, f"{path}.{f.name}"
            n += 1
        elif not typed.__dataclass_params__.frozen:
            n += compare(s, t, f"{path}.{f.name}", seen)
    return n


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from tudanhgia.services import ReportService
    service = ReportService.open(tmp_path_factory.mktemp("roundtrip") / "t.sqlite")
    yield service
    service.close()


@given(st.text(chars, max_size=200) | st.lists(st.sampled_from(SPECIALS), max_size=8).map("".join))
@settings(max_examples=300)
def test_clean_text_is_the_documented_mapping(typed):
    assert clean_text(typed) == expected(typed)
    assert Run(typed).text == expected(typed)
    assert clean_text(clean_text(typed)) == clean_text(typed)
    assert one_line(typed) == " ".join(expected(typed).split())


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                   HealthCheck.function_scoped_fixture])
@given(typed_reports(), st.data())
def test_every_field_round_trips_through_the_store_and_every_export_takes_it(store, report, data):
    from openpyxl import load_workbook

    from tudanhgia.render import xlsx
    from tudanhgia.render.docx_writer import write_docx
    from tudanhgia.render.html import report_html
    from tudanhgia.render.text import report_text
    unit = UnitProfile("Đơn vị")
    fill(unit, data.draw, None, [0], set())
    unit.name = f"Đơn vị {next(SERIAL)} {unit.name}"   # never blank, never a name already saved
    typed_unit = copy.deepcopy(unit)
    typed_unit.name = expected(typed_unit.name).strip()     # the unit's name is also trimmed
    saved = store.save_unit(unit)
    stored_unit = store.get_unit(saved.id)
    typed_unit.id = saved.id
    assert compare(stored_unit, typed_unit, "unit", set()) >= 9

    report.unit_id = saved.id
    typed = copy.deepcopy(report)
    store.add_report(report)
    stored = store.get_report(report.id)
    assert compare(stored, typed, "report", set()) >= 60

    # the update paths the editor uses normalise the same way
    section = stored.sections[0]
    heading, body = data.draw(typed_text), rich(data.draw)
    store.update_section(section.id, heading=heading, body=body)
    lim = stored.limitations[0]
    raised_by = lim.raised_by = data.draw(typed_text)
    lim.text = rich(data.draw)
    store.update_limitation(lim)
    m = lim.measures[0]
    m.directed_by, m.result, m.timeframe = (data.draw(typed_text) for _ in range(3))
    typed_m = copy.deepcopy(m)
    store.update_measure(m)
    subject = data.draw(typed_text)
    store.update_meta(stored.id, subject=subject)
    ind_name, ind_unit = data.draw(typed_text), data.draw(typed_text)
    store.set_indicators(stored.id, [Indicator(ind_name, ind_unit, 1)])
    again = store.get_report(stored.id)
    assert again.sections[0].heading == expected(heading) and again.sections[0].body == body
    assert again.limitations[0].raised_by == expected(raised_by)
    assert again.limitations[0].text == lim.text
    assert compare(again.limitations[0].measures[0], typed_m, "measure", {id(typed_m.section)}) >= 7
    assert again.meta.subject == expected(subject)
    assert (again.indicators[0].name, again.indicators[0].unit) == (expected(ind_name), expected(ind_unit))

    for r in (stored, again):
        buf = io.BytesIO()
        write_docx(r, buf)
        assert zipfile.ZipFile(buf).testzip() is None
        from docx import Document
        buf.seek(0)
        assert Document(buf).paragraphs
        assert "<html" in report_html(r).lower()
        assert report_text(r)
        wb, first = xlsx.indicators_workbook(r)
        load_workbook(io.BytesIO(xlsx.package(wb, first))).close()
        title, subtitle = xlsx.measures_sheet_title(r)
        wb, first = xlsx.measures_workbook(xlsx.rows_for_report(r), title, subtitle)
        load_workbook(io.BytesIO(xlsx.package(wb, first))).close()
