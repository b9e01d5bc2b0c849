; Inno Setup 6 script for jerez-pos (Tesorería Municipal de Jerez, Zacatecas).
;
;   installer\build.ps1 -Instalador     (builds dist\jerez-pos\ first, runs its selftest, then this script)
;   ISCC.exe /DVersion=0.1.0 /DOrigen=dist\jerez-pos /Odist installer\jerez_pos.iss
;
; Minimum: Windows 10 version 1809 (build 17763), 64-bit: Qt 6 does not run on anything older.
;
; Where things go:
;   program       {autopf}\jerez-pos   (Program Files; replaced whole on every upgrade)
;   data          %LOCALAPPDATA%\Municipio de Jerez\jerez-pos of each Windows user: the ledger
;                 (jerez_pos.sqlite3), respaldos\, ajustes.toml, impresora.toml, the terminal's key. The
;                 installer never writes there: the program creates it on its first start (and opens the
;                 first-run wizard when the ledger has no administrator). To share one ledger between all
;                 users of the PC, set the machine-wide variable JEREZ_POS_HOME (e.g. C:\ProgramData\jerez-pos)
;                 and give the cashiers' group write access to that folder.
;   uninstall     removes the program only: the data folder (ledger and backups) is kept, always. The
;                 treasury must keep the ledger; delete it by hand only after a verified copy is archived.
;   upgrade       same AppId: the new version replaces the program folder and keeps the data. On its next
;                 start the program copies the ledger to respaldos\antes-de-migrar-*.sqlite3 (verified), then
;                 migrates it; a ledger newer than the program is refused, never downgraded.

#ifndef Version
  #define Version "0.1.0"
#endif
#ifndef Origen
  #define Origen "..\dist\jerez-pos"
#endif

[Setup]
AppId={{6E2B8F1C-3D4A-4E59-9A7B-1F0C2D3E4A5B}
AppName=jerez-pos
AppVersion={#Version}
AppVerName=jerez-pos {#Version}
AppPublisher=Municipio de Jerez, Zacatecas - Tesorería Municipal
DefaultDirName={autopf}\jerez-pos
DefaultGroupName=jerez-pos
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputBaseFilename=jerez-pos-{#Version}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\jerez-pos-caja.exe
UninstallDisplayName=jerez-pos {#Version}
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "escritorio"; Description: "Crear un acceso directo en el escritorio"; GroupDescription: "Accesos directos:"

[InstallDelete]
; An upgrade replaces the program folder whole, so no module of an older version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Origen}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\jerez-pos (caja)"; Filename: "{app}\jerez-pos-caja.exe"; WorkingDir: "{app}"
Name: "{group}\Autoprueba de jerez-pos"; Filename: "{cmd}"; Parameters: "/k ""{app}\jerez-pos.exe"" --selftest"
Name: "{group}\Diagnóstico de jerez-pos"; Filename: "{cmd}"; Parameters: "/k ""{app}\jerez-pos.exe"" diagnostico"
Name: "{group}\Desinstalar jerez-pos"; Filename: "{uninstallexe}"
Name: "{autodesktop}\jerez-pos"; Filename: "{app}\jerez-pos-caja.exe"; WorkingDir: "{app}"; Tasks: escritorio

[Run]
Filename: "{app}\jerez-pos-caja.exe"; Description: "Abrir jerez-pos ahora"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Only what the program wrote inside its own folder; the data folder is never touched.
Type: filesandordirs; Name: "{app}\_internal"

[Messages]
es.FinishedLabel=jerez-pos quedó instalado. Al abrirlo por primera vez se crea la base de datos y el asistente pide los datos de la terminal y del administrador.
es.ConfirmUninstall=¿Desinstalar jerez-pos? Se quita el programa; la base de datos de recibos y los respaldos se conservan en la carpeta de datos de cada usuario.
