"""Issue 15, "Must show": `new --kind kiem-diem-tap-the-2025` then `show` prints the A/B outline of
Mẫu 01 (Hướng dẫn 43-HD/BTCTW); 86 points with "xuất sắc" proposed makes `check` warn. Expected
texts are the issue's, not the program's."""
from tudanhgia.domain import ChatLuong
from tudanhgia.kinds import KindRegistry, parse_kind

from cli_inproc import run  # the e2e folder is on the path (rootdir-relative import mode)

# (indent, number, heading) as the issue writes the form; headings longer than show's 70
# characters are compared on what show prints of them
OUTLINE = [
    (0, "A.", "NỘI DUNG KIỂM ĐIỂM"),
    (1, "I.", "Ưu điểm, kết quả đạt được"),
    (2, "1.", "Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; thực hiện "
              "quy chế làm việc."),
    (2, "2.", "Kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ được đề ra trong nghị quyết đại hội nhiệm kỳ"),
    (2, "3.", "Công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị; xây dựng tổ chức bộ máy tinh gọn"),
    (2, "4.", "Trách nhiệm của tập thể lãnh đạo, quản lý trong triển khai thực hiện các chủ trương"),
    (1, "II.", "Hạn chế, khuyết điểm và nguyên nhân"),
    (1, "III.", "Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận"),
    (1, "IV.", "Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)"),
    (1, "V.", "Trách nhiệm của tập thể, cá nhân"),
    (1, "VI.", "Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm"),
    (0, "B.", "NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI"),
    (1, "I.", "Đánh giá theo các nhóm tiêu chí"),
    (2, "1.", "Nhóm tiêu chí chung"),
    (2, "2.", "Nhóm tiêu chí về kết quả thực hiện nhiệm vụ"),
    (2, "", "Tổng điểm"),
    (1, "II.", "Đề xuất xếp loại mức chất lượng"),
]


def _new(sample_db, tmp_path) -> int:
    out = run("new", "--kind", "kiem-diem-tap-the-2025", "--period", "2025", "--db", sample_db, data_dir=tmp_path)
    return int(out.stdout.split("\t")[0])


def test_new_then_show_prints_the_a_b_outline(sample_db, tmp_path):
    rid = _new(sample_db, tmp_path)
    lines = run("show", rid, "--db", sample_db, data_dir=tmp_path).stdout.splitlines()
    outline = [ln for ln in lines if ln.rstrip().endswith("]")]
    # II. of part A lists its limitations and causes under it: the outline names II. only
    outline = [ln for ln in outline if not ln.lstrip().startswith(("1. Hạn chế, khuyết điểm  [",
                                                                   "2. Nguyên nhân của hạn chế"))]
    assert len(outline) == len(OUTLINE), "\n".join(outline)
    for line, (indent, number, heading) in zip(outline, OUTLINE, strict=True):
        start = "  " * indent + f"{number} {heading[:60]}".strip()
        assert line.startswith(start), (line, start)
    scored = {ln.strip().split("  [")[0]: ln.split("[")[1] for ln in outline if "/30]" in ln or "/70]" in ln
              or "/100]" in ln}
    assert scored == {"1. Nhóm tiêu chí chung": "Chưa viết; điểm …/30]",
                      "2. Nhóm tiêu chí về kết quả thực hiện nhiệm vụ": "Chưa viết; điểm …/70]",
                      "Tổng điểm": "Chưa viết; tổng …/100]"}
    choice = next(ln for ln in outline if "Đề xuất xếp loại mức chất lượng" in ln)
    assert "Đề nghị xếp loại mức chất lượng: chưa chọn" in choice
    assert "Tổng điểm tự chấm: …/100 điểm" in lines     # nothing scored: no "0/100" (audit gap 3)
    assert "Lưu ý:" not in "\n".join(lines)


def _score(sample_db, rid: int, general: float, tasks: float, level: ChatLuong) -> None:
    from tudanhgia.services import ReportService
    service = ReportService.open(sample_db, create=False)
    try:
        sections = {s.key: s for s in service.get_report(rid).walk()}
        service.update_section(sections["tieu-chi.chung"].id, score=general)
        service.update_section(sections["tieu-chi.nhiem-vu"].id, score=tasks)
        service.update_section(sections["xep-loai"].id, rating=level)
    finally:
        service.close()


def test_86_with_xuat_sac_proposed_makes_check_warn(sample_db, tmp_path):
    rid = _new(sample_db, tmp_path)
    _score(sample_db, rid, 26, 60, ChatLuong.HTXS)
    proc = run("check", rid, "--db", sample_db, data_dir=tmp_path, check_rc=None)
    assert ("[!] Tổng điểm tự chấm 86/100 thuộc mức “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới 90 điểm); mức đề "
            "nghị “Hoàn thành xuất sắc nhiệm vụ” cao hơn mức theo điểm.") in proc.stdout.splitlines()
    show = run("show", rid, "--db", sample_db, data_dir=tmp_path).stdout
    assert "tổng 86/100]" in show and "cao hơn mức theo điểm" in show
    # 92 with xuất sắc: the score fits, but the unit's latest earlier plan (the sample's 2022 plan, its
    # measures not done) still has limitations open; what the program cannot see is a reminder
    _score(sample_db, rid, 28, 64, ChatLuong.HTXS)
    out = run("check", rid, "--db", sample_db, data_dir=tmp_path, check_rc=None).stdout
    assert "cao hơn mức theo điểm" not in out
    assert ("[!] Mức “Hoàn thành xuất sắc nhiệm vụ” đòi hỏi mọi hạn chế, khuyết điểm được cấp có thẩm quyền kết "
            "luận hoặc chỉ ra ở các kỳ trước đã được khắc phục, nhưng còn 5 hạn chế") in out
    assert "[i] Mức “Hoàn thành xuất sắc nhiệm vụ” còn đòi hỏi: 100% nhiệm vụ" in out
    # a lower level than the score gives: a note, no warning about the level
    _score(sample_db, rid, 28, 64, ChatLuong.HTT)
    out = run("check", rid, "--db", sample_db, data_dir=tmp_path, check_rc=None).stdout
    assert "[!] Mức “" not in out and "[!] Tổng điểm tự chấm" not in out


OLD_2025 = '''id = "kiem-diem-tap-the-2025"
family = "kiem-diem-tap-the"
version = "2025"
name = "Báo cáo kiểm điểm tập thể"
[[levels]]
number = "part"
[[levels]]
number = "roman"
[[section]]
key = "kiem-diem"
heading = "Kiểm điểm, đánh giá kết quả thực hiện nhiệm vụ năm {year}"
[[section]]
key = "cham-diem"
heading = "Tự chấm điểm, đề nghị xếp loại chất lượng"
[[section]]
key = "cham-diem.chung.1"
level = 2
heading = "Chính trị tư tưởng"
'''


def test_a_report_of_the_earlier_2025_outline_keeps_it_and_is_told(sample_db, tmp_path):
    from tudanhgia.services import ReportService
    service = ReportService.open(sample_db, create=False)
    try:  # made before the kind file was replaced: the earlier file's outline, stored with the report
        service.kinds = KindRegistry([*service.kinds.all(), parse_kind(OLD_2025)])
        rid = service.create_report("kiem-diem-tap-the-2025", "2025", service.list_units()[0].id).id
    finally:
        service.close()
    show = run("show", rid, "--db", sample_db, data_dir=tmp_path).stdout
    assert "Lưu ý: Báo cáo này được lập theo dàn ý mẫu 2025 soạn từ tin tóm tắt" in show
    assert "Phần I Kiểm điểm, đánh giá kết quả thực hiện nhiệm vụ năm 2025" in show
    assert "  I. Chính trị tư tưởng" in show and "NỘI DUNG KIỂM ĐIỂM" not in show
    check = run("check", rid, "--db", sample_db, data_dir=tmp_path, check_rc=None).stdout
    assert check.startswith("[i] Báo cáo này được lập theo dàn ý mẫu 2025 soạn từ tin tóm tắt")


def test_plain_new_drafts_a_iii_from_the_units_earlier_plan(sample_db, tmp_path):
    """Audit gap 2: `check` holds a new 2025 review against the unit's 2022 plan (5 limitations, each
    measure "Đang thực hiện"), so plain `new` drafts A.III from it as `next` does."""
    out = run("new", "--kind", "kiem-diem-tap-the-2025", "--period", "2025", "--db", sample_db, data_dir=tmp_path)
    lines = out.stdout.splitlines()
    assert lines[1] == ("Kết quả khắc phục: 5 hạn chế từ kế hoạch khắc phục kỳ trước của đơn vị, 0 đã khắc phục "
                        "xong; đã điền sẵn để sửa.")
    docx = tmp_path / "kd.docx"
    run("export", lines[0].split("\t")[0], "--out", docx, "--db", sample_db, data_dir=tmp_path)
    from docx_read import open_docx, text_paragraphs
    printed = text_paragraphs(open_docx(docx))
    at = next(i for i, p in enumerate(printed) if p.startswith("III. Kết quả khắc phục những hạn chế, khuyết điểm"))
    assert printed[at + 1].startswith("Thực hiện Kế hoạch") and printed[at + 1].endswith(
        "kết quả khắc phục những hạn chế, khuyết điểm như sau:")
    a_iii = printed[at + 1:printed.index("IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)")]
    assert ("- Việc cập nhật dữ liệu vào phần mềm quản lý nhiệm vụ chưa đầy đủ; việc xử lý hồ sơ thủ tục hành chính "
            "liên thông trên phần mềm có lúc còn chậm, chưa đồng bộ với xử lý hồ sơ giấy. (nêu năm 2022, theo Kết "
            "luận số 1621-KL/TU ngày 30/3/2023 của Ban Thường vụ Tỉnh ủy)") in a_iii
    verdicts = [p for p in a_iii if p.startswith("Đánh giá: ")]
    assert len(verdicts) == 5
    assert verdicts[-1] == ("Đánh giá: Đang khắc phục, mức độ khắc phục: đã hoàn thành 0/1 biện pháp. Khó khăn, "
                            "vướng mắc: …; trách nhiệm: Phòng Hành chính - Quản trị chủ trì; Lãnh đạo Văn phòng "
                            "chỉ đạo.")


def test_plain_new_for_a_unit_without_earlier_plans_leaves_a_iii_empty(sample_db, tmp_path):
    run("unit", "create", "Đảng ủy xã Tịnh Hà", "--db", sample_db, data_dir=tmp_path)
    out = run("new", "--kind", "kiem-diem-tap-the-2025", "--period", "2025", "--unit", "Đảng ủy xã Tịnh Hà",
              "--db", sample_db, data_dir=tmp_path).stdout
    assert len(out.splitlines()) == 1
    from tudanhgia.services import ReportService
    service = ReportService.open(sample_db, create=False)
    try:
        report = service.get_report(int(out.split("\t")[0]))
    finally:
        service.close()
    assert next(s for s in report.walk() if s.key == "khac-phuc").body.is_empty()
