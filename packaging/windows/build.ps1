<#
.SYNOPSIS
    Build schemadesk's Windows bundle and its Inno Setup installer with one command.

.DESCRIPTION
    powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1

    Needs Python 3.11+ (the py launcher, or -Python C:\path\python.exe) and Inno Setup 6.3+
    (winget install JRSoftware.InnoSetup). Makes a build venv in packaging\out\venv-windows,
    installs schemadesk with the `packaging` extra (PyInstaller), renders the icon to an .ico with
    Qt, runs PyInstaller on packaging\schemadesk.spec (schemadesk.exe for the command line and
    schemadesk-gui.exe for the Start menu, in one folder), checks the executable starts, and
    compiles packaging\windows\schemadesk.iss.

    Output: packaging\out\dist\schemadesk\ and packaging\out\schemadesk-<version>-setup.exe.
    Signing: pass -SignTool "signtool sign /fd SHA256 /tr http://timestamp.example /td SHA256 /a"
    to sign both executables and the installer (Inno's SignTool directive is not needed then).
#>
param(
    [string]$Python = "py",
    [string[]]$PythonArgs = @("-3.11"),
    [string]$Iscc = "",
    [string]$SignTool = ""
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root
$Out = Join-Path $Root "packaging\out"
$Venv = Join-Path $Out "venv-windows"
$Py = Join-Path $Venv "Scripts\python.exe"

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

if ($Python -eq "py") { Invoke-Checked "py" ($PythonArgs + @("-m", "venv", $Venv)) }
else { Invoke-Checked $Python @("-m", "venv", $Venv) }
Invoke-Checked $Py @("-m", "pip", "install", "-q", "-e", ".[packaging]")
$Version = (& $Py -c "import schemadesk; print(schemadesk.__version__)").Trim()

# The icon: Qt draws the SVG into every size of one .ico (no ImageMagick needed).
$Ico = Join-Path $Out "icons\schemadesk.ico"
$env:QT_QPA_PLATFORM = "offscreen"
Invoke-Checked $Py @("packaging\render_icons.py", "resources\icons\schemadesk.svg", "--ico", $Ico)

# The bundle.
$env:SCHEMADESK_ICON = $Ico
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $Out "dist"), (Join-Path $Out "build")
Invoke-Checked $Py @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
    "--distpath", (Join-Path $Out "dist"), "--workpath", (Join-Path $Out "build"),
    "packaging\schemadesk.spec")
$Bundle = Join-Path $Out "dist\schemadesk"
Invoke-Checked (Join-Path $Bundle "schemadesk.exe") @("--version")
# The demo needs PostgreSQL's server binaries (the EDB installer) and refuses to run as an
# administrator: try it from a normal PowerShell.
& (Join-Path $Bundle "schemadesk.exe") demo --smoke-test
if ($LASTEXITCODE -ne 0) { Write-Warning "demo --smoke-test failed (exit $LASTEXITCODE; 4: no PostgreSQL server binaries)" }
Remove-Item Env:QT_QPA_PLATFORM

if ($SignTool) {
    foreach ($exe in @("schemadesk.exe", "schemadesk-gui.exe")) {
        Invoke-Expression "$SignTool `"$(Join-Path $Bundle $exe)`""
        if ($LASTEXITCODE -ne 0) { throw "signing $exe failed" }
    }
}

# The installer.
if (-not $Iscc) {
    $found = Get-Command "ISCC.exe" -ErrorAction SilentlyContinue
    $candidates = @(
        $(if ($found) { $found.Source }),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe"),
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe")
    ) | Where-Object { $_ -and (Test-Path $_) }
    if (-not $candidates) { throw "Inno Setup 6 not found: winget install JRSoftware.InnoSetup, or pass -Iscc" }
    $Iscc = @($candidates)[0]
}
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DSourceDir=$Bundle", "/DIconFile=$Ico",
    "/O$Out", "packaging\windows\schemadesk.iss")
$Setup = Join-Path $Out "schemadesk-$Version-setup.exe"
if ($SignTool) {
    Invoke-Expression "$SignTool `"$Setup`""
    if ($LASTEXITCODE -ne 0) { throw "signing the installer failed" }
}
Get-Item $Setup | Format-Table Name, Length
