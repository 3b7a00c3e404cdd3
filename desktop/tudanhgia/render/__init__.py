"""Report → layout blocks → backends (plain text now; DOCX and HTML preview build on it)."""
from .layout import Layout, layout

__all__ = ["Layout", "layout"]
