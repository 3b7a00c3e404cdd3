"""The HTML backend (print preview, Print, Xuất PDF): the same layout blocks as the DOCX, as
HTML that QTextDocument renders. Asserted on the paragraphs a reader sees and their formatting."""
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from tudanhgia.domain import Indicator
from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run
from tudanhgia.render.html import APPENDIX_START, KEEP_WITH_NEXT, report_html, to_html
from tudanhgia.render.layout import Header, Layout, Para, Role, Signature, Title, layout


@dataclass
class Shown:
    """One paragraph as the reader sees it."""
    text: str
    style: str
    align: str
    bold: bool = False          # the paragraph's own weight, or every run bold
    italic: bool = False
    in_table: int = 0           # nesting depth of tables around it
    in_head: bool = False       # inside <thead>
    cell_align: str = ""
    superscripts: list = field(default_factory=list)

    def css(self, name: str) -> str | None:
        m = re.search(rf"(?:^|;)\s*{re.escape(name)}:\s*([^;]+)", self.style)
        return m.group(1).strip() if m else None

    @property
    def plain(self) -> str:
        """Visible text with non-breaking spaces as spaces and runs of spaces collapsed."""
        return re.sub(r"\s+", " ", self.text.replace("\u00a0", " ")).strip()


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras: list[Shown] = []
        self.current: Shown | None = None
        self.tables = 0
        self.head = False
        self.bold = self.italic = self.sup = 0
        self.chars: list[tuple[str, bool, bool]] = []
        self.body_style = ""
        self.rule_cells = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body_style = a.get("style", "")
        elif tag == "table":
            self.tables += 1
        elif tag == "thead":
            self.head = True
        elif tag == "td" and "border-bottom" in (a.get("style") or ""):
            self.rule_cells += 1
        elif tag == "p":
            style = a.get("style", "")
            self.current = Shown("", style, a.get("align", ""), in_table=self.tables, in_head=self.head)
            self.chars = []
        elif tag == "b":
            self.bold += 1
        elif tag == "i":
            self.italic += 1
        elif tag == "br" and self.current is not None:
            self.chars.append(("\n", bool(self.bold), bool(self.italic)))
        elif tag == "span" and "vertical-align:super" in (a.get("style") or ""):
            self.sup += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self.tables -= 1
        elif tag == "thead":
            self.head = False
        elif tag == "p" and self.current is not None:
            p = self.current
            p.text = "".join(c for c, _, _ in self.chars)
            visible = [(b, i) for c, b, i in self.chars if c.strip()]
            p.bold = "font-weight:bold" in p.style or (bool(visible) and all(b for b, _ in visible))
            p.italic = "font-style:italic" in p.style or (bool(visible) and all(i for _, i in visible))
            self.paras.append(p)
            self.current = None
        elif tag == "b":
            self.bold -= 1
        elif tag == "i":
            self.italic -= 1
        elif tag == "span" and self.sup:
            self.sup -= 1

    def handle_data(self, data):
        if self.current is None:
            return
        if self.sup:
            self.current.superscripts.append(data)
        self.chars.extend((c, bool(self.bold), bool(self.italic)) for c in data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def find(paras, text: str) -> Shown:
    hits = [p for p in paras if p.plain == text]
    assert hits, f"no paragraph reads {text!r}"
    return hits[0]


@pytest.fixture
def report1_html(sample_service):
    return report_html(sample_service.get_report(1))


def test_header_table_h1_h6(report1_html):
    doc = read(report1_html)
    paras = doc.paras
    h1, h2 = find(paras, "UBND TỈNH QUẢNG NGÃI"), find(paras, "VĂN PHÒNG")
    assert h1.css("font-size") == "12pt" and not h1.bold and h1.align == "center"
    assert h2.css("font-size") == "12pt" and h2.bold
    h3, h4 = find(paras, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), find(paras, "Độc lập - Tự do - Hạnh phúc")
    assert h3.bold and h4.bold and h4.css("font-size") == "13pt"
    number = next(p for p in paras if p.plain.startswith("Số:"))
    assert re.fullmatch(r"Số: +/BC-VP", number.plain) and not number.bold
    date = next(p for p in paras if p.plain.startswith("Quảng Ngãi, ngày"))
    assert re.fullmatch(r"Quảng Ngãi, ngày +tháng 12 năm 2020", date.plain) and date.italic
    assert all(p.in_table for p in (h1, h2, h3, h4, number, date)), "a borderless two-column table"
    assert doc.rule_cells >= 3, "the short rules under the agency name, the motto and the subject"


def test_secrecy_and_urgency_marks_h7_h8():
    lay = Layout([Header("UBND TỈNH QUẢNG NGÃI", "Văn phòng", "Số: 05/BC-VP", "Quảng Ngãi, ngày 05 tháng 01 năm 2024",
                         secrecy="Mật", urgency="Thượng khẩn")], [])
    html = to_html(lay)
    paras = read(html).paras
    assert find(paras, "MẬT").bold and find(paras, "THƯỢNG KHẨN").bold
    assert re.search(r'border:1px solid #000000;">\s*<p[^>]*>THƯỢNG KHẨN</p>', html), "framed (H8)"
    assert paras.index(find(paras, "Số: 05/BC-VP")) < paras.index(find(paras, "MẬT"))


def test_title_and_body_paragraphs_b1(report1_html):
    doc = read(report1_html)
    kind, subject = find(doc.paras, "BÁO CÁO KIỂM ĐIỂM TẬP THỂ"), find(doc.paras, "Năm 2020")
    assert kind.bold and kind.align == "center" and subject.bold and subject.align == "center"
    assert "Times New Roman" in doc.body_style and "font-size:14pt" in doc.body_style
    preamble = next(p for p in doc.paras if p.plain.startswith("Thực hiện chỉ đạo của Chủ tịch UBND tỉnh"))
    assert preamble.align == "justify" and not preamble.bold
    assert preamble.css("text-indent") == "37.80px", "1 cm at 96 px per inch"
    assert preamble.css("margin-bottom") == "8.00px", "6 pt after"


def test_headings_carry_their_computed_numbers_and_level_weights(report1_html):
    paras = read(report1_html).paras
    giai_trinh = find(paras, "III. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)")
    assert giai_trinh.bold and not giai_trinh.italic
    assert giai_trinh.css("-qt-user-state") == str(KEEP_WITH_NEXT), "kept with the next paragraph"
    nested = find(paras, "2.1. Về công tác tham mưu tổng hợp")
    assert nested.bold and nested.italic, "the kind makes 1.1-level headings bold italic"
    assert find(paras, "IV. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận "
                       "hoặc được chỉ ra ở các kỳ kiểm điểm trước").bold


def test_each_rating_line_checks_exactly_tot(report1_html):
    paras = read(report1_html).paras
    lines = [p.plain for p in paras if "Xuất sắc" in p.plain and "Trung bình" in p.plain]
    assert len(lines) == 5
    assert all(line == "☐ Xuất sắc ☒ Tốt ☐ Trung bình ☐ Kém" for line in lines), lines
    prompts = [p for p in paras if p.plain == "Tự đánh giá về cấp độ thực hiện:"]
    assert len(prompts) == 5
    options = [p.plain for p in paras if p.plain[:1] in "☐☒" and "nhiệm vụ" in p.plain]
    assert options == ["☐ Hoàn thành xuất sắc nhiệm vụ;", "☒ Hoàn thành tốt nhiệm vụ;",
                       "☐ Hoàn thành nhiệm vụ;", "☐ Không hoàn thành nhiệm vụ."]


def test_closing_block_c1_c7(sample_service, report1_html):
    paras = read(report1_html).paras
    head = find(paras, "Nơi nhận:")
    assert head.bold and head.italic and head.css("font-size") == "12pt" and head.in_table
    recipients = sample_service.get_report(1).recipients.printed()
    start = paras.index(head)
    shown = paras[start + 1:start + 1 + len(recipients)]
    assert [p.plain for p in shown] == recipients
    assert shown[-1].plain == "- Lưu: VT, HC-TC." and all(p.css("font-size") == "11pt" for p in shown)
    authority, position, name = (find(paras, t) for t in ("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Quốc Đạt"))
    assert all(p.bold and p.align == "center" for p in (authority, position, name))
    blank = paras[paras.index(position) + 1:paras.index(name)]
    assert len(blank) == 4 and all(not p.plain for p in blank), "room for the signature and seal (C6)"


def test_footnotes_numbered_at_their_references_and_listed_under_a_rule(sample_service):
    report = sample_service.get_report(3)
    lay = layout(report)
    assert len(lay.footnotes) == 4
    paras = read(to_html(lay)).paras
    refs = [s for p in paras for s in p.superscripts]
    assert refs == ["1", "2", "3", "4"] * 2, "four references in the text, then the four notes"
    notes = [p for p in paras if p.superscripts and p.plain[:2] in ("1 ", "2 ", "3 ", "4 ")
             and p.css("font-size") == "11pt"]
    assert [p.plain for p in notes] == [f"{i} {n.plain}" for i, n in enumerate(lay.footnotes, 1)]
    assert notes[0].plain.startswith("1 41 Quyết định quy phạm; 1226 Quyết định của UBND tỉnh")
    assert "Cử 01 viên chức tham gia học lớp cao cấp lý luận chính trị" in notes[3].plain
    signer = find(paras, "Vũ Minh Tâm")
    assert paras.index(notes[0]) > paras.index(signer), "after the main document"


def test_appendix_on_a_new_page_with_the_table_a1_a4(sample_service):
    unit = sample_service.list_units()[0]
    theme = sample_service.create_report("chuyen-de", "2024-H1", unit.id)
    sample_service.set_indicators(theme.id, [Indicator("Số vụ việc được giải quyết", "vụ", 2, 2),
                                             Indicator("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690)])
    html = report_html(sample_service.get_report(theme.id))
    paras = read(html).paras
    title = find(paras, "PHỤ LỤC SỐ LIỆU")
    assert title.css("page-break-before") == "always" and title.css("-qt-user-state") == str(APPENDIX_START)
    assert title.bold and title.align == "center"
    attached = next(p for p in paras if p.plain.startswith("(Kèm theo Báo cáo số"))
    assert attached.italic and attached.align == "center"
    head = [p.plain for p in paras if p.in_head]
    assert head == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Trên tổng số", "Tỷ lệ"]
    assert all(p.bold for p in paras if p.in_head)
    assert find(paras, "62.224").align == "right" and find(paras, "96,2%").align == "right"
    assert find(paras, "Số hồ sơ trả đúng hạn").align == "left" and find(paras, "1").align == "center"
    assert 'border="1"' in html


def test_text_is_escaped_and_cleaned():
    nasty = "<script>alert('x')</script> & \"q\"\x00\x07 dòng một\x0bdòng hai\u2028ba"
    lay = Layout([Header("<UBND>", "VĂN PHÒNG & CO", "Số: 01/BC-VP", "Quảng Ngãi, ngày 05 tháng 01 năm 2024"),
                  Title("BÁO CÁO", "Về <b>việc</b>"),
                  Para(Paragraph((Run(nasty), Run(" đậm", bold=True), Footnote((Run("chú <thích>"),)))), Role.BODY),
                  Signature(["- Lưu: VT, <VP>."], ["CHÁNH VĂN PHÒNG"], "Lê & Văn")],
                 [RichText((Paragraph((Run("chú <thích>"),)),))])
    html = to_html(lay)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<UBND>" not in html
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", html)
    paras = read(html).paras
    body = next(p for p in paras if "alert" in p.text)
    assert body.text.startswith("<script>alert('x')</script> & \"q\" dòng một\ndòng hai\nba")
    assert body.superscripts == ["1"]
    assert find(paras, "1 chú <thích>").css("font-size") == "11pt"
    assert find(paras, "Về <b>việc</b>").bold
    assert find(paras, "Lê & Văn").bold


def test_lengths_follow_the_target_dpi(report1_html, sample_service):
    at_120 = read(to_html(layout(sample_service.get_report(1)), px_per_inch=120)).paras
    preamble = next(p for p in at_120 if p.plain.startswith("Thực hiện chỉ đạo"))
    assert preamble.css("text-indent") == "47.24px" and preamble.css("margin-bottom") == "10.00px"


def test_html_backend_imports_without_qt_or_docx():
    code = ("import sys, tudanhgia.render.html; "
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'docx'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
