; Inno Setup 6 script: the Windows installer of Finetune Studio.
;
; Per-user install (no administrator rights, no UAC prompt) into
; %LOCALAPPDATA%\Programs\Finetune Studio, a Start-menu entry, an optional desktop icon, *.ftproj
; opening in the app, and an uninstaller (Settings > Apps, or the Start-menu folder).
; Uninstalling leaves the user's projects, settings and logs (%APPDATA%, %LOCALAPPDATA%) and the
; API keys in Windows Credential Manager alone: they are the user's data.
;
; Build (on Windows, after the PyInstaller build; see packaging\README.md):
;   iscc /DAppVersion=0.1.0 packaging\windows\finetune-studio.iss
; Output: dist\finetune-studio-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Finetune Studio"
#define AppExe "Finetune Studio.exe"
#define SourceDir "..\..\dist\finetune-studio"

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{7C2F4B8E-3D1A-4E5B-9F60-2A8C1D4E7B93}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Finetune Studio
VersionInfoVersion={#AppVersion}
; Per-user: {autopf} is %LOCALAPPDATA%\Programs and {autoprograms} the user's Start menu when
; the installer runs without administrator rights. The dialog lets a user choose an all-users
; install instead (it then asks for elevation).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=finetune-studio-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\finetune-studio.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running copy before replacing its files, and reopen it after an upgrade.
CloseApplications=yes
RestartApplications=yes
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder PyInstaller build: both executables and _internal\.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not keep files the new version no longer ships (stale DLLs or modules would be
; picked up instead of the new ones).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; *.ftproj opens in the app. HKA is HKCU for a per-user install (HKLM for all users); the keys go
; with the uninstaller.
Root: HKA; Subkey: "Software\Classes\.ftproj"; ValueType: string; ValueName: ""; ValueData: "FinetuneStudio.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\FinetuneStudio.Project"; ValueType: string; ValueName: ""; ValueData: "Finetune Studio project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\FinetuneStudio.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\FinetuneStudio.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// Prove the installation works before the first start: the console executable's --self-test
// (hidden). A failure is reported with what to do; the files stay installed either way.
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if CurStep = ssPostInstall then
  begin
    WizardForm.StatusLabel.Caption := 'Checking the installation...';
    if not Exec(ExpandConstant('{app}\finetune-studio.exe'), '--self-test', '', SW_HIDE,
                ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
      SuppressibleMsgBox('Finetune Studio was installed, but its self-test found a problem.' + #13#10 +
        'Run "finetune-studio.exe --self-test" in the installation folder to see which check failed.',
        mbError, MB_OK, IDOK);
  end;
end;
