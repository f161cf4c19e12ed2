# Build the Windows app: build\app\slidesan\slidesan.exe (one folder), with Tesseract inside it.
# Not run in CI (no Windows machine there); the Linux bundle built from the same spec is (tests/test_bundle.py).
#   1. Install Python 3.12 (python.org) and the UB Mannheim Tesseract (github.com/UB-Mannheim/tesseract/wiki)
#   2. From the repository root:  powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#   3. The script ends by running `slidesan.exe doctor` inside the app (a windowed app: it borrows this console)
#   4. Ship build\app\slidesan\ zipped, or wrap it with Inno Setup; sign slidesan.exe with signtool first.
$ErrorActionPreference = "Stop"
$Tesseract = if ($env:SLIDESAN_TESSERACT) { $env:SLIDESAN_TESSERACT } else { "C:\Program Files\Tesseract-OCR\tesseract.exe" }
if (-not (Test-Path $Tesseract)) { throw "Tesseract not found at ${Tesseract}: install the UB Mannheim build or set SLIDESAN_TESSERACT" }
py -3.12 -m venv .venv-build
.\.venv-build\Scripts\python -m pip install --upgrade pip
.\.venv-build\Scripts\python -m pip install ".[gui]" "pyinstaller>=6.10"
$env:SLIDESAN_TESSERACT = $Tesseract
$env:SLIDESAN_TESSDATA = Join-Path (Split-Path $Tesseract) "tessdata"
.\.venv-build\Scripts\pyinstaller --noconfirm --distpath build\app --workpath build\pyinstaller packaging\slidesan.spec
$doctor = Start-Process -FilePath .\build\app\slidesan\slidesan.exe -ArgumentList doctor -Wait -PassThru -NoNewWindow
if ($doctor.ExitCode -ne 0) { throw "the app is missing an engine (see above)" }
Write-Host "built build\app\slidesan\slidesan.exe"
