#!/usr/bin/env bash
# Build the macOS app: build/app/slidesan.app, for the architecture of this Mac (arm64 or x86_64).
# Not run in CI (no Mac there); the Linux bundle built from the same spec is (tests/test_bundle.py).
#   1. brew install python@3.12 tesseract dylibbundler
#   2. From the repository root: bash packaging/build-macos.sh
#   3. Sign and notarise (docs/packaging.md, "Signing"), then ship build/app/slidesan.app in a .dmg.
set -euo pipefail
cd "$(dirname "$0")/.."
python3.12 -m venv .venv-build
.venv-build/bin/python -m pip install --upgrade pip
.venv-build/bin/python -m pip install ".[gui]" "pyinstaller>=6.10"
# Homebrew's tesseract links its libraries by absolute /opt/homebrew paths: copy it with its libraries
# rewritten to sit beside it, and bundle that copy.
rm -rf build/tesseract && mkdir -p build/tesseract/libs
cp "$(brew --prefix tesseract)/bin/tesseract" build/tesseract/
dylibbundler -of -b -x build/tesseract/tesseract -d build/tesseract/libs -p @executable_path/libs/
export SLIDESAN_TESSERACT="$PWD/build/tesseract/tesseract"
export SLIDESAN_TESSDATA="$(brew --prefix tesseract)/share/tessdata"
.venv-build/bin/pyinstaller --noconfirm --distpath build/app --workpath build/pyinstaller packaging/slidesan.spec
# the libraries dylibbundler wrote must travel with the program
cp -R build/tesseract/libs build/app/slidesan.app/Contents/Frameworks/tesseract/libs
build/app/slidesan.app/Contents/MacOS/slidesan doctor
echo "built build/app/slidesan.app"
