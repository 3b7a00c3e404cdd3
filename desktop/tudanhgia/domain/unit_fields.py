"""A unit profile's fields as the unit form keeps them, whoever writes them (the window, the
command line's `unit`, a unit made from an imported document): each field one line — a tab, a
line break, Word's \\x0b and any control character typed or pasted become a space or go (text.one_line)
— the abbreviation without spaces, recipients without the dash and semicolon of a pasted line."""
from __future__ import annotations

import copy
import re

from .model import Recipient, Recipients, Signer, UnitProfile
from .text import one_line


def recipient_text(text: str) -> str:
    """A recipient as stored: officers paste lines from old documents, and "- Sở Nội vụ;" would
    print as "- - Sở Nội vụ;;"."""
    text = re.sub(r"^[-–—•+]\s*", "", one_line(text))
    return text.rstrip(";,. ").strip()


def recipient_purpose(text: str) -> str:
    """A recipient's purpose, printed in brackets: without brackets or end marks of its own."""
    return one_line(text).strip("();,. ").strip()


def tidy_recipients(recipients: Recipients) -> Recipients:
    lines = [Recipient(recipient_text(r.text), recipient_purpose(r.purpose)) for r in recipients.lines]
    archive = one_line(recipients.archive).rstrip(".").strip()
    return Recipients([r for r in lines if r.text], archive or "VT")


def tidy_unit(unit: UnitProfile) -> UnitProfile:
    """A copy of `unit` with every field as the unit form keeps it (see above)."""
    out = copy.deepcopy(unit)
    out.name, out.parent_agency, out.issuing_agency, out.place = (
        one_line(x) for x in (unit.name, unit.parent_agency, unit.issuing_agency, unit.place))
    out.abbreviation = "".join(one_line(unit.abbreviation).split())
    s = unit.signer
    out.signer = Signer(s.authority, one_line(s.authority_position), one_line(s.position), one_line(s.name))
    out.recipients = tidy_recipients(unit.recipients)
    return out


__all__ = ["recipient_purpose", "recipient_text", "tidy_recipients", "tidy_unit"]
