"""What of Qt a widgets program does not need in a PyInstaller bundle: plugins, translations, and
the libraries nothing kept links to. Used by tudanhgia.spec and by bench/package.py's minimal
window, so the two bundles are trimmed by the same rules."""
import re


def norm(dest: str) -> str:
    return dest.replace("\\", "/").lower()  # Windows DLL names differ in case (VCRUNTIME140.dll)


# plugin folders we keep, and within them which plugins (by file-name stem, platform prefix "lib"/"q" off)
KEEP_PLUGINS = {
    "platforms": {"qxcb", "qoffscreen", "qminimal", "qwindows"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle"},
    "imageformats": {"qico", "qjpeg", "qgif"},
    "printsupport": {"cupsprintersupport"},
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
}


def plugin_kept(dest: str) -> bool:
    m = re.search(r"/plugins/([^/]+)/([^/]+)$", dest)
    if not m:
        return True
    folder, name = m.groups()
    stem = re.sub(r"\.(so|dll|dylib)$", "", name)
    stem = stem[3:] if stem.startswith("lib") else stem
    return folder in KEEP_PLUGINS and stem in KEEP_PLUGINS[folder]


# Qt libraries only the dropped plugins and modules needed (listing modules in `excludes` does not
# always drop their binaries)
DROP_LIBS = re.compile(
    r"(qt6(network|qml|qmlmodels|qmlmeta|qmlworkerscript|quick|pdf|svg|opengl|wayland\w*|wl\w*|eglfs\w*|"
    r"virtualkeyboard|dbus_unused)\b)|opengl32sw\.dll$", re.I)


def binary_kept(dest: str) -> bool:
    d = norm(dest)
    if "/qt/translations/" in d or "/translations/qt" in d or d.endswith(".qm"):
        return False  # no Vietnamese Qt translation exists; the app translates its own buttons
    if "/plugins/" in d and not plugin_kept(d):
        return False
    name = d.rsplit("/", 1)[-1]
    return not DROP_LIBS.search(name)


def reachable(binaries):
    """Only the libraries some kept module or plugin links to: the dropped plugins' own
    dependencies (GTK, cairo, Wayland…) were collected before we pruned them."""
    from PyInstaller.depend import bindepend

    by_name = {}
    for entry in binaries:
        by_name.setdefault(norm(entry[0]).rsplit("/", 1)[-1], []).append(entry)

    def is_root(dest):
        d = norm(dest)
        return ("/plugins/" in d or ".cpython-" in d or ".abi3." in d or d.endswith(".pyd")
                or "libpython" in d or "lib-dynload" in d)

    todo = [e for e in binaries if is_root(e[0])]
    seen = {id(e) for e in todo}
    while todo:
        entry = todo.pop()
        for name, _path in bindepend.get_imports(entry[1]):
            for dep in by_name.get(name.lower(), []):
                if id(dep) not in seen:
                    seen.add(id(dep))
                    todo.append(dep)
    return [e for e in binaries if id(e) in seen]

