"""`python -m tudanhgia` — see cli.py."""
import sys


def main() -> int:
    from .launch import open_window, utf8_output, window_arguments
    window = window_arguments(sys.argv[1:])
    if window is not None:  # the window alone: the command line's parser is not needed
        utf8_output()
        return open_window(window["db"], window["data_dir"])
    from .cli import main as cli_main
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
