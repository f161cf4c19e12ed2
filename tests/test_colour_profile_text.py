"""A colour profile's free text is read for identifiers (images/rebuild.profile_details). Red team 10 wrote
a picture whose embedded profile's description had been edited; `check` said publication (the profile
is replaced on clean, so only its judgement was missing). A calibration tool writes the user's or the
workstation's name there. Pictures and profiles are made up here."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

import slidesan
from slidesan.images.icc import SRGB_CURVE, SRGB_PRIMARIES, profile_texts, rgb_profile
from slidesan.images.rebuild import rebuild_picture

LABEL = "Calibrated for Wilberforce Grantchester GX7741203"


def _picture(path, description: str, fmt: str):
    pixels = np.random.default_rng(4).integers(60, 200, (48, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(path, fmt, icc_profile=rgb_profile(description, SRGB_PRIMARIES, SRGB_CURVE))
    return path


def test_profile_texts_are_read():
    texts = dict(profile_texts(rgb_profile(LABEL, SRGB_PRIMARIES, SRGB_CURVE)))
    assert texts["description"] == LABEL and texts["copyright"]


def test_a_name_in_a_profile_makes_a_loose_picture_identifiable_and_goes_on_clean(tmp_path):
    for fmt, ext in (("PNG", "png"), ("JPEG", "jpg"), ("TIFF", "tif")):
        path = _picture(tmp_path / f"p.{ext}", LABEL, fmt)
        report = slidesan.check([path], slidesan.Options(ocr=False))
        assert any(f.category == "hospital-number" for f in report.findings), fmt
        assert report.verdict == "identifiable", fmt
        assert b"Grantchester" not in rebuild_picture(path.read_bytes()).data


def test_a_plain_profile_description_adds_nothing(tmp_path):
    path = _picture(tmp_path / "p.png", "sRGB IEC61966-2.1", "PNG")
    report = slidesan.check([path], slidesan.Options(ocr=False))
    assert not [f for f in report.findings if "picture metadata" in f.message]


def test_a_name_in_a_deck_pictures_profile_is_named(tmp_path):
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.core_properties.author = prs.core_properties.last_modified_by = ""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_picture(str(_picture(tmp_path / "p.png", LABEL, "PNG")), Inches(1), Inches(1), width=Inches(4))
    deck = tmp_path / "deck.pptx"
    prs.save(deck)
    report = slidesan.check([deck], slidesan.Options(ocr=False))
    assert any(f.category == "hospital-number" and "picture metadata" in f.message for f in report.findings)


def _behind_many_tags(icc: bytes, dummies: int = 120) -> bytes:
    """The same profile with `dummies` empty tag entries listed before its own, every offset shifted."""
    import struct

    count = struct.unpack(">I", icc[128:132])[0]
    shift = 12 * dummies
    entries = [struct.unpack(">4sII", icc[132 + 12 * i:144 + 12 * i]) for i in range(count)]
    table = b"".join(struct.pack(">4sII", b"z%03d" % i, 0, 0) for i in range(dummies))
    table += b"".join(struct.pack(">4sII", sig, offset + shift, size) for sig, offset, size in entries)
    body = icc[:128] + struct.pack(">I", count + dummies) + table + icc[132 + 12 * count:]
    return struct.pack(">I", len(body)) + body[4:]


def test_a_text_tag_listed_after_a_hundred_others_is_read_and_blanked():
    from slidesan.images.icc import blank_profile_texts

    icc = _behind_many_tags(rgb_profile(LABEL, SRGB_PRIMARIES, SRGB_CURVE))
    assert dict(profile_texts(icc))["description"] == LABEL
    assert b"Grantchester" not in blank_profile_texts(icc)
