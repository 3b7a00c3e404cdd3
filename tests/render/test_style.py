"""The house style (render/style.py) and the layout own the measures and the words: the backends
draw what they are given, and the preview needs nothing from the DOCX backend."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

from docx_read import all_paragraphs
from tudanhgia.render.docx_writer import DocxBuilder, build_docx
from tudanhgia.render.html import to_html
from tudanhgia.render.layout import (MOTTO, NATIONAL_NAME, RECIPIENTS_HEAD, Header, Layout, Signature, Title,
                                     layout)
from tudanhgia.render.metrics import agency_rule_mm, motto_rule_mm, subject_rule_mm, text_width_mm
from tudanhgia.render.style import PAGE_W_MM, STYLE, HouseStyle, appendix_widths_mm, text_area_mm
from tudanhgia.render.text import to_paragraphs

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "tudanhgia"


def imported_modules(path: Path) -> set[str]:
    """Every module a file names in an import statement, at any depth (lazy imports included),
    relative ones resolved inside the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(parts[:len(parts) - node.level]) if node.level else ""
            module = ".".join(x for x in (base, node.module) if x)
            found.add(module)
            found |= {f"{module}.{a.name}" for a in node.names}  # `from . import docx_writer`
    return found


@pytest.mark.parametrize("relative", ["ui/preview.py", "render/html.py"])
def test_preview_and_html_import_nothing_from_the_docx_backend(relative):
    modules = imported_modules(PACKAGE / relative)
    assert not {m for m in modules if "docx_writer" in m.split(".") or m.split(".")[0] == "docx"}


def test_style_imports_nothing_but_the_standard_library():
    modules = imported_modules(PACKAGE / "render" / "style.py")
    assert modules and all(m.split(".")[0] in sys.stdlib_module_names | {"__future__"} for m in modules), modules


def test_html_needs_no_docx_backend_even_when_drawing():
    """The HTML backend used to fetch its numbers from the DOCX writer at call time."""
    code = ("import sys\n"
            "from tudanhgia.render.html import to_html\n"
            "from tudanhgia.render.layout import Header, Layout, Title\n"
            "to_html(Layout([Header('UBND', 'VP', 'Số: 01/BC-VP', 'Quảng Ngãi, ngày 05 tháng 01 năm 2024'),"
            " Title('BÁO CÁO', 'Về việc')], []))\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'docx' or 'docx_writer' in m)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_backends_hold_none_of_the_documents_fixed_words():
    """One definition: the national name, the motto and "Nơi nhận:" are written in the layout only."""
    words = (NATIONAL_NAME, MOTTO, RECIPIENTS_HEAD)
    for relative in ("render/docx_writer.py", "render/html.py", "render/text.py", "ui/preview.py"):
        source = (PACKAGE / relative).read_text(encoding="utf-8")
        assert not [w for w in words if w in source], relative
    source = (PACKAGE / "render" / "layout.py").read_text(encoding="utf-8")
    assert all(source.count(w) == 1 for w in words)


def _odd_words_layout() -> Layout:
    return Layout([Header("UBND TỈNH X", "VĂN PHÒNG", "Số: 01/BC-VP", "X, ngày 05 tháng 01 năm 2024",
                          national="QUỐC HIỆU KHÁC", motto="Tiêu ngữ khác"),
                   Title("BÁO CÁO", "Về việc thử"),
                   Signature(["- Lưu: VT."], ["CHÁNH VĂN PHÒNG"], "Nguyễn Văn A", recipients_head="Gửi tới:")], [])


def test_every_backend_draws_the_words_the_blocks_carry():
    lay = _odd_words_layout()
    text = to_paragraphs(lay)
    html = to_html(lay)
    docx = [p.text for p in all_paragraphs(build_docx(lay, []))]
    for out in (text, docx):
        assert {"QUỐC HIỆU KHÁC", "Tiêu ngữ khác", "Gửi tới:"} <= set(out)
    assert all(w in html for w in ("QUỐC HIỆU KHÁC", "Tiêu ngữ khác", "Gửi tới:"))
    assert not any(w in html or w in text or w in docx for w in (NATIONAL_NAME, MOTTO, RECIPIENTS_HEAD))


def test_the_layout_fills_in_the_fixed_words(sample_service):
    blocks = layout(sample_service.get_report(1)).blocks
    header = next(b for b in blocks if isinstance(b, Header))
    signature = next(b for b in blocks if isinstance(b, Signature))
    assert (header.national, header.motto) == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    assert signature.recipients_head == "Nơi nhận:"


def test_house_style_is_within_the_decree():
    s = STYLE
    top, bottom, left, right = s.margins_mm
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20   # P2
    assert 13 <= s.body_pt <= 14 and 12 <= s.agency_pt <= 13 and 12 <= s.national_pt <= 13    # B1, H1–H3
    assert 13 <= s.motto_pt <= 14 and 13 <= s.page_number_pt <= 14 and 10 <= s.footnote_pt <= 12  # H4, P4, F1
    assert 3 <= s.signature_space_lines <= 5 and 1.0 <= s.line_spacing <= 1.5 and s.space_after_pt >= 6
    assert sum(s.header_cols_mm) <= text_area_mm() and sum(s.closing_cols_mm) <= text_area_mm()
    assert [s.urgency_frame_mm(m) for m in ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")] == [20, 40, 30]  # H8


def test_measures_follow_the_style():
    assert text_area_mm() == PAGE_W_MM - 30 - 15 == 165
    widths = appendix_widths_mm(6)
    assert widths == [12, 65, 22, 22, 22, 22] and sum(widths) == text_area_mm()
    assert appendix_widths_mm(4) == [165 / 4] * 4
    narrow = HouseStyle(margins_mm=(20, 20, 35, 20))
    assert sum(appendix_widths_mm(6, narrow)) == text_area_mm(narrow) == 155


def test_rule_lengths():
    s = STYLE
    motto = text_width_mm(MOTTO, s.motto_pt, True)
    assert motto_rule_mm(MOTTO, s) == pytest.approx(motto) and 55 < motto < s.header_cols_mm[1]   # H4
    name = text_width_mm("VĂN PHÒNG", s.agency_pt, True)
    assert agency_rule_mm("VĂN PHÒNG", s) == pytest.approx(name * 0.4)                            # H2
    assert agency_rule_mm("X" * 200, s) == pytest.approx((s.header_cols_mm[0] - s.cell_margins_mm) * 0.4)
    assert subject_rule_mm("Năm", s) == s.subject_rule_min_mm                                     # T2
    long = "Kiểm điểm tập thể lãnh đạo năm 2020\nvà phương hướng năm 2021"
    widest = max(text_width_mm(x, s.title_pt, True) for x in long.split("\n"))
    assert subject_rule_mm(long, s) == pytest.approx(widest / 3)


def test_a_style_reaches_the_html_and_the_docx():
    lay = _odd_words_layout()
    big = HouseStyle(motto_pt=14, recipients_head_pt=13)
    html = to_html(lay, big)
    assert 'font-size:14pt; font-weight:bold;">Tiêu ngữ khác' in html
    assert 'font-size:13pt; font-weight:bold; font-style:italic;">Gửi tới:' in html
    paras = {p.text: p for p in all_paragraphs(DocxBuilder(lay, [], style=big).build())}
    assert paras["Tiêu ngữ khác"].runs[0].font.size.pt == 14
    assert paras["Gửi tới:"].style.font.size.pt == 13
