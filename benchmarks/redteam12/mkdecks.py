"""Paste gen.py's pictures into decks, as lecturers do: whole, or cropped to the scan in the middle.

    python mkdecks.py PICS_DIR OUT_DIR   (writes decks and decks_truth.json)

deck_whole_N: pictures shown whole (identifiers visible); deck_cropped: every picture cropped 30 % off each
side (the corner patient blocks lie in the cropped-off part: a clean must crop them away, a check must
count them); deck_clean: only clean pictures.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Inches


def add_picture_slide(prs, path: Path, title: str, crop: float) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = title
    pic = slide.shapes.add_picture(str(path), Inches(0.8), Inches(1.6), height=Inches(5.4))
    if crop:
        pic.crop_left = pic.crop_right = pic.crop_top = pic.crop_bottom = crop
    if pic.width > prs.slide_width - Inches(1):
        ratio = (prs.slide_width - Inches(1)) / pic.width
        pic.width, pic.height = Emu(int(pic.width * ratio)), Emu(int(pic.height * ratio))


def main() -> None:
    pics, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    truth = json.loads((pics.parent / "truth.json").read_text())
    with_ids = [t for t in truth if t["pixel_ids"]]
    clean = [t for t in truth if not t["pixel_ids"]]
    plan = {"deck_whole_1.pptx": (with_ids[0:6], 0.0), "deck_whole_2.pptx": (with_ids[6:10] + clean[:2], 0.0),
            "deck_cropped.pptx": (with_ids[10:16], 0.3), "deck_clean.pptx": (clean[2:6], 0.0)}
    deck_truth = {}
    for name, (items, crop) in plan.items():
        prs = Presentation()
        prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
        for n, t in enumerate(items, 1):
            add_picture_slide(prs, pics / t["file"], f"Case {n}: findings", crop)
        prs.save(out / name)
        deck_truth[name] = {"crop": crop, "pictures": [t["file"] for t in items],
                            "visible_ids": [] if crop else [i["text"] for t in items for i in t["pixel_ids"]],
                            "ids_in_input": [i["text"] for t in items for i in t["pixel_ids"] + t["meta_ids"]]}
    (out / "decks_truth.json").write_text(json.dumps(deck_truth, indent=1))


if __name__ == "__main__":
    main()
