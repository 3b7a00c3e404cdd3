"""Issue 15 point 2, "Must show": a civil servant's quarterly self-evaluation (Nghị định
335/2025/NĐ-CP) created, scored and exported from the command line. The expected points are
worked out by hand below from the decree's rules (30 + 70; each task's quantity, quality and
timeliness in equal parts; −25 % of a product's quality part per major error, of its timeliness
part per delay), not taken from the program."""
import pytest
from docx import Document

from docx_read import all_paragraphs, body_items

from cli_inproc import run  # the e2e folder is on the path (rootdir-relative import mode)

# 3 products, all done, 1 major error: (1 + (3 - 0.25)/3 + 1) / 3 = 0.972222…
# 10 products, all done, 2 delayed:    (1 + 1 + (10 - 0.5)/10) / 3 = 0.983333…
# 1 product, not done:                 0
# 70 × (0.972222 + 0.983333 + 0) / 3 = 45.6296 → 45,63; each task 70/3 × its share: 22,69, 22,94, 0
TASKS_POINTS, TOTAL = "45,63", "73,63"


def _new(db, tmp_path, period="Quý I/2026") -> int:
    out = run("new", "--kind", "danh-gia-cong-chuc-quy", "--period", period, "--db", db, data_dir=tmp_path)
    return int(out.stdout.split("\t")[0])


def _fill(db, rid, tmp_path) -> str:
    run("task", rid, "--add", "Báo cáo tổng hợp tình hình tháng", "--planned", 3, "--errors", 1, "--db", db,
        data_dir=tmp_path)
    run("task", rid, "--add", "Thẩm định hồ sơ thủ tục hành chính", "--planned", 10, "--done", 10, "--delays", 2,
        "--db", db, data_dir=tmp_path)
    return run("task", rid, "--add", "Dự thảo quy chế làm việc", "--planned", 1, "--done", 0, "--db", db,
               data_dir=tmp_path).stdout


def test_a_quarterly_self_evaluation_created_scored_and_exported(sample_db, tmp_path):
    rid = _new(sample_db, tmp_path)
    listed = run("list", "--period", "Quý I/2026", "--db", sample_db, data_dir=tmp_path).stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == [str(rid)]
    assert listed[0].split("\t")[1] == "Quý I/2026"     # the period as officers write it, not 2026-Q1
    # show lists the warnings check lists: a form signed by two people is not asked for "Nơi nhận"
    shown = run("show", rid, "--db", sample_db, data_dir=tmp_path).stdout
    assert "Nơi nhận" not in shown and "Cần xem lại" in shown
    assert listed[0].endswith("Phiếu tự đánh giá kết quả thực hiện nhiệm vụ của công chức quý I/2026")

    tasks = _fill(sample_db, rid, tmp_path).splitlines()
    assert tasks[0].split("\t")[-1] == "22,69 điểm" and tasks[1].split("\t")[-1] == "22,94 điểm"
    assert tasks[2].split("\t")[-1] == "0 điểm"
    assert tasks[-1] == f"Điểm kết quả thực hiện nhiệm vụ: {TASKS_POINTS}/70"

    scored = run("score", rid, "--section", "tieu-chi-chung", "--points", "28", "--propose", "htt",
                 "--db", sample_db, data_dir=tmp_path).stdout
    assert f"Tổng điểm tự chấm: {TOTAL}/100 điểm" in scored and "Đề xuất xếp loại: Hoàn thành tốt nhiệm vụ" in scored
    show = run("show", rid, "--db", sample_db, data_dir=tmp_path).stdout
    assert f"III. Kết quả thực hiện nhiệm vụ  [Đang viết; điểm {TASKS_POINTS}/70]" in show
    assert f"tổng {TOTAL}/100]" in show

    out = tmp_path / "phieu.docx"
    run("export", rid, "--out", out, "--db", sample_db, data_dir=tmp_path)
    doc = Document(str(out))
    texts = [p.text for p in all_paragraphs(doc)]
    assert "PHIẾU TỰ ĐÁNH GIÁ" in texts
    assert "Kết quả thực hiện nhiệm vụ của công chức quý I/2026" in texts
    assert f"Tổng điểm tự chấm: {TOTAL}/100 điểm" in texts
    assert "Mức xếp loại tương ứng với tổng điểm: Hoàn thành tốt nhiệm vụ." in texts
    tables = [t for t in body_items(doc) if hasattr(t, "rows")]
    task_table = next(t for t in tables if t.rows[0].cells[1].text == "Nhiệm vụ, sản phẩm")
    rows = [[c.text for c in r.cells] for r in task_table.rows]
    assert rows[1] == ["1", "Báo cáo tổng hợp tình hình tháng", "3/3", "1", "0", "22,69"]
    assert rows[2] == ["2", "Thẩm định hồ sơ thủ tục hành chính", "10/10", "0", "2", "22,94"]
    assert rows[3] == ["3", "Dự thảo quy chế làm việc", "0/1", "0", "0", "0"]
    assert rows[4][1] == "Cộng" and rows[4][5] == f"{TASKS_POINTS}/70"
    closing = [[p.text for p in c.paragraphs if p.text] for c in tables[-1].rows[0].cells]
    assert closing == [["NGƯỜI QUẢN LÝ TRỰC TIẾP"], ["NGƯỜI TỰ ĐÁNH GIÁ"]]   # both sign; no "Nơi nhận"


def test_a_proposal_above_the_band_warns_and_the_computed_score_cannot_be_typed(sample_db, tmp_path):
    rid = _new(sample_db, tmp_path)
    _fill(sample_db, rid, tmp_path)
    run("score", rid, "--section", "tieu-chi-chung", "--points", "28", "--propose", "htxs", "--db", sample_db,
        data_dir=tmp_path)
    check = run("check", rid, "--db", sample_db, data_dir=tmp_path, check_rc=None).stdout.splitlines()
    assert (f"[!] Tổng điểm tự chấm {TOTAL}/100 thuộc mức “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới "
            "90 điểm); mức đề nghị “Hoàn thành xuất sắc nhiệm vụ” cao hơn mức theo điểm.") in check
    assert not any("Nơi nhận" in line for line in check)   # a form signed by two has none
    typed = run("score", rid, "--section", "nhiem-vu", "--points", "70", "--db", sample_db, data_dir=tmp_path,
                check_rc=2)
    assert "được tự tính từ bảng nhiệm vụ" in typed.stderr


def test_impossible_task_figures_are_refused_and_nothing_is_stored(sample_db, tmp_path):
    rid = _new(sample_db, tmp_path, "Tháng 3/2026")
    bad = run("task", rid, "--add", "Báo cáo", "--planned", 2, "--done", 3, "--db", sample_db, data_dir=tmp_path,
              check_rc=2)
    assert bad.stderr.strip() == ("Lỗi: Nhiệm vụ 1 (“Báo cáo”): số sản phẩm hoàn thành lớn hơn số được giao.")
    listed = run("task", rid, "--db", sample_db, data_dir=tmp_path).stdout
    assert listed.startswith("(chưa có nhiệm vụ nào")
    title = run("list", "--period", "Tháng 3/2026", "--db", sample_db, data_dir=tmp_path).stdout
    assert title.strip().endswith("công chức tháng 3/2026") and "\tTháng 3/2026\t" in title


def test_the_document_standard_and_the_tone_marks_from_the_command_line(sample_db, tmp_path):
    listed = run("standard", "--db", sample_db, data_dir=tmp_path).stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["nd30", "hd05-vptw"]
    said = run("standard", "hd05-vptw", "--unit", "Văn phòng UBND tỉnh Quảng Ngãi", "--db", sample_db,
               data_dir=tmp_path).stdout
    assert said.strip() == "Đơn vị “Văn phòng UBND tỉnh Quảng Ngãi”: Hướng dẫn 05-HD/VPTW (văn bản của Đảng)"
    out = tmp_path / "r2.docx"
    run("export", "2", "--out", out, "--db", sample_db, data_dir=tmp_path)
    header = Document(str(out)).tables[0]
    assert header.rows[0].cells[1].paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    run("standard", "nd30", "--report", "2", "--db", sample_db, data_dir=tmp_path)
    shown = run("standard", "--report", "2", "--db", sample_db, data_dir=tmp_path).stdout
    assert shown.strip() == "nd30\tNghị định 30/2020/NĐ-CP (riêng của báo cáo)"
    bad = run("standard", "nd-30", "--report", "2", "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert "không có thể thức văn bản “nd-30” (chọn: nd30, hd05-vptw)" in bad.stderr

    rid = _new(sample_db, tmp_path)
    run("task", rid, "--add", "Tổng hợp ý kiến về công tác thuỷ lợi", "--db", sample_db, data_dir=tmp_path)
    from tudanhgia.services import ReportService
    from tudanhgia.domain.richtext import RichText
    service = ReportService.open(sample_db, create=False)
    try:
        section = service.get_report(rid).find(key="tieu-chi-chung")
        service.update_section(section.id, body=RichText.from_plain("Giữ gìn sức khoẻ, hoà đồng."))
    finally:
        service.close()
    preview = run("tone", rid, "--db", sample_db, data_dir=tmp_path)
    lines = preview.stdout.splitlines()
    # the unit prints in the Party's format now (above): its style is the traditional one too
    assert lines[0] == "Thể thức Hướng dẫn 05-HD/VPTW (văn bản của Đảng): bỏ dấu kiểu cũ: hòa, thủy, khỏe"
    assert lines[1:] == ["Mục “II. Tự đánh giá theo tiêu chí chung”: khoẻ → khỏe",
                         "Mục “II. Tự đánh giá theo tiêu chí chung”: hoà → hòa", "Nhiệm vụ 1: thuỷ → thủy",
                         "3 từ sẽ được sửa; chạy lại với --apply để sửa."]
    assert "khoẻ" in run("show", rid, "--text", "--db", sample_db, data_dir=tmp_path).stdout   # nothing changed yet
    done = run("tone", rid, "--apply", "--db", sample_db, data_dir=tmp_path).stdout
    assert done.splitlines()[-1] == "Đã sửa 3 từ."
    text = run("show", rid, "--text", "--db", sample_db, data_dir=tmp_path).stdout
    assert "Giữ gìn sức khỏe, hòa đồng." in text and "Tổng hợp ý kiến về công tác thủy lợi" in text


def test_a_unit_corrects_a_standard_in_its_data_folder_without_code(sample_db, tmp_path):
    own = tmp_path / "standards"
    own.mkdir()
    (own / "nd30.toml").write_text('id = "nd30"\nname = "Nghị định 30/2020/NĐ-CP (lề trên 25 mm)"\n'
                                   '[page]\nmargins_mm = [25, 20, 30, 15]\n', encoding="utf-8")
    out = tmp_path / "r1.docx"
    run("export", "1", "--out", out, "--db", sample_db, data_dir=tmp_path)
    section = Document(str(out)).sections[0]
    assert round(section.top_margin.mm) == 25 and round(section.left_margin.mm) == 30
    listed = run("standard", "--db", sample_db, data_dir=tmp_path).stdout
    assert "Nghị định 30/2020/NĐ-CP (lề trên 25 mm)" in listed


@pytest.mark.parametrize("line, words", [
    ("[page]\nmargins_mm = [-20, -500, 30, 15]\n", "không nằm trong trang A4"),
    ("[page]\nmargins_mm = [650000, 20, 30, 15]\n", "không nằm trong trang A4"),
    ("[text]\nline_spacing = nan\n", "số hữu hạn"),
    ("[text]\nbody_pt = 0\n", "quá nhỏ để đọc"),
    ("[[[broken\n", "TOML"),
])
def test_a_units_standard_file_that_cannot_be_used_is_said_not_silently_skipped(sample_db, tmp_path, line, words):
    """Found by the hostile input hunt: negative margins and a zero font size reached the DOCX, nan
    made every export fail with a generic message, a broken file was skipped with a log line only."""
    own = tmp_path / "standards"
    own.mkdir()
    (own / "nd30.toml").write_text('id = "nd30"\nname = "Nghị định 30 (đơn vị sửa)"\n' + line, encoding="utf-8")
    listed = run("standard", "--db", sample_db, data_dir=tmp_path, check_rc=1)
    assert "tệp thể thức không dùng được" in listed.stderr and words in listed.stderr
    checked = run("check", "1", "--no-spelling", "--db", sample_db, data_dir=tmp_path, check_rc=None).stdout
    assert "Tệp thể thức không dùng được" in checked
    out = tmp_path / "r1.docx"
    run("export", "1", "--out", out, "--db", sample_db, data_dir=tmp_path)     # in the shipped standard
    section = Document(str(out)).sections[0]
    assert round(section.top_margin.mm) == 20 and round(section.left_margin.mm) == 30


def test_the_units_quarterly_summary_counts_its_forms(sample_db, tmp_path):
    # three forms of Quý I/2026: two propose "Hoàn thành tốt", one "Hoàn thành xuất sắc"; one of Quý II
    for level, period in (("htt", "Quý I/2026"), ("htt", "Quý I/2026"), ("htxs", "Quý I/2026"), ("ht", "Quý II/2026")):
        rid = _new(sample_db, tmp_path, period)
        run("score", rid, "--propose", level, "--db", sample_db, data_dir=tmp_path)
    out = run("new", "--kind", "tong-hop-danh-gia-quy", "--period", "Quý I/2026", "--db", sample_db,
              data_dir=tmp_path).stdout
    summary = int(out.split("\t")[0])
    assert out.strip().endswith("Báo cáo kết quả đánh giá, xếp loại chất lượng công chức quý I/2026")
    text = run("show", summary, "--text", "--db", sample_db, data_dir=tmp_path).stdout.splitlines()
    assert "1\tTổng số công chức được đánh giá\tngười\t3\t\t" in text   # counted when it was made
    rows = run("tally", summary, "--db", sample_db, data_dir=tmp_path).stdout.splitlines()
    assert rows == ["Đã tổng hợp từ 3 phiếu tự đánh giá.", "Tổng số công chức được đánh giá\t3 người",
                    "Hoàn thành xuất sắc nhiệm vụ\t1 người\t33,3%", "Hoàn thành tốt nhiệm vụ\t2 người\t66,7%",
                    "Hoàn thành nhiệm vụ\t0 người\t0%", "Không hoàn thành nhiệm vụ\t0 người\t0%"]
    docx = tmp_path / "tong-hop.docx"
    run("export", summary, "--out", docx, "--db", sample_db, data_dir=tmp_path)
    appendix = Document(str(docx)).tables[-1]
    assert [c.text for c in appendix.rows[3].cells] == ["3", "Hoàn thành tốt nhiệm vụ", "người", "2", "3", "66,7%"]
    refused = run("tally", 1, "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert "không tổng hợp từ phiếu cá nhân" in refused.stderr
