"""What the command modules beside cli.py share (cli_forms.py, cli_versions.py)."""
from __future__ import annotations

from collections.abc import Callable


def with_service(command: Callable) -> Callable:
    """A command `command(args, service)` run on the database the options name, closed after."""
    def run(args, paths) -> int:
        from .cli import _service   # the command line's own opening (messages, an existing file only)
        service = _service(args, paths, create=False)
        try:
            return command(args, service)
        finally:
            service.close()
    return run
