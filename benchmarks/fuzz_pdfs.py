"""Mutate PDFs (byte flips, truncation, splices, zeroed runs) and clean each: every outcome must be
a cleaned file or a one-line refusal (SlidesanError), never another exception.

Sources: the fixture builders in fixtures/pdfs/ and, when present, ../shared/corpus/pdfs (read there,
mutated copies only in a temporary folder).

    python benchmarks/fuzz_pdfs.py -n 300 --seed 1
"""

from __future__ import annotations

import argparse
import collections
import importlib
import random
import sys
import tempfile
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
BUILDERS = ["clipped_pixels", "document_info", "annotations", "embedded_files", "actions", "form_fields",
            "optional_content", "thumbnails", "private_data", "metadata_streams", "invisible_text",
            "incremental_history", "scan"]


def sources(folder: Path) -> list[Path]:
    out = []
    for name in BUILDERS:
        path = folder / f"{name}.pdf"
        importlib.import_module(f"fixtures.pdfs.{name}").build(path)
        out.append(path)
    corpus = ROOT.parent / "shared" / "corpus" / "pdfs"
    if corpus.exists():
        out += [p for p in sorted(corpus.glob("*.pdf")) if "password" not in p.name and "rc4" not in p.name]
    return out


def mutate(data: bytearray, rng: random.Random) -> tuple[bytes, str]:
    how = rng.choice(["flip", "truncate", "splice", "zero"])
    if how == "flip":
        for _ in range(rng.randint(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif how == "truncate":
        data = data[: rng.randrange(len(data))]
    elif how == "splice":
        a, b = rng.randrange(len(data)), rng.randrange(len(data))
        data[a:a] = data[b:b + rng.randint(1, 2000)]
    else:
        a = rng.randrange(len(data))
        data[a:a + rng.randint(1, 500)] = bytes(min(500, len(data) - a))
    return bytes(data), how


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import slidesan
    from slidesan.errors import SlidesanError
    from slidesan.options import Options

    rng = random.Random(args.seed)
    outcomes = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = sources(tmp)
        for i in range(args.n):
            source = rng.choice(files)
            data, how = mutate(bytearray(source.read_bytes()), rng)
            path = tmp / f"mutant-{i}.pdf"
            path.write_bytes(data)
            try:
                slidesan.clean(path, tmp / f"mutant-{i}.clean.pdf", Options(ocr=False))
                outcomes["cleaned"] += 1
            except SlidesanError as exc:
                outcomes["refused: " + str(exc).split(": ", 1)[-1].split(" (")[0][:60]] += 1
                if "self-check" in str(exc):
                    print(f"self-check on {how} of {source.name}: {str(exc)[:300]}", file=sys.stderr)
            except Exception:
                outcomes["CRASH"] += 1
                print(f"CRASH on {how} of {source.name} (#{i}):", file=sys.stderr)
                traceback.print_exc(limit=4)
    for outcome, count in outcomes.most_common():
        print(f"{count:5d}  {outcome}")
    return 1 if outcomes["CRASH"] else 0


if __name__ == "__main__":
    sys.exit(main())
