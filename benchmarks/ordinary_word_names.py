"""Patient names made of ordinary English words, burned into made-up viewer pictures.

`SHORT, SUMMER`, `WOOD^G`, `MAY, JUNE`: nothing in the words says person, so word lists cannot find
them; where a viewer prints them (a corner's first line, a header strip) says it. Each picture holds one
such name, alone or with an ID or birth date under or beside it, in proportional and monospaced
fonts, in the top-left or top-right corner or in an ultrasound header strip. A picture judged
`publication` shows a patient's name: that is the count that matters (LEAK).

    .venv/bin/python benchmarks/ordinary_word_names.py [--src OTHER_CHECKOUT/src] [--keep DIR]

`--src` runs the same pictures through another checkout (before/after in one run).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONTS = ["dejavu/DejaVuSans.ttf", "dejavu/DejaVuSansMono.ttf", "liberation2/LiberationSans-Regular.ttf",
         "freefont/FreeMono.ttf"]
CORNERS = [  # (lines of the patient block, corner)
    (["GREEN, C", "ID: 4471203"], "tl"), (["SHORT, SUMMER"], "tl"), (["BIRD, PRECIOUS", "ID: 5520931"], "tr"),
    (["WOOD, G"], "tl"), (["ROSE, APRIL"], "tr"), (["BAKER^HOPE"], "tl"), (["Mr Bill Green"], "tl"), (["MAY, JUNE"], "tr"),
    (["HILL, J."], "tl"), (["LONG, GRACE"], "tl"), (["SHORT^SUMMER"], "tl"), (["SUMMER SHORT"], "tr"),
    (["SHORT SUMMER  4471203"], "tl"), (["HOPE, FAITH", "14-Mar-1961"], "tl"), (["BAKER, ROSE", "1961 Mar 14 F"], "tr"),
    (["MASON, WILL", "19610314"], "tl"), (["Mrs Joy Bird"], "tl"), (["BIRD JOY"], "tr"), (["Patient: Short, Summer"], "tl"),
    (["Name: WOOD G"], "tl"), (["STONE, APRIL", "F 61Y"], "tr"), (["KING, L", "St Aidan's Hospital"], "tl"),
    (["SHORT, SUMMER (F)"], "tr"), (["Wood, Grace"], "tr"), (["MAY^JUNE^^^"], "tl"), (["HOLLY, IVY", "Acc: 88213"], "tl"),
    (["FROST, JACK", "MRN 0099812"], "tr"), (["PARKER, N", "1961-03-14"], "tr"), (["MARSH, DAWN"], "tl"),
    (["BANKS, R.J."], "tl"),
]
STRIPS = ["SHORT SUMMER   14/03/1961   4471203   GE LOGIQ E9", "Wood, Grace | 1961-03-14 | MRN 4471203 | Abdomen",
          "HOPE FAITH  F  61Y  ID:4471203", "MAY JUNE        03/14/1961", "Frost Jack   DOB 14.03.1961",
          "Bird, Joy    L12-5   MI 1.1  TIs 0.4"]


def font(index: int, size: int):
    for name in FONTS[index % len(FONTS):] + FONTS:
        path = Path("/usr/share/fonts/truetype") / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default()


def viewer(lines, corner, index, rng) -> Image.Image:
    scan = rng.normal(35, 15, (600, 800)).clip(0, 255).astype("uint8")
    img = Image.fromarray(scan).convert("RGB")
    draw = ImageDraw.Draw(img)
    draw.ellipse((200, 120, 600, 520), fill=(110 + 10 * (index % 4),) * 3)
    face, colour = font(index, 15 + 2 * (index % 3)), [(255, 255, 255), (255, 255, 0), (0, 255, 0)][index % 3]
    for k, text in enumerate(lines):
        width = draw.textlength(text, font=face)
        draw.text((10 if corner == "tl" else 790 - width, 8 + 24 * k), text, fill=colour, font=face)
    other = "MR BRAIN"
    draw.text((790 - draw.textlength(other, font=face) if corner == "tl" else 10, 8), other, fill=colour, font=face)
    draw.text((10, 570), "W:80 L:40", fill=colour, font=face)
    return img


def ultrasound(strip, index, rng) -> Image.Image:
    scan = np.zeros((480, 640), np.uint8)
    yy, xx = np.mgrid[0:480, 0:640]
    fan = ((xx - 320) ** 2 + (yy + 60) ** 2 < 450 ** 2) & (abs(xx - 320) < (yy + 60) * 0.8) & (yy > 40)
    scan[fan] = rng.normal(90, 40, fan.sum()).clip(0, 255)
    img = Image.fromarray(scan).convert("RGB")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 640, 24), fill=(20, 20, 60))
    draw.text((6, 4), strip, fill="white", font=font(index, 14))
    return img


def make(folder: Path) -> dict[str, str]:
    rng, names = np.random.default_rng(12), {}
    for i, (lines, corner) in enumerate(CORNERS):
        viewer(lines, corner, i, rng).save(folder / f"corner{i:02d}.png")
        names[f"corner{i:02d}.png"] = lines[0]
    for i, strip in enumerate(STRIPS):
        ultrasound(strip, i, rng).save(folder / f"strip{i}.png")
        names[f"strip{i}.png"] = strip
    return names


def verdicts(folder: Path, src: str | None) -> dict[str, str]:
    out = folder.parent / "report.json"
    env = dict(os.environ, **({"PYTHONPATH": src} if src else {}))
    code = ("import sys; from slidesan.entry import main; sys.argv = ['slidesan', 'check', sys.argv[1], '-j', '1', "
            "'-q', '--report-json', sys.argv[2]]; main()")
    subprocess.run([sys.executable, "-c", code, str(folder), str(out)], env=env, capture_output=True)
    return {f.get("path") or f.get("file"): f.get("verdict") for f in json.loads(out.read_text())["files"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="another checkout's src to run beside this one")
    parser.add_argument("--keep", type=Path, help="keep the pictures in DIR")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "pictures"
        folder.mkdir(parents=True, exist_ok=True)
        names = make(folder)
        runs = {"this": verdicts(folder, None)}
        if args.src:
            runs["other"] = verdicts(folder, args.src)
        for picture, name in names.items():
            print(f"{picture:14} {name[:40]:42} " + "  ".join(f"{k}: {v[picture]}" for k, v in runs.items()))
        for label, run in runs.items():
            leaks = sum(v == "publication" for v in run.values())
            review = sum(v == "needs-review" for v in run.values())
            print(f"{label}: {len(run)} pictures, LEAK (publication) {leaks}, needs-review {review}, "
                  f"identifiable or limited-access {len(run) - leaks - review}")
        return 1 if any(v == "publication" for v in runs["this"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
