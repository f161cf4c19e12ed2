"""Regression pictures cut from the OCR benchmark set (fixtures/ocr_cases.py): each holds one
identifier an earlier engine missed, and each must now be flagged where it was planted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.ocr.engine import read_text
from tests.test_ocr import needs_tesseract

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "ocr_cases"
CASES = json.loads((CASES_DIR / "cases.json").read_text())


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@needs_tesseract
@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_hard_case_is_flagged_where_it_was_planted(case):
    lines = read_text(Image.open(CASES_DIR / case["file"]))
    flagged = [(m.category, m.text, line.box_of(m.start, m.end)) for line in lines
               for m in find_identifiers(line.text, source="ocr") if m.severity == "high"]
    assert any(overlaps(box, case["box"]) for _, _, box in flagged), (case["why"], [ln.text for ln in lines])
