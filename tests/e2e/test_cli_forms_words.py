"""Audit gaps 4, 5 and 7 of issue 15, on the command line as an officer types it: `score --propose`
takes the words of one level ("xuất sắc", "tốt"); `standard THỂ_THỨC` without --unit sets the
default unit's standard; `tone` prints its count line on its own line after the changes. Expected
texts are the levels of Quy định 366 / Nghị định 335 and the messages as the officer should read them."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_inproc import run  # the e2e folder is on the path (rootdir-relative import mode)


def _new_form(db, tmp_path) -> int:
    out = run("new", "--kind", "danh-gia-cong-chuc-quy", "--period", "Quý I/2026", "--db", db, data_dir=tmp_path)
    return int(out.stdout.split("\t")[0])


@pytest.mark.parametrize(("typed", "level"), [
    ("xuất sắc", "Hoàn thành xuất sắc nhiệm vụ"), ("Xuất sắc", "Hoàn thành xuất sắc nhiệm vụ"),
    ("tốt", "Hoàn thành tốt nhiệm vụ"), ("không hoàn thành", "Không hoàn thành nhiệm vụ"),
    ("xuat sac", "Hoàn thành xuất sắc nhiệm vụ"), ("hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ"),
    ("htt", "Hoàn thành tốt nhiệm vụ")])
def test_propose_takes_the_words_of_exactly_one_level(sample_db, tmp_path, typed, level):
    rid = _new_form(sample_db, tmp_path)
    out = run("score", rid, "--propose", typed, "--db", sample_db, data_dir=tmp_path).stdout
    assert out.splitlines() == ["Tổng điểm tự chấm: …/100 điểm", f"Đề xuất xếp loại: {level}"]   # nothing scored


def test_propose_words_of_several_levels_are_refused_by_name(sample_db, tmp_path):
    rid = _new_form(sample_db, tmp_path)
    out = run("score", rid, "--propose", "hoàn thành", "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert ("“hoàn thành” có trong nhiều mức: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành "
            "nhiệm vụ, Không hoàn thành nhiệm vụ; hãy gõ rõ hơn, ví dụ “tốt” hoặc htt") in out.stderr
    out = run("score", rid, "--propose", "giỏi", "--db", sample_db, data_dir=tmp_path, check_rc=2)
    assert "mức phải là một trong: Hoàn thành xuất sắc nhiệm vụ (htxs);" in out.stderr


def test_standard_without_unit_sets_the_default_units(sample_db, tmp_path):
    listed = run("unit", "list", "--db", sample_db, data_dir=tmp_path).stdout
    assert "Văn phòng UBND tỉnh Quảng Ngãi" in listed and "mặc định" in listed
    said = run("standard", "hd05-vptw", "--db", sample_db, data_dir=tmp_path).stdout
    assert said.strip() == "Đơn vị “Văn phòng UBND tỉnh Quảng Ngãi”: Hướng dẫn 05-HD/VPTW (văn bản của Đảng)"
    shown = run("standard", "--report", "2", "--db", sample_db, data_dir=tmp_path).stdout
    assert shown.strip() == "hd05-vptw\tHướng dẫn 05-HD/VPTW (văn bản của Đảng) (theo đơn vị)"


def test_standard_without_unit_and_no_default_unit_asks_for_one(tmp_path):
    run("new", "--kind", "khac", "--period", "2024", data_dir=tmp_path)    # a database with no unit
    refused = run("standard", "hd05-vptw", data_dir=tmp_path, check_rc=2)
    assert "cần --unit ĐƠN_VỊ hoặc --report MÃ (chưa có đơn vị mặc định)" in refused.stderr


def _tone_form(db, tmp_path) -> int:
    """A quarterly form with three words in the other tone-mark style than Nghị định 30's (hòa, thủy, khỏe)."""
    rid = _new_form(db, tmp_path)
    for task in ("Tổng hợp ý kiến về công tác thuỷ lợi", "Hoà giải ở cơ sở", "Khám sức khoẻ định kỳ"):
        run("task", rid, "--add", task, "--db", db, data_dir=tmp_path)
    return rid


CHANGES = ["Nhiệm vụ 1: thuỷ → thủy", "Nhiệm vụ 2: Hoà → Hòa", "Nhiệm vụ 3: khoẻ → khỏe"]
COUNT = "3 từ sẽ được sửa; chạy lại với --apply để sửa."


def test_tone_prints_its_count_line_after_the_changes_in_its_output(sample_db, tmp_path):
    out = run("tone", _tone_form(sample_db, tmp_path), "--db", sample_db, data_dir=tmp_path)
    assert out.stdout.splitlines()[1:] == [*CHANGES, COUNT] and out.stderr == ""


def test_tone_output_read_through_one_pipe_keeps_each_line_whole(sample_db, tmp_path):
    """As a terminal or `2>&1 | less` shows it: one stream, the count on its own last line."""
    rid = _tone_form(sample_db, tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("TUDANHGIA_DATA_DIR", "PYTHONUNBUFFERED")}
    proc = subprocess.run([sys.executable, "-m", "tudanhgia", "tone", str(rid), "--db", str(sample_db), "--data-dir",
                           str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
                          env=dict(env, PYTHONIOENCODING="utf-8"), cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout.decode("utf-8").splitlines()[-4:] == [*CHANGES, COUNT]
