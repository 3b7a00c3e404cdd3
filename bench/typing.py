"""Benchmark: per-key latency after a 100 KB and a 1 MB paste against an empty section, in one run
(issue 13 point 8). The benchmark itself is bench/typing_paste.py; run this file:

    .venv/bin/python bench/typing.py

This file's name is the standard library's `typing`: while a script of bench/ runs, bench/ is first
on sys.path and would hand this file to every `import typing`. It moves bench/ to the end of
sys.path and, when imported under that name, hands over the standard library's module instead."""
import os
import sys

_HERE = os.path.dirname(os.path.realpath(__file__))
sys.path[:] = [p for p in sys.path if os.path.realpath(p or os.curdir) != _HERE] + [_HERE]

if __name__ != "__main__":   # imported as "typing" by another bench script: the real module
    del sys.modules[__name__]
    import typing as _standard   # bench/ is last now: the standard library's
    sys.modules[__name__] = _standard
else:
    from typing_paste import main
    main()
