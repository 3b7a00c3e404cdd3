"""Tự Đánh Giá — periodic self-evaluation reports of Vietnamese state agencies."""
import builtins as _builtins

__version__ = "0.1.0"
APP_NAME = "Tự Đánh Giá"
APP_SLUG = "TuDanhGia"

# The interpreter's import function, saved before PySide6 replaces it with a hook that reads the
# source of every module imported afterwards (ui/app.py imports the Qt-free core through this).
ORIGINAL_IMPORT = _builtins.__import__
