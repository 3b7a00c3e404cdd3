# Run-time hook of the frozen window (replaces PyInstaller's pyi_rth_pyside6, which imports QtCore
# before the entry script and so defeats ui/app.py's start-up import order): only tell Qt where
# its plugins are. PySide6's own __init__ makes the bundled Qt relocatable when it is imported.
import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform.startswith("win") \
    else os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform.startswith("win"):  # Qt's DLLs beside the Python extension modules
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")


# Started with no locale (a bare session, `env -i`), Qt warns and switches to C.UTF-8 itself;
# choose it before Qt so nothing is printed.
if not sys.platform.startswith("win") and not any(os.environ.get(v) for v in ("LC_ALL", "LC_CTYPE", "LANG")):
    os.environ["LC_CTYPE"] = "C.UTF-8"
