#!/usr/bin/env bash
# Smoke test of a built Linux bundle as an officer's machine runs it: a copy in a temporary folder,
# a clean environment (env -i), no source tree on the path. Usage: smoke.sh dist/linux/TuDanhGia
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRC=$(realpath "$1")
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cp -a "$SRC" "$T/TuDanhGia"
B="$T/TuDanhGia"; CLI="$B/tudanhgia-cli"; GUI="$B/TuDanhGia"
mkdir "$T/home"
run() { env -i HOME="$T/home" PATH=/usr/bin:/bin "$@"; }
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; exit 1; }
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/desktop/tudanhgia/__init__.py")

# every shared library of the bundle finds what it links to (in the bundle or the base system)
missing=$(find "$B/_internal" -name '*.so*' -type f | while read -r f; do
  LD_LIBRARY_PATH="$B/_internal:$B/_internal/PySide6/Qt/lib" ldd "$f" 2>/dev/null | { grep "not found" || true; } | sed "s|^|$(basename "$f"): |"
done | sort -u)
[ -z "$missing" ] || fail "libraries not found: $missing"
ok "every library resolves"

# trimmed: nothing of Qt the program does not import (QtCore/Gui/Widgets/PrintSupport are used)
extra=$(cd "$B/_internal" && find . \( -iname '*Qt6Network*' -o -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' \
        -o -iname '*Qt6Pdf*' -o -iname '*Qt6Svg*' -o -iname '*Qt6OpenGL*' -o -iname '*Wayland*' -o -iname '*.qm' \
        -o -iname 'opengl32sw*' -o -path '*platformthemes*' -o -path '*/tls/*' -o -iname 'libssl*' \) -print)
[ -z "$extra" ] || fail "left in the bundle: $extra"
ok "no unused Qt module, plugin or translation"

out=$(run "$CLI" --version); [[ "$out" == *"$VERSION"* ]] || fail "--version: $out"; ok "--version: $out"

# "Giới thiệu": every bundled component's version and licence text (metadata collected)
out=$(run "$CLI" about --licenses)
if grep -q "không rõ\|Không tìm thấy văn bản giấy phép" <<<"$out"; then
  fail "about: a component without version or licence text: $(grep -B3 'không rõ\|Không tìm thấy' <<<"$out")"
fi
ok "about: every component with its version and licence text"

cp "$B/_internal/sample_db/sample.sqlite" "$T/sample.sqlite"
out=$(run "$CLI" list --db "$T/sample.sqlite")
[ "$(echo "$out" | wc -l)" -eq 3 ] || fail "list: $out"; ok "list: 3 sample reports"

# the command line never loads Qt (PyInstaller's PySide6 hook would import QtCore first)
qt=$(env -i HOME="$T/home" PATH=/usr/bin:/bin LD_DEBUG=libs "$CLI" list --db "$T/sample.sqlite" 2>&1 >/dev/null \
     | grep -c "calling init: .*libQt6" || true)
[ "$qt" -eq 0 ] || fail "the CLI loaded Qt"; ok "the CLI loads no Qt library"

for id in 1 2 3; do
  run "$CLI" export "$id" --out "$T/r$id.docx" --db "$T/sample.sqlite" >/dev/null || fail "export $id"
  [ -s "$T/r$id.docx" ] || fail "export $id wrote nothing"
done
ok "export of the three samples"
run "$CLI" xlsx-export 2 --out "$T/bp.xlsx" --db "$T/sample.sqlite" >/dev/null || fail "xlsx-export"
ok "xlsx-export"

# the spell check (chunspell's native library and the bundled vi_VN dictionary): report 1 of the
# sample has words the dictionary does not know ("Baner" for "Banner", "Opmanager")
out=$(run "$CLI" check 1 --db "$T/sample.sqlite" 2>&1) || [ $? -eq 1 ] || fail "check: $out"
grep -q "Không mở được từ điển" <<<"$out" && fail "check: the dictionary did not load: $out"
line=$(grep "Chính tả — " <<<"$out" | grep "Baner" || true)
[ -n "$line" ] || fail "check listed no unknown word: $out"
ok "check: spell check lists unknown words (${line:0:90}…)"

# the document standards (resources/standards/*.toml): listed, chosen for one report, and used by
# the export — the Party's format prints "ĐẢNG CỘNG SẢN VIỆT NAM", Nghị định 30 the national motto
cp "$T/sample.sqlite" "$T/standards.sqlite"
out=$(run "$CLI" standard --db "$T/standards.sqlite" --unit 1) || fail "standard: $out"
[[ "$out" == *nd30* && "$out" == *hd05-vptw* ]] || fail "standard: the shipped standards not listed: $out"
run "$CLI" standard hd05-vptw --report 1 --db "$T/standards.sqlite" >/dev/null || fail "standard hd05-vptw"
run "$CLI" export 1 --out "$T/party.docx" --db "$T/standards.sqlite" >/dev/null || fail "export (Party format)"
run "$CLI" check 1 --no-spelling --db "$T/standards.sqlite" | grep -q "thể thức: Hướng dẫn 05-HD/VPTW" \
  || fail "check does not name the report's standard"
"$ROOT/.venv/bin/python" - "$T/party.docx" "$T/r2.docx" <<'PY' || fail "export does not follow the document standard"
import sys
import docx
def text(path):
    d = docx.Document(path)
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join(cells + [p.text for p in d.paragraphs])
party, nd30 = text(sys.argv[1]), text(sys.argv[2])
assert "ĐẢNG CỘNG SẢN VIỆT NAM" in party and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in party, party[:300]
assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in nd30 and "ĐẢNG CỘNG SẢN VIỆT NAM" not in nd30, nd30[:300]
PY
ok "document standards: listed, hd05-vptw chosen for a report, its export in the Party's format"

# a new database in the default data folder: created and migrated by the bundled Alembic scripts
run "$CLI" new --kind kiem-diem-tap-the --period 2025 >/dev/null || fail "new"
[ -f "$T/home/.local/share/TuDanhGia/tudanhgia.sqlite" ] || fail "no database in the user data folder"
run "$CLI" import "$T/r1.docx" >/dev/null 2>&1 || fail "import of an exported DOCX"
[ "$(run "$CLI" list | wc -l)" -eq 2 ] || fail "list after new + import"
ok "new database migrated in ~/.local/share/TuDanhGia; DOCX import"

# the frozen window: shown offscreen, then closed by the exit-after-show switch
out=$(run QT_QPA_PLATFORM=offscreen TUDANHGIA_EXIT_AFTER_SHOW=1 "$GUI" --db "$T/sample.sqlite" 2>&1) \
  || fail "window (rc $?): $out"
[[ "$out" == *SHOWN* && "$out" == *READY* ]] || fail "window did not report SHOWN/READY: $out"
ok "window shown and closed (sample database)"
out=$(run QT_QPA_PLATFORM=offscreen TUDANHGIA_EXIT_AFTER_SHOW=1 "$GUI" 2>&1) || fail "window on the user's database: $out"
[[ "$out" == *READY* ]] || fail "window (user database): $out"
ok "window shown and closed (user database)"

# the document tests of the suite, on DOCX files the frozen CLI exported
TUDANHGIA_FROZEN_CLI="$CLI" QT_QPA_PLATFORM=offscreen "$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider --no-cov \
  "$ROOT/tests/render/test_docx.py" "$ROOT/tests/render/test_docx_fidelity.py" || fail "document tests on frozen exports"
ok "document tests pass on the frozen exports"
echo "package-test: all checks passed ($(du -sh "$SRC" | cut -f1) bundle)"
