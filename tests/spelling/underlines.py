"""The words a field draws the spell-check waves under, read from its document's layout (the
layout's ranges count UTF-16 units, as Qt does: read through them, not as Python indexes)."""
from __future__ import annotations

from tudanhgia.ui import spell_check


def underlined(edit) -> list[str]:
    out = []
    block = edit.document().begin()
    while block.isValid():
        units = block.text().encode("utf-16-le")
        for r in block.layout().formats():
            if spell_check.is_marked(r.format):   # what the field's waves draw under
                out.append(units[2 * r.start:2 * (r.start + r.length)].decode("utf-16-le"))
        block = block.next()
    return out
