"""ARCHITECTURE.md: the core never imports Qt (nor docx/openpyxl at import time)."""
import subprocess
import sys

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


def test_domain_imports_nothing_but_the_standard_library():
    code = ("import sys; before=set(sys.modules); import tudanhgia.domain; "
            "print(sorted({m.split('.')[0] for m in set(sys.modules)-before} - {'tudanhgia'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    third_party = {"sqlalchemy", "alembic", "PySide6", "docx", "openpyxl", "platformdirs"}
    assert not third_party & set(eval(out.stdout))
