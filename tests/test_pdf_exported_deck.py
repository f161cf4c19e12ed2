"""Issue 14's first target: a handout LibreOffice exports from a hiding-places deck loses every
cropped-away pixel and every hidden place, and its pages render alike (<= 4/255) before and after."""

from __future__ import annotations

import shutil

import pytest
from pdf_helpers import magenta_pixels, render_diff, where_planted

import slidesan
from fixtures.pdfs.exported_deck import build_deck, export
from slidesan.options import Options
from slidesan.pdf.document import PdfDoc
from slidesan.pdf.pipeline import residue

pytestmark = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is needed")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exported")
    planted = build_deck(folder / "handout.pptx")
    return export(folder / "handout.pptx", folder), planted


def test_exported_handout_cleaned(exported, tmp_path):
    pdf, planted = exported
    assert magenta_pixels(pdf) > 20_000, "LibreOffice no longer writes the whole picture?"
    assert residue(PdfDoc(pdf), Options())
    out = tmp_path / "handout.clean.pdf"
    report = slidesan.clean(pdf, out, Options(ocr=False))
    assert magenta_pixels(out) == 0
    for canary in planted["canaries"]:
        assert where_planted(pdf, canary) and not where_planted(out, canary)
    assert residue(PdfDoc(out), Options()) == []
    assert max(render_diff(pdf, out, dpi=100)) <= 4
    assert sum(1 for f in report.findings if f.category == "crop" and f.action == "cropped") >= 2


def test_clean_deck_with_handout(tmp_path):
    deck = tmp_path / "talk.pptx"
    build_deck(deck)
    report = slidesan.clean(deck, tmp_path / "talk.clean.pptx", Options(ocr=False, pdf=True))
    handout = tmp_path / "talk.clean.pdf"
    assert handout.exists()
    assert magenta_pixels(handout) == 0
    assert residue(PdfDoc(handout), Options()) == []
    assert any(f.file == "talk.clean.pdf" for f in report.findings)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".slidesan")]


def test_exported_comments_removed(tmp_path):
    from fixtures.decks.comments import build

    markers = build(tmp_path / "comments.pptx")
    pdf = export(tmp_path / "comments.pptx", tmp_path, comments=True)
    planted = [markers["legacy_author"].encode(), markers["legacy_text"].encode()]
    assert all(where_planted(pdf, p) for p in planted), "LibreOffice no longer exports comments?"
    out = tmp_path / "comments.clean.pdf"
    report = slidesan.clean(pdf, out, Options(ocr=False))
    assert not any(where_planted(out, p) for p in planted)
    assert any(f.category == "comment" and markers["legacy_author"] in f.message for f in report.findings)
