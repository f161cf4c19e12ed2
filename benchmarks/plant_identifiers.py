"""Plant a patient's identifiers in a random place of a deck's package, clean it, and check that a
clean saying `publication` kept none of them: every string of the written package must end in an
account the verdict sees, wherever it was hidden.

Places: a text node of any XML part (slides, notes, comments, charts, SmartArt data, properties,
relationships...), an attribute value, an XML comment or processing instruction, a new member the
relationships never name, a picture's or media file's tail, a member's file name, the zip comment.
Identifier forms are drawn from several (name, NHS number, hospital number, date of birth), so a
leak names the form and the place.

    python benchmarks/plant_identifiers.py -n 200 --seed 1 [--no-ocr] [--keep DIR]

Seeds: the fixture builders' decks, the sample talk and, when present, the small decks of
../shared/corpus/decks (read there; mutated copies only in a temporary folder).
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "benchmarks")]
from fuzz_decks import read_members, seed_decks, write_members  # noqa: E402 - after the path is set

# (what is planted, the bytes that must not survive a publication clean)
FORMS = [
    ("Mr Quentin Oakhart-Vell", [b"Oakhart"]),
    ("OAKHART-VELL^QUENTIN", [b"OAKHART"]),
    ("NHS 943 476 5919", [b"943 476 5919", b"9434765919"]),
    ("Hosp No: K7741208", [b"K7741208"]),
    ("DOB 14/03/1961", [b"14/03/1961"]),
    ("Patient: Oakhart, Quentin (MRN 55120934)", [b"Oakhart", b"55120934"]),
]
INDIRECT_ONLY = {"DOB 14/03/1961"}          # a date of birth alone is indirect: limited-access is its level
TEXT_NODE = re.compile(rb">([^<>]{1,200})<")
ATTRIBUTE = re.compile(rb'(\s[A-Za-z:]+=")([^"<>]{0,80})(")')


def plant(rng: random.Random, data: bytes, text: str) -> tuple[str, bytes, str]:
    """(place, new deck bytes, zip comment) with `text` hidden in one random place."""
    members = read_members(data)
    xml = [n for n, b in members if n.endswith((".xml", ".rels")) and TEXT_NODE.search(b)]
    media = [n for n, _ in members if n.startswith("ppt/media/")]
    place = rng.choice(["text node", "text node", "attribute", "xml comment", "processing instruction",
                        "orphan member", "media tail", "member name", "zip comment"])
    encoded = text.encode("utf-8").replace(b"&", b"&amp;").replace(b"<", b"&lt;")
    comment = ""
    if place in ("text node", "attribute", "xml comment", "processing instruction") and xml:
        name = rng.choice(xml)
        blob = dict(members)[name]
        if place == "text node":
            spots = list(TEXT_NODE.finditer(blob))
            spot = rng.choice(spots)
            blob = blob[:spot.end(1)] + b" " + encoded + blob[spot.end(1):]
        elif place == "attribute":
            spots = list(ATTRIBUTE.finditer(blob))
            if not spots:
                return "attribute (none)", data, ""
            spot = rng.choice(spots)
            blob = blob[:spot.start(2)] + encoded.replace(b'"', b"&quot;") + blob[spot.end(2):]
        else:
            head = blob.find(b"?>") + 2 if blob.startswith(b"<?xml") else 0
            extra = b"<!-- " + encoded + b" -->" if place == "xml comment" else b"<?note " + encoded + b"?>"
            blob = blob[:head] + extra + blob[head:]
        members = [(n, blob if n == name else b) for n, b in members]
        place = f"{place} in {name}"
    elif place == "media tail" and media:
        name = rng.choice(media)
        members = [(n, b + b"\x00" + text.encode() if n == name else b) for n, b in members]
        place = f"media tail of {name}"
    elif place == "member name":
        slug = re.sub(r"[^A-Za-z0-9]+", "_", text)
        members.append((f"ppt/media/{slug}.bin", b"\x00" * 16))
    elif place == "zip comment":
        comment = text
    else:
        members.append(("ppt/notes.bin", b"\x00\x01" + text.encode() + b"\x00"))
        place = "orphan member"
    return place, write_members(members), comment


def written_text(path: Path) -> bytes:
    """Every byte a reader of the output can reach: members inflated, names and the zip comment."""
    raw = path.read_bytes()
    out = [raw]
    with zipfile.ZipFile(path) as zf:
        out.append(zf.comment)
        for info in zf.infolist():
            out.append(info.filename.encode())
            out.append(zf.read(info))
    return b"\n".join(out)


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-ocr", action="store_true")
    parser.add_argument("--corpus-limit", type=int, default=8)
    parser.add_argument("--keep", metavar="DIR", help="keep the inputs that leaked in DIR")
    parser.add_argument("--check", action="store_true", help="also check each input: a CHECK-MISS is an input "
                        "rated below what the planted identifiers make it (publication, or limited-access for a direct one)")
    return parser.parse_args()


def keep(args, path: Path) -> None:
    if args.keep:
        Path(args.keep).mkdir(exist_ok=True)
        (Path(args.keep) / path.name).write_bytes(path.read_bytes())


def judge_cases(cases, written, args) -> int:
    """Clean each case (input path, planted text, markers, place); count verdicts and refusals, and a
    LEAK for every publication whose written output (read by `written`) still holds a marker."""
    import slidesan
    from slidesan.errors import SlidesanError
    from slidesan.options import Options

    options = Options(ocr=not args.no_ocr, jobs=1)
    outcomes = collections.Counter()
    for i, (path, text, markers, place) in enumerate(cases):
        if path is None:
            outcomes["not planted"] += 1
            continue
        output = path.with_name(path.stem + ".clean" + path.suffix)
        if args.check:
            try:
                rated = slidesan.check([path], options).verdict
            except SlidesanError:
                rated = "refused"
            missed = ("publication",) if text in INDIRECT_ONLY else ("publication", "limited-access")
            if rated in missed and any(m in written(path) for m in markers):
                outcomes["CHECK-MISS"] += 1
                print(f"CHECK-MISS #{i}: {text!r} in {place}: check said {rated}", file=sys.stderr)
                keep(args, path)
        try:
            report = slidesan.clean(path, output, options)
        except SlidesanError as exc:
            outcomes["refused: " + str(exc).split(": ", 1)[-1][:50]] += 1
            if "self-check" in str(exc):        # the input opened: a refusal here is the tool's own failure
                print(f"SELF-CHECK #{i}: {text!r} in {place}: {str(exc)[:300]}", file=sys.stderr)
            continue
        outcomes[report.verdict] += 1
        left = [m for m in markers if m in written(output)] if report.verdict == "publication" else []
        if left:
            outcomes["LEAK"] += 1
            print(f"LEAK #{i}: {text!r} in {place}: {left}", file=sys.stderr)
            keep(args, path)
    for outcome, count in outcomes.most_common():
        print(f"{count:5d}  {outcome}")
    return 1 if outcomes["LEAK"] else 0


def run(description: str, make_cases, written) -> int:
    """The command line of both planters: `make_cases(rng, folder, args)` yields the cases."""
    args = arguments(description)
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        return judge_cases(make_cases(random.Random(args.seed), Path(tmp), args), written, args)


def deck_cases(rng: random.Random, tmp: Path, args):
    seeds = seed_decks(tmp, args.corpus_limit)
    for i in range(args.n):
        seed_name, data = rng.choice(seeds)
        text, markers = rng.choice(FORMS)
        place, planted, comment = plant(rng, data, text)
        deck = tmp / f"case-{i}.pptx"
        deck.write_bytes(planted)
        if comment:
            with zipfile.ZipFile(deck, "a") as zf:
                zf.comment = comment.encode()
        yield deck, text, markers, f"{place} of {seed_name}"


if __name__ == "__main__":
    sys.exit(run(__doc__.splitlines()[0], deck_cases, written_text))
