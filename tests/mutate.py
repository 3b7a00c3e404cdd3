"""Mutation testing of the core: the domain, the layout and the plan → review chain (`make mutate`).

Each mutant is one small change to one source file (an operator swapped, an integer off by one,
a string altered, a `not` dropped, a value returned as None, a statement deleted). The test files
mapped to that source file are run against it with `-x`; a failing run "kills" the mutant, a
passing one lets it "survive" — a change no test notices. The report lists the survivors.

The work tree is never touched: every worker copies desktop/, tests/, resources/ and sample_db/
into its own temporary folder, writes the mutated file into that copy, and runs pytest there
with the copy first on sys.path (a start-up check proves the copy is what gets imported, and a
deliberately broken module must be killed before any result counts). A worker forks a fresh
child per mutant, so the test run starts from pytest already imported and no state crosses
mutants.

The mutant set is a pure function of the sources: the same sources give the same mutants in the
same order, whatever the number of workers. Hypothesis runs derandomized, without its database.

    python tests/mutate.py                 # all three targets, 2 workers
    python tests/mutate.py --target chain  # one target (domain, layout, chain)
    python tests/mutate.py --list          # the mutants, without running anything
    python tests/mutate.py --show KEY      # run one mutant and print its pytest output

KEY is the mutant's `file:line:n` as printed in the report. See docs/mutation.md.
"""
from __future__ import annotations

import argparse
import ast
import datetime
import importlib.util
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
import contextlib

ROOT = Path(__file__).resolve().parents[1]
PKG = "desktop/tudanhgia"

# Which tests judge which source file: the behaviour tests written against the mutants first
# (fast, so with -x most mutants die within a second), then the module's older tests.
def _domain(module: str, *more: str) -> list[str]:
    return [f"tests/domain/test_mutants_{module}.py", *more]


TARGETS: dict[str, dict[str, list[str]]] = {
    "domain": {
        f"{PKG}/domain/completeness.py": _domain("completeness", "tests/domain/test_completeness.py"),
        f"{PKG}/domain/deadlines.py": _domain("deadlines", "tests/domain/test_deadlines.py"),
        f"{PKG}/domain/model.py": _domain("model", "tests/domain/test_numbering.py",
                                          "tests/domain/test_period_and_meta.py", "tests/domain/test_completeness.py",
                                          "tests/test_sample_numbering.py"),
        f"{PKG}/domain/numbering.py": _domain("numbering", "tests/domain/test_numbering.py",
                                              "tests/test_sample_numbering.py"),
        f"{PKG}/domain/numbers.py": _domain("numbers"),
        f"{PKG}/domain/period.py": _domain("period", "tests/domain/test_period_and_meta.py"),
        f"{PKG}/domain/ratings.py": _domain("ratings", "tests/domain/test_completeness.py"),
        f"{PKG}/domain/richtext.py": _domain("richtext", "tests/domain/test_richtext.py"),
    },
    "layout": {f"{PKG}/render/layout.py": ["tests/render/test_mutants_layout.py",
                                            "tests/render/test_rendering.py",
                                            "tests/render/test_html.py",
                                            "tests/test_sample_fidelity.py"]},
    "chain": {f"{PKG}/services/chain.py": ["tests/services/test_mutants_chain.py",
                                           "tests/services/test_chain.py"]},
}
# Targets the sample database's build does not use (sample_db/build.py): their runs copy a
# database built once per worker instead of building it again for every mutant.
PREBUILT_SAMPLE = {"layout", "chain"}


# Mutants that change nothing an officer or a caller could observe. Each entry: (file, the
# function, the mutation as printed in the report, the stripped source line) and why.
EQUIVALENT: list[tuple[str, str, str, str, str]] = [
    # Role's values: every backend compares roles by identity; the values are never read or stored
    ("render/layout.py", "Role", "'preamble' → 'XXpreambleXX'", 'PREAMBLE = "preamble"          # B1',
     "Role values are not used"),
    ("render/layout.py", "Role", "'body' → 'XXbodyXX'", 'BODY = "body"                  # B1',
     "Role values are not used"),
    ("render/layout.py", "Role", "'part-label' → 'XXpart-labelXX'", 'PART_LABEL = "part-label"      # B2 "Phần I"',
     "Role values are not used"),
    ("render/layout.py", "Role", "'part-title' → 'XXpart-titleXX'", 'PART_TITLE = "part-title"      # B2 title line',
     "Role values are not used"),
    ("render/layout.py", "Role", "'heading' → 'XXheadingXX'", 'HEADING = "heading"            # B3–B6 titled heading',
     "Role values are not used"),
    ("render/layout.py", "Role", "'item' → 'XXitemXX'",
     'ITEM = "item"                  # numbered paragraph without a title (B4 upright)',
     "Role values are not used"),
    ("render/layout.py", "Role", "'measure-line' → 'XXmeasure-lineXX'",
     'MEASURE_LINE = "measure-line"  # "- Chỉ đạo thực hiện: …"',
     "Role values are not used"),
    ("render/layout.py", "Role", "'rating-prompt' → 'XXrating-promptXX'", 'RATING_PROMPT = "rating-prompt"',
     "Role values are not used"),
    ("render/layout.py", "Role", "'rating-options' → 'XXrating-optionsXX'",
     'RATING_OPTIONS = "rating-options"  # R1 the four levels on one line',
     "Role values are not used"),
    ("render/layout.py", "Role", "'classification-option' → 'XXclassification-optionXX'",
     'CLASSIFICATION_OPTION = "classification-option"  # R2 one option per line',
     "Role values are not used"),
    ("render/layout.py", "Role", "'score-total' → 'XXscore-totalXX'", 'SCORE_TOTAL = "score-total"    # R3',
     "Role values are not used"),
    ("render/layout.py", "Role", "'closing' → 'XXclosingXX'", 'CLOSING = "closing"            # B8',
     "Role values are not used"),
    # the layout always passes these fields; no other code makes a Header or a PageBreak
    ("render/layout.py", "Header", "'' → 'XXXX'", 'secrecy: str = ""', "always given by the layout"),
    ("render/layout.py", "Header", "'' → 'XXXX'", 'urgency: str = ""', "always given by the layout"),
    ("render/layout.py", "PageBreak", "False → True",
     "new_section: bool = False   # appendix: own section, page numbers restart (A1)", "always given by the layout"),
    ("render/layout.py", "_Builder.section", "'' → 'XXXX'", 'number = self.numbers.get(s, "")',
     "numbering() has every section of the report, the default is never taken"),
    # rstrip("XX0XX") strips the same characters as rstrip("0") from a formatted number (no X in it)
    ("render/layout.py", "vn_number", "'0' → 'XX0XX'",
     'text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"', "no X in a number"),
    ("render/layout.py", "vn_number", "'.' → 'XX.XX'",
     'text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"', "no X in a number"),
    # "10" printed with :02d is "10": the bound of the leading zero may move to 10 or 11 unseen
    ("domain/model.py", "DocumentMeta.printed_number", "< → <=",
     'return f"{int(num):02d}" if num.isascii() and num.isdecimal() and int(num) < 10 else num',
     "10 and 11 print alike"),
    ("domain/model.py", "DocumentMeta.printed_number", "10 → 11",
     'return f"{int(num):02d}" if num.isascii() and num.isdecimal() and int(num) < 10 else num',
     "10 and 11 print alike"),
    ("domain/numbering.py", "", "'' → 'XXXX'",
     '_UNITS = ["", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín"]',
     "index 0 is never read: 1 is 'nhất', tens with unit 0 return before"),
    ("domain/numbering.py", "numeric_core", "'.' → 'XX.XX'", 'core = lbl.rstrip(".")',
     "stripping a final X as well changes no label label() makes: Roman ones stay non-numeric"),
    ("domain/period.py", "Period.parse", "'' → 'XXXX'",
     'year, kind, n = int(m.group(1)), (m.group(2) or "").upper(), m.group(3)', "neither is H or Q: a year"),
    # _parse_runs stops only at the end or at "[^", so the test after it is true exactly when pos < n
    ("domain/richtext.py", "_parse_paragraph", "and → or", 'if pos < n and line.startswith("[^", pos):',
     "pos < n implies a footnote start here"),
    ("domain/richtext.py", "_parse_paragraph", "< → <=", 'if pos < n and line.startswith("[^", pos):',
     "at pos == n startswith is false anyway"),
    # a plan's source review always exists: the database sets source_report_id to NULL when the
    # review is purged (store/schema.py, ondelete SET NULL) and a trashed report still loads
    ("services/chain.py", "_exists", "delete statement", "service.get_report(report_id)", "source always exists"),
    ("services/chain.py", "_exists", "return None", "return False", "source always exists"),
    ("services/chain.py", "_exists", "False → True", "return False", "source always exists"),
]

COPY_DIRS = ("desktop", "tests", "resources", "sample_db")
COPY_FILES = ("pyproject.toml",)
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache", "*.sqlite",
                                "*.sqlite-*", "golden_out", "*.egg-info")
REPORT_DIR = ROOT / "build" / "work" / "mutation"


# --- the mutants -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Mutant:
    file: str          # relative to the repository
    line: int
    n: int             # its rank among the mutants of this line
    start: int         # byte offsets of the replaced span in the source
    end: int
    replacement: str
    what: str          # the mutation, for people: "< → <=", "'Tốt' → 'XXTốtXX'", "delete statement"
    scope: str         # the enclosing function or class, dotted
    source_line: str

    @property
    def key(self) -> str:
        return f"{self.file}:{self.line}:{self.n}"

    def apply(self, source: bytes) -> bytes:
        return source[:self.start] + self.replacement.encode("utf-8") + source[self.end:]


_CMP_SWAP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
             ast.GtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_BIN_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
             ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv}
_OP_TEXT = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
            ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+",
            ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
            ast.And: "and", ast.Or: "or"}
_DELETABLE = (ast.Expr, ast.AugAssign, ast.Raise, ast.Continue, ast.Break)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


class _Collector(ast.NodeVisitor):
    """Walks one module and records (node span, replacement, description) candidates."""

    def __init__(self, source: bytes):
        self.source = source
        self.lines = source.split(b"\n")
        self.line_start = [0]
        for ln in self.lines:
            self.line_start.append(self.line_start[-1] + len(ln) + 1)
        self.found: list[tuple[int, int, int, int, str, str, str]] = []  # line, col, start, end, repl, what, scope
        self.scope: list[str] = []
        self.docstrings: set[int] = set()
        self.skip: set[int] = set()   # ids of nodes not to mutate (annotations, __all__, docstrings)

    # helpers
    def offsets(self, node: ast.AST) -> tuple[int, int]:
        return (self.line_start[node.lineno - 1] + node.col_offset,
                self.line_start[node.end_lineno - 1] + node.end_col_offset)

    def text(self, node: ast.AST) -> str:
        s, e = self.offsets(node)
        return self.source[s:e].decode("utf-8")

    def add(self, node: ast.AST, replacement: str, what: str) -> None:
        line = self.lines[node.lineno - 1].decode("utf-8")
        if "pragma: no mutate" in line:
            return
        s, e = self.offsets(node)
        self.found.append((node.lineno, node.col_offset, s, e, replacement, what, ".".join(self.scope)))

    def skip_tree(self, node: ast.AST | None) -> None:
        if node is not None:
            for n in ast.walk(node):
                self.skip.add(id(n))

    # structure
    def _body_docstring(self, body: list[ast.stmt]) -> None:
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            self.skip_tree(body[0])

    def visit_Module(self, node: ast.Module) -> None:
        self._body_docstring(node.body)
        for stmt in node.body:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                continue
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                                    for t in stmt.targets):
                continue
            if isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test):
                continue
            self.visit(stmt)

    def _scoped(self, node, kind: str) -> None:
        self._body_docstring(node.body)
        self.scope.append(node.name)
        if kind == "def":
            for a in ast.walk(node.args):
                if isinstance(a, ast.arg):
                    self.skip_tree(a.annotation)
            self.skip_tree(node.returns)
            for d in node.decorator_list:
                self.skip_tree(d)
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node):
        self._scoped(node, "def")

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        for d in node.decorator_list:
            self.skip_tree(d)
        self._scoped(node, "class")

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.skip_tree(node.annotation)
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if id(child) not in self.skip:
                self.visit(child)

    def visit(self, node: ast.AST):
        if id(node) in self.skip:
            return None
        if isinstance(node, ast.stmt) and self.scope and isinstance(node, _DELETABLE):
            self.add(node, "pass", "delete statement")
        if isinstance(node, ast.Assign) and self.scope and any(
                isinstance(t, (ast.Attribute, ast.Subscript)) for t in node.targets):
            self.add(node, "pass", "delete statement")
        return super().visit(node)

    # expressions
    def visit_Compare(self, node: ast.Compare) -> None:
        for i, op in enumerate(node.ops):
            new = _CMP_SWAP.get(type(op))
            if new:
                ops = list(node.ops)
                ops[i] = new()
                repl = ast.unparse(ast.Compare(node.left, ops, node.comparators))
                self.add(node, repl, f"{_OP_TEXT[type(op)]} → {_OP_TEXT[new]}")
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        self.add(node, ast.unparse(ast.BoolOp(new(), node.values)), f"{_OP_TEXT[type(node.op)]} → {_OP_TEXT[new]}")
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        new = _BIN_SWAP.get(type(node.op))
        if new:
            self.add(node, ast.unparse(ast.BinOp(node.left, new(), node.right)),
                     f"{_OP_TEXT[type(node.op)]} → {_OP_TEXT[new]}")
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self.add(node, f"({self.text(node.operand)})", "drop not")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        v = node.value
        if isinstance(v, bool):
            self.add(node, repr(not v), f"{v} → {not v}")
        elif isinstance(v, int):
            self.add(node, repr(v + 1), f"{v} → {v + 1}")
        elif isinstance(v, str):
            new = f"XX{v}XX"
            self.add(node, repr(new), f"{_short(repr(v))} → {_short(repr(new))}")

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # the literal parts of an f-string carry no usable positions: alter the whole f-string
        self.add(node, ast.unparse(ast.JoinedStr([ast.Constant("XX"), *node.values])), "f-string → 'XX' + f-string")
        for v in node.values:
            if isinstance(v, ast.FormattedValue):
                self.visit(v.value)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            self.add(node, "return None", "return None")
        self.generic_visit(node)


def mutants_of(rel: str, source: bytes | None = None) -> list[Mutant]:
    """Every mutant of one file, in source order; mutants that do not compile are left out."""
    source = (ROOT / rel).read_bytes() if source is None else source
    tree = ast.parse(source)
    col = _Collector(source)
    col.visit(tree)
    original = ast.dump(tree)
    out: list[Mutant] = []
    per_line: dict[int, int] = {}
    for line, _c, s, e, repl, what, scope in sorted(col.found, key=lambda f: (f[0], f[1], f[2], -f[3], f[5])):
        mutated = source[:s] + repl.encode("utf-8") + source[e:]
        try:
            if ast.dump(ast.parse(mutated)) == original:
                continue
        except SyntaxError:
            continue
        per_line[line] = per_line.get(line, 0) + 1
        out.append(Mutant(rel, line, per_line[line], s, e, repl, what, scope,
                          col.lines[line - 1].decode("utf-8").strip()))
    return out


def _equivalent(m: Mutant) -> str | None:
    for file, scope, what, line, why in EQUIVALENT:
        if m.file.endswith(file) and m.scope == scope and m.what == what and m.source_line == line:
            return why
    return None


# --- the workers ------------------------------------------------------------------------------

def make_copy(dest: Path) -> None:
    for d in COPY_DIRS:
        shutil.copytree(ROOT / d, dest / d, ignore=IGNORE)
    for f in COPY_FILES:
        shutil.copy2(ROOT / f, dest / f)


def serve(copy: Path) -> None:
    """A worker: read jobs (JSON lines) on stdin, answer one JSON line per job on stdout."""
    os.chdir(copy)
    sys.path.insert(0, str(copy / "desktop"))
    sys.dont_write_bytecode = True
    out = sys.stdout
    sys.stdout = sys.stderr
    import pytest  # noqa: F401 — imported once here, shared by every forked run
    # the plugins too (their "already imported, cannot rewrite" warning is silenced in the runs)
    for name in ("hypothesis", "pytestqt.plugin", "pytest_cov.plugin", "coverage", "sqlalchemy", "sqlalchemy.orm",
                 "alembic", "docx", "lxml.etree", "openpyxl", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"):
        with contextlib.suppress(ImportError):
            __import__(name)
    assert "tudanhgia" not in sys.modules
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        _serve_loop(copy, out)
    finally:
        _kill_child()


def _serve_loop(copy: Path, out) -> None:
    for line in sys.stdin:
        job = json.loads(line)
        target = copy / job["file"] if job.get("file") else None
        original = target.read_bytes() if target else None
        try:
            if target:
                target.write_bytes(job["source"].encode("utf-8"))
            outcome, secs = _run_child(job, copy)
        finally:
            if target:
                target.write_bytes(original)
        out.write(json.dumps({"id": job["id"], "outcome": outcome, "seconds": round(secs, 2)}) + "\n")
        out.flush()


class _Deterministic:
    """Hypothesis derandomized and without its example database, so that a mutant's fate does
    not depend on the examples an earlier run happened to find; no deadline under load."""

    def pytest_configure(self, config):
        try:
            import hypothesis
        except ImportError:
            return
        hypothesis.settings.register_profile("mutation", derandomize=True, database=None, deadline=None,
                                             print_blob=False)
        hypothesis.settings.load_profile("mutation")


def _sample_builder(copy: Path):
    spec = importlib.util.spec_from_file_location("build", copy / "sample_db" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build"] = module
    spec.loader.exec_module(module)
    return module


def _prebuild_sample(copy: Path) -> None:
    """The sample database built once by the unmutated sources (in a child: the worker itself
    never imports tudanhgia)."""
    _sample_builder(copy).build(copy / "prebuilt-sample.sqlite", quiet=True)


def _use_prebuilt_sample(copy: Path) -> None:
    """For a target the sample build does not use (the layout, the chain), the tests' session
    sample database is a copy of the prebuilt one instead of a new build per mutant."""
    module = _sample_builder(copy)

    def build(path, quiet=False, **_):
        shutil.copy(copy / "prebuilt-sample.sqlite", path)
        return Path(path)
    module.build = build


_CHILD = 0  # the running child's pid, killed if the worker itself is stopped


def _kill_child() -> None:
    if _CHILD:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(_CHILD, signal.SIGKILL)


def _run_child(job: dict, copy: Path) -> tuple[str, float]:
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: one pytest run, or the import check
        code = 3
        try:
            os.setpgid(0, 0)
            if job.get("show") or os.environ.get("TDG_MUTATE_DEBUG"):
                os.dup2(2, 1)
            else:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os.dup2(null, 2)
            if job.get("prebuild"):
                _prebuild_sample(copy)
                code = 0
            elif job.get("check_import"):
                import tudanhgia
                code = 0 if Path(tudanhgia.__file__).resolve().is_relative_to(copy.resolve()) else 7
            else:
                import pytest
                if job.get("prebuilt"):
                    _use_prebuilt_sample(copy)
                args = [*job["tests"], "-x", "-q", "-p", "no:cacheprovider", "--rootdir", str(copy),
                        "-W", "ignore::pytest.PytestAssertRewriteWarning"]
                if importlib.util.find_spec("pytest_cov"):
                    args.append("--no-cov")  # coverage of the suite is another matter, and slow
                code = int(pytest.main(args, plugins=[_Deterministic()]))
        except BaseException:
            if os.environ.get("TDG_MUTATE_DEBUG"):
                import traceback
                traceback.print_exc()
            code = 3
        finally:
            os._exit(code)
    global _CHILD
    _CHILD = pid
    deadline = t0 + job["timeout"]
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout", time.monotonic() - t0
        time.sleep(0.01)
    secs = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        return "survived", secs
    if code == 5:
        return "no-tests", secs
    if code == 7:
        return "wrong-copy", secs
    return "killed", secs


class Worker:
    def __init__(self, base: Path, index: int):
        self.copy = base / f"w{index}"
        shutil.copytree(base / "src", self.copy)  # one snapshot of the tree for all workers
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1",
                   PYTHONPATH=str(self.copy / "desktop"))
        env.pop("TUDANHGIA_FROZEN_CLI", None)
        self.proc = subprocess.Popen([sys.executable, "-u", str(Path(__file__).resolve()), "--serve", str(self.copy)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                                     stderr=None if {"--show", "--debug"} & set(sys.argv) else subprocess.DEVNULL,
                                     encoding="utf-8")

    def run(self, job: dict) -> dict:
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("a mutation worker died")
        return json.loads(line)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def run_jobs(workers: list[Worker], jobs: list[dict], progress=None) -> dict[int, dict]:
    todo: queue.Queue = queue.Queue()
    for j in jobs:
        todo.put(j)
    results: dict[int, dict] = {}
    errors: list[BaseException] = []

    def loop(w: Worker):
        while not errors:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results[job["id"]] = w.run(job)
            except BaseException as exc:
                errors.append(exc)
                return
            if progress:
                progress(len(results), len(jobs))

    threads = [threading.Thread(target=loop, args=(w,), daemon=True) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


# --- the run -----------------------------------------------------------------------------------

def _selected(targets: list[str]) -> dict[str, list[str]]:
    return {f: tests for t in targets for f, tests in TARGETS[t].items()}


def _prebuilt(file: str) -> bool:
    return any(file in TARGETS[t] for t in PREBUILT_SAMPLE)


def _existing(tests: list[str], copy: Path) -> list[str]:
    return [t for t in tests if (copy / t).exists()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", action="append", choices=sorted(TARGETS), help="default: all")
    ap.add_argument("--file", action="append", help="only source files ending so (e.g. period.py)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ignore-tests", metavar="GLOB", action="append", default=[],
                    help="leave these test files out of the copy (e.g. 'test_mutants_*': the older suite alone)")
    ap.add_argument("--list", action="store_true", help="print the mutants and stop")
    ap.add_argument("--show", metavar="KEY", help="run one mutant (file:line:n) and show pytest's output")
    ap.add_argument("--report", type=Path, default=REPORT_DIR / "report.txt")
    ap.add_argument("--debug", action="store_true", help="let the workers' pytest output through")
    ap.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.serve:
        serve(a.serve)
        return 0
    files = _selected(a.target or list(TARGETS))
    if a.file:
        files = {f: t for f, t in files.items() if any(f.endswith(x) for x in a.file)}
    if a.show:
        files = {f: t for f, t in files.items() if a.show.startswith(f + ":")}
    mutants = [m for f in files for m in mutants_of(f)]
    if a.list:
        for m in mutants:
            print(f"{m.key}\t{m.what}\t{m.source_line}")
        print(f"{len(mutants)} mutants")
        return 0
    if a.debug:
        os.environ["TDG_MUTATE_DEBUG"] = "1"
    if a.show:
        if not any(m.key == a.show for m in mutants):
            print(f"no mutant {a.show}", file=sys.stderr)
            return 2
        a.workers = 1

    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="tdg-mutate-"))
    workers: list[Worker] = []
    try:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the finally below cleans up
        # one snapshot of the tree: the mutants are made from it and every worker copies it
        make_copy(base / "src")
        for pattern in a.ignore_tests:
            for t in (base / "src" / "tests").rglob(pattern):
                t.unlink()
        sources = {f: (base / "src" / f).read_bytes() for f in files}
        mutants = [m for f in files for m in mutants_of(f, sources[f])]
        if a.show:
            mutants = [m for m in mutants if m.key == a.show]
        workers = [Worker(base, i) for i in range(max(1, a.workers))]
        # 1. the copy is what the tests import, in every worker
        for w in workers:
            r = w.run({"id": -1, "check_import": True, "timeout": 60})
            if r["outcome"] != "survived":
                print(f"the worker's copy is not what gets imported ({r['outcome']})", file=sys.stderr)
                return 2
        for w in workers:
            r = w.run({"id": -1, "prebuild": True, "timeout": 300})
            if r["outcome"] != "survived":
                print(f"the sample database could not be built ({r['outcome']})", file=sys.stderr)
                return 2
        # 2. unmutated: every mapped test run passes (and gives the time-out); broken: it fails
        timeouts: dict[str, float] = {}
        checks = []
        untested = {f for f, tests in files.items() if not _existing(tests, workers[0].copy)}
        for f in sorted(untested):
            print(f"warning: {f}: none of its test files exists; its mutants all survive", file=sys.stderr)
        for i, (f, tests) in enumerate(files.items()):
            if f in untested:
                continue
            src = sources[f].decode("utf-8")
            mapped = _existing(tests, workers[0].copy)
            checks.append({"id": 2 * i, "file": f, "source": src, "tests": mapped, "timeout": 300,
                           "prebuilt": _prebuilt(f)})
            checks.append({"id": 2 * i + 1, "file": f, "source": 'raise RuntimeError("mutation self-check")\n' + src,
                           "tests": _existing(tests, workers[0].copy), "timeout": 300, "prebuilt": _prebuilt(f)})
        res = run_jobs(workers, checks)
        for i, f in enumerate(files):
            if f in untested:
                continue
            ok, broken = res[2 * i], res[2 * i + 1]
            if ok["outcome"] != "survived":  # once more: the tree may have been caught mid-edit by the copy
                ok = workers[0].run(checks[2 * i])
            if ok["outcome"] != "survived":
                print(f"{f}: the mapped tests fail without any mutation ({ok['outcome']}); fix that first",
                      file=sys.stderr)
                return 2
            if broken["outcome"] != "killed":  # no mapped test imports it: every mutant will survive
                print(f"warning: {f}: a module that raises on import was not noticed", file=sys.stderr)
            timeouts[f] = max(10.0, 3 * ok["seconds"] + 5)
            print(f"  {f.removeprefix(PKG + '/')}: unmutated run {ok['seconds']:.1f} s, time-out {timeouts[f]:.0f} s",
                  flush=True)
        # 3. the mutants
        jobs = []
        skipped: dict[int, str] = {}
        untested_results: dict[int, dict] = {}
        for i, m in enumerate(mutants):
            why = _equivalent(m)
            if why:
                skipped[i] = why
                continue
            if m.file in untested:
                untested_results[i] = {"id": i, "outcome": "survived", "seconds": 0}
                continue
            jobs.append({"id": i, "file": m.file, "source": m.apply(sources[m.file]).decode("utf-8"),
                         "tests": _existing(files[m.file], workers[0].copy), "timeout": timeouts[m.file],
                         "show": bool(a.show),
                         "prebuilt": _prebuilt(m.file)})

        def progress(done: int, total: int):
            if not a.show and (done % 50 == 0 or done == total):
                el = time.monotonic() - started
                print(f"  {done}/{total} mutants run ({el:.0f} s)", flush=True)

        print(f"{len(jobs)} mutants in {len(files)} files, {len(workers)} workers", flush=True)
        results = run_jobs(workers, jobs, progress)
        results.update(untested_results)
    finally:
        for w in workers:
            w.close()
        shutil.rmtree(base, ignore_errors=True)
    elapsed = time.monotonic() - started
    if a.show:
        (r,) = results.values()
        print(f"{mutants[0].key}: {mutants[0].what} — {r['outcome']} in {r['seconds']} s")
        return 0
    text, data = report(mutants, results, skipped, files, elapsed)
    print(text)
    a.report.parent.mkdir(parents=True, exist_ok=True)
    a.report.write_text(text, encoding="utf-8")
    a.report.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"report: {a.report} (and {a.report.with_suffix('.json').name})")
    return 0


def report(mutants: list[Mutant], results: dict[int, dict], skipped: dict[int, str],
           files: dict[str, list[str]], elapsed: float) -> tuple[str, dict]:
    rows = []
    per_file: dict[str, dict[str, int]] = {f: {"mutants": 0, "killed": 0, "timeout": 0, "survived": 0,
                                               "equivalent": 0} for f in files}
    for i, m in enumerate(mutants):
        c = per_file[m.file]
        c["mutants"] += 1
        if i in skipped:
            c["equivalent"] += 1
            continue
        outcome = results[i]["outcome"]
        if outcome == "timeout":
            c["timeout"] += 1
        elif outcome == "killed":
            c["killed"] += 1
        else:
            c["survived"] += 1
            rows.append((m, outcome))

    def score(c):
        judged = c["mutants"] - c["equivalent"]
        return 100.0 * (c["killed"] + c["timeout"]) / judged if judged else 100.0

    lines = [f"Mutation run {datetime.date.today().isoformat()}, {elapsed / 60:.1f} min, Python "
             f"{sys.version.split()[0]}, tests/mutate.py", "",
             f"{'file':<46} {'mutants':>7} {'killed':>7} {'timeout':>7} {'equiv.':>7} {'survived':>8} {'score':>7}"]
    for target, tfiles in TARGETS.items():
        sel = [f for f in tfiles if f in per_file]
        if not sel:
            continue
        tot = {k: sum(per_file[f][k] for f in sel) for k in ("mutants", "killed", "timeout", "survived", "equivalent")}
        for f in sel:
            c = per_file[f]
            lines.append(f"{f.removeprefix(PKG + '/'):<46} {c['mutants']:>7} {c['killed']:>7} {c['timeout']:>7} "
                         f"{c['equivalent']:>7} {c['survived']:>8} {score(c):>6.1f}%")
        lines.append(f"{'= ' + target:<46} {tot['mutants']:>7} {tot['killed']:>7} {tot['timeout']:>7} "
                     f"{tot['equivalent']:>7} {tot['survived']:>8} {score(tot):>6.1f}%")
        lines.append("")
    lines.append(f"Survivors ({len(rows)}): file:line:n  scope  mutation  | line")
    for m, outcome in rows:
        flag = "" if outcome == "survived" else f" [{outcome}]"
        lines.append(f"{m.key}  {m.scope or '-'}  {m.what}{flag}  | {m.source_line}")
    data = {"date": datetime.date.today().isoformat(), "minutes": round(elapsed / 60, 1),
            "files": {f: dict(c, score=round(score(c), 1)) for f, c in per_file.items()},
            "survivors": [dict(asdict(m), key=m.key, outcome=o) for m, o in rows]}
    for d in data["survivors"]:
        d.pop("replacement")
        d.pop("start")
        d.pop("end")
    return "\n".join(lines) + "\n", data


if __name__ == "__main__":
    sys.exit(main())
