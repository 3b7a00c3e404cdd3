; Installer of Tự Đánh Giá for Windows 10 1809+ 64-bit: per user, without administrator rights.
;
; Built by build/spec/windows.sh (makensis on Linux) and .github/workflows/windows.yml:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.0 "-DPUBLISHER=…"
;            -DBUNDLE=dist/windows/TuDanhGia -DFILELISTS=<dir of winfiles.py's output>
;            -DICON=resources/icons/tudanhgia.ico -DOUTFILE=dist/TuDanhGia-0.1.0-setup.exe
;            build/spec/installer.nsi
; (-INPUTCHARSET UTF8: this file is UTF-8 without a byte-order mark.)
;
; The program goes to %LOCALAPPDATA%\Programs\TuDanhGia. The user's data (database, own report
; kinds, settings, logs) lives in %LOCALAPPDATA%\TuDanhGia, a different folder, which neither the
; installer nor the uninstaller touches: the uninstaller deletes the installed files by name
; (winfiles.py's list), never a folder by wildcard.

Unicode true
!ifndef TARGET
  ; 64-bit like the program. NSIS's own Windows release lacks the 64-bit stubs (Debian's has
  ; them): there the workflow passes -DTARGET=x86-unicode, a 32-bit installer of the same program.
  !define TARGET amd64-unicode
!endif
Target ${TARGET}
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION | VERSION4 | PUBLISHER | BUNDLE | FILELISTS | ICON | OUTFILE
  !error "pass -DVERSION -DVERSION4 -DPUBLISHER -DBUNDLE -DFILELISTS -DICON -DOUTFILE (see the top of this file)"
!endif

!ifdef SIGN ; winsign.sh: the uninstaller and this installer signed as they are written (NSIS 3.08+)
  !uninstfinalize 'bash "${SIGN}" "%1"'
  !finalize 'bash "${SIGN}" "%1"'
!endif

!define APP_NAME "Tự Đánh Giá"
!define APP_EXE "TuDanhGia.exe"
!define DATA_DIR_NAME "TuDanhGia" ; platformdirs' user data dir of the app, under %LOCALAPPDATA%
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\TuDanhGia"
!define SHORTCUT "${APP_NAME}.lnk"
!include "${FILELISTS}\size.nsh"

!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include x64.nsh

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\TuDanhGia"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide

; --- pages ------------------------------------------------------------------------------------
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "$(TXT_WELCOME)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(TXT_UNCONFIRM)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; --- our own texts (MUI's Vietnamese file has the standard ones) -------------------------------
LangString TXT_WELCOME ${LANG_VIETNAMESE} "Trình cài đặt sẽ cài $(^NameDA) cho riêng tài khoản Windows của bạn; không cần quyền quản trị.$\r$\n$\r$\nNếu máy đã có phiên bản cũ, phiên bản cũ được thay thế; dữ liệu báo cáo đã có được giữ nguyên.$\r$\n$\r$\n$_CLICK"
LangString TXT_UNCONFIRM ${LANG_VIETNAMESE} "Chương trình sẽ được gỡ khỏi máy. Dữ liệu báo cáo của bạn trong thư mục $LOCALAPPDATA\${DATA_DIR_NAME} được giữ lại; muốn xóa, hãy tự xóa thư mục đó sau khi đã sao lưu."
LangString TXT_OLD_WINDOWS ${LANG_VIETNAMESE} "$(^NameDA) cần Windows 10 (phiên bản 1809 trở lên) hoặc Windows 11, bản 64-bit."
LangString TXT_DATA_DIR ${LANG_VIETNAMESE} "Thư mục này là nơi lưu dữ liệu báo cáo. Hãy chọn thư mục khác để cài chương trình."
LangString TXT_SECTION ${LANG_VIETNAMESE} "Chương trình $(^NameDA)"

; the setup.exe's own version resource (Explorer → Properties → Details)
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "© ${PUBLISHER}"

; --- checks -----------------------------------------------------------------------------------
Function .onInit
  SetShellVarContext current
  ; Qt 6 runs on Windows 10 1809 (build 17763) and later, 64-bit only
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP "$(TXT_OLD_WINDOWS)" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; never install into the data folder (the uninstaller would then be next to the database)
Function .onVerifyInstDir
  ${If} $INSTDIR == "$LOCALAPPDATA\${DATA_DIR_NAME}"
  ${OrIf} $INSTDIR == "$LOCALAPPDATA\${DATA_DIR_NAME}\"
    Abort
  ${EndIf}
FunctionEnd

Function .onInstFailed
FunctionEnd

; --- install ----------------------------------------------------------------------------------
Section "$(TXT_SECTION)" SecMain
  SectionIn RO
  SetShellVarContext current
  ${If} $INSTDIR == "$LOCALAPPDATA\${DATA_DIR_NAME}"
    MessageBox MB_OK|MB_ICONSTOP "$(TXT_DATA_DIR)" /SD IDOK
    Abort
  ${EndIf}

  ; an earlier version: its own uninstaller removes its files (not the data) before the new ones
  ; come, so no file of the old version lingers; _?= makes it run in place and be waited for
  ${If} ${FileExists} "$INSTDIR\uninstall.exe"
    ExecWait '"$INSTDIR\uninstall.exe" /S _?=$INSTDIR'
    Delete "$INSTDIR\uninstall.exe"
  ${EndIf}

  !include "${FILELISTS}\install.nsh"

  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; "Programs and Features" / "Apps", for this user only
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${BUNDLE_KB}
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

; --- uninstall --------------------------------------------------------------------------------
Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"

  ; exactly the installed files, then their folders if empty; %LOCALAPPDATA%\TuDanhGia (the
  ; data) is a different folder and is not named here
  !include "${FILELISTS}\uninstall.nsh"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
