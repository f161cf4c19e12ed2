#!/usr/bin/env bash
# Installs the OS packages slidesan needs on Debian/Ubuntu, only those that are missing.
#   scripts/install-system-deps.sh            Tesseract (OCR) and python3-venv
#   scripts/install-system-deps.sh --ci       also LibreOffice Impress and exiftool (render and metadata tests),
#                                             extra fonts for fixtures/viewer_screens, and Chromium (the
#                                             report's screenshot test)
#   scripts/install-system-deps.sh --render   LibreOffice, rsvg-convert and pdftoppm: EMF/WMF/SVG/PDF pictures read
set -euo pipefail
want=()
command -v tesseract >/dev/null || want+=(tesseract-ocr tesseract-ocr-eng)
python3 -c 'import ensurepip, venv' 2>/dev/null || want+=(python3-venv)
if [[ "${1:-}" == "--ci" || "${1:-}" == "--render" ]]; then
  command -v soffice >/dev/null || want+=(libreoffice-impress)
  command -v rsvg-convert >/dev/null || want+=(librsvg2-bin)
  command -v pdftoppm >/dev/null || want+=(poppler-utils)
fi
if [[ "${1:-}" == "--ci" ]]; then
  command -v exiftool >/dev/null || want+=(libimage-exiftool-perl)
  command -v chromium >/dev/null || want+=(chromium)
  command -v xvfb-run >/dev/null || want+=(xvfb xauth)    # the packaged app's window on a real X display
  # the packaged app bundles this Tesseract; its licence file travels with it
  dpkg -s tesseract-ocr >/dev/null 2>&1 || want+=(tesseract-ocr)
  fc-list 2>/dev/null | grep -qi dejavu || want+=(fonts-dejavu-core)
  # more typefaces for the second overlay generator (fixtures/viewer_screens); it skips absent ones
  for p in fonts-liberation2 fonts-noto-core fonts-urw-base35 fonts-freefont-ttf fonts-roboto; do
    dpkg -s "$p" >/dev/null 2>&1 || want+=("$p")
  done
  # Qt's offscreen platform plugin (desktop window tests); the xcb libraries Qt's window plugin links, so that
  # `make bundle` copies them into the app and lecturers need not install them (issue 13)
  for p in libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-6 \
           libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1; do
    dpkg -s "$p" >/dev/null 2>&1 || want+=("$p")
  done
fi
[[ ${#want[@]} -eq 0 ]] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "slidesan: please install: ${want[*]} (macOS: brew install tesseract; Windows: the UB Mannheim Tesseract installer)" >&2
  exit 0
fi
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "installing ${want[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
