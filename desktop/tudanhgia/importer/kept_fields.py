"""The kept fields an exported DOCX carries (render/kept_fields.py), read back on import. Word may
rename the part (customXml/item1.xml …) when it saves the file: any custom XML part whose root is
ours is the one. A file without it, or with a damaged one, simply has none: nothing is refused."""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from .source import ImportFailure
from .zipguard import GuardedZip

NAMESPACE = "urn:tudanhgia:kept-fields"
_ITEM = re.compile(r"^customXml/item[^/]*\.xml$")
log = logging.getLogger("tudanhgia.import")


def read_kept_fields(path: str | Path) -> dict[str, Any] | None:
    """The kept fields of the DOCX at `path`, or None."""
    path = Path(path)
    try:
        with GuardedZip(path, path.name) as z:
            for part in sorted(n for n in z.names if _ITEM.match(n) and "itemProps" not in n):
                root = z.parse(part)
                if root is not None and root.tag == f"{{{NAMESPACE}}}keptFields":
                    data = json.loads(root.text or "")
                    return data if isinstance(data, dict) else None
    except (ImportFailure, ValueError, OSError):   # not ours to refuse the file over: the text is read
        log.warning("kept fields of %s unreadable", path.name, exc_info=True)
    return None
