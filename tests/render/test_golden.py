"""The exported DOCX parts of the three samples and the thematic report, against golden files.

Any change of the exported XML fails here with a unified diff. If the change is intended,
rewrite the files with UPDATE_GOLDEN=1 and review the diff before committing
(tests/render/golden/README.md)."""
from __future__ import annotations

import pytest

from golden_xml import PARTS, golden_path, normalise, read_part, unified_diff, updating

DOCS = {1: "sample1", 2: "sample2", 3: "sample3", "theme": "theme"}


@pytest.mark.parametrize("part", PARTS, ids=[p.split("/")[-1] for p in PARTS])
@pytest.mark.parametrize("key", list(DOCS), ids=list(DOCS.values()))
def test_exported_part_matches_golden_file(exported, key, part):
    name = DOCS[key]
    blob = read_part(exported[key], part)
    golden = golden_path(name, part)
    actual = None if blob is None else normalise(blob)
    if updating():
        if actual is None:
            golden.unlink(missing_ok=True)
        else:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"UPDATE_GOLDEN: rewrote {golden.relative_to(golden.parents[2])}; "
                    "review `git diff` before committing")
    if actual is None:
        assert not golden.exists(), f"{name}: the export has no {part} but {golden.name} is golden"
        return
    if not golden.exists():
        pytest.fail(f"{name}: no golden file for {part}; run with UPDATE_GOLDEN=1 and review it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        pytest.fail(f"{name}: {part} differs from the golden file "
                    f"(if intended: UPDATE_GOLDEN=1, then review the diff)\n"
                    + unified_diff(expected, actual, f"golden/{name}/{golden.name}", f"exported {part}"),
                    pytrace=False)


def test_normalise_strips_revision_ids_only():
    xml = (b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           b'w:rsidR="00FC693F" w:rsidRDefault="0006063C"><w:r><w:t xml:space="preserve"> a </w:t></w:r></w:p>')
    out = normalise(xml)
    assert "rsid" not in out
    assert out.splitlines()[1:] == ["  <w:r>", '    <w:t xml:space="preserve"> a </w:t>', "  </w:r>", "</w:p>"]
