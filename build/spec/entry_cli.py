"""Frozen entry of the command line (tudanhgia-cli / tudanhgia-cli.exe).

Built without PySide6 (see tudanhgia.spec), so no command loads Qt. Without a command the user
wants the window: start the window program beside this one with the same options."""
import contextlib
import io
import os
import subprocess
import sys

from tudanhgia.cli import build_parser, main


def _wants_window(argv: list[str]) -> bool:
    if any(a in ("-h", "--help", "--version") for a in argv):
        return False
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # main() prints the Vietnamese message once
            args = build_parser().parse_args(argv)
    except SystemExit:
        return False
    return args.command is None


def _window_program() -> str:
    here = os.path.dirname(sys.executable)
    return os.path.join(here, "TuDanhGia.exe" if sys.platform.startswith("win") else "TuDanhGia")


if __name__ == "__main__":
    argv = sys.argv[1:]
    if _wants_window(argv):
        sys.exit(subprocess.call([_window_program(), *argv]))
    sys.exit(main(argv))
