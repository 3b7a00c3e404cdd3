# chunspell's module `hunspell` (the spell check, services/spelling.py). Its compiled part needs a
# native library that sits outside the package's own folder on Windows: the wheel is repaired by
# delvewheel, which puts its copy of the VC++ runtime (msvcp140-<hash>.dll) in `chunspell.libs/`
# beside the package and adds that folder to the DLL search path in hunspell/__init__.py. On Linux
# libhunspell-1.7.so.0 sits next to the extension (RUNPATH $ORIGIN) and is found by its imports.
# The wheel's English dictionary (hunspell/dictionaries/en_US.*) is not collected: the program
# loads only the Vietnamese one shipped in resources/dictionaries/.
from PyInstaller.compat import is_win
from PyInstaller.utils.hooks import collect_delvewheel_libs_directory

hiddenimports = ["hunspell.hunspell", "hunspell._version"]
if is_win:
    datas, binaries = collect_delvewheel_libs_directory("hunspell", libdir_name="chunspell.libs")
