"""Each sample exported to DOCX reads, paragraph for paragraph, like the original — with the
numbering as the app computes it (the originals' two numbering errors corrected)."""
import pytest

from docx_read import open_docx, text_paragraphs
from fidelity import match_ratio, norm, sample_paragraphs

MOTTO = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}
# the originals' numbering errors → the app's numbers (spec nd30 "What the samples get wrong")
CORRECTED = {"IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)":
             "III. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)",
             "Phần thứ II": "Phần II"}
# what each extraction lost (tests/data/samples/README.md): left out of our side
LOST = {1: {"UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG"},
        2: {"UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "Số: /KH-VP", "Quảng Ngãi, ngày tháng 4 năm 2023"},
        3: {"UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "Số: /BC-VP", "Quảng Ngãi, ngày tháng 11 năm 2023", "BÁO CÁO",
            "Tự đánh giá kết quả thực hiện nhiệm vụ năm 2023"}}
SAMPLES = {1: "kiem-diem-tap-the-2020.txt", 2: "ke-hoach-khac-phuc-2022.txt", 3: "tu-danh-gia-nam-2023.txt"}


def _corrected(paragraphs):
    out = []
    for p in paragraphs:
        for bad, good in CORRECTED.items():
            if p == bad or p.startswith(bad + " "):
                p = good + p[len(bad):]
        out.append(p)
    return out


@pytest.mark.parametrize("report_id", [1, 2, 3])
def test_exported_docx_reads_like_the_sample(exported, samples_dir, report_id):
    ours = [p for p in text_paragraphs(open_docx(exported[report_id]))
            if norm(p) not in MOTTO | LOST[report_id]]
    theirs = _corrected(sample_paragraphs((samples_dir / SAMPLES[report_id]).read_text(encoding="utf-8")))
    found, ours_found, missing, extra = match_ratio(theirs, ours, strip_numbers=False)
    assert found >= 0.99, (len(theirs), missing)
    assert ours_found >= 0.99, (len(ours), extra)
