"""Mutate DICOM files and loose pictures (byte flips, truncation, splices, zeroed runs, flips aimed
at the header) and run `check` and `clean` on each: every outcome must be a report or a one-line
refusal (SlidesanError), never another exception; a clean must never leave a file behind when it refuses, and
a clean that says `publication` must not have kept a marker the fixture builders planted (LEAK).

Sources: the project's DICOM fixture builders (a pack, structured reports and awkward files, burned-in
text) and, when present, ../shared/corpus/images (read there, mutated copies only in a temporary
folder).

    python benchmarks/fuzz_files.py -n 300 --seed 1 [--ocr]
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
import tempfile
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "benchmarks")]
from fuzz_pdfs import mutate as mutate_anywhere  # noqa: E402 - after the path is set

MARKER = re.compile(rb"QQ[A-Z0-9]{3,}")     # what the fixture builders plant
SUFFIXES = {".dcm", ".dicom", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".webp", ".bmp"}


def sources(folder: Path) -> list[Path]:
    from fixtures import dicom_burned_in, dicom_pack, dicom_reports

    dicom_pack.build(folder / "pack")
    dicom_reports.build(folder / "reports", count=6)
    dicom_burned_in.ultrasound_with_text(folder / "us.dcm")
    dicom_burned_in.with_overlay_text(folder / "overlay.dcm")
    dicom_burned_in.multiframe_ultrasound(folder / "cine.dcm", frames=4)
    out = [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES]
    corpus = ROOT.parent / "shared" / "corpus" / "images"
    if corpus.exists():
        out += [p for p in sorted(corpus.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES]
    return out


def mutate(data: bytearray, rng: random.Random) -> tuple[bytes, str]:
    """fuzz_pdfs' mutations, and one more in five: a few bytes flipped where DICOM keeps lengths,
    tags and value representations (the first kilobytes)."""
    if rng.random() < 0.2:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(min(len(data), 4096))] = rng.randrange(256)
        return bytes(data), "header"
    return mutate_anywhere(data, rng)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ocr", action="store_true", help="read pictures too (slower)")
    parser.add_argument("--keep", metavar="DIR", help="keep the mutants that met an internal error in DIR")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import slidesan
    from slidesan.errors import SlidesanError
    from slidesan.options import Options

    options = Options(ocr=args.ocr)
    rng = random.Random(args.seed)
    outcomes = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = sources(tmp / "sources")
        for i in range(args.n):
            source = rng.choice(files)
            data, how = mutate(bytearray(source.read_bytes()), rng)
            path = tmp / f"mutant-{i}{source.suffix}"
            path.write_bytes(data)
            output = tmp / f"mutant-{i}.clean{source.suffix}"
            for job in ("check", "clean"):
                try:
                    if job == "check":
                        report = slidesan.check([path], options)
                    else:
                        report = slidesan.clean(path, output, options)
                    outcomes[f"{job}: {report.verdict}"] += 1
                    if job == "clean" and report.verdict == "publication" and output.exists():
                        left = sorted(set(MARKER.findall(output.read_bytes())) & set(MARKER.findall(data)))
                        if left:
                            outcomes["LEAK"] += 1
                            print(f"LEAK after {how} of {source.name} (#{i}): {left[:5]}", file=sys.stderr)
                            if args.keep:
                                Path(args.keep).mkdir(exist_ok=True)
                                (Path(args.keep) / path.name).write_bytes(data)
                except SlidesanError as exc:
                    outcomes[f"{job} refused: " + str(exc).split(": ", 1)[-1].split(" (")[0][:50]] += 1
                    if "internal error" in str(exc):
                        print(f"INTERNAL in {job} on {how} of {source.name} (#{i}): {exc}", file=sys.stderr)
                        if args.keep:
                            Path(args.keep).mkdir(exist_ok=True)
                            (Path(args.keep) / path.name).write_bytes(data)
                    if job == "clean" and output.exists():
                        outcomes["LEFT BEHIND"] += 1
                        print(f"file left behind after refusal: {how} of {source.name} (#{i})", file=sys.stderr)
                except Exception:
                    outcomes["CRASH"] += 1
                    print(f"CRASH in {job} on {how} of {source.name} (#{i}):", file=sys.stderr)
                    traceback.print_exc(limit=-4)
            if path.read_bytes() != data:
                outcomes["INPUT MODIFIED"] += 1
    for outcome, count in outcomes.most_common():
        print(f"{count:5d}  {outcome}")
    return 1 if outcomes["CRASH"] or outcomes["LEAK"] or outcomes["LEFT BEHIND"] or outcomes["INPUT MODIFIED"] else 0


if __name__ == "__main__":
    sys.exit(main())
