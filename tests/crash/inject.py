"""The application's command line with a kill point, for the crash test (tests/crash/run.py).

    python tests/crash/inject.py [--db …] COMMAND …      (the arguments of `python -m tudanhgia`)

With TUDANHGIA_CRASH_AT=k the process sends itself SIGKILL just before its k-th database write
event (an INSERT, UPDATE, DELETE, DDL statement or a COMMIT, counted over every SQLAlchemy
engine of the process): a kill that lands between two statements of a transaction, or between
two transactions, exactly where a time-based kill would only rarely hit. With
TUDANHGIA_CRASH_COUNT=FILE the events are only counted, and the count written to FILE at exit
(the reference run that tells how many kill points a command has). Nothing else changes: the
command runs the application's own code."""
from __future__ import annotations

import atexit
import os
import signal
import sys

from sqlalchemy import event
from sqlalchemy.engine import Engine

_READ = ("SELECT", "PRAGMA", "WITH", "EXPLAIN")
_at = int(os.environ.get("TUDANHGIA_CRASH_AT") or 0)
_count_file = os.environ.get("TUDANHGIA_CRASH_COUNT")
_seen = 0


def _point() -> None:
    global _seen
    _seen += 1
    if _seen == _at:
        os.kill(os.getpid(), signal.SIGKILL)


@event.listens_for(Engine, "before_cursor_execute")
def _before_statement(conn, cursor, statement, parameters, context, executemany):
    if not statement.lstrip().upper().startswith(_READ):
        _point()


@event.listens_for(Engine, "commit")
def _before_commit(conn):
    _point()


def _write_count() -> None:
    with open(_count_file, "w") as fh:
        fh.write(str(_seen))


if _count_file:
    atexit.register(_write_count)


if __name__ == "__main__":
    sys.argv[0] = "tudanhgia"
    from tudanhgia.cli import main
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.exit(code)
