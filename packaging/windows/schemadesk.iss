; Inno Setup 6.3+ script for schemadesk: a per-user install (no administrator rights), a
; Start-menu entry, an optional desktop icon, and an uninstaller. No file associations.
;
; packaging\windows\build.ps1 runs it as:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=...\packaging\out\dist\schemadesk
;            /DIconFile=...\packaging\out\icons\schemadesk.ico /O...\packaging\out schemadesk.iss
; Installs to %LOCALAPPDATA%\Programs\schemadesk; the command line is schemadesk.exe there.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\out\dist\schemadesk"
#endif
#ifndef IconFile
  #define IconFile "..\out\icons\schemadesk.ico"
#endif

[Setup]
; The AppId identifies the product to Windows' uninstaller: never change it between versions.
AppId={{63BD22F1-1A99-4C4C-ADE8-C8A1BEF86ACC}
AppName=schemadesk
AppVersion={#AppVersion}
AppVerName=schemadesk {#AppVersion}
AppPublisher=schemadesk developers
DefaultDirName={autopf}\schemadesk
DefaultGroupName=schemadesk
DisableProgramGroupPage=yes
; Per user: {autopf} is %LOCALAPPDATA%\Programs, {autoprograms} the user's Start menu.
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=schemadesk-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\schemadesk-gui.exe
UninstallDisplayName=schemadesk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version's bundle replaces the old one whole: no stale libraries left in _internal.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\schemadesk"; Filename: "{app}\schemadesk-gui.exe"; Comment: "PostgreSQL schemas, roles and migrations"
Name: "{autodesktop}\schemadesk"; Filename: "{app}\schemadesk-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\schemadesk-gui.exe"; Description: "{cm:LaunchProgram,schemadesk}"; Flags: nowait postinstall skipifsilent
