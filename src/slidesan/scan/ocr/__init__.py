"""OCR of burned-in text: small, low-contrast overlay text in medical pictures and screenshots.

    from slidesan.scan.ocr import tesseract_status, read_text, read_many, OcrLine

Plain Tesseract on a whole frame misses a fifth of overlay identifiers (light text on dark or on
bright anatomy, 10-14 px fonts, text touching the edge). This package finds text-like regions
first (preprocess.py; text too small for it is looked at again enlarged, small_text.py),
normalises each crop to dark, upscaled text on white (line_crops.py), OCRs the crops of several pictures in one
Tesseract run with each crop its own page (passes.py), assembles words into lines (lines.py) and
OCRs each distinct picture once, in parallel (engine.py, cache.py).
"""

from slidesan.scan.ocr.engine import read_many, read_text, tesseract_status
from slidesan.scan.ocr.lines import OcrLine, normalise_confusions

__all__ = ["OcrLine", "normalise_confusions", "read_many", "read_text", "tesseract_status"]
