"""Cleaned decks look the same: render before and after with LibreOffice and compare pages.

Skipped when soffice or pdftoppm is absent. Hidden slides are not exported by LibreOffice, so
pages correspond one to one even though the cleaner removes hidden slides.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

import slidesan
from conftest import ROOT, SHARED

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")),
                                reason="LibreOffice (soffice) and pdftoppm are needed")

CORPUS = ["pythonpptx_shp-picture.pptx", "poi_54542_cropped_bitmap.pptx", "shapecrawler_059_crop-images.pptx"]


@pytest.fixture(scope="module")
def office_profile(tmp_path_factory) -> str:
    """One LibreOffice user profile for this module's runs: building it is most of a first start, and
    the runs are one after another, never at once."""
    return (tmp_path_factory.mktemp("lo") / "lo-profile").as_uri()


def render(decks: dict[str, Path], workdir: Path, profile: str) -> dict[str, list[Image.Image]]:
    """{label: deck} -> {label: its pages}, every deck converted by one LibreOffice run."""
    workdir.mkdir(parents=True, exist_ok=True)
    sources = []
    for label, deck in decks.items():
        sources.append(workdir / f"{label}.pptx")
        shutil.copyfile(deck, sources[-1])
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(workdir), *map(str, sources)], check=True, capture_output=True, timeout=240)
    pages = {}
    for label in decks:
        pdf = workdir / f"{label}.pdf"
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(workdir / f"{label}-page")], check=True,
                       timeout=120)
        pages[label] = [Image.open(p).convert("RGB") for p in sorted(workdir.glob(f"{label}-page*.png"))]
    return pages


def page_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0..255, after matching sizes."""
    if a.size != b.size:
        b = b.resize(a.size)
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def decks_to_render():
    decks = [ROOT / "fixtures" / "sample" / "talk.pptx"]
    if SHARED.exists():
        decks += [SHARED / "corpus" / "decks" / name for name in CORPUS]
    return decks


@pytest.mark.parametrize("deck", decks_to_render(), ids=lambda p: p.name)
def test_pages_look_the_same(deck, tmp_path, office_profile):
    out = tmp_path / "clean.pptx"
    slidesan.clean(deck, out, slidesan.Options(ocr=False))
    pages = render({"before": deck, "after": out}, tmp_path / "render", office_profile)
    before, after = pages["before"], pages["after"]
    assert len(before) == len(after) and before
    worst = max(page_difference(a, b) for a, b in zip(before, after))
    assert worst < 2.0, f"a page changed visibly (mean abs difference {worst:.2f})"
