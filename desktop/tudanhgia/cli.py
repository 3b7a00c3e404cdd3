"""Command line: `python -m tudanhgia [--db PATH] [--data-dir DIR] [COMMAND …]`.

Without a command the application window opens. Bad input exits with code 2 and a Vietnamese
message; tracebacks go to the log file only.
"""
from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path
from collections.abc import Callable, Sequence

from . import APP_NAME, __version__
from .launch import open_window, start_logging, utf8_output
from .paths import AppPaths

log = logging.getLogger("tudanhgia.cli")

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2

# argparse's own words, in Vietnamese: through our parser and formatter classes, never by
# replacing argparse's gettext (other argparse users in the process keep theirs).
_USAGE = "cách dùng: "
_HELP_HELP = "hiện phần trợ giúp này rồi thoát"
_VERSION_HELP = "hiện số phiên bản của chương trình rồi thoát"
_ERRORS = [(re.compile(pattern, re.DOTALL), vi) for pattern, vi in (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không hiểu: \1"),
    (r"argument (.*?): (.*)", None),          # the argument's own message follows: translated too
    (r"invalid choice: (.*) \(choose from (.*)\)", r"lựa chọn không hợp lệ: \1 (chọn một trong \2)"),
    (r"invalid (\S+) value: (.*)", r"giá trị \1 không hợp lệ: \2"),
    (r"expected one argument", "cần một giá trị"),
    (r"expected at most one argument", "cần nhiều nhất một giá trị"),
    (r"expected at least one argument", "cần ít nhất một giá trị"),
    (r"ambiguous option: (.*) could match (.*)", r"tùy chọn \1 không rõ, có thể là \2"),
    (r"not allowed with argument (.*)", r"không dùng cùng tham số \1"),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số \1"),
    (r"ignored explicit argument (.*)", r"tùy chọn không nhận giá trị \1"),
)]


def vi_message(message: str) -> str:
    """An argparse error message in Vietnamese (ours, already Vietnamese, pass unchanged)."""
    for pattern, vi in _ERRORS:
        m = pattern.fullmatch(message)
        if m and vi is None:
            return f"tham số {m.group(1)}: {vi_message(m.group(2))}"
        if m:
            return m.expand(vi)
    return message


class UsageError(Exception):
    """Bad input from the command line (exit code 2)."""


_width: int | None = None


class _Formatter(argparse.HelpFormatter):
    """argparse makes a formatter at every add_argument, each asking the terminal's width
    through shutil (~2 ms to import, a system call each): asked once here, the same way."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        global _width
        if width is None and _width is None:
            try:
                _width = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (AttributeError, ValueError, OSError):
                _width = 80
            _width -= 2
        super().__init__(prog, indent_increment, max_help_position, width or _width)

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, _USAGE if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        parents = kwargs.pop("parents", [])
        super().__init__(*args, **kwargs)
        # titles set before the parents' arguments join: their groups merge by title
        self._positionals.title, self._optionals.title = "tham số", "tùy chọn"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _HELP_HELP
        for parent in parents:     # as ArgumentParser.__init__ does with `parents`
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def add_argument(self, *args, **kwargs):
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", _VERSION_HELP)
        return super().add_argument(*args, **kwargs)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {vi_message(message)}\n")


def _report_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"mã báo cáo phải là số nguyên, không phải “{text}”") from None
    if value < 1:
        raise argparse.ArgumentTypeError("mã báo cáo phải là số dương")
    return value


class _Skipped:
    """A command's parser not built (see build_parser's `only`): its arguments go nowhere."""

    def add_argument(self, *args, **kwargs) -> None:
        pass


class _OnlyOne:
    """Subparsers of which only the command being run is built (17 parsers, ~60 arguments: a few
    ms of every command's start)."""

    def __init__(self, subparsers, only: str):
        self._subparsers, self._only = subparsers, only

    def add_parser(self, name: str, **kwargs):
        return self._subparsers.add_parser(name, **kwargs) if name == self._only else _Skipped()


def command_in(argv: Sequence[str]) -> str | None:
    """The command named in `argv` (its first word that is not an option or an option's value),
    when it is one of ours; "" when there is none (the window: no command's parser is built);
    None for a wrong one, or help asked before it (the whole parser, to list the commands)."""
    values = {"--db", "--data-dir"}
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in values:
            skip = True
        elif word.startswith("-"):
            if word in ("-h", "--help", "--version"):
                return None
        else:
            return word if word in COMMANDS else None
    return "" if not skip else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (`only`) the options and that one command: the same parse of
    an argument list naming it (main chooses with command_in)."""
    def options(default) -> argparse.ArgumentParser:
        common = _Parser(add_help=False)
        common.add_argument("--db", type=Path, metavar="TỆP", default=default,
                            help="tệp cơ sở dữ liệu (mặc định: trong thư mục dữ liệu người dùng)")
        common.add_argument("--data-dir", type=Path, metavar="THƯ_MỤC", default=default,
                            help="thư mục dữ liệu người dùng (mặc định theo hệ điều hành)")
        return common
    # the options stand before or after the command: a command's parser sets them only when they
    # are given there (SUPPRESS), or its default None would wipe `--db X` given before the command
    common = options(argparse.SUPPRESS)
    p = _Parser(prog="tudanhgia", parents=[options(None)],
                description=f"{APP_NAME} — soạn báo cáo tự đánh giá, kiểm điểm đúng thể thức "
                            "Nghị định 30/2020/NĐ-CP hoặc Hướng dẫn 05-HD/VPTW (văn bản của Đảng). "
                            "Không có lệnh: mở cửa sổ chương trình.")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    if only is not None:   # "": none (the window)
        sub = _OnlyOne(sub, only)  # type: ignore[assignment]

    lp = sub.add_parser("list", parents=[common], help="liệt kê báo cáo (mỗi dòng: mã, kỳ, loại, đơn vị, tên)",
                        description="Liệt kê báo cáo, mỗi dòng bắt đầu bằng mã báo cáo.")
    lp.add_argument("--unit", metavar="ĐƠN_VỊ", help="lọc theo tên hoặc mã đơn vị")
    lp.add_argument("--kind", metavar="LOẠI", help="lọc theo loại báo cáo (mã loại hoặc họ loại)")
    lp.add_argument("--period", metavar="KỲ", help="lọc theo kỳ: 2023, 2023-H1, \"Quý III/2023\", \"Tháng 3/2026\"")
    lp.add_argument("--search", metavar="CHỮ", help="tìm theo nội dung")
    lp.add_argument("--trash", action="store_true", help="liệt kê báo cáo trong thùng rác")

    sp = sub.add_parser("show", parents=[common], help="hiện dàn ý (đánh số, tự đánh giá, mức hoàn thành)",
                        description="Hiện dàn ý của một báo cáo với số mục, tự đánh giá và mức hoàn thành.")
    sp.add_argument("report_id", type=_report_id, metavar="MÃ_BÁO_CÁO")
    sp.add_argument("--text", action="store_true", help="in toàn văn thay cho dàn ý")

    cp = sub.add_parser("check", parents=[common], help="kiểm tra báo cáo trước khi in",
                        description="Liệt kê mục còn trống, tự đánh giá chưa chọn, thiếu người ký, nơi nhận…")
    cp.add_argument("report_id", type=_report_id, metavar="MÃ_BÁO_CÁO")
    cp.add_argument("--issued", type=Path, metavar="TỆP_DOCX",
                    help="cho biết tệp DOCX này có đúng là văn bản đã ban hành của báo cáo không (so mã SHA-256)")
    cp.add_argument("--no-spelling", action="store_true",
                    help="không kiểm tra chính tả (mặc định: liệt kê từ có thể sai chính tả theo từng mục)")

    np_ = sub.add_parser("new", parents=[common], help="tạo báo cáo mới theo loại",
                         description="Tạo báo cáo mới với đầy đủ dàn ý của loại báo cáo.")
    np_.add_argument("--kind", required=True, metavar="LOẠI", help="mã loại hoặc họ loại (xem lệnh kinds)")
    np_.add_argument("--unit", metavar="ĐƠN_VỊ", help="tên hoặc mã đơn vị (mặc định: đơn vị mặc định)")
    np_.add_argument("--period", required=True, metavar="KỲ",
                     help="2024, 2024-H1 (6 tháng), \"Quý I/2026\" hoặc 2026-Q1, \"Tháng 3/2026\" hoặc 2026-M03")

    ep = sub.add_parser("export", parents=[common], help="xuất văn bản DOCX đúng thể thức",
                        description="Xuất báo cáo ra tệp DOCX theo thể thức văn bản đã chọn cho báo cáo "
                                    "(Nghị định 30/2020/NĐ-CP hoặc Hướng dẫn 05-HD/VPTW; lệnh standard).")
    ep.add_argument("report_id", type=_report_id, metavar="MÃ_BÁO_CÁO")
    ep.add_argument("--out", type=Path, metavar="TỆP.docx",
                    help="tệp cần ghi, hoặc một thư mục để ghi vào đó (mặc định: tên theo loại và kỳ báo cáo, trong "
                         "thư mục hiện tại)")

    pp = sub.add_parser("plan", parents=[common], help="lập kế hoạch khắc phục từ một báo cáo kiểm điểm",
                        description="Tạo kế hoạch khắc phục: mỗi hạn chế, khuyết điểm của báo cáo thành một nội "
                                    "dung, giữ liên kết để theo dõi kết quả khắc phục ở kỳ sau.")
    pp.add_argument("report_id", type=_report_id, metavar="MÃ_BÁO_CÁO")
    pp.add_argument("--conclusion", default="", metavar="KẾT_LUẬN",
                    help="kết luận của cấp trên, ví dụ \"Kết luận số 1621-KL/TU ngày 30/3/2023 của BTV Tỉnh ủy\"")
    pp.add_argument("--add", action="append", default=[], metavar="HẠN_CHẾ",
                    help="hạn chế do kết luận bổ sung (có thể lặp lại)")

    xp = sub.add_parser("next", parents=[common], help="lập báo cáo kỳ sau, điền sẵn kết quả khắc phục",
                        description="Tạo báo cáo kỳ sau từ báo cáo kiểm điểm (hoặc kế hoạch khắc phục) kỳ này; "
                                    "mục “Kết quả khắc phục…” được điền sẵn từ kế hoạch liên kết.")
    xp.add_argument("report_id", type=_report_id, metavar="MÃ_BÁO_CÁO")
    xp.add_argument("--period", metavar="KỲ", help="kỳ mới (mặc định: kỳ liền sau)")
    xp.add_argument("--carry-over", action="store_true",
                    help="đưa các hạn chế chưa khắc phục xong vào báo cáo mới")

    mp = sub.add_parser("measures", parents=[common], help="bảng theo dõi biện pháp khắc phục",
                        description="Liệt kê mọi biện pháp khắc phục của các báo cáo: mã, hạn, trạng thái, đơn vị "
                                    "chủ trì, nội dung; sắp theo hạn.")
    mp.add_argument("--unit", metavar="ĐƠN_VỊ", help="tên hoặc mã đơn vị")
    mp.add_argument("--period", metavar="KỲ", help="kỳ của báo cáo: 2022, 2023-H1 …")
    mp.add_argument("--open", action="store_true", help="chỉ biện pháp chưa hoàn thành")
    mp.add_argument("--overdue", action="store_true", help="chỉ biện pháp quá hạn (so với hôm nay)")
    mp.add_argument("--lead", metavar="ĐƠN_VỊ_CHỦ_TRÌ", help="lọc theo đơn vị tham mưu/chủ trì")
    mp.add_argument("--today", metavar="NGÀY", help=argparse.SUPPRESS)  # tests: a fixed "today"

    xe = sub.add_parser("xlsx-export", parents=[common], help="xuất biện pháp khắc phục ra Excel để các phòng cập nhật",
                        description="Xuất danh sách biện pháp của một báo cáo (hoặc phụ lục số liệu với --indicators) "
                                    "ra tệp Excel khổ A4, có cột mã để nhập lại.")
    xe.add_argument("report_id", type=_report_id, metavar="MÃ_BÁO_CÁO")
    xe.add_argument("--out", type=Path, metavar="TỆP.xlsx",
                    help="tệp cần ghi, hoặc một thư mục để ghi vào đó (mặc định: tên theo báo cáo)")
    xe.add_argument("--indicators", action="store_true", help="xuất phụ lục số liệu thay cho biện pháp")

    xi = sub.add_parser("xlsx-import", parents=[common], help="nhập trạng thái, kết quả từ tệp Excel đã cập nhật",
                        description="Đọc tệp Excel các phòng đã cập nhật, liệt kê thay đổi và dòng không khớp, rồi "
                                    "cập nhật (trừ khi có --dry-run). Dòng có lỗi không được cập nhật.")
    xi.add_argument("file", type=Path, metavar="TỆP.xlsx")
    xi.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không cập nhật")
    xi.add_argument("--indicators", type=_report_id, metavar="MÃ_BÁO_CÁO",
                    help="nhập phụ lục số liệu vào báo cáo này thay cho biện pháp")

    ip = sub.add_parser("import", parents=[common], help="nhập báo cáo có sẵn (DOCX hoặc văn bản)",
                        description="Đọc một báo cáo có sẵn (.docx, .doc khi có LibreOffice, hoặc văn bản .txt), "
                                    "nhận dạng dàn ý, tự đánh giá, hạn chế, biện pháp… và lưu thành báo cáo mới.")
    ip.add_argument("file", type=Path, metavar="TỆP")
    ip.add_argument("--kind", metavar="LOẠI", help="loại báo cáo (mặc định: tự nhận dạng)")
    ip.add_argument("--unit", metavar="ĐƠN_VỊ",
                    help="đơn vị của báo cáo (mặc định: đơn vị mặc định); chưa có thì tạo mới theo phần đầu và "
                         "người ký của văn bản")
    ip.add_argument("--regenerate-attached", action="store_true",
                    help="tạo lại dòng “(Kèm theo …)” của phụ lục theo số, ngày của báo cáo (mặc định: giữ như văn "
                         "bản gốc)")

    up = sub.add_parser("unit", parents=[common], help="liệt kê, tạo, sửa hồ sơ đơn vị",
                        description="Hồ sơ đơn vị in ở phần đầu và phần cuối văn bản: cơ quan chủ quản, cơ quan "
                                    "ban hành, địa danh, người ký, nơi nhận. Ví dụ: unit create \"Phòng Nội vụ\" "
                                    "--issuing-agency \"PHÒNG NỘI VỤ\" --place \"Sơn Tịnh\".")
    up.add_argument("action", choices=["list", "create", "edit"], metavar="VIỆC",
                    help="list (liệt kê), create (tạo mới), edit (sửa)")
    up.add_argument("name", nargs="?", metavar="TÊN", help="tên (hoặc mã) đơn vị, cho create và edit")
    for option, label in UNIT_OPTIONS:
        up.add_argument(option, metavar="CHỮ", help=label)
    up.add_argument("--authority", choices=["KT", "TM", "Q", "TL", "TUQ", "-"],
                    help="thẩm quyền ký (KT., TM., Q., TL., TUQ.; - để bỏ)")
    up.add_argument("--recipient", action="append", metavar="NƠI_NHẬN",
                    help="nơi nhận thường dùng (lặp lại cho nhiều nơi; thay danh sách cũ)")
    up.add_argument("--default", action="store_true", help="đặt làm đơn vị mặc định")

    from .cli_forms import add_parsers   # task, score, standard, tone (issue 15)
    add_parsers(sub, common, _report_id)

    sub.add_parser("kinds", parents=[common], help="liệt kê các loại báo cáo",
                   description="Liệt kê các loại báo cáo và báo lỗi tệp loại báo cáo hỏng.")

    bp = sub.add_parser("backups", parents=[common], help="liệt kê các bản sao lưu tự động của cơ sở dữ liệu",
                        description="Liệt kê các bản sao lưu (mới nhất trước, đánh số để dùng với lệnh restore): "
                                    "thời điểm, lý do, dung lượng, số báo cáo.")
    bp.add_argument("--now", action="store_true", help="sao lưu ngay trước khi liệt kê")
    rp = sub.add_parser("restore", parents=[common], help="khôi phục cơ sở dữ liệu từ một bản sao lưu",
                        description="Thay dữ liệu hiện tại bằng bản sao lưu số SỐ (theo lệnh backups); dữ liệu "
                                    "hiện tại được sao lưu trước. Tệp hỏng không bị ghi đè mà được đổi tên, giữ "
                                    "lại bên cạnh. Hãy đóng cửa sổ chương trình đang mở tệp này trước.")
    rp.add_argument("number", type=_report_id, metavar="SỐ", help="số thứ tự của bản sao lưu (1: mới nhất)")
    rp.add_argument("--yes", action="store_true", help="xác nhận khôi phục (bắt buộc)")

    ap = sub.add_parser("about", parents=[common], help="phiên bản, thư mục dữ liệu, thành phần và giấy phép",
                        description="In phiên bản, thư mục dữ liệu, cơ sở dữ liệu và các thành phần đi kèm "
                                    "chương trình cùng giấy phép của chúng.")
    ap.add_argument("--licenses", action="store_true", help="in cả toàn văn giấy phép")
    from .cli_versions import add_parsers as add_version_parsers   # versions, diff, issue, unlock (issue 17)
    add_version_parsers(sub, common, _report_id)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    utf8_output()
    if argv is None:
        argv = sys.argv[1:]
    args = build_parser(command_in(argv)).parse_args(argv)
    if args.command is None:
        return open_window(args.db, args.data_dir)
    paths = AppPaths.default(args.data_dir)
    failed = start_logging(paths)
    if failed is not None:
        return failed
    handler: Callable = COMMANDS[args.command]
    try:
        return handler(args, paths)
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return EXIT_OK
    except UsageError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # the user gets a message, the log the traceback
        from .errors import ServiceError
        from .store import DatabaseError
        if isinstance(exc, (ServiceError, DatabaseError)):
            from .services.versions import ReportIssued   # its way out as a command here, not the window's menu
            print(f"Lỗi: {exc.command_line() if isinstance(exc, ReportIssued) else exc}", file=sys.stderr)
            if isinstance(exc, DatabaseError) and args.command != "restore":
                print(_damage_hint(exc, args, paths), file=sys.stderr, end="")
            return EXIT_USAGE
        log.exception("command %s failed", args.command)
        # the library's own (English) words stay in the log with the traceback
        print(f"Lỗi không mong đợi. Chi tiết đã ghi vào {paths.log_file}", file=sys.stderr)
        return EXIT_FAIL


def _damage_hint(exc: Exception, args, paths: AppPaths) -> str:
    """For a damaged (corrupt or cut) database: the newest good backup and the command that puts it in
    place, as the window offers them (ui/backups.offer_backup_for); "" for any other refusal."""
    from .errors import ServiceError
    from .services.backups import BackupService, describe, is_damaged
    if not is_damaged(exc):
        return ""
    try:
        backups = BackupService(Path(args.db or paths.database), paths)
        try:
            best = backups.newest_good()
            if best is None:
                return ("Chưa có bản sao lưu nào của tệp này trên máy. Nếu có bản chép ở nơi khác (ổ USB, thư điện "
                        "tử), hãy dùng bản đó (tùy chọn --db).\n")
            number = backups.available().index(best) + 1
            try:
                count = f", gồm {len(backups.reports(best))} báo cáo"
            except ServiceError:
                count = ""
        finally:
            backups.close()
    except Exception:  # the hint only: the refusal above is the message
        log.exception("no backup hint for the damaged %s", args.db or paths.database)
        return ""
    db = f' --db "{args.db}"' if args.db else ""
    return (f"Bản sao lưu tốt gần nhất: số {number}, lúc {describe(best)}{count}. Khôi phục bằng lệnh:\n"
            f"  tudanhgia{db} restore {number} --yes\n"
            "Tệp hỏng được giữ lại bên cạnh, không bị xóa; những gì sửa sau lúc sao lưu không có trong bản này.\n")


def _service(args, paths: AppPaths, create: bool = True):
    from .services import ReportService
    db = args.db or paths.database
    if args.db is not None and not Path(db).exists():
        raise UsageError(f"không tìm thấy tệp cơ sở dữ liệu “{db}”")
    return ReportService.open(db, paths, create=create)


def _unit_id(service, text: str | None) -> int | None:
    if text is None:
        return None
    if text.strip().isdecimal():
        return service.get_unit(int(text)).id
    unit = service.find_unit(text)
    if unit is None:
        names = ", ".join(u.name for u in service.list_units()) or "(chưa có đơn vị nào)"
        raise UsageError(f"không có đơn vị “{text}”; các đơn vị: {names}")
    return unit.id


def _period_text(period) -> str:
    """A period as the list shows it: a year as its number (2023), the others as officers write
    them (Quý I/2026, Tháng 3/2026, 6 tháng đầu năm 2024)."""
    label = period.label
    return period.code if label == f"năm {period.code}" else period.title_label


def cmd_list(args, paths) -> int:
    # the standard library's sqlite3 alone (no SQLAlchemy: most of the time of a short command)
    from .store.catalog import open_current
    db = args.db or paths.database
    reader = open_current(db)
    if reader is None:  # new, older or not ours: the service creates, migrates or refuses it
        _service(args, paths).close()
        reader = open_current(db)
        if reader is None:
            raise UsageError(f"không đọc được danh sách báo cáo của “{db}”")
    try:
        period = args.period
        if period:
            from .domain.period import Period
            try:
                period = period if period.strip().isdecimal() else Period.parse(period).code
            except ValueError as exc:
                raise UsageError(str(exc)) from None
        rows = reader.list(unit_id=_unit_in(reader.units(), args.unit), kind_ids=_kind_ids(args.kind, paths),
                           period=period, text=args.search, deleted=args.trash)
        for r in rows:
            print(f"{r.id}\t{_period_text(r.period)}\t{r.kind_id}\t{r.unit_name}\t{r.title}")
        if not rows:
            print("(không có báo cáo nào)", file=sys.stderr)
        return EXIT_OK
    finally:
        reader.close()


def _unit_in(units: list[tuple[int, str]], text: str | None) -> int | None:
    """`_unit_id` on the catalog's (id, name) list: the same answers and messages."""
    if text is None:
        return None
    if text.strip().isdecimal():
        if int(text) not in {i for i, _ in units}:
            raise UsageError(f"Không tìm thấy đơn vị số {int(text)}.")
        return int(text)
    wanted = text.strip().casefold()
    found = next((i for i, name in units if name.casefold() == wanted), None)
    if found is None:
        names = ", ".join(name for _, name in units) or "(chưa có đơn vị nào)"
        raise UsageError(f"không có đơn vị “{text}”; các đơn vị: {names}")
    return found


def _kind_ids(kind: str | None, paths: AppPaths) -> set[str] | None:
    """The kind ids of a kind id or family (what ReportService.list_reports accepts)."""
    if not kind:
        return None
    from .kinds import KindRegistry
    from .paths import shipped_kinds_dir
    kinds = KindRegistry.load(shipped_kinds_dir(), paths.user_kinds_dir)
    return {k.id for k in kinds.all() if kind in (k.id, k.family)} or {kind}


def _checked(service, report_id: int):
    """The report, the earlier limitations it answers for (chain) and the note on an outline older
    than its kind file's: what `show` and `check` judge it with."""
    from .services.chain import earlier_limitations
    report = service.get_report(report_id)
    return report, earlier_limitations(service, report), service.kinds.outline_note(report)


def cmd_show(args, paths) -> int:
    from .domain.completeness import progress, section_state
    from .domain.model import ContentKind
    from .domain.names import percent_done, section_name, shorten
    service = _service(args, paths, create=False)
    try:
        report, _earlier, note = _checked(service, args.report_id)
        from .services.chain import pre_print_check   # the same warnings as check and F7
        warnings = [i for i in pre_print_check(service, report, spelling=False) if i.severity.value == "warning"]
    except LookupError as exc:
        raise UsageError(str(exc)) from None
    finally:
        service.close()
    if args.text:
        from .render.text import report_text
        print(report_text(report))
        return EXIT_OK
    from .domain.numbers import number_text   # 7,5: as the window and the document show it
    done, total = progress(report)
    print(f"#{report.id} {report.title}")
    print(f"Loại: {report.kind_name} (mẫu {report.kind_version}) — Kỳ: {report.period.label} — "
          f"Đơn vị: {report.unit_name or '(chưa chọn)'}")
    if note:
        print(f"Lưu ý: {note}")
    print(f"Hoàn thành: {done}/{total} mục ({percent_done(done, total)}%)")
    numbers = report.numbering()
    for s, depth in report.walk_with_depth():
        head = shorten(section_name(s), 70)
        line = "  " * (depth - 1) + f"{numbers[s]} {head}".strip()  # an unnumbered line keeps its indent only
        extras = [section_state(report, s).label]
        if s.rating_scale is not None:
            extras.append(f"{s.rating_scale.prompt.rstrip(':')}: {s.rating.label if s.rating else 'chưa chọn'}")
        if s.is_scored:
            extras.append(f"điểm {'…' if s.score is None else number_text(s.score)}/{number_text(s.max_score)}")
        if s.content is ContentKind.SCORE_TOTAL and report.score_max() is not None:
            all_given = all(x.score is not None for x in report.walk() if x.is_scored)
            extras.append(f"tổng {number_text(report.score_total()) if all_given else '…'}/"
                          f"{number_text(report.score_max())}")
        print(f"{line}  [{'; '.join(extras)}]")
    total_score = report.score_total()
    if total_score is not None:   # nothing scored yet: "…", as printed (render/layout.py)
        shown = "…" if report.nothing_scored() else number_text(total_score)
        print(f"Tổng điểm tự chấm: {shown}/{number_text(report.score_max())} điểm")
    print(f"Hạn chế, khuyết điểm: {len(report.limitations)}; biện pháp: {len(report.all_measures())}")
    print(f"Cần xem lại: {len(warnings)}" if warnings else "Không còn mục nào cần xem lại.")
    for i in warnings:
        print(f"  - {i.message}")
    return EXIT_OK


def cmd_check(args, paths) -> int:
    from .services.chain import pre_print_check
    service = _service(args, paths, create=False)
    if args.issued is not None:   # is this file the issued DOCX? (issue 17)
        from .cli_versions import check_issued
        try:
            return check_issued(args, service)
        finally:
            service.close()
    try:   # the window's F7 list, word for word (the kind's note on an older outline first)
        issues = pre_print_check(service, service.get_report(args.report_id), spelling=not args.no_spelling)
    finally:
        service.close()
    for i in issues:
        mark = "!" if i.severity.value == "warning" else "i"
        print(f"[{mark}] {i.message}")
    warnings = [i for i in issues if i.severity.value == "warning"]
    print(f"{len(warnings)} cảnh báo, {len(issues) - len(warnings)} ghi chú.")
    return EXIT_FAIL if warnings else EXIT_OK


def cmd_new(args, paths) -> int:
    from .domain.period import Period
    service = _service(args, paths)
    try:
        try:
            period = Period.parse(args.period)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        try:
            kind = service.kinds.resolve(args.kind)
        except KeyError:
            known = ", ".join(k.id for k in service.kinds.all())
            raise UsageError(f"không có loại báo cáo “{args.kind}”; các loại: {known}") from None
        from .services.chain import create_report   # A.III drafted from the unit's earlier plans
        report, items = create_report(service, kind.id, period, _unit_id(service, args.unit))
        print(f"{report.id}\t{report.title}")
        if years := kind.years_mismatch(period):   # made all the same: a unit may have to use that form
            print(f"Lưu ý: {years}", file=sys.stderr)
        if items:
            done = sum(1 for i in items if i.remedied)
            print(f"Kết quả khắc phục: {len(items)} hạn chế từ kế hoạch khắc phục kỳ trước của đơn vị, {done} đã "
                  "khắc phục xong; đã điền sẵn để sửa.")
        return EXIT_OK
    finally:
        service.close()


def cmd_kinds(args, paths) -> int:
    from .kinds import KindRegistry
    from .paths import shipped_kinds_dir
    reg = KindRegistry.load(shipped_kinds_dir(), paths.user_kinds_dir)
    for k in reg.all():
        default = " (mặc định)" if reg.default_for(k.family) is k else ""
        own = " [của đơn vị]" if k.user_defined else ""
        print(f"{k.id}\t{k.family}\t{k.version}{default}{own}\t{k.name}\tkỳ: {k.periods_words}")   # what `new` takes
    for e in reg.errors:
        print(f"Bỏ qua tệp lỗi: {e}", file=sys.stderr)
    return EXIT_OK


def cmd_export(args, paths) -> int:
    from .services.direct import DirectService
    from .services.export import default_docx_name, export_docx
    from .services.files import output_path
    db = args.db or paths.database
    # a database at the current schema is read and written with sqlite3 alone (SQLAlchemy's import
    # was half of the command); a new or older one goes to the service, which creates or migrates it
    from .render.standards import use_user_folder
    use_user_folder(paths.data_dir / "standards")   # the unit's own standards of --data-dir
    service = (DirectService.open(db) if Path(db).is_file() else None) or _service(args, paths, create=False)
    try:
        out = output_path(args.out, lambda: default_docx_name(service.get_report(args.report_id)))
        print(export_docx(service, args.report_id, out))
        return EXIT_OK
    finally:
        service.close()


def cmd_plan(args, paths) -> int:
    from .services.chain import plan_from_review
    service = _service(args, paths, create=False)
    try:
        plan = plan_from_review(service, args.report_id, args.conclusion, args.add)
        print(f"{plan.id}\t{plan.title}")
        print(f"{len(plan.limitations)} nội dung khắc phục, liên kết với báo cáo số {args.report_id}.")
        return EXIT_OK
    finally:
        service.close()


def cmd_next(args, paths) -> int:
    from .domain.period import Period
    from .services.chain import follow_up_items, next_review
    service = _service(args, paths, create=False)
    try:
        try:
            period = Period.parse(args.period) if args.period else None
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        new = next_review(service, args.report_id, period, carry_over=args.carry_over)
        items = follow_up_items(service, service.get_report(args.report_id))
        print(f"{new.id}\t{new.title}")
        done = sum(1 for i in items if i.remedied)
        print(f"Kết quả khắc phục: {len(items)} hạn chế từ kế hoạch liên kết, {done} đã khắc phục xong"
              + (f"; {len(new.limitations)} hạn chế chuyển sang kỳ mới." if args.carry_over else "."))
        return EXIT_OK
    finally:
        service.close()


def cmd_measures(args, paths) -> int:
    import datetime as dt

    from .domain.deadlines import deadline_text
    from .services.board import measures_board
    service = _service(args, paths, create=False)
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
        rows = measures_board(service, _unit_id(service, args.unit), open_only=args.open,
                              overdue_only=args.overdue, lead_unit=args.lead, period=args.period, today=today)
        for r in rows:
            due = deadline_text(r.deadline)
            flag = "QUÁ HẠN" if r.overdue else r.measure.status.label
            task = r.task if len(r.task) <= 90 else r.task[:89] + "…"
            print(f"BP-{r.measure_id}\t{r.period.code}\t{due}\t{flag}\t{r.measure.lead_unit}\t{task}")
        overdue = sum(r.overdue for r in rows)
        print(f"{len(rows)} biện pháp, {overdue} quá hạn.", file=sys.stderr)
        return EXIT_OK
    finally:
        service.close()


def cmd_xlsx_export(args, paths) -> int:
    from .services import xlsx
    from .services.files import output_path
    service = _service(args, paths, create=False)
    try:
        report = service.get_report(args.report_id)
        if args.indicators:
            out = output_path(args.out, lambda: xlsx.default_indicators_name(report))
            print(xlsx.export_indicators(service, report.id, out))
        else:
            out = output_path(args.out, lambda: xlsx.default_measures_name(report))
            title, subtitle = xlsx.measures_sheet_title(report)
            print(xlsx.export_measures(service, xlsx.rows_for_report(report), out, title, subtitle))
        return EXIT_OK
    finally:
        service.close()


def cmd_xlsx_import(args, paths) -> int:
    from .services import xlsx
    service = _service(args, paths, create=False)
    try:
        if args.indicators:
            if args.dry_run:
                indicators, problems = xlsx.read_indicators(args.file)
                print(f"{len(indicators)} chỉ tiêu đọc được.")
            else:
                problems = xlsx.import_indicators(service, args.indicators, args.file)
            for p in problems:
                print(p.message_vi, file=sys.stderr)
            return EXIT_FAIL if any(p.blocking for p in problems) else EXIT_OK
        preview = xlsx.read_measure_updates(service, args.file)
        for c in preview.changes:
            print(c.describe())
        for p in preview.problems:
            print(p.message_vi, file=sys.stderr)
        if args.dry_run:
            print(f"Xem trước: {len(preview.changes)} thay đổi, {len(preview.problems)} dòng không cập nhật được; "
                  "chưa ghi gì.")
        else:
            try:  # one transaction: every change of the file, or none
                count = xlsx.apply_measure_updates(service, preview)
            except xlsx.XlsxError as exc:
                print(f"Lỗi: {exc}", file=sys.stderr)
                return EXIT_FAIL
            print(f"Đã cập nhật {count} biện pháp ({len(preview.changes)} thay đổi, ghi cùng một lần); "
                  f"{len(preview.problems)} dòng không cập nhật được.")
        return EXIT_FAIL if preview.problems else EXIT_OK
    finally:
        service.close()


UNIT_OPTIONS = (("--parent-agency", "cơ quan chủ quản, ví dụ \"UBND HUYỆN SƠN TỊNH\""),
                ("--issuing-agency", "cơ quan ban hành, ví dụ \"PHÒNG NỘI VỤ\""),
                ("--abbreviation", "chữ viết tắt dùng trong ký hiệu và \"Lưu:\", ví dụ PNV"),
                ("--place", "địa danh ghi trước ngày tháng"),
                ("--authority-position", "chức vụ sau thẩm quyền ký, ví dụ \"TRƯỞNG PHÒNG\" trong "
                                         "\"KT. TRƯỞNG PHÒNG\""),
                ("--signer-position", "chức vụ người ký"),
                ("--signer-name", "họ tên người ký"))


def cmd_unit(args, paths) -> int:
    from .domain.model import Authority, Recipient, Recipients, UnitProfile
    service = _service(args, paths)
    try:
        if args.action == "list":
            units = service.list_units()
            if not units:
                print("Chưa có đơn vị nào. Tạo bằng: unit create \"TÊN\" --issuing-agency … --place …")
            default = service.default_unit()
            from .domain.text import one_line   # a tab or line break stored otherwise cannot split a column
            for u in units:
                mark = " (mặc định)" if default is not None and default.id == u.id else ""
                signer = " ".join(x for x in (*u.signer.title_lines(), u.signer.name) if x)
                print("\t".join(one_line(x) for x in (str(u.id), u.name + mark, u.parent_agency, u.issuing_agency,
                                                       u.place, signer)))
            return EXIT_OK
        # every field typed here is made what the window's unit form makes it (one line each …)
        from .domain.text import one_line
        from .domain.unit_fields import tidy_unit
        name = one_line(args.name)
        if not name:
            raise UsageError(f"cần tên đơn vị: unit {args.action} \"TÊN\"")
        unit = UnitProfile(name) if args.action == "create" else service.get_unit(_unit_id(service, name) or 0)
        values = {opt: getattr(args, opt[2:].replace("-", "_")) for opt, _ in UNIT_OPTIONS}
        for opt, attr in (("--parent-agency", "parent_agency"), ("--issuing-agency", "issuing_agency"),
                          ("--abbreviation", "abbreviation"), ("--place", "place")):
            if values[opt] is not None:
                setattr(unit, attr, values[opt])
        for opt, attr in (("--authority-position", "authority_position"), ("--signer-position", "position"),
                          ("--signer-name", "name")):
            if values[opt] is not None:
                setattr(unit.signer, attr, values[opt])
        if args.authority is not None:
            unit.signer.authority = Authority.NONE if args.authority == "-" else Authority(args.authority + ".")
        if args.recipient is not None:
            unit.recipients = Recipients([Recipient(r) for r in args.recipient], unit.recipients.archive)
        saved = service.save_unit(tidy_unit(unit))
        if args.default:
            service.set_default_unit(saved.id)
        print(f"{'Đã tạo' if args.action == 'create' else 'Đã sửa'} đơn vị “{saved.name}” (mã {saved.id}).")
        return EXIT_OK
    finally:
        service.close()


def cmd_import(args, paths) -> int:
    from .domain.names import section_name
    from .services.importing import import_file, score_text
    if not args.file.exists():
        raise UsageError(f"không tìm thấy tệp “{args.file}”")
    service = _service(args, paths)
    try:
        # a unit named that does not exist yet is made from the document (after it was read)
        known = args.unit is None or args.unit.strip().isdecimal() or service.find_unit(args.unit) is not None
        try:
            result = import_file(service, args.file, args.kind, _unit_id(service, args.unit) if known else None,
                                 new_unit=None if known else args.unit,
                                 regenerate_attached=args.regenerate_attached)
        except KeyError:
            known = ", ".join(k.id for k in service.kinds.all())
            raise UsageError(f"không có loại báo cáo “{args.kind}”; các loại: {known}") from None
        report = result.report
        numbers = report.numbering()
        if result.created_unit is not None:
            u = result.created_unit
            print(f"Đã tạo đơn vị “{u.name}” theo văn bản: {u.parent_agency or '(không có cơ quan chủ quản)'} / "
                  f"{u.issuing_agency or '(không có cơ quan ban hành)'}; địa danh: {u.place or '(không có)'}; "
                  f"người ký: {u.signer.name or '(không có)'}.")
        print(f"Loại báo cáo: {result.kind.name} (mẫu {result.kind.version}); "
              f"{result.matched}/{len(result.kind.sections)} mục của mẫu được nhận ra.")
        for s, depth in report.walk_with_depth():
            head = section_name(s, 60)
            extra = f"  [{s.rating.label}]" if s.rating is not None else ""
            print(f"{'  ' * (depth - 1)}{numbers[s]} {head}{extra}".rstrip())
        print(f"Hạn chế, khuyết điểm: {len(report.limitations)}; biện pháp: {len(report.all_measures())}; "
              f"chú thích: {sum(len(p.footnotes) for s in report.walk() for p in s.body.paragraphs)}")
        print("Loại gần nhất: " + "; ".join(f"{k.name} ({score_text(score)})" for k, score in result.candidates))
        for note in result.notes:
            print(f"Lưu ý: {note}", file=sys.stderr)
        coverage = result.coverage
        if coverage is not None:
            print(coverage.summary())
            for line in coverage.lines():
                print(f"  {line}")
        print(f"{report.id}\t{report.title}")
        if coverage is not None and not coverage.complete:
            # saved, but some source text is in no part of the report, not even the unplaced section
            print(f"Lỗi: {len(coverage.missed)} đoạn của văn bản gốc chưa được đưa đủ vào báo cáo (kể cả mục chưa "
                  "xếp được); hãy mở báo cáo và bổ sung.", file=sys.stderr)
            return EXIT_FAIL
        return EXIT_OK
    finally:
        service.close()


def cmd_about(args, paths) -> int:
    from .about_info import components, summary_lines
    for line in summary_lines(paths.data_dir, args.db or paths.database, paths.log_dir):
        print(line)
    print("\nThành phần đi kèm và giấy phép:")
    found = components()
    for c in found:
        print(f"  {c.name} {c.version or '(không rõ phiên bản)'} — {c.licence_label}"
              + ("" if c.texts else " (không tìm thấy văn bản giấy phép)"))
    if args.licenses:
        for c in found:
            print("\n" + "═" * 72 + "\n" + c.full_text(), end="")
    return EXIT_OK


def _backups(args, paths):
    from .services.backups import BackupService
    db = Path(args.db or paths.database)
    if not db.exists():
        raise UsageError(f"không tìm thấy tệp cơ sở dữ liệu “{db}”")
    return BackupService(db, paths)


def cmd_backups(args, paths) -> int:
    from .services import ServiceError
    from .services.backups import reason_label, size_label
    backups = _backups(args, paths)
    if args.now:
        taken = backups.take("thu-cong")
        print(f"Đã sao lưu (đã kiểm tra toàn vẹn): {taken.path}" if taken.fresh else
              f"Dữ liệu không thay đổi từ bản sao lưu {taken.path.name}; không tạo bản mới.")
    listed = backups.available()
    if not listed:
        print(f"Chưa có bản sao lưu nào của “{backups.db_path.name}” (thư mục {backups.folder}).")
        return EXIT_OK
    print(f"Bản sao lưu của “{backups.db_path}” trong {backups.folder}:")
    for i, b in enumerate(listed, 1):
        try:
            count = f"{len(backups.reports(b))} báo cáo"
        except ServiceError:
            count = "không đọc được"
        print(f"{i:>3}  {b.taken_at:%d/%m/%Y %H:%M:%S}  {reason_label(b):<20}  {size_label(b.size):>9}  {count}")
    return EXIT_OK


def cmd_restore(args, paths) -> int:
    from .services.backups import describe
    backups = _backups(args, paths)
    listed = backups.available()
    if not 1 <= args.number <= len(listed):
        raise UsageError(f"không có bản sao lưu số {args.number}; có {len(listed)} bản (xem lệnh backups)")
    chosen = listed[args.number - 1]
    if not args.yes:
        raise UsageError(f"khôi phục sẽ thay toàn bộ dữ liệu của “{backups.db_path.name}” bằng bản sao lưu lúc "
                         f"{describe(chosen)}; thêm --yes để xác nhận")
    from .errors import ServiceError
    from .store.file_lock import lock_database_file
    # the window's own lock: a window with the file open would go on writing over what is restored
    lock = lock_database_file(backups.db_path)
    if lock is None:
        raise ServiceError(f"Tệp dữ liệu “{backups.db_path.name}” đang được mở trong một cửa sổ Tự Đánh Giá (trên "
                           "máy này hoặc máy khác dùng chung thư mục). Hãy đóng cửa sổ đó rồi khôi phục lại; "
                           "chưa có gì bị thay đổi.")
    try:
        return _restore_locked(backups, chosen, paths)
    finally:
        lock.unlock()


def _restore_locked(backups, chosen, paths) -> int:
    from .services import ReportService
    from .services.backups import describe, is_damaged
    from .store import DatabaseError
    try:
        service = ReportService.open(backups.db_path, paths, create=False)
    except DatabaseError as exc:
        if not is_damaged(exc):
            raise
        aside = backups.replace_damaged(chosen)
        print(f"{exc}\nĐã khôi phục bản sao lưu lúc {describe(chosen)}; tệp hỏng được giữ lại: {aside}")
        return EXIT_OK
    try:
        before = backups.restore(chosen, service)
    finally:
        backups.close()
        service.close()
    print(f"Đã khôi phục bản sao lưu lúc {describe(chosen)}. Dữ liệu trước khi khôi phục: {before.path}")
    return EXIT_OK


COMMANDS: dict[str, Callable] = {"import": cmd_import, "export": cmd_export, "plan": cmd_plan, "next": cmd_next,
                                 "measures": cmd_measures, "xlsx-export": cmd_xlsx_export,
                                 "xlsx-import": cmd_xlsx_import, "list": cmd_list, "show": cmd_show, "check": cmd_check,
                                 "new": cmd_new, "kinds": cmd_kinds, "about": cmd_about, "backups": cmd_backups,
                                 "restore": cmd_restore, "unit": cmd_unit}
from .cli_versions import COMMANDS as VERSION_COMMANDS  # noqa: E402  (versions, diff, issue, unlock: issue 17)
COMMANDS.update(VERSION_COMMANDS)
from .cli_forms import COMMANDS as FORM_COMMANDS  # noqa: E402  (task, score, standard, tone: issue 15)
COMMANDS.update(FORM_COMMANDS)
