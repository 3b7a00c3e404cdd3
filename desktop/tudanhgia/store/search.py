"""The full-text index of the report texts (SQLite FTS5) and its queries, standard library only
(the command line and the start page use it without SQLAlchemy).

One index row per section: its heading and the visible text of its body (footnotes aside, as
before the index). Triggers on `section` keep the index in step with every write, whoever makes
it (the services, a migration, the command line), so no service has to remember it — except a
long section (BIG): its write only keeps the values the index holds for it (section_search_stale)
and `refresh_stale` re-indexes it later: the window after a pause in typing (ui/reindex.py) and
when the report closes, the service at open and close, the report list before a search (when it
can write the file; a read-only file is searched as its index is). The index is
contentless (it does not hold a second copy of the text) and its rowid carries the report id
(`report_id << 32 | section id`), so a query yields report ids without a join.

Matching: the words of a query are found in a section as a phrase, each from the start of a word,
the last one possibly unfinished (the officer is typing), case and Vietnamese marks ignored ("ke
hoach" finds "kế hoạch"; đ is folded to d by the triggers, which FTS5's own folding leaves alone).
A word typed WITH marks must also be found with them in the report ("bản" does not find "ban
hành"): the second table, words as written, says which reports hold it. (Where in the report is
not checked: "bản hành" finds a report with "bản" in one place and "ban hành" in another.)

A migration that recreates the `section` table (Alembic's batch mode copies it) drops these
triggers with the old table: call `create_index` again after it (tests/store/test_search.py
checks the head schema has the triggers and an index in step with the sections).
"""
from __future__ import annotations

import logging
import operator
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache

TABLE = "section_search"        # words folded: no case, no marks, đ as d; phrases and word starts
MARKED = "section_search_marked"  # words as written (case folded): which words carry which marks
# the FTS5 tables and the shadow tables SQLite makes for them (not part of the SQLAlchemy models)
STALE = "section_search_stale"   # sections whose index rows are behind: the values the index holds for each
TABLES = frozenset({STALE, *(f"{t}{suffix}" for t in (TABLE, MARKED) for suffix in ("", "_data", "_idx", "_config"))})
TRIGGERS = (f"{TABLE}_insert", f"{TABLE}_delete", f"{TABLE}_update", f"{TABLE}_update_stale")
# A section this long (body_json, characters) or longer is not re-indexed by the write that changed it:
# a contentless index forgets a row only when told the values it indexed, so each re-index tokenizes the
# old and the new text in both tables — 100-540 ms for 1 MB, in the officer's typing write (1-2 ms without
# it). The write keeps the values the index holds (section_search_stale) and `refresh_stale` re-indexes
# later (the window after a pause in typing, at close, at open; a search first). 32 K: a re-index there
# costs 3-8 ms (bench/search_stale.py), so that a body short enough to be written on the UI thread
# (ui/editor.py BACKGROUND_CHARS) keeps its write within a frame; a longer one's lag is a 2 s pause.
BIG = 32_768


def _folded_sql(expr: str) -> str:
    """SQL for the text of `expr` with đ/Đ as d (the tokenizer folds case and the other marks)."""
    return f"replace(replace({expr}, 'đ', 'd'), 'Đ', 'd')"


def _body_sql(column: str) -> str:
    """SQL for the visible text of a RichText JSON column: the runs of each paragraph ({"p": [[[text,
    flags] | {"fn": …}, …], …]}); footnotes and anything that is not such JSON give no text."""
    runs = ("SELECT group_concat(r.value ->> 0, '') FROM json_each(p.value) r WHERE r.type = 'array'")
    paragraphs = (f"SELECT ({runs}) AS t FROM json_each(CASE WHEN json_valid({column}) THEN {column} "
                  "ELSE '{}' END, '$.p') p")
    return f"coalesce((SELECT group_concat(t, ' ') FROM ({paragraphs})), '')"


def _rowid(alias: str) -> str:
    return f"({alias}.report_id << 32) | {alias}.id"


def _write(alias: str, delete: bool, source: str = "", rowid: str | None = None) -> str:
    return " ".join(_writes(alias, delete, source, rowid))


def _writes(alias: str, delete: bool, source: str = "", rowid: str | None = None) -> list[str]:
    """The statements adding (or, for a contentless index, forgetting: it must be told the values
    it indexed) the row of section `alias` in both tables; `source` (" FROM … WHERE …") makes
    them INSERT … SELECT, `rowid` the SQL of the row's id when `alias` has no `report_id`/`id`."""
    heading, body = f"{alias}.heading", _body_sql(f"{alias}.body_json")
    out = []
    for table, h, b in ((TABLE, _folded_sql(heading), _folded_sql(body)), (MARKED, heading, body)):
        values = f"{rowid or _rowid(alias)}, {h}, {b}"
        values = f"'delete', {values}" if delete else values
        head = f"{table}({table}, rowid, heading, body)" if delete else f"{table}(rowid, heading, body)"
        out.append(f"INSERT INTO {head} SELECT {values}{source};" if source else
                   f"INSERT INTO {head} VALUES ({values});")
    return out


_STALE_ROWID = "(x.report_id << 32) | x.section_id"
_CHANGED = ("(old.heading IS NOT new.heading OR old.body_json IS NOT new.body_json "
            "OR old.report_id IS NOT new.report_id)")
# re-indexed by the write itself: both texts short, and the index holds the old values (no stale row)
_AT_ONCE = (f"coalesce(length(old.body_json), 0) < {BIG} AND coalesce(length(new.body_json), 0) < {BIG} "
            f"AND NOT EXISTS (SELECT 1 FROM {STALE} WHERE section_id = old.id)")


def _forget(alias: str) -> str:
    """Forget section `alias` (old) in the index: by the values kept in the stale table when it has
    a row for it (the index holds those), else by `alias`'s own; the stale row goes too."""
    return (_write("x", True, f" FROM {STALE} x WHERE x.section_id = {alias}.id", _STALE_ROWID) + " "
            + _write(alias, True, f" WHERE NOT EXISTS (SELECT 1 FROM {STALE} WHERE section_id = {alias}.id)")
            + f" DELETE FROM {STALE} WHERE section_id = {alias}.id;")


DDL = [
    # prefix indexes for 1- and 2-letter word starts: the first keys typed in the search box
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(heading, body, content='', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2')",
    # only which rows hold a word: no positions (a tenth of the size); phrases are the folded table's
    f"CREATE VIRTUAL TABLE {MARKED} USING fts5(heading, body, content='', columnsize=0, detail=none, "
    "tokenize='unicode61 remove_diacritics 0', prefix='1 2')",
    # the values the index holds for a section whose row in it is behind (kept from the first write
    # that left it behind: later ones keep them); refresh_stale brings the row up to date
    f"CREATE TABLE {STALE} (section_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, heading TEXT, "
    "body_json TEXT)",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON section BEGIN {_write('new', False)} END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON section BEGIN {_forget('old')} END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF heading, body_json, report_id ON section "
    f"WHEN {_CHANGED} AND {_AT_ONCE} BEGIN {_write('old', True)} {_write('new', False)} END",
    # a long text: only the values the index holds are kept (a copy, a few ms for 1 MB)
    f"CREATE TRIGGER {TABLE}_update_stale AFTER UPDATE OF heading, body_json, report_id ON section "
    f"WHEN {_CHANGED} AND NOT ({_AT_ONCE}) BEGIN INSERT OR IGNORE INTO {STALE}(section_id, report_id, heading, "
    "body_json) VALUES (old.id, old.report_id, old.heading, old.body_json); END",
]


def create_index(con) -> None:
    """Create the index and its triggers (replacing any) and fill it from the sections present.
    `con`: a DB-API connection or anything with an `exec_driver_sql`/`execute` taking plain SQL."""
    run = getattr(con, "exec_driver_sql", None) or con.execute
    drop_index(con)
    for statement in DDL:
        run(statement)
    for table, fold in ((TABLE, _folded_sql), (MARKED, str)):
        run(f"INSERT INTO {table}(rowid, heading, body) SELECT {_rowid('s')}, {fold('s.heading')}, "
            f"{fold(_body_sql('s.body_json'))} FROM section s")


def install_triggers(con) -> None:
    """Replace the triggers (and add the stale table if missing) over an index in step with the
    sections: migration 0007, which left long sections' re-index to `refresh_stale`."""
    run = getattr(con, "exec_driver_sql", None) or con.execute
    for trigger in TRIGGERS:
        run(f"DROP TRIGGER IF EXISTS {trigger}")
    for statement in DDL[2:]:
        run(statement.replace(f"CREATE TABLE {STALE}", f"CREATE TABLE IF NOT EXISTS {STALE}"))


def legacy_triggers(con) -> None:
    """Back to the triggers of schema 0004-0006 (every write re-indexes at once), every stale row
    refreshed first and the stale table dropped: migration 0007's downgrade."""
    run = getattr(con, "exec_driver_sql", None) or con.execute
    for statement in (_writes("x", True, f" FROM {STALE} x", _STALE_ROWID)
                      + _writes("s", False, f" FROM section s WHERE s.id IN (SELECT section_id FROM {STALE})")):
        run(statement)
    for trigger in TRIGGERS:
        run(f"DROP TRIGGER IF EXISTS {trigger}")
    run(f"DROP TABLE {STALE}")
    run(f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON section BEGIN {_write('new', False)} END")
    run(f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON section BEGIN {_write('old', True)} END")
    run(f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF heading, body_json, report_id ON section BEGIN "
        f"{_write('old', True)} {_write('new', False)} END")


def drop_index(con) -> None:
    run = getattr(con, "exec_driver_sql", None) or con.execute
    for trigger in TRIGGERS:
        run(f"DROP TRIGGER IF EXISTS {trigger}")
    for table in (TABLE, MARKED, STALE):
        run(f"DROP TABLE IF EXISTS {table}")


# one section's refresh: forget the values the index holds, index the section as it is now
_refresh_statements = (_writes("x", True, f" FROM {STALE} x WHERE x.section_id = :id", _STALE_ROWID)
                       + _writes("s", False, " FROM section s WHERE s.id = :id"))


def refresh_stale(con: sqlite3.Connection, stop: Callable[[], bool] | None = None) -> int:
    """Bring the index rows of the sections written as stale up to date, each in a short
    transaction of its own (forget the values the index holds, index the section as it is now,
    drop the stale row), so that a write of typing waits for one section at most (or, interrupted
    with `con.interrupt()`, for none: that section's transaction rolls back and stays stale).
    `stop()` is asked before each section. `con`: a sqlite3 connection not in a transaction.
    Returns how many were refreshed."""
    done = 0
    for (section_id,) in con.execute(f"SELECT section_id FROM {STALE} ORDER BY section_id").fetchall():
        if stop is not None and stop():
            break
        con.execute("BEGIN IMMEDIATE")
        try:
            # another refresh may have done it since the list was read: the section's values would be
            # indexed twice
            here = con.execute(f"SELECT 1 FROM {STALE} WHERE section_id = ?", (section_id,)).fetchone()
            if here is not None:
                for statement in _refresh_statements:
                    con.execute(statement, {"id": section_id})
                con.execute(f"DELETE FROM {STALE} WHERE section_id = ?", (section_id,))
                done += 1
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:   # an interrupted write may have rolled back already
                con.execute("ROLLBACK")
            raise
    return done


class Refresh:
    """One run of `refresh_stale` on a connection of its own (`connection()`: a context manager
    giving a sqlite3 connection not in a transaction), on whichever thread calls `run`; `cancel()`,
    from any thread, stops it at once: the section under way rolls back and stays stale (a key typed
    must not wait for a re-index)."""

    def __init__(self, connection: Callable[[], AbstractContextManager[sqlite3.Connection]]):
        self._connection = connection
        self._lock = threading.Condition()
        self._con: sqlite3.Connection | None = None
        self._runs = 0   # runs under way
        self.cancelled = False

    def run(self) -> int:
        """Refresh; how many sections were. StorageError when the file refused (read-only, locked)."""
        with self._lock:
            if self.cancelled:
                return 0
            self._runs += 1
        try:
            with self._connection() as con:
                with self._lock:
                    if self.cancelled:
                        return 0
                    self._con = con
                try:
                    return refresh_stale(con, lambda: self.cancelled)
                finally:
                    with self._lock:
                        self._con = None
        except sqlite3.Error as exc:
            if self.cancelled:   # interrupted: what is not done stays stale
                return 0
            from ..errors import StorageError
            raise StorageError(f"Chưa cập nhật được chỉ mục tìm kiếm: {exc}") from exc
        finally:
            with self._lock:
                self._runs -= 1
                self._lock.notify_all()

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            if self._con is not None:
                self._con.interrupt()

    def wait(self) -> None:
        """Until no run is under way (its connection given back)."""
        with self._lock:
            while self._runs:
                self._lock.wait()


def refresh_file(path, read: sqlite3.Connection) -> None:
    """Before a search on the read-only connection `read`: the stale sections of the file `path`
    re-indexed on a short-lived connection of its own. A file that cannot be written now (read-only,
    another program's write under way) is searched as its index is: the words typed last into a
    long section are found once the window re-indexes it (docs/reliability.md)."""
    try:
        if not read.execute(f"SELECT EXISTS (SELECT 1 FROM {STALE})").fetchone()[0]:
            return
        con = sqlite3.connect(path, timeout=0.25, isolation_level=None)
        try:
            refresh_stale(con)
        finally:
            con.close()
    except sqlite3.Error:
        logging.getLogger("tudanhgia.store").info("search index not refreshed before a search", exc_info=True)


def stale_count(con: sqlite3.Connection) -> int:
    """How many sections have an index row behind their text (0 before the stale table exists)."""
    try:
        return con.execute(f"SELECT count(*) FROM {STALE}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


# --- queries ------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+")  # FTS5's unicode61: letters and digits make words, the rest separates


def _written(text: str) -> list[str]:
    """The words of `text` as typed, in lower case."""
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))]


def narrows(before: str, after: str) -> bool:
    """Whether every report found for `after` is found for `before`: the same words, the last one
    possibly longer, and maybe more after it — a key typed on. Each rule of the match holds for
    the shorter text then (the phrase's words from their start, the last unfinished; a word's
    marks, the last one's as a prefix), in the index as in the list's line."""
    old, new = _written(before), _written(after)
    last = len(old) - 1
    return bool(old) and len(new) > last and new[:last] == old[:last] and new[last].startswith(old[last])


def narrowed(last: tuple | None, text: str, reports: list, version: int) -> list:
    """The reports to search for `text`: the previous search's answer when `text` is typed on from
    its text over the same list and the file is unchanged since (`last`: its text, the list, the
    file's PRAGMA data_version, the answer; `version`: the file's now), else `reports`. The same
    list is not enough: the index changes without it (another connection's write, a stale
    section re-indexed before this search)."""
    if last is None or not narrows(last[0], text):
        return reports
    before, answered_at, answer = last[1], last[2], last[3]
    if answered_at != version:
        return reports
    return answer if len(before) == len(reports) and all(map(operator.is_, before, reports)) else reports


@lru_cache(maxsize=8192)  # a few thousand distinct Vietnamese syllables make most texts
def fold_word(word: str) -> str:
    """A word as the folded index holds it: lower case, no marks, đ as d."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Query:
    """What the officer typed, as words: `folded` for the phrase, `marked` the words typed with
    marks (lower case, as written): those must be found with their marks."""
    folded: tuple[str, ...]
    marked: tuple[str, ...]
    last_marked: bool  # the last word is among `marked` (and, being unfinished, a prefix there)

    @classmethod
    def parse(cls, text: str) -> Query:
        written = _written(text)
        folded = tuple(fold_word(w) for w in written)
        marked = tuple(w for w, f in zip(written, folded, strict=True) if w != f)
        return cls(folded, marked, bool(written) and written[-1] != folded[-1])

    def __bool__(self) -> bool:
        return bool(self.folded)

    def phrase(self) -> str:
        """FTS5: the folded words as one phrase, the last a prefix (words are letters and digits,
        so quoting them is enough)."""
        return '"' + " ".join(self.folded) + '"*'

    def marks(self) -> str:
        """FTS5: every marked word present (the last as a prefix if it is the query's last)."""
        last = len(self.marked) - 1
        return " AND ".join(f'"{w}"' + ("*" if i == last and self.last_marked else "")
                            for i, w in enumerate(self.marked))

    def in_line(self, line: Line) -> bool:
        """The same rule for a short text (the report's list line) held as a `Line`."""
        if (" " + " ".join(self.folded)) not in line.folded:
            return False
        last = len(self.marked) - 1
        return all((f" {w}" if i == last and self.last_marked else f" {w} ") in line.written
                   for i, w in enumerate(self.marked))


@dataclass(frozen=True)
class Line:
    """A short text's words, folded and as written, each with a space in front (and one at the end)."""
    folded: str
    written: str

    @classmethod
    def of(cls, text: str) -> Line:
        written = _written(text)
        return cls(" " + " ".join(fold_word(w) for w in written) + " ", " " + " ".join(written) + " ")


CACHED = 8   # answers of the index kept per connection (up to ~0.8 MB each at 10,000 reports)


def reports_matching(con: sqlite3.Connection, query: Query, cache: dict | None = None,
                     version: int | None = None) -> set[int]:
    """Ids of the reports with a section whose heading or body holds the query's words as a
    phrase (folded), and which hold each word typed with marks, with those marks (module doc).

    `cache` (a dict the caller keeps with `con`): the index's answers are kept there while the
    file is unchanged (PRAGMA data_version), each half on its own — the phrase, and the words
    with their marks — so typing on reuses them: "kế" and "kế " ask the same, and every key of
    "kế ho" after "kế h" needs the marks of "kế" again; an erased key asks what was asked before.
    `version`: the file's data_version as the caller read it after any re-index of its own (else read
    here), so that its cache and the caller's last answer are dropped by the same write."""
    if not query:
        return set()
    # each half on its own, per report, and the two sets intersected here: one INTERSECT in SQL
    # cost more than both (its temporary tables), "rowid IN (…)" made FTS5 run the phrase once per
    # candidate row (1.1 s for "kế" at 1,000 reports)
    phrase = f"SELECT DISTINCT rowid >> 32 FROM {TABLE} WHERE {TABLE} MATCH ?"
    marks = f"SELECT DISTINCT rowid >> 32 FROM {MARKED} WHERE {MARKED} MATCH ?"
    if cache is None:
        cache = {}
    if version is None:
        version = con.execute("PRAGMA data_version").fetchone()[0]
    if cache.get("version") != version:   # another connection wrote: every answer may have changed
        cache.clear()
        cache["version"] = version

    def asked(sql: str, match: str) -> frozenset[int]:
        key = (sql, match)
        found = cache.pop(key, None)
        if found is None:
            found = frozenset(r[0] for r in con.execute(sql, [match]))
            if len(cache) > CACHED:   # the least recently asked goes ("version" is the first key)
                del cache[next(k for k in cache if k != "version")]
        cache[key] = found   # last: the most recently asked
        return found
    if query.marked and len(query.folded) == 1 and _latin(query.marked[0]):
        # one word typed with marks: a section holding a word that starts with it as written holds
        # one that starts with it folded, so its marks alone answer (half the work of "quả", 70 ms)
        return set(asked(marks, query.marks()))
    found = asked(phrase, query.phrase())
    return set(found & asked(marks, query.marks())) if query.marked else set(found)


def _latin(word: str) -> bool:
    """Letters whose marks SQLite's tokenizer takes off as fold_word does (Latin, Vietnamese's
    among them); elsewhere the two might differ."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in word)
