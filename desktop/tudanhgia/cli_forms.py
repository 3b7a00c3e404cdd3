"""Command-line commands for the quarterly and monthly forms and the document standards (issue 15):
`task` (a civil servant's tasks of the period and their computed points), `score` (a section's
score, the proposed classification), `standard` (the document standard of a unit or a report) and
`tone` (the tone-mark style of the report's standard: the changes listed, applied with --apply) and
`tally` (a unit's quarterly summary counted from its individual forms).
cli.py registers them; the words the user sees are Vietnamese, errors go through cli.py's main."""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable

from .cli_common import with_service

EXIT_OK, EXIT_FAIL = 0, 1


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải số nguyên") from None
    if value < 0:
        raise argparse.ArgumentTypeError("số không được âm")
    return value


def add_parsers(sub, common, report_id: Callable[[str], int]) -> None:
    tp = sub.add_parser("task", parents=[common], help="bảng nhiệm vụ của phiếu tự đánh giá quý, tháng (tự tính điểm)",
                        description="Liệt kê, thêm hoặc xóa nhiệm vụ của phiếu tự đánh giá công chức theo quý, tháng "
                                    "(Nghị định 335/2025/NĐ-CP); điểm kết quả thực hiện nhiệm vụ được tự tính: mỗi lỗi "
                                    "lớn trừ 25% điểm chất lượng, mỗi lần chậm trừ 25% điểm tiến độ của sản phẩm đó.")
    tp.add_argument("report_id", type=report_id, metavar="MÃ_BÁO_CÁO")
    tp.add_argument("--add", metavar="TÊN", help="thêm một nhiệm vụ, sản phẩm")
    tp.add_argument("--planned", type=_count, default=1, metavar="SỐ", help="số sản phẩm được giao (mặc định 1)")
    tp.add_argument("--done", type=_count, metavar="SỐ", help="số sản phẩm đã hoàn thành (mặc định: bằng số được giao)")
    tp.add_argument("--errors", type=_count, default=0, metavar="SỐ", help="số lỗi lớn về chất lượng")
    tp.add_argument("--delays", type=_count, default=0, metavar="SỐ", help="số sản phẩm chậm tiến độ")
    tp.add_argument("--remove", type=_count, metavar="STT", help="xóa nhiệm vụ số STT")

    sp = sub.add_parser("score", parents=[common], help="tự chấm điểm một mục, chọn mức xếp loại đề xuất",
                        description="Ghi điểm tự chấm của một mục (theo khóa mục, xem lệnh show) và/hoặc mức xếp "
                                    "loại chất lượng đề xuất.")
    sp.add_argument("report_id", type=report_id, metavar="MÃ_BÁO_CÁO")
    sp.add_argument("--section", metavar="KHÓA_MỤC", help="khóa của mục, ví dụ tieu-chi-chung")
    sp.add_argument("--points", metavar="ĐIỂM", help="điểm tự chấm, ví dụ 27 hoặc 27,5")
    sp.add_argument("--propose", metavar="MỨC", help="mức đề xuất, ví dụ “Hoàn thành tốt nhiệm vụ”, “tốt” hoặc htt")

    dp = sub.add_parser("standard", parents=[common], help="thể thức văn bản của đơn vị hoặc của một báo cáo",
                        description="Không có THỂ_THỨC: liệt kê các thể thức. Có THỂ_THỨC: đặt cho đơn vị (--unit; "
                                    "không ghi: đơn vị mặc định) hoặc riêng một báo cáo (--report; “unit” để theo "
                                    "thể thức của đơn vị).")
    dp.add_argument("standard", nargs="?", metavar="THỂ_THỨC", help="nd30, hd05-vptw (xem danh sách)")
    dp.add_argument("--unit", metavar="ĐƠN_VỊ", help="tên hoặc mã đơn vị")
    dp.add_argument("--report", type=report_id, metavar="MÃ_BÁO_CÁO", help="một báo cáo")

    yp = sub.add_parser("tally", parents=[common], help="tổng hợp số liệu báo cáo quý từ các phiếu cá nhân",
                        description="Đếm lại số công chức được đánh giá và số đề xuất từng mức xếp loại từ các phiếu "
                                    "tự đánh giá cùng đơn vị, cùng kỳ; ghi vào phụ lục số liệu của báo cáo tổng hợp.")
    yp.add_argument("report_id", type=report_id, metavar="MÃ_BÁO_CÁO")

    np_ = sub.add_parser("tone", parents=[common], help="kiểu bỏ dấu (hòa/hoà) theo thể thức: xem và chuẩn hóa",
                         description="Liệt kê những từ trong nội dung báo cáo viết khác kiểu bỏ dấu thanh của thể thức "
                                     "văn bản (hòa/hoà, thủy/thuỷ, khỏe/khoẻ); chỉ sửa khi có --apply.")
    np_.add_argument("report_id", type=report_id, metavar="MÃ_BÁO_CÁO")
    np_.add_argument("--apply", action="store_true", help="sửa các từ đã liệt kê")


def _print_tasks(report) -> None:
    from .domain.numbers import number_text
    from .domain.tasks import TaskScoring, task_points
    scoring = report.task_scoring or TaskScoring()
    if not report.tasks:
        print("(chưa có nhiệm vụ nào; thêm bằng: task MÃ --add \"TÊN\" --planned N --done N)")
    for i, t in enumerate(report.tasks, 1):
        print(f"{i}\t{t.name}\thoàn thành {t.done}/{t.planned}\tlỗi lớn {t.major_errors}\tchậm {t.delays}\t"
              f"{number_text(task_points(t, report.tasks, scoring))} điểm")
    total = report.tasks_score()
    print(f"Điểm kết quả thực hiện nhiệm vụ: {'…' if total is None else number_text(total)}/"
          f"{number_text(scoring.max_points)}")


def cmd_task(args, service) -> int:
    from .domain.tasks import Task
    from .services.tasks import add_task, remove_task
    if args.add is not None and args.remove is not None:
        from .cli import UsageError
        raise UsageError("chỉ dùng một trong --add, --remove")
    if args.add is not None:
        done = args.planned if args.done is None else args.done
        report = add_task(service, args.report_id, Task(args.add, args.planned, done, args.errors, args.delays))
    elif args.remove is not None:
        report = remove_task(service, args.report_id, args.remove)
    else:
        report = service.get_report(args.report_id)
    _print_tasks(report)
    return EXIT_OK


def cmd_score(args, service) -> int:
    from .cli import UsageError
    from .domain.numbers import number_text, parse_number
    if args.section is None and args.propose is None:
        raise UsageError("cần --section KHÓA --points ĐIỂM hoặc --propose MỨC")
    report = service.get_report(args.report_id)
    if args.section is not None:
        section = report.find(key=args.section)
        if section is None or not section.is_scored:
            keys = ", ".join(s.key for s in report.walk() if s.is_scored and s.key)
            raise UsageError(f"không có mục chấm điểm “{args.section}”; các mục: {keys or '(không có)'}")
        if section.content is not None and section.content.value == "tasks":
            raise UsageError("điểm kết quả thực hiện nhiệm vụ được tự tính từ bảng nhiệm vụ (lệnh task)")
        try:
            points = parse_number(args.points or "")
        except ValueError:
            points = None
        if points is None or not 0 <= points <= (section.max_score or 0):
            raise UsageError(f"điểm phải là số từ 0 đến {number_text(section.max_score)}")
        service.update_section(section.id, score=points)
    if args.propose is not None:
        section = report.classification_section
        if section is None:
            raise UsageError("báo cáo này không có mục đề xuất xếp loại")
        service.update_section(section.id, rating=_level(args.propose))
    report = service.get_report(args.report_id)
    total = report.score_total()
    shown = "…" if total is None or report.nothing_scored() else number_text(total)   # as printed
    print(f"Tổng điểm tự chấm: {shown}/{number_text(report.score_max())} điểm")
    if report.classification is not None:
        print(f"Đề xuất xếp loại: {report.classification.label}")
    return EXIT_OK


def _words(text: str, bare: bool) -> list[str]:
    """A text's words as compared: case folded; with `bare`, without tone marks ("xuat sac")."""
    from .domain.text import fold
    text = fold(text)
    if bare:
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).replace("đ", "d")
    return re.findall(r"[^\W_]+", text)


def _level(typed: str):
    """The proposed level: its code (htt), its label, or words found in exactly one label
    ("xuất sắc", "tốt", "xuat sac"); words of several labels are refused, naming them."""
    from .cli import UsageError
    from .domain.ratings import ChatLuong
    try:
        return ChatLuong.from_label(typed)
    except ValueError:
        pass
    for bare in (False, True):   # as typed first: "hoan thanh" must not beat an exact "hoàn thành"
        want = _words(typed, bare)
        hits = [lv for lv in ChatLuong if want and any(
            _words(lv.label, bare)[i:i + len(want)] == want for i in range(len(_words(lv.label, bare))))]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise UsageError(f"“{typed}” có trong nhiều mức: {', '.join(lv.label for lv in hits)}; hãy gõ rõ hơn, "
                             "ví dụ “tốt” hoặc htt")
    levels = "; ".join(f"{m.label} ({m.value})" for m in ChatLuong)
    raise UsageError(f"mức phải là một trong: {levels}")


def cmd_standard(args, service) -> int:
    from .cli import UsageError, _unit_id
    from .services.standards import (PLACEMENT_WORDS, all_standards, set_report_standard, set_unit_standard,
                                     standard_of)
    if args.unit is not None and args.report is not None:
        raise UsageError("chỉ dùng một trong --unit, --report")
    if args.standard is None:
        if args.report is not None:
            report = service.get_report(args.report)
            own = "riêng của báo cáo" if report.document_standard else "theo đơn vị"
            print(f"{standard_of(report).standard_id}\t{standard_of(report).standard_name} ({own})")
            return EXIT_OK
        for s in all_standards():
            print(f"{s.standard_id}\t{s.standard_name}\t{PLACEMENT_WORDS.get(s.tone_marks, s.tone_marks)}")
        from .render.standards import standards
        for err in standards().errors:   # a unit's file that could not be read: never silently ignored
            print(f"Lỗi: tệp thể thức không dùng được, đã bỏ qua: {err}", file=sys.stderr)
        return EXIT_OK if not standards().errors else EXIT_FAIL
    if args.report is not None:
        report = set_report_standard(service, args.report, args.standard)
        report = service.get_report(args.report)
        print(f"Báo cáo {args.report}: {standard_of(report).standard_name}")
        return EXIT_OK
    default = service.default_unit() if args.unit is None else None    # as `new` takes the default unit
    unit_id = _unit_id(service, args.unit) if args.unit is not None else default.id if default else None
    if unit_id is None:
        raise UsageError("cần --unit ĐƠN_VỊ hoặc --report MÃ (chưa có đơn vị mặc định)")
    unit = set_unit_standard(service, unit_id, args.standard)
    from .services.standards import unit_standard
    print(f"Đơn vị “{unit.name}”: {unit_standard(unit).standard_name}")
    return EXIT_OK


def cmd_tone(args, service) -> int:
    from .services.standards import PLACEMENT_WORDS, normalise_tone, standard_of, tone_changes
    report = service.get_report(args.report_id)
    style = standard_of(report)
    changes = tone_changes(report, style.tone_marks)
    print(f"Thể thức {style.standard_name}: bỏ dấu {PLACEMENT_WORDS.get(style.tone_marks, style.tone_marks)}")
    for c in changes:
        print(f"{c.where}: {c.word} → {c.replacement}")
    if not changes:
        print("Không có từ nào cần sửa.")
        return EXIT_OK
    if args.apply:
        n = normalise_tone(service, args.report_id, style.tone_marks)
        print(f"Đã sửa {n} từ.")
    else:
        # the command's result, not an error: on stdout, after the changes (two streams interleave in a pipe)
        print(f"{len(changes)} từ sẽ được sửa; chạy lại với --apply để sửa.")
    return EXIT_OK


def cmd_tally(args, service) -> int:
    from .domain.numbers import number_text
    from .services.tasks import tally_forms
    n, indicators = tally_forms(service, args.report_id)
    print(f"Đã tổng hợp từ {n} phiếu tự đánh giá.")
    for ind in indicators:
        rate = "" if ind.rate is None else f"\t{number_text(ind.rate, 1)}%"
        print(f"{ind.name}\t{number_text(ind.value)} {ind.unit}".rstrip() + rate)
    return EXIT_OK


COMMANDS: dict[str, Callable] = {"task": with_service(cmd_task), "score": with_service(cmd_score),
                                 "standard": with_service(cmd_standard), "tone": with_service(cmd_tone),
                                 "tally": with_service(cmd_tally)}
