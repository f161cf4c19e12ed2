"""--thorough: each slide rendered as the audience sees it (LibreOffice -> PDF -> pictures), for OCR.

Reading parts one by one misses what only the composition shows: letters spread over several
shapes, text on a picture made by a fill, a chart's drawing, a name in WordArt or in a font
whose glyphs are pictures. The deck as it will be written is saved to a temporary file,
LibreOffice turns it into a PDF and pdftoppm into one PNG per slide. Slower (several seconds
plus OCR of every slide), so it runs only when asked for.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from slidesan.images.vector import TIMEOUT, soffice
from slidesan.report.model import REVIEW

RESOLUTION = 110          # dpi: a 13.33 in slide becomes ~1470 px wide


def shown_slide_numbers(deck) -> list[int]:
    """Slide numbers LibreOffice exports, in order (it leaves hidden slides out)."""
    return [index for index, part in enumerate(deck.slide_parts(), start=1)
            if deck.xml(part).get("show") not in ("0", "false")]


def slide_views(deck, ctx) -> list:
    from slidesan.scan.picture_views import View

    import shutil

    if not (soffice() and shutil.which("pdftoppm")):
        ctx.add("ocr", REVIEW, "not-inspected", "--thorough: slides not rendered (LibreOffice and pdftoppm are needed)")
        return []
    with tempfile.TemporaryDirectory(prefix="slidesan-slides-") as tmp:
        work = Path(tmp)
        deck_copy = work / "deck.pptx"
        deck.save(deck_copy)
        try:
            subprocess.run([soffice(), f"-env:UserInstallation={(work / 'lo-profile').as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(work), str(deck_copy)],
                           capture_output=True, timeout=TIMEOUT * 2)
            subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-png", str(work / "deck.pdf"), str(work / "slide")],
                           capture_output=True, timeout=TIMEOUT * 2)
        except (OSError, subprocess.TimeoutExpired) as exc:
            ctx.add("ocr", REVIEW, "not-inspected", f"--thorough: slides not rendered ({type(exc).__name__})")
            return []
        pages = sorted(work.glob("slide*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        numbers = shown_slide_numbers(deck)
        if not pages or len(pages) != len(numbers):
            ctx.add("ocr", REVIEW, "not-inspected",
                    f"--thorough: LibreOffice rendered {len(pages)} pages for {len(numbers)} slides; slides not read")
            return []
        parts = deck.slide_parts()
        return [View(f"slide{number}#rendered", page.read_bytes(), str(parts[number - 1].partname),
                     f"on slide {number} as rendered", on_pixels=False, slide=number)
                for number, page in zip(numbers, pages)]
