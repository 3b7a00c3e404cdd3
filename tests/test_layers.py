"""ARCHITECTURE.md: the core never imports Qt (nor docx/openpyxl at import time), and each layer
imports only what its contract allows (docs/architecture.md, Layers)."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

CODE = """
import sys
import tudanhgia.domain, tudanhgia.kinds, tudanhgia.store, tudanhgia.services, tudanhgia.render, tudanhgia.cli
import tudanhgia.render.text, tudanhgia.services.sources, tudanhgia.services.chain, tudanhgia.services.board
import tudanhgia.domain.deadlines, tudanhgia.render.html, tudanhgia.store.catalog
bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'docx', 'openpyxl'))
print(','.join(bad))
"""


def test_core_imports_without_qt():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


EVERY_CORE_MODULE = """
import importlib, pkgutil, sys
import tudanhgia
for info in pkgutil.walk_packages(tudanhgia.__path__, "tudanhgia."):
    if not info.name.startswith(("tudanhgia.ui", "tudanhgia.__main__")):
        importlib.import_module(info.name)
print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))
"""


def test_no_module_outside_the_ui_loads_qt():
    """Every module of the core imported, not just the main packages: none loads Qt."""
    out = subprocess.run([sys.executable, "-c", EVERY_CORE_MODULE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_domain_imports_nothing_but_the_standard_library():
    code = ("import sys; before=set(sys.modules); import tudanhgia.domain; "
            "print(sorted({m.split('.')[0] for m in set(sys.modules)-before} - {'tudanhgia'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    third_party = {"sqlalchemy", "alembic", "PySide6", "docx", "openpyxl", "platformdirs"}
    assert not third_party & set(eval(out.stdout))


# --- import contracts, read statically: every import statement of every module, at any depth ------
PKG = Path(__file__).resolve().parents[1] / "desktop" / "tudanhgia"


def module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p) for p in PKG.rglob("*.py")}


def imported(module: str, source: str, package: bool = False) -> set[tuple[str, str | None]]:
    """(module, name) for each import in `source`; name is None when a whole module is imported,
    relative imports are resolved, and `from package import submodule` names the submodule."""
    here = module.split(".") if package else module.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {(a.name, None) for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.add((sub, None) if sub in MODULES else (base, a.name))
    return out


def within(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


# ui/ may import these besides services, domain, errors, paths, the package root and itself;
# module (or package.*) → (names allowed, None for any; why). Also listed in docs/architecture.md.
UI_EXCEPTIONS = {
    "tudanhgia.store.catalog": (None, "the first paint lists reports with sqlite3, before SQLAlchemy loads; the "
                                      "start page's search thread has its own Searcher connection"),
    "tudanhgia.store.db": ({"DatabaseError", "inspect_file"}, "the file is checked, and a refusal shown, "
                                                              "before the service (and SQLAlchemy) loads"),
    "tudanhgia.store": ({"DatabaseError"}, "the same refusal when another database is opened"),
    "tudanhgia.store.file_lock": ({"DatabaseLock", "lock_database_file"}, "the window takes the file's "
                                  "one-window lock before the service (and SQLAlchemy) loads; stdlib only"),
    "tudanhgia.kinds.loader": ({"Kind"}, "the new-report dialog lists the registry's kinds"),
    "tudanhgia.render.layout": (None, "the preview draws the document's own layout; figures are shown as "
                                      "printed (vn_number)"),
    "tudanhgia.render.html": (None, "the preview and printing draw the layout's HTML backend"),
    "tudanhgia.render.style": (None, "the preview's page size and margins are the house style's"),
    "tudanhgia.about_info": (None, "the About dialog lists the components `about` prints on the command line"),
}


def ui_allows(module: str, name: str | None) -> bool:
    if within(module, "sqlalchemy", "alembic", "docx", "openpyxl"):
        return False                     # no SQL, no documents written from a widget
    if module == "tudanhgia" or not within(module, "tudanhgia"):
        return True                      # the package root (APP_NAME …), PySide6, the standard library
    if within(module, "tudanhgia.services", "tudanhgia.domain", "tudanhgia.errors", "tudanhgia.paths",
              "tudanhgia.ui"):
        return True
    names, _why = UI_EXCEPTIONS.get(module, (set(), ""))
    return names is None or name in names


QT = ("PySide6", "shiboken6", "tudanhgia.ui")   # nothing below the UI may reach Qt or the UI

CONTRACTS = {   # layer → whether it may import (module, name)
    "services": lambda m, n: not within(m, "sqlalchemy", "tudanhgia.store.schema", "tudanhgia.store.rows", *QT),
    "ui": ui_allows,
    "importer": lambda m, n: not within(m, "tudanhgia.store", "tudanhgia.services", *QT),
    "render": lambda m, n: not within(m, "tudanhgia.store", "tudanhgia.services", "tudanhgia.importer", *QT),
    "store": lambda m, n: not within(m, "tudanhgia.services", "tudanhgia.render", "tudanhgia.importer", *QT),
    "kinds": lambda m, n: not within(m, "tudanhgia.store", "tudanhgia.services", "tudanhgia.render",
                                     "tudanhgia.importer", *QT),
    "domain": lambda m, n: within(m, "tudanhgia.domain") or m.split(".")[0] in sys.stdlib_module_names,
}


def breaches(layer: str, module: str, source: str, package: bool = False) -> list[str]:
    return sorted(f"{module}: {m}{'.' + n if n else ''}" for m, n in imported(module, source, package)
                  if not CONTRACTS[layer](m, n))


@pytest.mark.parametrize("layer", CONTRACTS)
def test_layer_imports_keep_to_the_contract(layer):
    files = sorted((PKG / layer).rglob("*.py"))
    assert files
    found = [b for f in files for b in breaches(layer, module_name(f), f.read_text("utf-8"), f.name == "__init__.py")]
    assert found == []


@pytest.mark.parametrize("layer, module, source", [
    ("services", "tudanhgia.services.x", "def f():\n    from sqlalchemy import select\n"),
    ("services", "tudanhgia.services.x", "from ..store.schema import ReportRow\n"),
    ("ui", "tudanhgia.ui.x", "from ..store.repository import ReportRepository\n"),
    ("ui", "tudanhgia.ui.x", "from ..store.db import open_database\n"),
    ("ui", "tudanhgia.ui.x", "from .. import importer\n"),
    ("importer", "tudanhgia.importer.x", "from ..services import ReportService\n"),
    ("render", "tudanhgia.render.x", "import tudanhgia.store.rows\n"),
    ("domain", "tudanhgia.domain.x", "if True:\n    import sqlalchemy\n"),
    ("services", "tudanhgia.services.x", "from PySide6.QtCore import QObject\n"),
    ("services", "tudanhgia.services.x", "def f():\n    from ..ui import messages\n"),
    ("importer", "tudanhgia.importer.x", "import PySide6\n"),
    ("render", "tudanhgia.render.x", "from PySide6.QtGui import QTextDocument\n"),
    ("render", "tudanhgia.render.x", "from ..ui.preview import PreviewDialog\n"),
    ("store", "tudanhgia.store.x", "from ..services import ReportService\n"),
    ("store", "tudanhgia.store.x", "import shiboken6\n"),
    ("kinds", "tudanhgia.kinds.x", "from ..store import Database\n"),
    ("ui", "tudanhgia.ui.x", "from ..render.docx_writer import write_docx\n"),
    ("ui", "tudanhgia.ui.x", "from ..render import xlsx\n"),
])
def test_each_contract_catches_a_bad_import(layer, module, source):
    assert breaches(layer, module, source)
