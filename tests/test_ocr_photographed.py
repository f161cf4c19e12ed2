"""Photographs of screens and films (scan/ocr/photographed.py): overlay text a phone camera left a
few levels above its background is read from a copy with local contrast evened out."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from slidesan.scan.ocr import photographed
from slidesan.scan.ocr.lines import OcrLine
from slidesan.scan.picture_text import judge_picture


def screen(text_level: int, noise: float, seed: int = 3) -> np.ndarray:
    """A made-up viewer screen: a patient block in the corner, a grey 'scan'; with `noise`, as a phone
    photographed it (the black lifted, the strokes blurred, sensor noise on every pixel)."""
    img = Image.new("L", (900, 420), 40 if noise else 0)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("DejaVuSans.ttf", 18)
    draw.text((40, 40), "HALVORSEN, Tamsin", font=font, fill=text_level)
    draw.text((40, 66), "Hosp No: 4471902", font=font, fill=text_level)
    draw.ellipse((350, 120, 800, 400), fill=110)
    pixels = np.asarray(img).astype(np.float32)
    if noise:
        pixels = cv2.GaussianBlur(pixels, (0, 0), 1.3) + np.random.default_rng(seed).normal(0, noise, pixels.shape)
    grey = np.clip(pixels, 0, 255).astype(np.uint8)
    return np.dstack([grey] * 3)


def test_a_photograph_has_no_flat_area_and_a_screenshot_has():
    assert photographed.has_no_flat_area(screen(72, noise=3.0))
    assert not photographed.has_no_flat_area(screen(230, noise=0.0))


def test_dim_blurred_text_on_a_photographed_screen_is_read():
    """32 levels above a lifted black, blurred: under the stroke masks' level, past the detector.
    Without the second reading the picture had no line at all (publication with a name on it)."""
    from slidesan.scan.ocr.engine import read_text

    lines = read_text(Image.fromarray(screen(72, noise=3.0)))
    found = {m.category for _, m in judge_picture(lines).identifiers()}
    assert "name" in found


def test_the_second_reading_adds_only_what_the_first_did_not_hold():
    first = [OcrLine("Se: 3", (10, 10, 60, 22), 95.0), OcrLine("wmw", (200, 10, 260, 22), 20.0, texture=True)]
    second = [OcrLine("Se: 3", (11, 10, 60, 22), 90.0), OcrLine("ORMEROD^JUNO", (200, 10, 262, 23), 88.0),
              OcrLine("xx", (300, 300, 320, 310), 10.0, texture=True)]
    assert [ln.text for ln in photographed.merged(first, second)] == ["Se: 3", "wmw", "ORMEROD^JUNO"]


def test_an_unsure_second_reading_is_text_found_not_an_identifier():
    """Evening out lifts moiré and film grain: an unsure reading there (`83388338333`) is no hospital
    number, but the place still goes to review."""
    second = [OcrLine("83388338333", (100, 200, 900, 260), 50.0, reliable=False, doubt="read with low confidence")]
    [line] = photographed.merged([], second)
    judged = judge_picture([line])
    assert not list(judged.identifiers()) and len(judged.unread()) == 1


LIBERATION_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"


def shrunk_capture(font: str, scale: float) -> Image.Image:
    """A made-up viewer capture (1280x720, 10 px overlay text) shrunk onto a slide: text 6-7 px high,
    the patient's hospital number alone in the bottom-right corner."""
    img = Image.new("RGB", (1280, 720), (10, 10, 14))
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(font, 10)
    draw.rectangle((200, 60, 1080, 660), fill=(0, 0, 0))
    draw.ellipse((400, 120, 880, 620), fill=(95, 95, 95))
    for i, text in enumerate(["Compressed 10:1", "FOV 380 mm", "Se: 4"]):
        draw.text((6, 6 + 14 * i), text, font=face, fill=(250, 230, 120))
    for i, text in enumerate(["W: 1500 L: -600", "Zoom: 150%", "0098984096"]):
        y = 6 + 14 * i if i < 2 else 705
        draw.text((1272 - draw.textlength(text, font=face), y), text, font=face, fill=(250, 230, 120))
    return img.resize((int(1280 * scale), int(720 * scale)), Image.LANCZOS)


def test_small_text_the_detector_missed_at_its_size_is_looked_for_enlarged():
    """At its own size the detector is silent on 6 px text, so Tesseract's unsure reading of the
    number was taken for texture and dropped: no line, nothing to review. Shown the picture twice
    as large, the detector finds the place and the recogniser reads it."""
    from slidesan.scan.ocr.engine import read_text

    judged = judge_picture(read_text(shrunk_capture(LIBERATION_BOLD, 0.663)))
    assert list(judged.identifiers()) or judged.unread()


def test_unsure_places_of_the_second_reading_are_one_account():
    """A photograph evened out shows many places that may be text; they are looked at once, as one."""
    second = [OcrLine("x1", (10 * k, 200, 10 * k + 8, 210), 30.0, reliable=False) for k in range(1, 8)]
    lines = photographed.merged([OcrLine("Se: 3", (10, 10, 60, 22), 95.0)], second)
    assert len(lines) == 2 and lines[1].box == (10, 200, 78, 210) and "7 places" in lines[1].doubt


def photographed_png(name_level: int, number_level: int) -> bytes:
    """A phone photo of a screen: the patient's name bright, their hospital number 32 levels above
    a lifted black (only the second reading, contrast evened out, finds it)."""
    import io

    img = Image.new("L", (900, 420), 40)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("DejaVuSans.ttf", 18)
    draw.text((40, 40), "HALVORSEN, Tamsin", font=font, fill=name_level)
    draw.text((560, 40), "Hosp No: 4471902", font=font, fill=number_level)
    draw.ellipse((350, 120, 800, 400), fill=110)
    pixels = cv2.GaussianBlur(np.asarray(img).astype(np.float32), (0, 0), 1.3)
    grey = np.clip(pixels + np.random.default_rng(3).normal(0, 3.0, pixels.shape), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(np.dstack([grey] * 3)).save(buf, "PNG")
    return buf.getvalue()


def test_a_photograph_whose_first_reading_names_its_patient_is_not_read_again():
    """The second reading exists so that faint text cannot leave a photograph `publication`; once the
    first reading names the patient the picture is identifiable whatever else it holds. With --redact
    every identifier must be found to be painted, so everything is read."""
    from slidesan.options import Options
    from slidesan.scan.ocr.cache import RESULTS
    from slidesan.scan.ocr.engine import read_many
    from slidesan.scan.picture_text import reading_settled

    data = photographed_png(235, 72)

    def categories(options):
        RESULTS.clear()
        lines = read_many({"p": data}, jobs=1, settled=reading_settled(options))["p"]
        return {m.category for _, m in judge_picture(lines).identifiers()}

    assert categories(Options()) == {"name"}
    assert categories(Options(redact=True)) == {"name", "hospital-number"}
    assert categories(Options(thorough=True)) >= {"name", "hospital-number"}
    RESULTS.clear()


def test_a_faint_name_in_a_photograph_is_still_read_the_second_time():
    """A number alone settles nothing that matters less than a name: the faint name is read."""
    from slidesan.options import Options
    from slidesan.scan.ocr.cache import RESULTS
    from slidesan.scan.ocr.engine import read_many
    from slidesan.scan.picture_text import reading_settled

    RESULTS.clear()
    lines = read_many({"p": photographed_png(72, 72)}, jobs=1, settled=reading_settled(Options()))["p"]
    assert "name" in {m.category for _, m in judge_picture(lines).identifiers()}
    RESULTS.clear()


def test_only_a_direct_identifier_settles_a_reading():
    """A date or a hospital alone leaves the picture limited-access, which a name read the second time
    would change: such a first reading settles nothing."""
    from slidesan.options import Options
    from slidesan.scan.picture_text import reading_settled

    settled = reading_settled(Options())
    assert settled([OcrLine("Patient: HALVORSEN, Tamsin", (10, 10, 300, 30), 95.0)])
    assert not settled([OcrLine("DOB: 14/03/1961", (10, 10, 200, 30), 95.0)])
    assert not settled([OcrLine("Se: 3  W: 400 L: 40", (10, 10, 200, 30), 95.0)])
    assert reading_settled(Options(redact=True)) is None and reading_settled(Options(thorough=True)) is None


def test_each_reading_is_cached_apart_so_a_complete_reading_follows_a_settled_one(monkeypatch):
    from slidesan.scan.ocr import engine
    from slidesan.scan.ocr.cache import RESULTS

    calls = []

    def readings(datas, thorough=False, evened=False):
        calls.append(evened)
        line = OcrLine("faint", (10, 60, 200, 80), 95.0) if evened else OcrLine("HALVORSEN, Tamsin", (10, 10, 200, 30), 95.0)
        return [([line], True) for _ in datas]

    monkeypatch.setattr(engine, "_readings", readings)
    monkeypatch.setattr(engine, "tesseract_status", lambda: (True, "fake"))
    RESULTS.clear()
    settled = engine.read_many({"p": b"x"}, jobs=1, settled=lambda lines: True)["p"]
    complete = engine.read_many({"p": b"x"}, jobs=1)["p"]
    RESULTS.clear()
    assert calls == [False, True]           # the first reading once; the second only when asked for
    assert [ln.text for ln in settled] == ["HALVORSEN, Tamsin"]
    assert [ln.text for ln in complete] == ["HALVORSEN, Tamsin", "faint"]


def test_a_deck_cleaned_with_redact_paints_what_only_the_second_reading_finds(tmp_path):
    """End to end: without --redact the photo is identifiable by its name alone (read once); with it
    both the name and the faint number are painted, and the painted picture reads clean."""
    import io

    from pptx import Presentation
    from pptx.util import Inches

    import slidesan
    from slidesan.options import Options
    from slidesan.scan.ocr.cache import RESULTS

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_picture(io.BytesIO(photographed_png(235, 72)), Inches(0.5), Inches(0.5), width=Inches(9))
    prs.save(tmp_path / "talk.pptx")
    RESULTS.clear()
    plain = slidesan.clean(tmp_path / "talk.pptx", tmp_path / "plain.pptx", Options())
    redacted = slidesan.clean(tmp_path / "talk.pptx", tmp_path / "redacted.pptx", Options(redact=True))
    RESULTS.clear()
    assert plain.verdict == "identifiable"
    painted = {f.category for f in redacted.findings if f.action == "redacted"}
    assert {"name", "hospital-number"} <= painted and redacted.verdict == "publication"


def test_a_line_read_in_a_turned_picture_is_boxed_in_the_stored_pixels():
    stored = np.zeros((40, 100), np.uint8)
    stored[5:15, 60:90] = 1                 # the text: x 60-90, y 5-15 of the stored picture
    for turn in (1, -1, 2):
        ys, xs = np.nonzero(np.rot90(stored, turn))
        box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
        back = photographed.turned_back(OcrLine("X", box, 90.0, "X", ((0, 1, box),)), turn, stored.shape)
        assert back.box == (60, 5, 90, 15) and back.spans[0][2] == back.box


def stored_png(rgb: np.ndarray) -> bytes:
    import io

    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "PNG")
    return buf.getvalue()


def test_a_photograph_whose_places_say_nothing_is_read_turned_a_quarter_each_way(monkeypatch):
    """A phone photograph of a screen stored sideways, its orientation tag lost, where the detector found
    no place (a busy photograph, faint text): which way its text runs cannot be told, so it is read
    turned a quarter each way, and a line found turned is boxed in the stored pixels."""
    from slidesan.scan.ocr import engine

    stored = screen(110, noise=4.0)                    # 900 x 420, no flat area
    shapes = []

    def read_arrays(arrays, thorough=False, places_out=None):
        shapes.extend(a.shape[:2] for a in arrays)
        if places_out is not None:
            places_out.extend([] for _ in arrays)     # the detector found nothing
        # only the view turned clockwise (the text reading left to right there) holds the name
        return [[OcrLine("HALVORSEN, Tamsin", (30, 40, 200, 60), 92.0, "HALVORSEN, Tamsin",
                         ((0, 17, (30, 40, 200, 60)),))] if np.array_equal(a, np.rot90(stored, -1)) else []
                for a in arrays]

    monkeypatch.setattr(engine, "_read_arrays", read_arrays)
    (lines, photograph), = engine._readings([stored_png(stored)], evened=True)
    assert photograph and shapes == [(420, 900), (900, 420), (900, 420)]
    assert [(ln.text, ln.box) for ln in lines] == [("HALVORSEN, Tamsin", (40, 220, 60, 390))]
    assert photographed.turns_to_read(stored, None) == (1, -1)     # no detector: both ways too


def test_the_way_a_photographs_text_runs_is_told_from_its_places():
    """Tall narrow places read surely one way say the picture is turned a quarter that way; level ones
    read surely as they stand need nothing, read surely only upside down a half turn (beside both quarters)."""
    from slidesan.scan.ocr import learned
    from slidesan.scan.ocr.confirm import DETECT_SIDE

    upright = screen(110, noise=4.0)
    for stored_turn, needed in ((0, ()), (1, (-1,)), (-1, (1,)), (2, (1, -1, 2))):
        view = photographed.evened(np.ascontiguousarray(np.rot90(upright, stored_turn)))    # as the engine does
        places = [box for box, _, _ in learned.detect_places(view, DETECT_SIDE)]
        assert places and photographed.turns_to_read(view, places) == needed, stored_turn


def test_a_sideways_photograph_is_read_turned_only_the_way_its_text_runs(monkeypatch):
    """End to end through the second reading: the copy with contrast evened out, then one view turned
    clockwise (the stored text runs upwards), where the name is read and boxed in the stored pixels."""
    from slidesan.scan.ocr import engine

    stored = np.ascontiguousarray(np.rot90(screen(110, noise=4.0), 1))      # 420 x 900: text running upwards
    shapes = []
    real = engine._read_arrays

    def read_arrays(arrays, thorough=False, places_out=None):
        shapes.extend(a.shape[:2] for a in arrays)
        return real(arrays, thorough, places_out)

    monkeypatch.setattr(engine, "_read_arrays", read_arrays)
    (lines, photograph), = engine._readings([stored_png(stored)], evened=True)
    assert photograph and shapes == [(900, 420), (420, 900)]
    names = [ln.box for ln in lines if "HALVORSEN" in ln.text]
    assert names and all(x0 < 100 and x1 - x0 < y1 - y0 for x0, y0, x1, y1 in names)     # a column at the left
    assert "name" in {m.category for _, m in judge_picture(lines).identifiers()}
    upright, shapes[:] = screen(110, noise=4.0), []
    engine._readings([stored_png(upright)], evened=True)
    assert shapes == [(420, 900)]               # upright: the evened copy alone
