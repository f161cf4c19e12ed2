"""Red team 20: write made-up identifying PDFs that hide a patient inside stream payloads, each with a
clean twin (the same structure, a teaching sentence where the patient was).

    python benchmarks/redteam20/gen.py OUT [--seed 20] [--only NAME,...]

Writes OUT/files/ident/PLACE.pdf, OUT/files/twin/PLACE.pdf and OUT/truth.json ({file: keys}); keys are
the strings run.py searches the written files for (surname, hospital number, birth date).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "redteam18")]

import content_places  # noqa: E402
import font_places  # noqa: E402
import image_places  # noqa: E402
from identities import SURNAMES, person, teaching  # noqa: E402

PLACES = {**image_places.PLACES, **font_places.PLACES, **content_places.PLACES}
SIX_LETTERS = [s for s in SURNAMES if len(s) == 6]


def sentence_for(place: str, rng: random.Random):
    someone = person(rng)
    if place == "subset_prefix":                     # a subset tag has room for six capitals only
        someone.surname = rng.choice(SIX_LETTERS)
        return f"{someone.surname} patient", [someone.surname]
    line = f"Patient: {someone.surname}, {someone.first}  Hosp No {someone.number}  DOB {someone.birth}"
    return line, someone.keys()


def write(place: str, builder, text: str, path: Path) -> None:
    made = builder(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(made, bytes):
        path.write_bytes(made)
    else:
        made.save(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    only = set(filter(None, args.only.split(",")))
    truth_file = args.out / "truth.json"
    truth = json.loads(truth_file.read_text()) if only and truth_file.exists() else {}
    for place, builder in PLACES.items():
        line, keys = sentence_for(place, rng)
        twin = teaching(rng)
        if only and place not in only:
            continue
        if place == "subset_prefix":
            twin = "Lesion patient"
        ident = args.out / "files" / "ident" / f"{place}.pdf"
        write(place, builder, line, ident)
        write(place, builder, twin, args.out / "files" / "twin" / f"{place}.pdf")
        truth[f"ident/{place}.pdf"] = {"keys": keys, "text": line}
        truth[f"twin/{place}.pdf"] = {"keys": [], "text": twin}
    truth_file.write_text(json.dumps(truth, indent=1))
    print(f"{len(truth)} files in {args.out / 'files'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
