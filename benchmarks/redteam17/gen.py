"""Red team 17: made-up loose pictures whose containers carry a patient, each with a clean twin.

Every case is one function `(who, rng) -> (bytes, extension, truth)`: `who` is a made-up patient
(identifying file) or None (the twin: the same container, the same place holding harmless text).
Where Pillow cannot write a container part, the bytes are made from the format's layout (layouts.py:
TIFF/EXIF directories, ICC profiles, JPEG segments, PNG chunks, GIF blocks, RIFF and JP2 boxes). The cases
are in cases_jpeg_png.py and cases_more.py; patients and pictures in pictures.py.

    python benchmarks/redteam17/gen.py OUT [--seed 17]

writes OUT/pack/NNN_container_place[_twin].ext and OUT/truth.json:
{file: {container, place, identifying, strings: [...], hidden: how the scorer finds hidden pixels,
box: [x0, y0, x1, y1] of identifying pixels a viewer shows, or null}}.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import cases_jpeg_png  # noqa: F401  (registers its cases)
import cases_more  # noqa: F401
import pictures
from pictures import CASES, make_who


def generate(out: Path, seed: int) -> dict:
    pack = out / "pack"
    pack.mkdir(parents=True, exist_ok=True)
    truth = {}
    for n, (container, place, hidden, fn) in enumerate(CASES):
        for twin in (False, True):
            rng = random.Random(f"{seed}:{n}")        # twin and identifying file share the picture
            who = make_who(random.Random(f"{seed}:{n}:who"))
            pictures.rng_endian[0] = ">" if (seed + n) % 2 else "<"
            result = fn(None if twin else who, rng)
            data, ext = result[0], result[1]
            box_ = result[2] if len(result) > 2 else None
            slug = "".join(c if c.isalnum() else "_" for c in f"{container}_{place}".lower())[:48].strip("_")
            name = f"{n:03d}_{slug}{'_twin' if twin else ''}.{ext}"
            (pack / name).write_bytes(data)
            truth[name] = {"container": container, "place": place, "identifying": not twin,
                           "strings": [] if twin else who.strings(), "given": None if twin else who.given,
                           "hidden": hidden, "box": None if twin else box_}
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False))
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    truth = generate(args.out, args.seed)
    print(f"{len(truth)} files in {args.out / 'pack'}")


if __name__ == "__main__":
    main()
