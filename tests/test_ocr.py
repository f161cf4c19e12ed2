"""OCR engine (issue 3): the hard overlay cases are read, boxes land on the text, pictures are
read once, and a missing Tesseract is one sentence."""

from __future__ import annotations

import io

import numpy as np
import pytest
import pytesseract
from PIL import Image, ImageDraw, ImageFont

from fixtures.overlays import anatomy
from slidesan.errors import SlidesanError
from slidesan.scan import ocr
from slidesan.scan.ocr import normalise_confusions, read_many, read_text, tesseract_status
from slidesan.scan.ocr.cache import RESULTS

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

needs_tesseract = pytest.mark.skipif(not tesseract_status()[0], reason="tesseract is not installed")


def font(size: int):
    try:
        return ImageFont.truetype(DEJAVU, size)
    except OSError:
        return ImageFont.load_default(size=size)


def write(image: Image.Image, xy, text: str, size: int, fill) -> tuple[int, int, int, int]:
    draw = ImageDraw.Draw(image)
    draw.text(xy, text, font=font(size), fill=fill)
    return draw.textbbox(xy, text, font=font(size))


def folded(text: str) -> str:
    """Upper case with the look-alikes a detector tolerates folded together (O/0, I/1)."""
    return text.upper().replace("O", "0").replace("I", "1")


def png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


@needs_tesseract
def test_white_on_black_12px_name_is_read():
    image = Image.new("RGB", (512, 384))
    write(image, (8, 8), "OKONKWO^CHIDI", 12, (255, 255, 255))
    write(image, (8, 360), "W:400 L:40", 12, (255, 255, 255))
    text = " ".join(line.text for line in read_text(image))
    assert folded("OKONKWO^CHIDI") in folded(text)


@needs_tesseract
def test_yellow_text_on_bright_anatomy_is_read():
    image = anatomy(640, 480, np.random.default_rng(3), bright=True)
    draw = ImageDraw.Draw(image)
    draw.ellipse([-80, -60, 220, 120], fill=(200, 200, 200))      # bright structure under the text
    write(image, (6, 10), "DOB: 03/04/1961", 14, (255, 255, 0))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=75)
    text = " ".join(line.text for line in read_text(Image.open(buf)))
    assert "03/04/1961" in text


@needs_tesseract
def test_text_touching_the_edge_is_read_and_boxed():
    image = Image.new("RGB", (400, 300), (10, 10, 10))
    planted = write(image, (0, 0), "MRN H4417302", 13, (230, 230, 230))
    lines = read_text(image)
    hit = [line for line in lines if "4417302" in line.text]
    assert hit, [line.text for line in lines]
    l, t, r, b = hit[0].box
    # the line box covers the planted text (a few pixels of slack for anti-aliasing)
    assert l <= planted[0] + 3 and t <= planted[1] + 3 and r >= planted[2] - 3 and b >= planted[3] - 3
    # and is not much bigger than it
    assert r - l <= (planted[2] - planted[0]) * 1.5 and b - t <= (planted[3] - planted[1]) * 2.5


@needs_tesseract
def test_box_of_locates_one_word_inside_a_line():
    image = Image.new("RGB", (500, 200))
    write(image, (20, 30), "Name: ", 16, (255, 255, 255))
    name_box = write(image, (20 + font(16).getlength("Name: "), 30), "SZCZEPANSKI", 16, (255, 255, 255))
    line = next(line for line in read_text(image) if "SZCZEPANSK" in line.text)
    start = line.text.index("SZCZEPANSK")
    l, t, r, b = line.box_of(start, start + 10)
    assert abs(l - name_box[0]) <= 4 and abs(r - name_box[2]) <= 6
    assert line.box[0] < l                        # the label is outside the name's box


@needs_tesseract
def test_dark_text_on_a_light_form_is_read():
    image = Image.new("RGB", (500, 200), (228, 226, 220))
    write(image, (20, 40), "NHS No: 943 476 5919", 14, (30, 30, 60))
    assert "9434765919" in "".join(line.text for line in read_text(image)).replace(" ", "")


def test_blank_picture_has_no_lines():
    if not tesseract_status()[0]:
        pytest.skip("tesseract is not installed")
    assert read_text(Image.new("RGB", (300, 200))) == []


@needs_tesseract
def test_identical_bytes_are_read_once(monkeypatch):
    RESULTS.clear()
    image = Image.new("RGB", (300, 120))
    write(image, (10, 10), "ID: 0004417302", 14, (255, 255, 255))
    data = png(image)
    first = read_many({"slide1/image1.png": data, "slide7/copy.png": data}, jobs=1)
    assert first["slide1/image1.png"] == first["slide7/copy.png"]
    assert any("0004417302" in line.text for line in first["slide1/image1.png"])

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("cached picture was OCR'd again")
    monkeypatch.setattr(ocr.engine, "_readings", must_not_run)
    again = read_many({"slide9/same.png": data}, jobs=2)
    assert again["slide9/same.png"] == first["slide1/image1.png"]
    assert RESULTS.hits >= 1


@needs_tesseract
def test_undecodable_picture_is_a_reason_not_a_crash():
    RESULTS.clear()
    out = read_many({"bad.png": b"\x89PNG\r\n\x1a\nnot really"}, jobs=1)
    assert isinstance(out["bad.png"], str) and "decoded" in out["bad.png"]


def test_missing_tesseract_is_one_line(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/bin/tesseract")
    available, message = tesseract_status()
    assert not available
    assert "\n" not in message and "apt install tesseract-ocr" in message and "brew install tesseract" in message
    with pytest.raises(SlidesanError) as raised:
        read_text(Image.new("RGB", (50, 50)))
    assert str(raised.value) == message
    out = read_many({"a.png": png(Image.new("RGB", (20, 20)))})
    assert out == {"a.png": message}


def test_confusions_are_undone_without_moving_characters():
    for raw, fixed in (("XIONG*WEI", "XIONG^WEI"), ("SMITH4JOHN 12/03/1961", "SMITH^JOHN 12/03/1961"),
                       ("RX4AB", "RX4AB"), ("ID: 0O079241539", "ID: 00079241539"),
                       ("DOB: 0l/O4/196l", "DOB: 01/04/1961"), ("W:400 L:40", "W:400 L:40"),
                       ("Royal Infirmary", "Royal Infirmary"), ("13-Oct-2018", "13-Oct-2018")):
        assert normalise_confusions(raw) == fixed
        assert len(normalise_confusions(raw)) == len(raw)


@needs_tesseract
def test_grey_text_on_a_bright_glow_is_read():
    """Light-grey captions over a bright, smooth structure stand out by only ~45 grey levels:
    too weak for the main stroke threshold, found by the faint-stroke mask."""
    image = Image.new("RGB", (600, 300), (135, 135, 135))
    draw = ImageDraw.Draw(image)
    try:
        bold = ImageFont.truetype(DEJAVU.replace("Sans.ttf", "Sans-Bold.ttf"), 16)
    except OSError:
        pytest.skip("DejaVu Sans Bold is not installed")
    draw.text((6, 8), "ID: 77279151614", font=bold, fill=(180, 180, 180))
    box = draw.textbbox((6, 8), "ID: 77279151614", font=bold)
    lines = read_text(image)
    hit = [line for line in lines if "77279151614" in line.text]
    assert hit, [line.text for line in lines]
    l, t, r, b = hit[0].box
    assert l < box[2] and r > box[0] and t < box[3] and b > box[1]


@needs_tesseract
def test_form_line_whose_descender_touches_its_rule_is_read():
    """A 'g' in 'Berg' makes the line box taller than its capitals; the line must still count
    as made of letters."""
    image = Image.new("RGB", (640, 120), (215, 215, 215))
    write(image, (20, 40), "Patient name: Ms Anneke Van Der Berg", 22, (70, 70, 70))
    ImageDraw.Draw(image).line([(20, 66), (620, 66)], fill=(150, 150, 150), width=1)
    text = " ".join(line.text for line in read_text(image))
    assert "Van Der Berg" in text


def test_ocr_date_and_postcode_damage_is_tolerated():
    from slidesan.scan.identifiers import find_identifiers

    def high(line: str) -> list[str]:
        return [m.text for m in find_identifiers(normalise_confusions(line), source="ocr") if m.severity == "high"]

    assert high("Date of birth: 16 04.1953") == ["16 04.1953"]        # a separator read as a space
    assert high("0105/2021") == ["0105/2021"]                          # a separator lost
    assert high("15+May-2024") == ["15+May-2024"]
    assert high("DOB: 21/03/198") == ["21/03/198"]                     # year cut short after a DOB label
    assert high("DOB 02/05/1832") == ["02/05/1832"]
    assert high("DOB: 17 Nov 13846") == ["17 Nov 13846"]             # the whole damaged value after its label
    assert high("Address postcode: CF14 4XwW") == ["CF14 4XwW"]
    assert high("Address postcode: NE1l 4LP") == ["NE1l 4LP"]
    assert high("NHS No: 755 371 $255.") == ["755 371 5255"]          # '$' read for a 5
    # still not dates: two bare spaces, an unlabelled year no digit confusion explains, an unlabelled damaged date
    assert high("5.0 mm 01 02 2003") == []
    assert high("16-Dec-2615") == ["16-Dec-2615"]                  # 2015 with its 0 read as 6
    assert high("Tc-99m 20 Mar 1234") == []
    assert high("Se 3 21/03/198") == []


@needs_tesseract
def test_green_text_running_onto_bright_anatomy_is_read_in_colour():
    """Green text that starts over black and ends over a bright structure fades out in
    luminance halfway along; read from the chroma channel it stays whole."""
    image = Image.new("RGB", (420, 200))
    pixels = np.asarray(image).copy()
    rng = np.random.default_rng(5)
    pixels[:, 90:] = np.clip(rng.normal(175, 12, (200, 330, 1)), 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels)
    write(image, (4, 10), "DOB: 12/23/1963", 18, (0, 255, 0))
    text = " ".join(line.text for line in read_text(image))
    assert "12/23/1963" in text
