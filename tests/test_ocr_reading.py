"""How the OCR engine reads: one picture reads the same whatever shares its Tesseract run;
coloured text fading in luminance is read from colour; the caret of a DICOM name read as several
marks; boxes drawn round words, in grey or in colour, leave the crop; an unsure line is read again
from its own box. (Whole-picture regressions: tests/test_ocr_cases.py.)"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from fixtures.overlays import anatomy
from slidesan.scan.ocr import line_crops, regions
from slidesan.scan.ocr.engine import read_batch
from slidesan.scan.ocr.lines import Word, _make_line
from tests.test_ocr import needs_tesseract, write


def jpeg(image: Image.Image, quality: int = 75) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def overlay_picture(seed: int, lines: list[str]) -> Image.Image:
    image = anatomy(512, 512, np.random.default_rng(seed), bright=False)
    for k, text in enumerate(lines):
        write(image, (6, 6 + 16 * k), text, 12, (255, 255, 255))
    return image


@needs_tesseract
def test_a_picture_reads_the_same_whatever_shares_its_tesseract_run():
    """Crops are pages of one file, not rows of one page: the neighbours in a batch cannot change
    how a line is segmented or read."""
    target = jpeg(overlay_picture(1, ["PATEL^ANIKA", "ID: RX7306261", "DOB: 03/04/1961"]), 60)
    others = [jpeg(overlay_picture(seed, [f"NEIGHBOUR^NUMBER{seed}", "Se: 3 Im: 45", "W:400 L:40"]), 60)
              for seed in (2, 3, 4, 5)]
    alone = read_batch([target])[0]
    batched = read_batch(others[:2] + [target] + others[2:])[2]
    assert alone and [(line.text, line.box) for line in alone] == [(line.text, line.box) for line in batched]


def test_green_number_fading_into_bright_anatomy_is_read_from_colour(monkeypatch):
    """Dense green digits over black, then over a structure as bright as the text: in luminance
    the second half vanishes. JPEG bleeds the green into the gaps, so the median chroma is high and
    only the weakest stretch of the line shows which channel keeps every digit."""
    rng = np.random.default_rng(9)
    strokes = np.zeros((14, 160), bool)
    for x in range(2, 156, 8):                          # a digit every 8 px: three strokes each
        strokes[2:12, x:x + 2] = strokes[2:4, x:x + 6] = strokes[10:12, x:x + 6] = True
    background = np.zeros((14, 160), np.float32)
    background[:, 40:] = 150 + rng.normal(0, 12, (14, 120))          # bright anatomy, grey
    gray = np.where(strokes, 150.0, background)
    chroma = np.where(strokes, 230.0, 60.0 + rng.normal(0, 8, (14, 160)))   # colour bleeding into the gaps
    chans = {"gray": np.clip(gray, 0, 255).astype(np.uint8), "chroma": np.clip(chroma, 0, 255).astype(np.uint8)}
    box = (0, 0, 160, 14)
    assert regions.clearer_channel(chans, box, "gray") == "chroma"
    monkeypatch.setattr(regions, "_weakest_part", lambda pixels: 0.0)
    assert regions.clearer_channel(chans, box, "gray") == "gray"


@pytest.mark.parametrize("words, expected", [
    (["ABUBAKAR\u2018*FIONA"], "ABUBAKAR^FIONA"),
    (["TAKAHASHI\u201c", "LAN"], "TAKAHASHI^LAN"),
    (["SMITH*,JOHN"], "SMITH^JOHN"),
    (["O'BRIEN^SEAN"], "O'BRIEN^SEAN"),            # a real apostrophe stays
    (["Ms", "O\u2019Brien"], "Ms O\u2019Brien"),
    (["Referrer:", "Dr", "\u00a9", "Mengah"], "Referrer: Dr   Mengah"),     # a lone sign is a speck
])
def test_caret_and_speck_confusions(words, expected):
    line = _make_line([Word(text, (10 * k, 0, 10 * k + 8, 10), 90.0, (0,)) for k, text in enumerate(words)])
    assert line.text == expected


@needs_tesseract
def test_a_box_drawn_round_a_word_does_not_hide_it(monkeypatch):
    """Redaction previews and annotated screenshots draw boxes tight round words; the box's
    edges touch the descenders, and Tesseract then misreads the whole word."""
    from PIL import ImageDraw

    from slidesan.scan.identifiers import find_identifiers
    from slidesan.scan.ocr.engine import read_text

    image = Image.new("RGB", (900, 160), "white")
    draw = ImageDraw.Draw(image)
    box = write(image, (30, 50), "opencode@microsoft.com with any questions", 30, (0, 0, 0))
    left, top, _, bottom = box
    draw.rectangle((left - 2, top - 3, left + 352, bottom + 1), outline=(40, 40, 40), width=2)   # grey: a coloured one is an outline
    draw.text((left, top - 16), "DOMAIN_NAME", fill=(0, 0, 0))

    def emails() -> list[str]:
        return [m.text for line in read_text(image) for m in find_identifiers(line.text, source="ocr")
                if m.category == "email"]

    def whole() -> bool:                # the box's left edge may still read as a letter; the rest must not
        return any(e.endswith("pencode@microsoft.com") for e in emails())

    assert whole()
    monkeypatch.setattr(line_crops, "_without_rules", lambda pixels: pixels)
    assert not whole()                  # the bottom edge under the descenders turns .com into .cdm


def test_coloured_outlines_are_whited_out_and_coloured_letters_are_not(monkeypatch):
    """A box or ring drawn in colour round dark text is a nearly empty shape much wider than tall; a
    red word, even a thin red L, is letters. Only the outline may leave the crop."""
    from PIL import ImageDraw

    from slidesan.scan.ocr.preprocess import channels, to_rgb_array
    from slidesan.scan.ocr.regions import Region

    image = Image.new("RGB", (600, 80), "white")
    draw = ImageDraw.Draw(image)
    number = write(image, (20, 25), "555-1234", 30, (0, 0, 0))
    red = write(image, (300, 25), "ASHWORTH", 30, (210, 20, 20))
    draw.rectangle((number[0] - 3, number[1] - 2, number[2] + 3, number[3] + 3), outline=(80, 80, 255), width=2)
    thin = (480, 25, 498, 55)                                   # a thin red L, as empty as an outline
    draw.line((thin[0], thin[1], thin[0], thin[3]), fill=(210, 20, 20), width=1)
    draw.line((thin[0], thin[3], thin[2], thin[3]), fill=(210, 20, 20), width=1)
    chans = channels(to_rgb_array(image))
    outline_left = (number[0] - 3, number[1], number[0] - 1, number[3])       # the box's left side, clear of the digits

    def ink(box) -> int:
        crop = line_crops.crop_for_ocr(chans, Region((10, 15, 560, 65), "gray", False))
        (l, t), (r, b) = crop_point(crop, box[0], box[1]), crop_point(crop, box[2], box[3])
        return int((crop.pixels[t:b, l:r] < 128).sum())

    red_ink, thin_ink = ink(red), ink((thin[0] - 1, thin[1], thin[2] + 1, thin[3] + 1))
    assert ink(outline_left) == 0
    assert red_ink > 0.1 * (red[2] - red[0]) * (red[3] - red[1]) and thin_ink > 0
    monkeypatch.setattr(line_crops, "_without_coloured_outlines", lambda pixels, chroma, scale: pixels)
    assert ink(outline_left) > 0 and ink(red) == red_ink and ink((thin[0] - 1, thin[1], thin[2] + 1, thin[3] + 1)) == thin_ink


def crop_point(crop, x: float, y: float) -> tuple[int, int]:
    return int(round((x - crop.left) * crop.scale + crop.margin)), int(round((y - crop.top) * crop.scale + crop.margin))


def test_an_unsure_line_shorter_than_its_region_is_read_again_from_its_own_box(monkeypatch):
    """Only lines Tesseract was unsure of, and that are clearly shorter than the region they came
    from, get a second crop; the second reading replaces the first only when it is more confident
    and has not lost words."""
    from slidesan.scan.ocr import second_look as module
    from slidesan.scan.ocr.regions import Region

    chans = {"gray": np.full((200, 400), 255, np.uint8), "chroma": np.zeros((200, 400), np.uint8)}
    tall = (chans, Region((0, 0, 400, 60), "gray", False))             # a label row above the line
    words = [Word("[21Z]", (10, 30, 60, 55), 30.0, (0, 1, 1, 2)), Word("5SS", (70, 30, 120, 55), 20.0, (0, 1, 1, 2)),
             Word("sure", (10, 0, 60, 25), 95.0, (0, 1, 1, 1)),          # confident: not read again
             Word("unsure", (10, 0, 390, 58), 10.0, (1, 1, 1, 1))]       # as tall as its region: not again
    asked = []

    def reader(crops):
        asked.extend(crops)
        return [Word("(212)", (10, 31, 60, 54), 80.0, (0, 1, 1, 1)), Word("555", (70, 31, 120, 54), 90.0, (0, 1, 1, 1))]

    monkeypatch.setattr(module, "read_crops", reader)
    out = module.second_look(words, [tall, tall])
    assert len(asked) == 1 and asked[0].top <= 30 and asked[0].top + asked[0].pixels.shape[0] / asked[0].scale > 55
    assert sorted(w.text for w in out) == ["(212)", "555", "sure", "unsure"]
    assert {w.group[0] for w in out if w.text == "555"} == {0}          # still the first picture's words

    monkeypatch.setattr(module, "read_crops", lambda crops: [Word("(Z1Z)", (10, 31, 60, 54), 25.0, (0, 1, 1, 1))])
    assert sorted(w.text for w in module.second_look(words, [tall, tall])) == ["5SS", "[21Z]", "sure", "unsure"]
    monkeypatch.setattr(module, "read_crops", lambda crops: [Word("(212)", (10, 31, 60, 54), 95.0, (0, 1, 1, 1))])
    assert sorted(w.text for w in module.second_look(words, [tall, tall])) == ["5SS", "[21Z]", "sure", "unsure"]


@needs_tesseract
def test_a_phone_number_under_redaction_labels_and_boxes_is_found(shared_dir, monkeypatch):
    """Presidio's own verification picture: grey labels sit on top of the line and blue boxes touch
    the digits. Both the outline removal and the second look are needed to read `(212) 555-1234`."""
    from slidesan.scan.identifiers import find_identifiers
    from slidesan.scan.ocr import engine
    from slidesan.scan.ocr.engine import read_text

    image = Image.open(shared_dir / "corpus/images/presidio/pii_verify.png")

    def phones() -> list[str]:
        return [m.text for line in read_text(image) for m in find_identifiers(line.text, source="ocr")
                if m.category == "phone" and m.severity == "high"]

    assert [p.replace(" ", "")[:5] for p in phones()] == ["(212)"]
    monkeypatch.setattr(engine, "second_look", lambda words, looks: words)
    assert phones() == []
    monkeypatch.undo()
    monkeypatch.setattr(line_crops, "_without_coloured_outlines", lambda pixels, chroma, scale: pixels)
    assert phones() == []
