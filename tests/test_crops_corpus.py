"""Crops on the 27 real decks: every clean leaves no cropped-away pixel, and the crop-heavy decks
get exactly the treatment their pictures need. Only crop-related properties are asserted here."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

import slidesan
from conftest import SHARED
from slidesan.deck.package import Deck
from slidesan.deck.pictures import picture_uses
from slidesan.deck.steps import crops
from slidesan.images.safe_open import image_size

DECKS = sorted((SHARED / "corpus" / "decks").glob("*.ppt*")) if SHARED.exists() else []
A = "http://schemas.openxmlformats.org/drawingml/2006/main"

# deck stem -> (cropped uses at least, svg twins removed, artistic originals removed)
EXPECTED = {
    "poi_54542_cropped_bitmap": (5, 0, 0),
    "shapecrawler_059_crop-images": (7, 7, 0),
    "pythonpptx_shp-picture": (2, 0, 0),
    "poi_bug65523": (0, 0, 1),
    "poi_aascu.org_hbcu_leadershipsummit_cooper_": (2, 0, 0),
    "poi_customGeo": (3, 0, 0),
    "poi_smartart-simple": (2, 0, 0),
    "poi_bug64693": (4, 0, 0),
}


def hidden_pixels_left(path) -> list[str]:
    """Every srcRect component still worth a whole pixel of its image, read independently of residue()."""
    deck = Deck(path)
    left = []
    for use in picture_uses(deck):
        rect, image = use.src_rect, use.image_part()
        if rect is None or image is None:
            continue
        try:
            w, h = image_size(image.blob)
        except Exception:
            continue
        for key, n in (("l", w), ("r", w), ("t", h), ("b", h)):
            value = rect.get(key)
            if value and not value.endswith("%") and int(value) / 100000 * n >= 1:
                left.append(f"{use.part.partname} {key}={value} of {n} px")
    return left


@pytest.mark.skipif(not DECKS, reason="../shared/corpus/decks is not present")
@pytest.mark.parametrize("deck", DECKS, ids=[d.stem for d in DECKS])
def test_real_deck_keeps_no_cropped_away_pixels(deck, tmp_path):
    out = tmp_path / "clean.pptx"
    report = slidesan.clean(deck, out, options=slidesan.Options(ocr=False, keep_notes=True))
    Presentation(str(out))
    assert hidden_pixels_left(out) == []
    assert crops.residue(Deck(out), None) == []
    with zipfile.ZipFile(out) as zf:
        xml = b"".join(zf.read(n) for n in zf.namelist() if n.endswith(".xml"))
        assert b"imgProps" not in xml
        assert not any(n.endswith(".wdp") for n in zf.namelist())
    mine = [f for f in report.findings if f.step == "crops"]
    cropped = [f for f in mine if f.action == "cropped"]
    assert all(f.category == "crop" and f.severity == "info" and f.part for f in cropped)
    if deck.stem in EXPECTED:
        n_crops, n_svg, n_art = EXPECTED[deck.stem]
        assert len(cropped) >= n_crops
        assert sum(f.category == "svg-twin" for f in mine) == n_svg
        assert sum(f.category == "artistic-effect-original" for f in mine) == n_art


@pytest.mark.skipif(not DECKS, reason="../shared/corpus/decks is not present")
def test_shape_cropped_and_shared_pictures_in_python_pptx_deck(tmp_path):
    deck = SHARED / "corpus" / "decks" / "pythonpptx_shp-picture.pptx"
    out = tmp_path / "clean.pptx"
    slidesan.clean(deck, out, options=slidesan.Options(ocr=False))
    with zipfile.ZipFile(out) as zf:
        slide2 = etree.fromstring(zf.read("ppt/slides/slide2.xml"))
        rels = etree.fromstring(zf.read("ppt/slides/_rels/slide2.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        for pic in slide2.iter("{http://schemas.openxmlformats.org/presentationml/2006/main}pic"):
            if pic.find(f".//{{{A}}}prstGeom").get("prst") != "ellipse":
                continue
            rid = pic.find(f".//{{{A}}}blip").get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
            img = Image.open(io.BytesIO(zf.read("ppt/" + targets[rid].replace("../", ""))))
            assert img.mode == "RGBA"
            w, h = img.size
            assert img.getpixel((0, 0))[3] == 0 and img.getpixel((w - 1, h - 1))[3] == 0
            assert img.getpixel((w // 2, h // 2))[3] == 255
