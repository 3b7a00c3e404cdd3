"""The CLI as a user runs it: a separate process, Vietnamese messages, exit codes, no tracebacks."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, data_dir: Path, check_rc: int | None = 0):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("TUDANHGIA_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "tudanhgia", *map(str, args), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


def test_list_prints_the_three_samples_one_per_line(sample_db, tmp_path):
    out = run("list", "--db", sample_db, data_dir=tmp_path).stdout.strip().splitlines()
    assert len(out) == 3
    ids = sorted(int(line.split("\t")[0]) for line in out)
    assert ids == [1, 2, 3]
    assert any("kiểm điểm tập thể năm 2020" in line for line in out)


def test_show_prints_numbered_outline_ratings_and_completeness(sample_db, tmp_path):
    out = run("show", "1", "--db", sample_db, data_dir=tmp_path).stdout
    assert "I. Ưu điểm, kết quả đạt được" in out
    assert "2.1. Về công tác tham mưu tổng hợp" in out
    assert "III. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)" in out
    assert "IV. Kết quả khắc phục" in out
    assert "Tự đánh giá về cấp độ thực hiện: Tốt" in out
    assert "Hoàn thành:" in out


def test_new_then_list_then_show(tmp_path):
    db = tmp_path / "new.sqlite"
    data = tmp_path / "data"
    out = run("new", "--kind", "tu-danh-gia-nam", "--period", "2024", "--db", db, data_dir=data, check_rc=None)
    # no --db file yet: the database must exist for commands
    assert out.returncode == 2 and "không tìm thấy" in out.stderr
    out = run("new", "--kind", "tu-danh-gia-nam", "--period", "2024", data_dir=data).stdout
    new_id = out.split("\t")[0]
    assert new_id == "1" and "năm 2024" in out
    assert (data / "tudanhgia.sqlite").exists()
    listed = run("list", data_dir=data).stdout
    assert listed.startswith("1\t2024\ttu-danh-gia-nam")
    shown = run("show", "1", data_dir=data).stdout
    assert "Phần I Khái quát đặc điểm, tình hình" in shown and "chưa có nội dung" in shown


@pytest.mark.parametrize("args,needle", [
    (["show", "abc"], "phải là số nguyên"),
    (["show", "99"], "Không tìm thấy báo cáo số 99"),
    (["new", "--kind", "khong-co", "--period", "2024"], "không có loại báo cáo"),
    (["new", "--kind", "tu-danh-gia-nam", "--period", "2024-H3"], "kỳ báo cáo"),
    (["new", "--kind", "tu-danh-gia-nam", "--period", "2024", "--unit", "Sở Không Có"], "không có đơn vị"),
    (["frobnicate"], "lựa chọn không hợp lệ"),
    (["new", "--period", "2024"], "thiếu tham số bắt buộc"),
])
def test_bad_input_exits_2_with_a_vietnamese_message(sample_db, tmp_path, args, needle):
    proc = run(*args, "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert needle in proc.stderr


def test_foreign_database_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"PK\x03\x04 not a database")
    proc = run("list", "--db", other, data_dir=tmp_path, check_rc=2)
    assert "không phải cơ sở dữ liệu của Tự Đánh Giá" in proc.stderr
    assert other.read_bytes() == b"PK\x03\x04 not a database"


def test_help_is_vietnamese(tmp_path):
    out = run("--help", data_dir=tmp_path).stdout
    assert "cách dùng:" in out and "tùy chọn" in out and "liệt kê báo cáo" in out


def test_check_reports_gaps_with_exit_1(tmp_path):
    data = tmp_path / "d"
    run("new", "--kind", "ke-hoach-khac-phuc", "--period", "2024", data_dir=data)
    proc = run("check", "1", data_dir=data, check_rc=1)
    assert "Chưa có người ký" in proc.stdout


def test_kinds_lists_all_and_reports_a_broken_user_kind(tmp_path):
    data = tmp_path / "d"
    (data / "kinds").mkdir(parents=True)
    (data / "kinds" / "hong.toml").write_text("id = \n", encoding="utf-8")
    proc = run("kinds", data_dir=data)
    assert "kiem-diem-tap-the-2025" in proc.stdout and "(mặc định)" in proc.stdout
    assert "hong.toml, dòng 1" in proc.stderr


def test_log_file_is_written_in_the_data_dir(sample_db, tmp_path):
    run("list", "--db", sample_db, data_dir=tmp_path)
    log = tmp_path / "logs" / "tudanhgia.log"
    assert log.exists() and "opened database" in log.read_text(encoding="utf-8")


def test_export_prints_the_path_and_writes_a_docx(sample_db, tmp_path):
    out = tmp_path / "ra.docx"
    proc = run("export", "1", "--out", out, "--db", sample_db, data_dir=tmp_path)
    assert proc.stdout.strip() == str(out)
    from docx import Document
    assert any(p.text == "BÁO CÁO KIỂM ĐIỂM TẬP THỂ" for p in Document(str(out)).paragraphs)


def test_export_to_a_locked_file_exits_2(sample_db, tmp_path):
    out = tmp_path / "ra.docx"
    out.write_bytes(b"old")
    out.chmod(0o444)
    proc = run("export", "1", "--out", out, "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert "chỉ cho phép đọc" in proc.stderr and out.read_bytes() == b"old"


def test_plan_then_next_chain_from_the_command_line(sample_db, tmp_path):
    out = run("plan", "1", "--conclusion", "Kết luận số 25-KL/ĐU ngày 15/3/2021", "--db", sample_db,
              data_dir=tmp_path).stdout
    plan_id = out.split("\t")[0]
    assert "Kế hoạch phát huy ưu điểm" in out and "3 nội dung khắc phục" in out
    out = run("next", plan_id, "--period", "2021", "--carry-over", "--db", sample_db, data_dir=tmp_path).stdout
    new_id = out.split("\t")[0]
    assert "3 hạn chế từ kế hoạch liên kết, 0 đã khắc phục xong; 3 hạn chế chuyển sang kỳ mới." in out
    shown = run("show", new_id, "--text", "--db", sample_db, data_dir=tmp_path).stdout
    assert "Nhiều nội dung của Chương trình công tác phải điều chỉnh" in shown
    bad = run("next", "2", "--period", "2023-Q9", "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert "kỳ báo cáo" in bad.stderr


def test_measures_lists_the_board_with_overdue_ones(sample_db, tmp_path):
    proc = run("measures", "--overdue", "--today", "2023-08-01", "--db", sample_db, data_dir=tmp_path)
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2 and all("\tQUÁ HẠN\t" in line and "30/06/2023" in line for line in lines)
    assert lines[0].startswith("BP-")
    assert "2 biện pháp, 2 quá hạn." in proc.stderr
    everything = run("measures", "--db", sample_db, data_dir=tmp_path).stdout.strip().splitlines()
    assert len(everything) == 12


def test_xlsx_round_trip_from_the_command_line(sample_db, tmp_path):
    import openpyxl
    out = tmp_path / "bp.xlsx"
    assert run("xlsx-export", "2", "--out", out, "--db", sample_db, data_dir=tmp_path).stdout.strip() == str(out)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    header = next(r for r in range(1, 10) if any(str(c.value or "").startswith("Trạng thái") for c in ws[r]))
    cols = {str(c.value or ""): c.column for c in ws[header]}
    status_col = next(v for k, v in cols.items() if k.startswith("Trạng thái"))
    result_col = next(v for k, v in cols.items() if k.startswith("Kết quả"))
    ws.cell(header + 1, status_col, "Hoàn thành")
    ws.cell(header + 1, result_col, "Đã ban hành quy chế phối hợp mới")
    wb.save(out)
    dry = run("xlsx-import", out, "--dry-run", "--db", sample_db, data_dir=tmp_path)
    assert "chưa ghi gì" in dry.stdout and "Hoàn thành" in dry.stdout
    done = run("xlsx-import", out, "--db", sample_db, data_dir=tmp_path)
    assert "Đã cập nhật 1 biện pháp" in done.stdout
    board = run("measures", "--db", sample_db, data_dir=tmp_path).stdout
    assert board.count("\tHoàn thành\t") == 1
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    bad = run("xlsx-import", broken, "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert bad.stderr.startswith("Lỗi: ")


def test_import_prints_the_outline_and_the_new_id(sample_db, tmp_path):
    out = tmp_path / "kd.docx"
    run("export", "1", "--out", out, "--db", sample_db, data_dir=tmp_path)
    proc = run("import", out, "--db", sample_db, data_dir=tmp_path)
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("Loại báo cáo: Báo cáo kiểm điểm tập thể (mẫu 2019)")
    assert "I. Ưu điểm, kết quả đạt được" in proc.stdout and "[Tốt]" in proc.stdout
    new_id, title = lines[-1].split("\t")
    assert new_id == "4" and title == "Báo cáo kiểm điểm tập thể năm 2020"
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    bad = run("import", empty, "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert "Lỗi:" in bad.stderr
    missing = run("import", tmp_path / "khong-co.docx", "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert "không tìm thấy" in missing.stderr


def test_vietnamese_output_to_a_file_in_an_ansi_code_page(sample_db, tmp_path):
    """On Windows, output redirected to a file is encoded in the ANSI code page (cp1252 has no
    "ự"): the command must still write the whole list, as UTF-8."""
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PYTHONUTF8="0")
    env.pop("TUDANHGIA_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "tudanhgia", "list", "--db", str(sample_db),
                           "--data-dir", str(tmp_path / "d")], capture_output=True, env=env, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    assert len(out.splitlines()) == 3 and "Báo cáo tự đánh giá" in out


def _bare(*args):
    """The CLI with the arguments exactly in this order (run() appends --data-dir)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("TUDANHGIA_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "tudanhgia", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=60)
    assert "Traceback" not in proc.stderr
    return proc


def test_global_options_count_before_the_command_as_after_it(sample_db, tmp_path):
    """`tudanhgia --db X list` read the user's own database (argparse: a command's parser set
    --db back to None), and `--data-dir X import F` wrote to the real data folder."""
    data = tmp_path / "data"
    before = _bare("--data-dir", data, "--db", sample_db, "list")
    after = _bare("list", "--db", sample_db, "--data-dir", data)
    assert before.returncode == 0 and after.returncode == 0, before.stderr + after.stderr
    assert before.stdout == after.stdout and len(before.stdout.strip().splitlines()) == 3
    # the data folder given before the command is the one used: its database is created there
    made = _bare("--data-dir", data, "new", "--kind", "tu-danh-gia-nam", "--period", "2024")
    assert made.returncode == 0, made.stderr
    assert (data / "tudanhgia.sqlite").exists()
    # given on both sides, the one after the command wins
    other = tmp_path / "other.sqlite"
    told = _bare("--db", sample_db, "list", "--db", other, "--data-dir", data)
    assert told.returncode != 0 and "other.sqlite" in told.stderr
