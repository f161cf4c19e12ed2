"""Draw the places of the OCR benchmark's remaining misses, enlarged, to docs/ocr-misses.png.

    .venv/bin/python scripts/ocr_misses_sheet.py

The recall figure in docs/performance.md counts every planted identifier, legible or not; this
sheet lets a reader judge the misses with their own eyes: each panel is the top-left corner of a
generated picture (fixtures/overlays.py, 120 pictures, seed 7) enlarged 5x with Lanczos, the way a
person would zoom in on it, with what slidesan's OCR read there. The last panel shows overlay_119's
corner in luminance alone, stretched to full contrast: the text differs from the ellipse under it
by 1-9 grey levels, less than the ellipse's own speckle, and JPEG keeps the colour that does show
it at half resolution.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

# (picture index, region in the picture, identifiers planted there)
PANELS = [
    (114, (0, 0, 120, 66), "OYELARAN^AOIFE / ID: 04345413882 / DOB: 19981219 / NHS: 5431819615"),
    (119, (0, 0, 100, 56), "Ms Tomasz O'Brien / ID: H7444994 / DOB: 05-Jul-1950 / NHS: 398 600 1700"),
    (9, (0, 0, 100, 40), "LINDQVIST SEAN / ID: 75196958095 / DOB: 09/08/1991"),
    (19, (280, 0, 417, 24), "Westmoor General Hospital / 20230415"),
    (119, (0, 0, 100, 56), "luminance only, stretched"),
]
ZOOM = 5


def main() -> None:
    from fixtures.overlays import generate
    from slidesan.scan.ocr.engine import read_text

    with tempfile.TemporaryDirectory() as tmp:
        labels = generate(tmp, 120, 7)
        panels, readings = [], {}
        for index, (l, t, r, b), planted in PANELS:
            picture = Image.open(Path(tmp) / labels[index]["file"]).convert("RGB")
            if index not in readings:       # overlay_119 has two panels: read it once
                readings[index] = read_text(picture)
            read = [line.text for line in readings[index]
                    if line.box[0] < r and line.box[2] > l and line.box[1] < b and line.box[3] > t]
            corner = picture.crop((l, t, r, b))
            if planted.startswith("luminance"):
                corner = ImageOps.autocontrast(corner.convert("L")).convert("RGB")
            zoomed = corner.resize(((r - l) * ZOOM, (b - t) * ZOOM), Image.LANCZOS)
            panel = Image.new("RGB", (max(zoomed.width, 640), zoomed.height + 58), "white")
            panel.paste(zoomed, (0, 0))
            draw = ImageDraw.Draw(panel)
            draw.text((4, zoomed.height + 4), f"{labels[index]['file']}  planted: {planted}", fill="black")
            draw.text((4, zoomed.height + 22), "read: " + " / ".join(read)[:110], fill=(160, 0, 0))
            panels.append(panel)
    sheet = Image.new("RGB", (max(p.width for p in panels), sum(p.height + 8 for p in panels)), (200, 200, 200))
    y = 0
    for panel in panels:
        sheet.paste(panel, (0, y))
        y += panel.height + 8
    target = ROOT / "docs" / "ocr-misses.png"
    sheet.quantize(colors=128, dither=Image.Dither.NONE).save(target, optimize=True)   # a picture for the eye: 128 colours do
    print(f"{target} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
