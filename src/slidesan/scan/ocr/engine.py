"""The OCR entry points: is Tesseract there, read one picture, read many pictures in parallel.

A missing or broken Tesseract is an environment problem the user fixes once, so it is one
sentence with the install command, never a traceback; a picture that cannot be decoded or read
becomes a reason string so the report can list it as not inspected.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import cv2
import pytesseract
from PIL import Image

from slidesan.errors import SlidesanError
from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.scan.ocr.cache import RESULTS, digest
from slidesan.scan.ocr.lines import OcrLine, assemble_lines
from slidesan.scan.ocr.passes import read_crops
from slidesan.scan.ocr.preprocess import channels, crop_for_ocr, find_regions, to_rgb_array

INSTALL_HINT = ("install it with 'apt install tesseract-ocr' (Debian/Ubuntu), 'brew install tesseract' (macOS) "
                "or the UB Mannheim installer (Windows), or skip OCR with --no-ocr")
MAX_SIDE = 2400             # larger pictures are read at this size (their text is large too)
_status_cache: dict[str, tuple[bool, str]] = {}


def tesseract_status() -> tuple[bool, str]:
    """(available, one-line message). Checked once per configured tesseract command."""
    cmd = pytesseract.pytesseract.tesseract_cmd
    if cmd not in _status_cache:
        try:
            out = subprocess.run([cmd, "--version"], capture_output=True, text=True, timeout=30)
            first = (out.stdout or out.stderr).splitlines()[0].strip() if (out.stdout or out.stderr) else ""
            if out.returncode != 0 or not first.lower().startswith("tesseract"):
                raise OSError(first or f"exit code {out.returncode}")
            _status_cache[cmd] = (True, f"{first} ({cmd})")
        except (OSError, subprocess.SubprocessError) as exc:
            reason = "was not found" if isinstance(exc, FileNotFoundError) else f"does not run ({exc})"
            _status_cache[cmd] = (False, f"Tesseract OCR {reason} at '{cmd}': {INSTALL_HINT}.")
    return _status_cache[cmd]


def _require_tesseract() -> None:
    available, message = tesseract_status()
    if not available:
        raise SlidesanError(message)


def read_text(image: Image.Image) -> list[OcrLine]:
    """Lines of text burned into `image`, with boxes in its pixels. Raises SlidesanError when
    Tesseract is missing or fails on this picture."""
    _require_tesseract()
    rgb = to_rgb_array(image)
    height, width = rgb.shape[:2]
    factor = min(1.0, MAX_SIDE / max(height, width, 1))
    if factor < 1.0:
        rgb = cv2.resize(rgb, (int(width * factor), int(height * factor)), interpolation=cv2.INTER_AREA)
    chans = channels(rgb)
    try:
        words = read_crops([crop_for_ocr(chans, region) for region in find_regions(rgb)])
    except pytesseract.TesseractError as exc:
        raise SlidesanError(f"Tesseract failed on this picture: {str(exc.message).strip()[:200]}") from None
    except pytesseract.TesseractNotFoundError:
        _status_cache.pop(pytesseract.pytesseract.tesseract_cmd, None)
        _require_tesseract()
        raise
    lines = assemble_lines(words)
    if factor < 1.0:
        lines = [_rescale(line, 1.0 / factor) for line in lines]
    return lines


def _rescale(line: OcrLine, k: float) -> OcrLine:
    def box(b):
        return tuple(int(round(v * k)) for v in b)
    return OcrLine(line.text, box(line.box), line.conf, line.raw, tuple((s, e, box(b)) for s, e, b in line.spans))


def read_bytes(data: bytes) -> list[OcrLine] | str:
    """Decode safely and read; every failure is a reason string (the picture is not inspected)."""
    try:
        image = open_image(data)
        return read_text(image)
    except UnreadableImage as exc:
        return f"picture {exc}"
    except SlidesanError as exc:
        return str(exc)
    except Exception as exc:    # a bug or an odd picture must not stop the other pictures
        return f"OCR failed ({type(exc).__name__}: {exc})"


def read_many(images: dict[str, bytes], jobs: int = 0) -> dict[str, list[OcrLine] | str]:
    """OCR every picture; identical bytes are read once (also across calls), by a pool of
    `jobs` workers (0 = one per core). Values are lines, or a string saying why not read."""
    available, message = tesseract_status()
    if not available:
        return {name: message for name in images}
    keys = {name: digest(data) for name, data in images.items()}
    todo: dict[str, bytes] = {}
    for name, key in keys.items():
        if key not in RESULTS and key not in todo:
            todo[key] = images[name]
    results: dict[str, list[OcrLine] | str] = {}
    jobs = min(jobs or os.cpu_count() or 1, len(todo))
    if jobs <= 1:
        for key, data in todo.items():
            results[key] = read_bytes(data)
    else:
        # Threads, not processes: the heavy work runs in the tesseract child process and in
        # numpy/OpenCV, which release the GIL; a forked pool deadlocks inside OpenCV's thread pool.
        os.environ["OMP_THREAD_LIMIT"] = "1"    # one Tesseract thread per job: the pool is the parallelism
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for key, result in zip(todo, pool.map(read_bytes, todo.values())):
                results[key] = result
    for key, result in results.items():
        RESULTS.put(key, result)
    return {name: results[key] if key in results else RESULTS.get(key) for name, key in keys.items()}
