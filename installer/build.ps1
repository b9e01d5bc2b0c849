# Builds the cashier's program on Windows as a pyinstaller ONEDIR folder:
#   dist\jerez-pos\jerez-pos.exe (console: --selftest, diagnostico, every command)
#   dist\jerez-pos\jerez-pos-caja.exe (the desktop app, no console window; what the shortcuts start)
#
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1 [-Dist DIR] [-Work DIR] [-Instalador]
#
# Python: $env:PYTHON if set, else the repository's .venv. PyInstaller is installed at the version pinned in
# setup.cfg ([empaque]). With -Instalador, Inno Setup 6 (ISCC.exe) then builds dist\jerez-pos-VERSION.exe.
param(
    [string]$Dist = "",
    [string]$Work = "",
    [switch]$Instalador
)
$ErrorActionPreference = "Stop"
$Raiz = Split-Path -Parent $PSScriptRoot
if (-not $Dist) { $Dist = Join-Path $Raiz "dist" }
if (-not $Work) { $Work = Join-Path $Raiz "build\pyinstaller" }
$Py = if ($env:PYTHON) { $env:PYTHON } else { Join-Path $Raiz ".venv\Scripts\python.exe" }
if (-not (Test-Path $Py)) { throw "No se encontró Python en $Py; cree el entorno: py -3 -m venv .venv y pip install -e ." }

$leer = "import configparser,sys; c=configparser.ConfigParser(); c.read(sys.argv[1], encoding='utf-8'); " +
        "print(' '.join(r.strip() for r in c['options.extras_require']['empaque'].split() if r.strip()))"
$Empaque = (& $Py -c $leer (Join-Path $Raiz "setup.cfg")).Split(" ")
& $Py -m pip install --quiet --disable-pip-version-check @Empaque
if ($LASTEXITCODE -ne 0) { throw "No se pudo instalar $Empaque" }

$inicio = Get-Date
& $Py -m PyInstaller --noconfirm --log-level WARN --distpath $Dist --workpath $Work (Join-Path $Raiz "installer\jerez_pos.spec")
if ($LASTEXITCODE -ne 0) { throw "PyInstaller falló" }
$segundos = [int]((Get-Date) - $inicio).TotalSeconds
$mb = [math]::Round(((Get-ChildItem -Recurse -File (Join-Path $Dist "jerez-pos")) | Measure-Object Length -Sum).Sum / 1MB)
Write-Host "build.ps1: $Dist\jerez-pos\jerez-pos.exe listo en $segundos s; tamaño $mb MB"

# The frozen selftest, in a throwaway data home, before anything is packaged.
$prueba = Join-Path ([System.IO.Path]::GetTempPath()) ("jerez-pos-autoprueba-" + [guid]::NewGuid())
$env:JEREZ_POS_HOME = $prueba
& (Join-Path $Dist "jerez-pos\jerez-pos.exe") --selftest
$codigo = $LASTEXITCODE
Remove-Item Env:\JEREZ_POS_HOME
Remove-Item -Recurse -Force $prueba -ErrorAction SilentlyContinue
if ($codigo -ne 0) { throw "La autoprueba del programa construido falló" }

if ($Instalador) {
    $version = (& $Py -c "import configparser; c=configparser.ConfigParser(); c.read(r'$Raiz\setup.cfg'); print(c['metadata']['version'])").Trim()
    $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
    if (-not (Test-Path $iscc)) { throw "No se encontró Inno Setup 6 en $iscc" }
    & $iscc "/DVersion=$version" "/DOrigen=$Dist\jerez-pos" "/O$Dist" (Join-Path $Raiz "installer\jerez_pos.iss")
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup falló" }
    Write-Host "build.ps1: instalador $Dist\jerez-pos-$version.exe"
}
