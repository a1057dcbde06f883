# Build Finetune Studio for Windows: the PyInstaller one-folder build, then the Inno Setup installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Runs on Windows 10/11 x64 only (PyInstaller cannot cross-build). Needs Python 3.11+ (python.org
# installer, "py" launcher) and Inno Setup 6 (iscc.exe on PATH or in its default folder).
# Output: dist\finetune-studio\ (the app: "Finetune Studio.exe" windowed, finetune-studio.exe for the
# command line) and dist\finetune-studio-<version>-windows-x64-setup.exe.
# Optional signing: set $env:SIGN_CERT_SHA1 to the thumbprint of a code-signing certificate in the
# user's store; signtool (Windows SDK) then signs both executables and the installer.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

if (-not (Test-Path .venv\Scripts\python.exe)) {
    py -3.11 -m venv .venv
    .venv\Scripts\python -m pip install --upgrade pip
    .venv\Scripts\python -m pip install -e ".[test]"
}
$Py = ".venv\Scripts\python.exe"
$Version = & $Py -c "import app; print(app.__version__)"

# Translations, built (not in git) before collecting: the window's .ts -> .qm, the core's .po -> .mo.
& $Py tools\build_translations.py --force --quiet
if ($LASTEXITCODE -ne 0) { throw "could not build the window's translations" }
& $Py -m app.i18n_msgfmt | Out-Null
if ($LASTEXITCODE -ne 0) { throw "could not compile the translations" }
& $Py packaging\write_build_info.py
try {
    & $Py -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller packaging\finetune-studio.spec
    if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
} finally {
    & $Py packaging\write_build_info.py --remove
}

& dist\finetune-studio\finetune-studio.exe --version
& dist\finetune-studio\finetune-studio.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "the self-test of the built app failed" }

function Sign($Path) {
    if ($env:SIGN_CERT_SHA1) {
        signtool sign /sha1 $env:SIGN_CERT_SHA1 /fd sha256 /tr http://timestamp.digicert.com /td sha256 $Path
        if ($LASTEXITCODE -ne 0) { throw "signing $Path failed" }
    }
}
Sign "dist\finetune-studio\Finetune Studio.exe"
Sign "dist\finetune-studio\finetune-studio.exe"

$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" packaging\windows\finetune-studio.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Sign "dist\finetune-studio-$Version-windows-x64-setup.exe"
Write-Host "done: dist\finetune-studio-$Version-windows-x64-setup.exe"
