"""Names in scripts the readers were not trained on: does the picture still end flagged or unread?

    .venv/bin/python benchmarks/bench_scripts.py

Tesseract runs with English data and the learned recogniser knows Latin and Chinese characters, so a
patient name written in Arabic, Hebrew, Devanagari, Bengali, Gurmukhi, Tamil, Thai, Georgian, Armenian,
Cyrillic or Greek cannot be read. What matters is that such a line never passes as harmless: each
made-up picture (a scan label, the name line, a window setting) is judged as slidesan judges pictures,
and a picture counts as safe when something on it is flagged or a line stays unread (review).
Sizes 12/16/22 px, white on black and black on white. Fonts come from the system (fonts-noto-core,
fonts-dejavu); a script whose font is missing is skipped and said so. Nothing here is real.
"""

from __future__ import annotations

import io
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

NOTO = "/usr/share/fonts/truetype/noto/NotoSans{}-Regular.ttf"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NAMES = [
    ("Arabic", NOTO.format("Arabic"), "\u0645\u062d\u0645\u062f \u0639\u0628\u062f \u0627\u0644\u0644\u0647"),
    ("Hebrew", NOTO.format("Hebrew"), "\u05d3\u05d1\u05d5\u05e8\u05d4 \u05db\u05d4\u05df"),
    ("Devanagari", NOTO.format("Devanagari"), "\u0930\u093e\u091c\u0947\u0936 \u0915\u0941\u092e\u093e\u0930"),
    ("Bengali", NOTO.format("Bengali"), "\u09b0\u09b9\u09bf\u09ae \u0989\u09a6\u09cd\u09a6\u09bf\u09a8"),
    ("Gurmukhi", NOTO.format("Gurmukhi"), "\u0a39\u0a30\u0a2a\u0a4d\u0a30\u0a40\u0a24 \u0a38\u0a3f\u0a70\u0a18"),
    ("Tamil", NOTO.format("Tamil"), "\u0bae\u0bc1\u0bb0\u0bc1\u0b95\u0ba9\u0bcd \u0b9a\u0bc6\u0bb2\u0bcd\u0bb5\u0bae\u0bcd"),
    ("Thai", NOTO.format("Thai"), "\u0e2a\u0e21\u0e0a\u0e32\u0e22 \u0e43\u0e08\u0e14\u0e35"),
    ("Georgian", NOTO.format("Georgian"), "\u10d2\u10d8\u10dd\u10e0\u10d2\u10d8 \u10d1\u10d4\u10e0\u10d8\u10eb\u10d4"),
    ("Armenian", NOTO.format("Armenian"), "\u0531\u0580\u0561\u0574 \u054a\u0565\u057f\u0580\u0578\u057d\u0575\u0561\u0576"),
    ("Cyrillic", DEJAVU, "\u0418\u0432\u0430\u043d\u043e\u0432 \u041f\u0451\u0442\u0440 \u0421\u0435\u0440\u0433\u0435\u0435\u0432\u0438\u0447"),
    ("Cyrillic capitals", DEJAVU, "\u0418\u0412\u0410\u041d\u041e\u0412\u0410 \u0415\u041b\u0415\u041d\u0410"),
    ("Greek", DEJAVU, "\u03a0\u03b1\u03c0\u03b1\u03b4\u03cc\u03c0\u03bf\u03c5\u03bb\u03bf\u03c2 \u0393\u03b9\u03ce\u03c1\u03b3\u03bf\u03c2"),
]
SIZES = (12, 16, 22)
COLOURS = (("black", "white"), ("white", "black"))


def picture(font_path: str, text: str, size: int, background: str, ink: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    label = ImageFont.truetype(DEJAVU, size)
    image = Image.new("RGB", (700, 220), background)
    draw = ImageDraw.Draw(image)
    draw.text((10, 10), "CT HEAD W/O", fill=ink, font=label)
    draw.text((10, 50), text, fill=ink, font=ImageFont.truetype(font_path, size))
    draw.text((10, 110), "W: 80 L: 40", fill=ink, font=label)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def main() -> None:
    from slidesan.scan.ocr.engine import read_batch
    from slidesan.scan.picture_text import judge_picture

    cases, datas = [], []
    for (script, font_path, text), size, (background, ink) in itertools.product(NAMES, SIZES, COLOURS):
        if not Path(font_path).exists():
            print(f"skipped {script}: no font at {font_path}")
            continue
        cases.append((script, size, background))
        datas.append(picture(font_path, text, size, background, ink))
    began = time.perf_counter()
    results = read_batch(datas)
    elapsed = time.perf_counter() - began
    passed = []
    for case, lines in zip(cases, results):
        if isinstance(lines, str):
            continue        # not inspected: never publication
        judged = judge_picture(lines)
        if not list(judged.flagged()) and not judged.counts().get("unread"):
            passed.append((case, [line.text for line in lines]))
    print(f"{len(cases)} pictures, {len(NAMES)} scripts; read in {elapsed:.1f} s")
    print(f"{len(cases) - len(passed)} end flagged or unread; {len(passed)} pass as harmless:")
    for case, texts in passed:
        print("   ", case, texts)


if __name__ == "__main__":
    main()
