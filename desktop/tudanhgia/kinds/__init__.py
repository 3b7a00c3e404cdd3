"""Report kinds as data (resources/kinds/*.toml)."""
from .loader import Kind, KindError, KindRegistry, KindSection, load_kind_file, parse_kind

__all__ = ["Kind", "KindError", "KindRegistry", "KindSection", "load_kind_file", "parse_kind"]
