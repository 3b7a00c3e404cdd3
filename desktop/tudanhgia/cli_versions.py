"""Command-line commands for versions and the issued state (issue 17): `versions` (list, or save one
with --save), `diff` (between two versions, or a version and now; --docx writes Word's tracked
changes), `restore` of a version is `versions --restore`, `issue`, `unlock` and `check --issued`.
cli.py registers them; errors go through cli.py's main (Vietnamese message, exit code 2)."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from .cli_common import with_service

EXIT_OK, EXIT_FAIL = 0, 1
NOW_WORDS = ("now", "hien-tai", "hiện-tại", "0")


def _version(text: str) -> int | None:
    """A version number, or now ("now", "hien-tai", 0)."""
    if text.strip().lower() in NOW_WORDS:
        return None
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải số phiên bản (hoặc “now” cho hiện tại)") from None
    if value < 1:
        raise argparse.ArgumentTypeError("số phiên bản bắt đầu từ 1 (dùng “now” cho hiện tại)")
    return value


def add_parsers(sub, common, report_id: Callable[[str], int]) -> None:
    vp = sub.add_parser("versions", parents=[common],
                        help="các phiên bản của báo cáo; lưu hoặc khôi phục một phiên bản",
                        description="Liệt kê các phiên bản đã lưu của báo cáo (số, thời điểm, người lưu, tên). "
                                    "Phiên bản được lưu tự động mỗi lần xuất văn bản.")
    vp.add_argument("report_id", type=report_id, metavar="MÃ_BÁO_CÁO")
    vp.add_argument("--save", metavar="TÊN", help="lưu trạng thái hiện tại thành một phiên bản, ví dụ “Trình ký”")
    vp.add_argument("--restore", type=_version, metavar="SỐ",
                    help="khôi phục toàn bộ báo cáo (hoặc một mục với --section) từ phiên bản SỐ")
    vp.add_argument("--section", type=int, metavar="MÃ_MỤC", help="chỉ khôi phục mục này (mã mục, xem lệnh show)")

    dp = sub.add_parser("diff", parents=[common], help="so sánh hai phiên bản (hoặc một phiên bản với hiện tại)",
                        description="In những gì đã thay đổi giữa phiên bản A và B theo từng mục, từng chữ: "
                                    "[-chữ bị xóa-] {+chữ thêm vào+}; tự đánh giá, điểm, thông tin văn bản, hạn chế, "
                                    "biện pháp thay đổi. B mặc định là hiện tại (“now”).")
    dp.add_argument("report_id", type=report_id, metavar="MÃ_BÁO_CÁO")
    dp.add_argument("old", type=_version, metavar="A", help="số phiên bản trước")
    dp.add_argument("new", type=_version, metavar="B", nargs="?", default=None,
                    help="số phiên bản sau, hoặc “now” (mặc định)")
    dp.add_argument("--docx", type=Path, metavar="TỆP", help="ghi thêm tệp Word có đánh dấu thay đổi (Track Changes)")

    ip = sub.add_parser("issue", parents=[common], help="đánh dấu báo cáo đã ban hành (khóa, ghi nhận tệp DOCX)",
                        description="Đánh dấu báo cáo đã ban hành khi đã có số và ngày văn bản: xuất tệp DOCX ban "
                                    "hành, ghi nhận mã SHA-256 của tệp và khóa mọi chỉnh sửa.")
    ip.add_argument("report_id", type=report_id, metavar="MÃ_BÁO_CÁO")
    ip.add_argument("-o", "--out", type=Path, metavar="TỆP", help="tệp DOCX ban hành (mặc định: tên theo báo cáo)")

    up = sub.add_parser("unlock", parents=[common], help="mở khóa báo cáo đã ban hành (ghi lý do)",
                        description="Bỏ trạng thái đã ban hành để sửa tiếp; lý do, người mở và thời điểm được ghi lại.")
    up.add_argument("report_id", type=report_id, metavar="MÃ_BÁO_CÁO")
    up.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do mở khóa (bắt buộc)")


def _print_segments(segments) -> str:
    from .domain.diff import DELETED, INSERTED
    out = []
    for seg in segments:
        out.append(f"[-{seg.text}-]" if seg.op == DELETED else f"{{+{seg.text}+}}" if seg.op == INSERTED else seg.text)
    return "".join(out)


def print_diff(diff) -> None:
    from .domain.diff import SAME
    print(f"Trước: {diff.old_label}")
    print(f"Sau:   {diff.new_label}")
    print(diff.summary())
    if not diff.has_changes:
        return
    for c in diff.meta:
        print(f"* Thông tin văn bản — {c.label}: “{c.old}” → “{c.new}”")
    for name, paragraphs in (("Phần mở đầu", diff.preamble), ("Câu kết thúc", diff.closing)):
        for p in paragraphs:
            if p.op != SAME:
                print(f"* {name}: {_print_segments(p.segments)}")
    for s in diff.changed_sections:
        what = {"+": " (mục mới)", "-": " (mục đã xóa)"}.get(s.op, "")
        print(f"\n== {s.title}{what}" + (f"  (trong: {s.within})" if s.within else ""))
        if s.heading_segments and any(seg.op != SAME for seg in s.heading_segments):
            print(f"   Tên mục: {_print_segments(s.heading_segments)}")
        for p in s.paragraphs:
            if p.op != SAME:
                print(f"   {_print_segments(p.segments)}")
        for c in s.fields:
            print(f"   {c.label}: {c.old} → {c.new}")
    for title, changes in (("Hạn chế, khuyết điểm và biện pháp", diff.items), ("Phụ lục số liệu", diff.indicators)):
        if changes:
            print(f"\n== {title}")
            for c in changes:
                print(f"   {c.label}: “{c.old}” → “{c.new}”")


def cmd_versions(args, service) -> int:
    from .services.versions import again_lines, again_words, describe, issued_words
    if args.section is not None and args.restore is None:
        from .cli import UsageError
        raise UsageError("--section chỉ dùng cùng --restore")
    if args.save is not None:
        info = service.save_version(args.report_id, args.save)
        print(f"Đã lưu {describe(info)}.")
    if args.restore is not None:
        info = service.restore_version(args.report_id, args.restore, args.section)
        print(f"Đã khôi phục; trạng thái mới được lưu thành {describe(info)}.")
    versions = service.list_versions(args.report_id)
    if not versions:
        print("Báo cáo chưa có phiên bản nào (phiên bản được lưu mỗi lần xuất văn bản, hoặc dùng --save TÊN).")
    for v in versions:
        again = again_words(v)   # printed or exported again, unchanged: no version of its own
        print(f"{v.number}\t{v.created_at:%d/%m/%Y %H:%M}\t{v.user}\t{v.name}" + (f" — {again}" if again else ""))
        for line in again_lines(v):
            print(f"\t  ↳ {line}")
    issued = service.issued_state(args.report_id)
    for event in service.issue_history(args.report_id):
        verb = "Ban hành" if event.action == "issue" else f"Mở khóa (lý do: {event.reason})"
        print(f"{verb}: {issued_words(event)} — {event.at:%d/%m/%Y %H:%M}, {event.user}")
    if issued is not None:
        print(f"Trạng thái: ĐÃ BAN HÀNH ({issued_words(issued)}), chỉ đọc.")
    return EXIT_OK


def cmd_diff(args, service) -> int:
    diff = service.compare_versions(args.report_id, args.old, args.new)
    print_diff(diff)
    if args.docx is not None:
        from .services.export import default_docx_name
        from .services.files import output_path
        target = output_path(args.docx, lambda: default_docx_name(service.get_report(args.report_id))
                             .removesuffix(".docx") + "-so-sanh.docx")   # the window's name for it
        written = service.diff_docx(args.report_id, args.old, args.new, target)
        print(f"Đã ghi tệp Word có đánh dấu thay đổi: {written}")
    return EXIT_OK


def cmd_issue(args, service) -> int:
    from .services.export import default_docx_name
    from .services.files import output_path
    from .services.versions import issued_words
    out = output_path(args.out, lambda: default_docx_name(service.get_report(args.report_id)))
    event = service.issue_report(args.report_id, out)
    print(f"Đã đánh dấu ban hành {issued_words(event)}; báo cáo đã được khóa.")
    print(f"Tệp ban hành: {event.docx_path}")
    print(f"SHA-256: {event.docx_sha256}")
    return EXIT_OK


def cmd_unlock(args, service) -> int:
    event = service.unlock_report(args.report_id, args.reason)
    print(f"Đã mở khóa; lý do được ghi lại: {event.reason}")
    return EXIT_OK


def check_issued(args, service) -> int:
    """`check ID --issued FILE`: 0 when the file is the issued DOCX, 1 when it is not."""
    result = service.check_issued_docx(args.report_id, args.issued)
    print(result.message)
    print(f"SHA-256 của tệp: {result.sha256}")
    if result.issued is not None and not result.matches:
        print(f"SHA-256 đã ghi nhận: {result.issued.docx_sha256}")
    return EXIT_OK if result.matches else EXIT_FAIL


COMMANDS: dict[str, Callable] = {"versions": with_service(cmd_versions), "diff": with_service(cmd_diff),
                                 "issue": with_service(cmd_issue), "unlock": with_service(cmd_unlock)}
