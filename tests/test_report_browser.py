"""The HTML report as a browser shows it (issue 13): headless Chromium renders the page, and what a
person sees on the first screen (read back with Tesseract) includes the summary, the list of what
to do and a next step; the picture opens full size with its box drawn.

Chromium comes from Debian's `chromium` package (scripts/install-system-deps.sh --ci); it runs with
a new empty profile and nothing that reaches the network. Skipped without Chromium or Tesseract.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

import slidesan
from slidesan.api import write_reports
from slidesan.options import Options

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not (CHROMIUM and shutil.which("tesseract")),
                                reason="needs Debian's chromium and Tesseract")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
RED = (230, 30, 30)


def chromium(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    profile.mkdir()
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, url], capture_output=True,
                          text=True, timeout=120)


def screenshot(url: str, tmp_path: Path, name: str, size=(1200, 1000)) -> Image.Image:
    target = tmp_path / name
    chromium(url, tmp_path, f"--window-size={size[0]},{size[1]}", f"--screenshot={target}")
    assert target.is_file(), "Chromium wrote no screenshot"
    return Image.open(target).convert("RGB")


def red_pixels(image: Image.Image) -> int:
    import numpy as np

    pixels = np.asarray(image, dtype=np.int16)
    return int((np.abs(pixels - np.array(RED, dtype=np.int16)).max(axis=2) < 40).sum())


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    image = Image.new("RGB", (1400, 500), "black")
    ImageDraw.Draw(image).text((40, 60), "Patient: JONES, Margaret  NHS No 943 476 5919", fill="white",
                               font=ImageFont.load_default(size=40))
    picture = folder / "screen.png"
    image.save(picture)
    report = slidesan.clean(picture, folder / "screen.clean.png", Options(jobs=1))
    _, html = write_reports(report, Path(report.output_path))
    return html


def test_first_screen_tells_the_reader_what_to_do(report_page, tmp_path):
    import pytesseract

    shot = screenshot(report_page.as_uri(), tmp_path, "first.png")
    seen = " ".join(pytesseract.image_to_string(shot).split())
    assert "Do not share yet" in seen, seen
    assert "What to do before sharing" in seen, seen
    assert "Crop the band" in seen, seen
    dom = chromium(report_page.as_uri(), tmp_path, "--dump-dom").stdout
    assert 'id="what-to-do"' in dom and "full size picture" in dom


def test_the_picture_opens_full_size_with_its_box(report_page, tmp_path):
    page = screenshot(report_page.as_uri(), tmp_path, "page.png", size=(1500, 1000))
    opened = screenshot(report_page.as_uri() + "#picture-1", tmp_path, "opened.png", size=(1500, 1000))
    # the full picture (1400 px wide) fills the view: its red box is long and thick, the thumbnail's is not
    assert red_pixels(opened) > 2000 and red_pixels(opened) > 3 * red_pixels(page)
    import numpy as np

    dark = int((np.asarray(opened).max(axis=2) < 20).sum())
    assert dark > 0.3 * opened.width * opened.height          # the picture (black) covers the screen
