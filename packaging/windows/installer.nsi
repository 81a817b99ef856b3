; 委员联络室工作台 — Windows installer (NSIS 3, Unicode). See docs/windows-build.md.
;
;   makensis /DVERSION=0.1.0 packaging\windows\installer.nsi
;
; Installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\LiaisonDesk; Start-menu and desktop shortcuts; uninstalling removes
; the program folder only: the clerk's data (%LOCALAPPDATA%\LiaisonDesk: database, backups,
; attachments, logs) stays. Needs 64-bit Windows 10 1809 (build 17763) or later, or Windows 11;
; Qt 6 does not run on Windows 7, 8 or 8.1, and the installer says so and stops.
;
; Defines: VERSION (required), BUNDLE (the PyInstaller folder, default ..\..\dist\liaison-desk),
; OUTFILE, and CHECK_ONLY (no compression: CI compiles the script against the Linux bundle's file
; list to check the script and the packaging, which is not a test on Windows).

Unicode true
ManifestDPIAware true
RequestExecutionLevel user

!ifndef VERSION
  !error "请用 /DVERSION=x.y.z 指定版本号"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\liaison-desk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\liaison-desk-${VERSION}-setup.exe"
!endif
!ifdef CHECK_ONLY
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!define APP_NAME "委员联络室工作台"
!define APP_KEY "LiaisonDesk"
!define EXE "liaison-desk.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
!define MIN_BUILD 17763 ; Windows 10 1809

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_KEY}"
InstallDirRegKey HKCU "Software\${APP_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APP_NAME}"

!define MUI_ICON "..\..\resources\icons\liaison-desk.ico"
!define MUI_UNICON "..\..\resources\icons\liaison-desk.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "安装 ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本程序将把 ${APP_NAME} 安装到您的用户文件夹中，不需要管理员权限。$\r$\n$\r$\n\
系统要求：64 位 Windows 10（1809 版及以上）或 Windows 11。不支持 Windows 7、8 和 8.1。$\r$\n$\r$\n\
您的数据（数据库、备份、附件）保存在 %LOCALAPPDATA%\${APP_KEY}，升级或卸载本程序都不会删除。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开 ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_NAME} 需要 64 位的 Windows 10（1809 版及以上）或 Windows 11。"
    Abort
  ${EndIf}
  ${WinVerGetBuild} $0
  ${If} ${AtMostWin8.1}
  ${OrIf} $0 < ${MIN_BUILD}
    MessageBox MB_ICONSTOP "${APP_NAME} 需要 Windows 10（1809 版及以上）或 Windows 11。$\r$\n\
本机的 Windows 版本过旧（内部版本 $0）：Qt 6 不支持 Windows 7、8 和 8.1，无法安装。"
    Abort
  ${EndIf}
FunctionEnd

Section "${APP_NAME}" main
  SectionIn RO
  SetShellVarContext current
  ; An upgrade replaces the program folder whole (no stale modules from the old version).
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\卸载 ${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  WriteRegStr HKCU "Software\${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  ; Only the program folder: the data folder %LOCALAPPDATA%\${APP_KEY} is another folder and stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\liaison-desk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_KEY}"
SectionEnd
