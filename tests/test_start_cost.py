"""What was trimmed from every start (docs/benchmarks.md, start-up) still behaves as before: the
log file rotates as logging.handlers.RotatingFileHandler did, and the command line built with only
the command being run parses every argument list as the whole parser does."""
import logging

import pytest

from tudanhgia import cli, logs


@pytest.fixture
def small_log(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 400)
    monkeypatch.setattr(logs, "_configured", None)
    path = tmp_path / "logs" / "tudanhgia.log"
    logs.setup_logging(path)
    yield path
    root = logging.getLogger("tudanhgia")
    for h in list(root.handlers):
        root.removeHandler(h)
        h.close()
    monkeypatch.setattr(logs, "_configured", None)


def test_the_log_rotates_past_its_size_and_keeps_five_old_files(small_log):
    log = logging.getLogger("tudanhgia.test")
    for i in range(100):
        log.info("dòng %03d %s", i, "x" * 40)   # ~80 bytes a line: a new file every ~5 lines
    folder = small_log.parent
    assert sorted(p.name for p in folder.iterdir()) == [
        "tudanhgia.log", *(f"tudanhgia.log.{i}" for i in range(1, 6))]
    newest = small_log.read_text(encoding="utf-8")
    assert "dòng 099" in newest and all(p.stat().st_size <= 400 + 100 for p in folder.iterdir())
    # the files hold consecutive lines, newest first: .1 ends where the current one begins
    first_now = int(newest.split("dòng ")[1][:3])
    assert f"dòng {first_now - 1:03d}" in (folder / "tudanhgia.log.1").read_text(encoding="utf-8")
    assert "dòng 000" not in "".join(p.read_text(encoding="utf-8") for p in folder.iterdir())


ARGVS = [
    ["list"], ["list", "--search", "show", "--trash"], ["--db", "show", "list", "--unit", "3"],
    ["--data-dir", "list", "show", "7", "--text"], ["--db", "a.sqlite"], [], ["--data-dir", "d", "--db", "e"],
    ["export", "2", "--out", "x.docx", "--db", "b.sqlite"], ["plan", "1", "--add", "a", "--add", "b"],
    ["measures", "--open", "--overdue"], ["xlsx-import", "f.xlsx", "--dry-run"], ["about", "--licenses"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_the_parser_of_one_command_reads_what_the_whole_parser_reads(argv):
    assert vars(cli.build_parser(cli.command_in(argv)).parse_args(argv)) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["show", "abc"], ["list", "--nope"], ["nope"], ["show"], ["--db"], ["--nope"],
                                  ["--db", "x", "nope"]], ids=" ".join)
def test_bad_arguments_are_refused_the_same_way(argv, capsys):
    def refusal(parser):
        with pytest.raises(SystemExit) as exc:
            parser.parse_args(argv)
        return exc.value.code, capsys.readouterr().err
    assert refusal(cli.build_parser(cli.command_in(argv))) == refusal(cli.build_parser())


def test_help_still_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in cli.COMMANDS)


@pytest.mark.parametrize("argv", [[], ["--db", "a b.sqlite"], ["--data-dir", "d", "--db", "x"], ["--db=x.sqlite"],
                                  ["--data-dir=/tmp/đ", "--db", "ê.sqlite"]], ids=" ".join)
def test_the_window_s_own_options_are_read_as_the_parser_reads_them(argv):
    from tudanhgia.launch import window_arguments
    args = cli.build_parser().parse_args(argv)
    assert args.command is None
    assert window_arguments(argv) == {"db": args.db, "data_dir": args.data_dir}


@pytest.mark.parametrize("argv", [["list"], ["--db"], ["--db", "-x"], ["--db", "a", "--db", "b"], ["--help"],
                                  ["--version"], ["--db", "a", "list"], ["--data"], ["--db="], ["x"]], ids=" ".join)
def test_anything_else_goes_to_the_parser(argv):
    from tudanhgia.launch import window_arguments
    assert window_arguments(argv) is None


@pytest.mark.parametrize("data_home, state_home", [(None, None), ("/xdg/data", "/xdg/state"), ("rel/data", None),
                                                   (None, "/only/state"), ("", "")])
def test_the_data_and_log_folders_are_platformdirs_own(monkeypatch, tmp_path, data_home, state_home):
    import platformdirs

    from tudanhgia.paths import AppPaths
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TUDANHGIA_DATA_DIR", raising=False)
    for variable, value in (("XDG_DATA_HOME", data_home), ("XDG_STATE_HOME", state_home)):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    paths = AppPaths.default()
    assert (str(paths.data_dir), str(paths.log_dir)) == (platformdirs.user_data_dir("TuDanhGia", appauthor=False),
                                                         platformdirs.user_log_dir("TuDanhGia", appauthor=False))
