"""The full-text index of the report texts (SQLite FTS5) and its queries, standard library only
(the command line and the start page use it without SQLAlchemy).

One index row per section: its heading and the visible text of its body (footnotes aside, as
before the index). Triggers on `section` keep the index in step with every write, whoever makes
it (the services, a migration, the command line), so no service has to remember it. The index is
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

import operator
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TABLE = "section_search"        # words folded: no case, no marks, đ as d; phrases and word starts
MARKED = "section_search_marked"  # words as written (case folded): which words carry which marks
# the FTS5 tables and the shadow tables SQLite makes for them (not part of the SQLAlchemy models)
TABLES = frozenset(f"{t}{suffix}" for t in (TABLE, MARKED) for suffix in ("", "_data", "_idx", "_config"))
TRIGGERS = (f"{TABLE}_insert", f"{TABLE}_delete", f"{TABLE}_update")


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


def _write(alias: str, delete: bool) -> str:
    """The statements adding (or, for a contentless index, forgetting: it must be told the values
    it indexed) the row of section `alias` in both tables."""
    heading, body = f"{alias}.heading", _body_sql(f"{alias}.body_json")
    out = []
    for table, h, b in ((TABLE, _folded_sql(heading), _folded_sql(body)), (MARKED, heading, body)):
        command = f"{table}({table}, rowid, heading, body) VALUES ('delete', " if delete else \
            f"{table}(rowid, heading, body) VALUES ("
        out.append(f"INSERT INTO {command}{_rowid(alias)}, {h}, {b});")
    return " ".join(out)


DDL = [
    # prefix indexes for 1- and 2-letter word starts: the first keys typed in the search box
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(heading, body, content='', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2')",
    # only which rows hold a word: no positions (a tenth of the size); phrases are the folded table's
    f"CREATE VIRTUAL TABLE {MARKED} USING fts5(heading, body, content='', columnsize=0, detail=none, "
    "tokenize='unicode61 remove_diacritics 0', prefix='1 2')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON section BEGIN {_write('new', False)} END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON section BEGIN {_write('old', True)} END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF heading, body_json, report_id ON section BEGIN "
    f"{_write('old', True)} {_write('new', False)} END",
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


def drop_index(con) -> None:
    run = getattr(con, "exec_driver_sql", None) or con.execute
    for trigger in TRIGGERS:
        run(f"DROP TRIGGER IF EXISTS {trigger}")
    for table in (TABLE, MARKED):
        run(f"DROP TABLE IF EXISTS {table}")


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


def narrowed(last: tuple | None, text: str, reports: list) -> list:
    """The reports to search for `text`: the previous search's answer when `text` is typed on from
    its text over the same list (`last`: its text, the list, the answer; the catalog makes new
    list lines when the file changed), else `reports`."""
    if last is None or not narrows(last[0], text):
        return reports
    before, answer = last[1], last[2]
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


def reports_matching(con: sqlite3.Connection, query: Query, cache: dict | None = None) -> set[int]:
    """Ids of the reports with a section whose heading or body holds the query's words as a
    phrase (folded), and which hold each word typed with marks, with those marks (module doc).

    `cache` (a dict the caller keeps with `con`): the index's answers are kept there while the
    file is unchanged (PRAGMA data_version), each half on its own — the phrase, and the words
    with their marks — so typing on reuses them: "kế" and "kế " ask the same, and every key of
    "kế ho" after "kế h" needs the marks of "kế" again; an erased key asks what was asked before."""
    if not query:
        return set()
    # each half on its own, per report, and the two sets intersected here: one INTERSECT in SQL
    # cost more than both (its temporary tables), "rowid IN (…)" made FTS5 run the phrase once per
    # candidate row (1.1 s for "kế" at 1,000 reports)
    phrase = f"SELECT DISTINCT rowid >> 32 FROM {TABLE} WHERE {TABLE} MATCH ?"
    marks = f"SELECT DISTINCT rowid >> 32 FROM {MARKED} WHERE {MARKED} MATCH ?"
    if cache is None:
        cache = {}
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
