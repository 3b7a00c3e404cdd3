"""The fields a printed report does not show (domain/kept_fields.py) carried inside the exported
DOCX as a custom XML part, the way Office keeps an application's data with a document: Word keeps
such a part when the officer edits and saves the file, and nothing of it is printed."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from ..domain.kept_fields import kept_fields
from ..domain.model import Report

NAMESPACE = "urn:tudanhgia:kept-fields"
ITEM = "customXml/item_tudanhgia.xml"
PROPS = "customXml/itemProps_tudanhgia.xml"
_REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_REL_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_ITEM_ID = "{5D1A7E2C-3B8F-4C61-9E0A-7A2D1F0B6C31}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def embed_kept_fields(path: str | Path, report: Report) -> None:
    """Add the report's kept fields to the DOCX at `path` (rewritten in place, before it is checked
    and moved to where the officer asked: services/export.py)."""
    data = json.dumps(kept_fields(report), ensure_ascii=False, separators=(",", ":"))
    item = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<keptFields xmlns="{NAMESPACE}">{_escape(data)}</keptFields>')
    props = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<ds:datastoreItem ds:itemID="{_ITEM_ID}" '
             f'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
             f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>')
    item_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{_REL_PROPS}" Target="itemProps_tudanhgia.xml"/></Relationships>')
    path = Path(path)
    buf = io.BytesIO()   # the package rebuilt in memory, then written over the temporary file it came from
    try:
        src = zipfile.ZipFile(path)
    except zipfile.BadZipFile:   # a damaged write: left as it is for the check after writing to refuse
        return
    with src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data_in = src.read(info)
            if info.filename == "[Content_Types].xml":
                data_in = data_in.replace(b"</Types>", f'<Override PartName="/{PROPS}" ContentType="{_PROPS_TYPE}"/>'
                                                       f'</Types>'.encode())
                if b'Extension="xml"' not in data_in:
                    data_in = data_in.replace(b"</Types>", b'<Default Extension="xml" ContentType="application/xml"/>'
                                                           b"</Types>")
            elif info.filename == "word/_rels/document.xml.rels":
                data_in = data_in.replace(b"</Relationships>", f'<Relationship Id="rIdTudanhgiaKept" '
                                                               f'Type="{_REL_CUSTOM}" Target="../{ITEM}"/>'
                                                               f'</Relationships>'.encode())
            out.writestr(_entry(info.filename), data_in)
        out.writestr(_entry(ITEM), item.encode())
        out.writestr(_entry(PROPS), props.encode())
        out.writestr(_entry("customXml/_rels/item_tudanhgia.xml.rels"), item_rels.encode())
    path.write_bytes(buf.getvalue())


def _entry(name: str) -> zipfile.ZipInfo:
    """A package entry with a fixed time: the same report exported twice is the same file, byte
    for byte (an issued DOCX is recognised by its SHA-256; the clock's second changed it)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
