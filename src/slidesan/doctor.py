"""`slidesan doctor`: is every engine and data file the checks rely on here?

One registry, CHECKS: each entry is a small function returning a Check (name, ok, detail). The
command line prints them, the window runs them at start and shows what is missing. Whatever is
missing, the cleaning itself fails closed on its own (a picture its engine could not look at is
"not inspected", so the verdict cannot be `publication`); doctor says *why* before anyone runs a
clean. tests/test_doctor.py hides each required entry in turn and checks exactly that.

Adding an engine = one function here + one line in CHECKS + a way to hide it in the test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str                 # what a lecturer would call it ("text reader (Tesseract)")
    ok: bool
    detail: str               # the version found, or what to do about it
    required: bool = True     # False: nothing is judged with it (shown for information)
    guards: str = ""          # what is "not inspected" when it is missing


def tesseract() -> Check:
    from slidesan.scan.ocr import tesseract_status

    ok, message = tesseract_status()
    return Check("text reader (Tesseract)", ok, message, guards="text burned into pictures")


def tesseract_languages() -> Check:
    """Tesseract runs but reads nothing without its English model (a bare tesseract install on
    macOS/Windows, or TESSDATA_PREFIX pointing at an empty folder)."""
    from slidesan.scan.ocr.engine import REQUIRED_LANGUAGES
    from slidesan.scan.ocr.engine import tesseract_languages as languages

    found = languages()
    missing = [lang for lang in REQUIRED_LANGUAGES if lang not in found]
    detail = ", ".join(found) if not missing else (
        f"missing {', '.join(missing)}: install tesseract-ocr-eng (or set TESSDATA_PREFIX to a folder "
        "holding eng.traineddata)")
    return Check("text reader languages", not missing, detail, guards="text burned into pictures")


def face_model() -> Check:
    from slidesan.images.faces import _cascade_file, detector_status

    ok, message = detector_status()
    return Check("face detector (OpenCV cascade)", ok, f"{message}: {_cascade_file()}" if ok else message,
                 guards="faces in photographs")


def word_lists() -> Check:
    """The allow-lists and name lists in slidesan/data: without them every word would be a name."""
    from importlib import resources

    names = ("common_english.txt", "eponyms.txt", "given_names.txt", "overlay_vocabulary.txt", "place_names.txt",
             "prose_words.txt")
    missing = []
    for name in names:
        try:
            if not resources.files("slidesan.data").joinpath(name).read_text(encoding="utf-8").strip():
                missing.append(name)
        except (OSError, ModuleNotFoundError):
            missing.append(name)
    if missing:
        return Check("word lists", False, f"missing {', '.join(missing)}: reinstall slidesan", guards="all text")
    return Check("word lists", True, f"{len(names)} lists in slidesan/data", guards="all text")


def renderer() -> Check:
    """LibreOffice is not used to judge anything: EMF/WMF pictures are reported not inspected
    whether or not it is here. Listed so nobody wonders."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    detail = (found or "not found") + "; vector pictures (EMF/WMF) are always reported as not inspected"
    return Check("vector picture renderer (LibreOffice)", bool(found), detail, required=False)


def learned_reader() -> Check | None:
    """The second OCR reader: PP-OCR models inside the rapidocr wheel, run by onnxruntime."""
    try:
        from slidesan.scan.ocr import learned
    except ImportError:
        return None
    ok, message = learned.status()
    return Check("learned text reader", ok, message, guards="text burned into pictures")


CHECKS: list[Callable[[], Check | None]] = [
    tesseract,
    tesseract_languages,
    learned_reader,
    face_model,
    word_lists,
    renderer,
]


def run_checks() -> list[Check]:
    """Every check that applies to this version; a check that fails to run counts as missing."""
    results = []
    for check in CHECKS:
        try:
            result = check()
        except Exception as exc:  # noqa: BLE001 - doctor must always answer
            result = Check(check.__name__.replace("_", " "), False, f"check failed: {type(exc).__name__}: {exc}")
        if result is not None:
            results.append(result)
    return results


def missing(results: list[Check]) -> list[Check]:
    return [r for r in results if r.required and not r.ok]


def summary(results: list[Check]) -> str:
    """One sentence for the window's banner and the last line of `slidesan doctor`."""
    gone = missing(results)
    if not gone:
        return "Everything slidesan uses to inspect pictures and text is installed."
    guarded = sorted({r.guards for r in gone if r.guards})
    return (f"Missing: {', '.join(r.name for r in gone)}. Reports will mark "
            f"{' and '.join(guarded) or 'the affected pictures'} as not inspected, so nothing can be rated "
            "ready for publication until this is fixed.")

