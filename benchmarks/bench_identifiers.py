"""CPU time of find_identifiers on a 200-character overlay string, per source kind.

    python benchmarks/bench_identifiers.py [--rounds 2000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from slidesan.scan.identifiers import find_identifiers  # noqa: E402

TEXT = ("ZZZ TEST PATIENT  00079241539  DOB: 08/29/1951  CCHS CLEVELAN...  03/02/2017 05:24:57PM "
        "Adv Breast L12-5 36Hz 2D 60% Dyn R 58 TIS0.0 MI 0.6 4.0cm Semi-Upright Portable SIEMENS")[:200]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2000)
    args = ap.parse_args()
    for source in ("text", "ocr", "dicom"):
        find_identifiers(TEXT, source=source)
        began = time.process_time()
        for i in range(args.rounds):
            find_identifiers(TEXT + str(i), source=source)   # a new string each time: no cache hits
        per_call = (time.process_time() - began) / args.rounds
        print(f"{source:6s} {per_call * 1000:.3f} ms CPU per 200-character string")


if __name__ == "__main__":
    main()
