"""Plain-text reader: decoding (UTF-8/16, 8-bit code pages, TCVN3 and VNI), the paragraphs of
hard-wrapped PDF extractions and of Word text exports, PDF footnotes back at their marks, and the
files it refuses."""
from __future__ import annotations

import difflib
import tomllib
import unicodedata
from pathlib import Path

import pytest

from fidelity import norm, sample_paragraphs, strip_number
from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run
from tudanhgia.importer import legacy
from tudanhgia.importer.source import ImportFailure
from tudanhgia.importer.text_reader import MAX_BYTES, read_text

SOURCES = Path(__file__).resolve().parents[2] / "sample_db" / "sources"
STEMS = ("tu-danh-gia-nam-2023", "kiem-diem-tap-the-2020", "ke-hoach-khac-phuc-2022")

# tu-danh-gia-nam-2023.txt: the footnote marks as the PDF printed them, and the text without them
MARKS = {"tỉnh.1": "tỉnh.", "TTHC2.": "TTHC.", "định3.": "định.", "20234.": "2023."}


def _words(text: str) -> list[str]:
    return norm(text).split()


def _key(text: str) -> str:
    """A paragraph compared with the hand-entered truth: its number (computed by the app) off,
    white space collapsed, case folded (the truth writes the capitalised part titles in
    sentence case)."""
    return strip_number(" ".join(unicodedata.normalize("NFC", text).split())).casefold()


def _truth(stem: str) -> list[str]:
    data = tomllib.loads((SOURCES / f"{stem}.toml").read_text(encoding="utf-8"))
    out: list[str] = []

    def add(markup: str):
        out.extend(p.text for p in RichText.from_markup(markup or "").paragraphs)
    meta = data.get("meta", {})
    add(meta.get("preamble", ""))
    add(meta.get("closing", ""))
    for s in data.get("sections", []):
        if s.get("heading"):
            out.append(s["heading"])
        add(s.get("body", ""))
    for lim in data.get("limitations", []):
        add(lim.get("text", ""))
    return out


@pytest.fixture(scope="module")
def docs(samples_dir):
    return {stem: read_text(samples_dir / f"{stem}.txt") for stem in STEMS}


# --- the samples ---------------------------------------------------------------------------------
@pytest.mark.parametrize("stem", STEMS)
def test_text_is_kept_word_for_word(docs, samples_dir, stem):
    """Our paragraphs, read in order, are the sample's text without the PDF debris."""
    raw = (samples_dir / f"{stem}.txt").read_text(encoding="utf-8")
    paras = sample_paragraphs(raw)
    doc = docs[stem]
    notes = [f for line in doc.lines for f in line.paragraph.footnotes]
    body, sample_notes = (paras[:-len(notes)], paras[-len(notes):]) if notes else (paras, [])
    expected = " ".join(body)
    for printed, plain in MARKS.items():
        expected = expected.replace(printed, plain)
    got = " ".join(norm(line.text) for line in doc.lines).split()   # norm per paragraph, as the sample's
    want = expected.split()
    if got != want:
        diff = list(difflib.unified_diff(want, got, lineterm="", n=3))[:40]
        pytest.fail("word sequences differ:\n" + "\n".join(diff))
    # the footnote texts live in their footnotes only, not in the body
    assert [_words(f.text) for f in notes] == [n.split(" ", 1)[1].split() for n in sample_notes]
    assert all("baodientu.chinhphu.vn" not in line.text for line in doc.lines)
    assert [line.number for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    assert all(line.align == "" and line.text == line.text.strip() for line in doc.lines)


def test_pdf_footnotes_sit_at_their_marks(docs):
    doc = docs["tu-danh-gia-nam-2023"]
    placed = []
    for line in doc.lines:
        items = line.paragraph.items
        for i, item in enumerate(items):
            if isinstance(item, Footnote):
                before = "".join(r.text for r in items[:i] if isinstance(r, Run))
                after = "".join(r.text for r in items[i + 1:] if isinstance(r, Run))
                placed.append((before, after, item.text))
    assert len(placed) == 4
    (b1, a1, n1), (b2, a2, n2), (b3, a3, n3), (b4, a4, n4) = placed
    assert b1.endswith("nên đã cơ bản hoàn thành nhiệm vụ phát triển kinh tế - xã hội của tỉnh.") and a1 == ""
    assert n1.startswith("41 Quyết định quy phạm; 1226 Quyết định của UBND tỉnh")
    assert n1.endswith("75 Giấy phép và một số văn bản khác.")
    assert b2.endswith("cải cách TTHC") and a2.startswith(".")
    assert n2.startswith("Quyết định số 124/QĐ-UBND ngày 30/01/2023")
    assert b3.endswith("theo quy định") and a3.startswith(".")
    assert n3 == ("Thực hiện điều động và bổ nhiệm 01 công chức giữ chức vụ lãnh đạo, quản lý; "
                  "chuyển đổi vị trí 03 công chức.")
    assert b4.endswith("bồi dưỡng công chức, viên chức năm 2023") and a4.startswith(".")
    assert n4.startswith("Cử 01 viên chức tham gia học lớp cao cấp lý luận chính trị")
    assert doc.notes == ["Đã gắn 4 chú thích cuối trang vào chỗ đánh dấu trong đoạn văn."]


def test_footnotes_match_the_hand_entered_paragraphs(docs):
    """The four paragraphs with notes, footnotes included, are exactly the sample database's."""
    data = tomllib.loads((SOURCES / "tu-danh-gia-nam-2023.toml").read_text(encoding="utf-8"))
    truth = [p for s in data["sections"] for p in RichText.from_markup(s.get("body", "")).paragraphs
             if p.footnotes]
    ours = [line.paragraph for line in docs["tu-danh-gia-nam-2023"].lines]
    assert len(truth) == 4 and all(p in ours for p in truth)


@pytest.mark.parametrize("stem,floor", [("tu-danh-gia-nam-2023", 0.95), ("kiem-diem-tap-the-2020", 0.95),
                                        ("ke-hoach-khac-phuc-2022", 0.95)])
def test_paragraph_boundaries(docs, stem, floor):
    """The hand-entered paragraphs occur as whole paragraphs among ours. (tu-danh-gia's heading
    "Đề nghị xếp loại mức chất lượng" cannot: the PDF prints it with the chosen rating.)"""
    ours = {_key(line.text) for line in docs[stem].lines}
    truth = _truth(stem)
    missing = [t for t in truth if _key(t) not in ours]
    rate = 1 - len(missing) / len(truth)
    assert rate >= floor, (rate, missing)


def test_wrapped_lines_and_page_splits(docs):
    texts = [line.text for line in docs["tu-danh-gia-nam-2023"].lines]
    stream = "\n".join(texts)
    assert "Chỉ thị số 26/CT-TTg ngày 05/9/2016" in stream          # hyphen at a line end
    assert "Trưởng phòng Hành chính - Quản trị. Thực hiện" in stream  # a "- " inside a sentence
    assert "xử lý, chấn chỉnh những hành vi vi phạm" in stream        # around a footnote block
    assert "cho người dùng của các Sở, ban ngành" in stream
    assert "dân chủ cơ sở tại Văn phòng; Quy chế chi tiêu nội bộ" in stream   # URL lines dropped
    assert texts[texts.index("Phần I") + 1] == "KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH"
    assert "Phần thứ II" in texts and "CHÁNH VĂN PHÒNG" in texts and texts[-1] == "Vũ Minh Tâm"
    assert "- VPUB: BTV ĐU, CVP, PCVP, Công đoàn, Đoàn TN, các phòng, ban, đơn vị trực thuộc, CBTH;" in texts
    kd = [line.text for line in docs["kiem-diem-tap-the-2020"].lines]
    assert any("xác định rõ ràng nhiệm vụ của từng đồng chí Chủ tịch" in t for t in kd)   # page-break split
    assert "- Về kết quả giải quyết hồ sơ TTHC của 16 sở" in kd


def test_bold_and_italic_markers_become_runs(docs):
    kd = docs["kiem-diem-tap-the-2020"].lines
    para = next(line.paragraph for line in kd if line.text.startswith("+ Tổng số hồ sơ tiếp nhận của 16 Sở"))
    assert Run("66.263", bold=True) in para.items and "*" not in para.text
    italic = next(line.paragraph for line in kd if "còn lại chuyển sang năm 2021" in line.text)
    assert any(r.italic and r.text.startswith("còn lại chuyển sang năm 2021") for r in italic.runs())
    sig = [line for line in kd if line.text in ("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")]
    assert len(sig) == 2 and all(line.all_bold for line in sig)   # one ** pair over two lines


def test_only_balanced_asterisks_are_formatting():
    doc = read_text("Ghi chú (*) và 5 * 3 = 15; **đậm** và *nghiêng*; còn *một dấu lẻ.\n".encode())
    (line,) = doc.lines
    assert line.text == "Ghi chú (*) và 5 * 3 = 15; đậm và nghiêng; còn *một dấu lẻ."
    assert Run("đậm", bold=True) in line.paragraph.items and Run("nghiêng", italic=True) in line.paragraph.items


def test_rewrapped_text_gives_the_same_paragraphs(docs):
    """The same report hard-wrapped at 76 characters, paragraphs separated by blank lines."""
    import textwrap
    for stem in ("kiem-diem-tap-the-2020", "ke-hoach-khac-phuc-2022"):
        paras = [line.paragraph for line in docs[stem].lines]
        raw = "\n\n".join("\n".join(textwrap.wrap(RichText((p,)).to_markup(), 76)) for p in paras)
        assert [line.paragraph for line in read_text(raw.encode("utf-8")).lines] == paras


def test_form_feed_pages_and_footnotes():
    """pdftotext's layout: a form feed between pages, the footnote under a rule at the page end."""
    raw = ("Văn phòng đã tham mưu ban hành nhiều văn bản quan trọng trong năm nay, bảo đảm đúng\n"
           "thời hạn và chất lượng theo quy định của pháp luật hiện hành về công tác văn thư1, góp\n"
           "_______________\n"
           "1 Gồm 12 quyết định và 30 công văn.\n"
           "\f2\n"
           "phần hoàn thành nhiệm vụ được giao của cơ quan trong năm 2023 và những năm tiếp theo.\n"
           "- Tiếp tục rà soát, cập nhật các quy trình nội bộ của cơ quan theo đúng quy định.\n")
    doc = read_text(raw.encode("utf-8"))
    assert [line.text for line in doc.lines] == [
        "Văn phòng đã tham mưu ban hành nhiều văn bản quan trọng trong năm nay, bảo đảm đúng thời hạn và chất "
        "lượng theo quy định của pháp luật hiện hành về công tác văn thư, góp phần hoàn thành nhiệm vụ được giao "
        "của cơ quan trong năm 2023 và những năm tiếp theo.",
        "- Tiếp tục rà soát, cập nhật các quy trình nội bộ của cơ quan theo đúng quy định."]
    items = doc.lines[0].paragraph.items
    assert items[1] == Footnote((Run("Gồm 12 quyết định và 30 công văn."),))
    assert items[0].text.endswith("công tác văn thư")


# --- encodings -----------------------------------------------------------------------------------
SENTENCES = [
    "Căn cứ Hướng dẫn số 13-HD/TU ngày 10/11/2023 của Ban Thường vụ Tỉnh ủy về việc Hướng dẫn một số nội "
    "dung về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm",
    "Đội ngũ công chức, viên chức và lao động của Văn phòng có trình độ chuyên môn, nghiệp vụ được đào tạo cơ bản",
    "Ưu điểm, kết quả đạt được: Ủy ban nhân dân tỉnh; Ổn định; Ý kiến; Ở đâu; Ẩn số; Ậm ừ; Ỹ ỵ ỷ ỳ",
    "Khắc phục kịp thời những hạn chế, khuyết điểm trong lãnh đạo, chỉ đạo thực hiện các nhiệm vụ công tác "
    "được chỉ ra trong báo cáo kiểm điểm tập thể; nghĩa, thiếu, chuyển đổi, trường, người, ước, ửng, ỡm ờ",
]


def _lower_toned_capitals(text: str) -> str:
    """TCVN3's plain font has no capitals with a tone (those were typed in .VnTimeH as
    lowercase codes): such capitals come back lowercase."""
    return "".join(c.lower() if c not in legacy.UNICODE_TO_TCVN3 and c.lower() in legacy.UNICODE_TO_TCVN3
                   else c for c in text)


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
def test_legacy_round_trip(encoding):
    for sentence in SENTENCES:
        encoded = legacy.from_unicode(sentence, encoding)
        assert encoded != sentence and all(ord(c) < 0x100 for c in encoded)
        assert legacy.detect(encoded) == encoding, encoded
        expected = _lower_toned_capitals(sentence) if encoding == "TCVN3" else sentence
        assert legacy.to_unicode(encoded, encoding) == expected


def test_known_legacy_spellings():
    assert legacy.to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "TCVN3") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert legacy.to_unicode("§éc lËp - Tù do - H¹nh phóc", "TCVN3") == "Độc lập - Tự do - Hạnh phúc"
    assert legacy.to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert legacy.to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc", "VNI") == "Độc lập - Tự do - Hạnh phúc"
    assert legacy.to_unicode("tröôøng", "vni") == "trường"


@pytest.mark.parametrize("stem", STEMS)
def test_unicode_is_never_converted(samples_dir, stem):
    text = (samples_dir / f"{stem}.txt").read_text(encoding="utf-8")
    assert legacy.detect(text) is None
    for line in text.splitlines():
        assert legacy.detect(line) is None, line
    for plain in ("Hello world", "café, Müller, über, naïve", "hoà, hoá, quý, quân, thuỷ", ""):
        assert legacy.detect(plain) is None


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
@pytest.mark.parametrize("codec", ["cp1252", "utf-8"])
def test_legacy_files_are_converted(docs, samples_dir, encoding, codec):
    stem = "ke-hoach-khac-phuc-2022"
    text = unicodedata.normalize("NFC", (samples_dir / f"{stem}.txt").read_text(encoding="utf-8"))
    data = legacy.from_unicode(text, encoding).encode(codec)
    doc = read_text(data, name="cu.txt")
    assert doc.name == "cu.txt"
    assert doc.notes[-1] == f"Đã chuyển văn bản mã {'TCVN3 (ABC)' if encoding == 'TCVN3' else 'VNI'} sang Unicode."
    ours = [line.paragraph for line in doc.lines]
    want = [line.paragraph for line in docs[stem].lines]
    if encoding == "TCVN3":
        ours = [p.text.lower() for p in ours]
        want = [p.text.lower() for p in want]
    assert ours == want


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps â ê ô ă ơ ư đ whole and writes the tone as a combining mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = [m for m in decomposed[1:] if m in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"), lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"), lambda t: t.encode("utf-16-le"), _cp1258,
    lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
], ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le-no-bom", "cp1258", "utf-8-nfd"])
def test_unicode_encodings(docs, samples_dir, encode):
    stem = "ke-hoach-khac-phuc-2022"
    text = (samples_dir / f"{stem}.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    doc = read_text(encode(text))
    assert [line.paragraph for line in doc.lines] == [line.paragraph for line in docs[stem].lines]
    assert not any("Unicode" in n for n in doc.notes)


def test_windows_1252_fallback():
    doc = read_text("Résumé of the café meeting.\n".encode("cp1252"))
    assert doc.lines[0].text == "Résumé of the café meeting."
    assert "Windows-1252" in doc.notes[0]


# --- refusals ------------------------------------------------------------------------------------
@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n\t  \n", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_files_are_refused(data):
    with pytest.raises(ImportFailure, match="trống"):
        read_text(data, name="rong.txt")


@pytest.mark.parametrize("data,what", [
    (bytes(range(256)) * 40, "nhị phân"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "nhị phân"),
    (b"PK\x03\x04" + b"\x00" * 200, "tệp nén"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
])
def test_binary_files_are_refused(data, what):
    with pytest.raises(ImportFailure, match=what) as info:
        read_text(data, name="anh.bin")
    assert "anh.bin" in str(info.value)


def test_oversized_files_are_refused(tmp_path):
    big = tmp_path / "lon.txt"
    with open(big, "wb") as f:
        f.truncate(MAX_BYTES + 1)      # sparse: nothing is written
    with pytest.raises(ImportFailure, match="quá lớn") as info:
        read_text(big)
    assert "lon.txt" in str(info.value) and "không quá 10 MB" in str(info.value)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(ImportFailure, match="Không tìm thấy"):
        read_text(tmp_path / "khong-co.txt")


def test_reads_a_path(samples_dir, docs):
    doc = read_text(samples_dir / "kiem-diem-tap-the-2020.txt")
    assert doc.name == "kiem-diem-tap-the-2020.txt"
    assert [line.paragraph for line in doc.lines] == [line.paragraph for line in docs["kiem-diem-tap-the-2020"].lines]
    assert isinstance(doc.lines[0].paragraph, Paragraph)
