"""Numbers as Vietnamese officers write them: 1.234,5 and 96,1%."""
from __future__ import annotations


def parse_number(text: str) -> float | None:
    """'1.234,5' (Vietnamese) or '1234.5' → 1234.5; '96,1%' → 96.1; blank → None; ValueError otherwise."""
    t = str(text).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not t:
        return None
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif t.count(".") > 1 or (t.count(".") == 1 and len(t.split(".")[1]) == 3):
        t = t.replace(".", "")  # 1.234 is one thousand two hundred thirty-four here
    return float(t)
