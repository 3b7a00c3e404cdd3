"""Frozen entry of the window (TuDanhGia / TuDanhGia.exe): the same as `python -m tudanhgia`."""
import os
import sys

if sys.stdout is None:  # a windowed Windows program has no console; commands must not fail on print
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run

from tudanhgia.__main__ import main  # after the streams exist

sys.exit(main())
