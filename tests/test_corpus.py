"""The 27 real decks in ../shared/corpus/decks: each cleans, re-opens, and passes the self-check."""

import hashlib
import zipfile

import pytest
from pptx import Presentation

import slidesan
from slidesan.deck.verify import verify_written
from conftest import SHARED

DECKS = sorted((SHARED / "corpus" / "decks").glob("*.ppt*")) if SHARED.exists() else []


@pytest.mark.skipif(not DECKS, reason="../shared/corpus/decks is not present")
@pytest.mark.parametrize("deck", DECKS, ids=[d.name for d in DECKS])
def test_real_deck_cleans_reopens_and_verifies(deck, tmp_path):
    before = hashlib.sha256(deck.read_bytes()).hexdigest()
    out = tmp_path / "clean.pptx"
    options = slidesan.Options(ocr=False)
    report = slidesan.clean(deck, out, options)
    assert hashlib.sha256(deck.read_bytes()).hexdigest() == before, "input modified"
    assert out.exists() and report.output_sha256
    prs = Presentation(str(out))
    assert len(prs.slides) >= 1
    assert verify_written(out, options, report.findings) == []
    with zipfile.ZipFile(out) as zf:
        has_pictures = any(n.startswith("ppt/media/") for n in zf.namelist())
    if has_pictures:
        assert report.verdict != "publication", "OCR was off, so the verdict must not claim publication"
