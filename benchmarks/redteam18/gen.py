"""Red team 18: generate decks and PDF handouts that programs other than python-pptx wrote.

    python benchmarks/redteam18/gen.py OUT [--seed 18]

Writes OUT/files/PRODUCER/PLACE_{id,twin}.EXT and OUT/truth.json (one row per file: producer, place,
twin or not, the key strings that must not survive and whether the picture's magenta band is the key).
Every identifying file has a clean twin: the same producer and place holding teaching text instead.
With --extra, only the places added after the first runs (deck_places.EXTRA_PLACES, pdf_places.EXTRA_PDF_PLACES).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import deck_places  # noqa: E402
import identities  # noqa: E402
import pdf_places  # noqa: E402
import producers  # noqa: E402


def base_decks(out: Path, rng: random.Random, places: list[str]) -> list[dict]:
    """One identifying deck and its twin per place, written by python-pptx into OUT/base."""
    folder = out / "base"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for place in places:
        person = identities.person(rng)
        sentence = person.sentence(rng)
        for twin, text in ((False, sentence), (True, identities.teaching(rng))):
            stem = f"{place}_{'twin' if twin else 'id'}"
            deck_places.build(place, text, folder / f"{stem}.pptx")
            rows.append(dict(stem=stem, place=place, twin=twin, text=text,
                             keys=[] if twin else person.keys(), band=place in ("picture-crop", "thumbnail") and not twin))
    return rows


def deck_files(out: Path, rows: list[dict], profile: Path) -> list[dict]:
    files = []
    base = out / "base"
    sources = [base / f"{row['stem']}.pptx" for row in rows]

    def add(producer: str, row: dict, path: Path, kind: str) -> None:
        if path.exists():
            files.append(dict(row, producer=producer, file=str(path.relative_to(out)), kind=kind))

    for producer in producers.ZIP_DECK + ["python-pptx"]:
        folder = out / "files" / producer
        folder.mkdir(parents=True, exist_ok=True)
        for row in rows:
            source = base / f"{row['stem']}.pptx"
            if producer == "python-pptx":
                path = folder / source.name
                shutil.copyfile(source, path)
            else:
                path = producers.rewrite_deck(producer, source, folder / row["stem"])
            add(producer, row, path, "deck")
    producers.soffice(sources, "pptx", out / "files" / "lo-pptx", profile)
    producers.soffice(sources, "odp", out / "odp", profile)
    producers.soffice(sorted((out / "odp").glob("*.odp")), "pptx", out / "files" / "lo-odp-pptx", profile)
    for producer, options in producers.LO_PDF.items():
        producers.soffice(sources, producers.pdf_filter(options), out / "files" / producer, profile)
    for row in rows:
        for producer in producers.LO_DECK:
            add(producer, row, out / "files" / producer / f"{row['stem']}.pptx", "deck")
        for producer in producers.LO_PDF:
            add(producer, row, out / "files" / producer / f"{row['stem']}.pdf", "pdf")
        full = out / "files" / "lo-pdf-full" / f"{row['stem']}.pdf"
        for producer in producers.REWRITTEN_PDF:
            target = out / "files" / producer / f"{row['stem']}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            if full.exists() and producers.rewrite_pdf(producer, full, target):
                add(producer, row, target, "pdf")
    return files


def pdf_place_files(out: Path, rng: random.Random, places: list[str]) -> list[dict]:
    """Every PDF hiding place planted into LibreOffice's handout of a teaching deck, then also through qpdf."""
    source = next((out / "files" / "lo-pdf").glob("*_twin.pdf"))
    files = []
    for place in places:
        person = identities.person(rng)
        for twin, text in ((False, person.sentence(rng)), (True, identities.teaching(rng))):
            stem = f"{place}_{'twin' if twin else 'id'}"
            row = dict(stem=stem, place=place, twin=twin, text=text, keys=[] if twin else person.keys(), band=False)
            planted = out / "files" / "pikepdf" / f"{stem}.pdf"
            planted.parent.mkdir(parents=True, exist_ok=True)
            pdf_places.plant(place, text, source, planted)
            files.append(dict(row, producer="pikepdf", file=str(planted.relative_to(out)), kind="pdf"))
            if place in ("earlier-revision", "pdf20-info"):
                continue
            again = out / "files" / "pikepdf+qpdf" / f"{stem}.pdf"
            again.parent.mkdir(parents=True, exist_ok=True)
            if producers.rewrite_pdf("qpdf-objstm", planted, again):
                files.append(dict(row, producer="pikepdf+qpdf", file=str(again.relative_to(out)), kind="pdf"))
    return files


def generate(out: Path, seed: int, extra: bool = False) -> list[dict]:
    """The first set of places, or with `extra` only the places added after the first runs."""
    rng = random.Random(seed * 7 + 1 if extra else seed)
    profile = out / "lo-profile"
    rows = base_decks(out, rng, deck_places.EXTRA_PLACES if extra else deck_places.PLACES)
    files = deck_files(out, rows, profile)
    files += pdf_place_files(out, rng, pdf_places.EXTRA_PDF_PLACES if extra else pdf_places.PDF_PLACES)
    (out / "truth.json").write_text(json.dumps(dict(seed=seed, files=files), indent=1))
    shutil.rmtree(profile, ignore_errors=True)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--extra", action="store_true", help="only the places added after the first runs")
    parser.add_argument("--add-producer", default="", help="add one package producer to an OUT already made")
    args = parser.parse_args()
    if args.add_producer:
        truth = json.loads((args.out / "truth.json").read_text())
        rows = [r for r in truth["files"] if r["producer"] == "python-pptx"]
        folder = args.out / "files" / args.add_producer
        folder.mkdir(parents=True, exist_ok=True)
        for row in rows:
            path = producers.rewrite_deck(args.add_producer, args.out / "base" / f"{row['stem']}.pptx",
                                          folder / row["stem"])
            truth["files"].append(dict(row, producer=args.add_producer, file=str(path.relative_to(args.out))))
        (args.out / "truth.json").write_text(json.dumps(truth, indent=1))
        print(f"{len(rows)} files in {folder}")
        return 0
    if not shutil.which("soffice"):
        print("gen.py: LibreOffice (soffice) is needed", file=sys.stderr)
        return 2
    files = generate(args.out, args.seed, args.extra)
    print(f"{len(files)} files in {args.out / 'files'}")
    subprocess.run(["du", "-sh", str(args.out / "files")], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
