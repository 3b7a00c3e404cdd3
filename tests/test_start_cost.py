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
    ["--data-dir", "list", "show", "7", "--text"], ["--db", "a.sqlite"], [],
    ["export", "2", "--out", "x.docx", "--db", "b.sqlite"], ["plan", "1", "--add", "a", "--add", "b"],
    ["measures", "--open", "--overdue"], ["xlsx-import", "f.xlsx", "--dry-run"], ["about", "--licenses"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_the_parser_of_one_command_reads_what_the_whole_parser_reads(argv):
    assert vars(cli.build_parser(cli.command_in(argv)).parse_args(argv)) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["show", "abc"], ["list", "--nope"], ["nope"], ["show"], ["--db"]], ids=" ".join)
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
