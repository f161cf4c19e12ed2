"""Same-run A/B of the default's time on set (c) (issue 10, small text): this code against the same
code with the small-text rules off (confirm.SMALL_BUDGET 0, no line "unseen"), which is the behaviour
before them; 13-picture chunks alternate which goes first, so outside load hits both alike. Prints
wall seconds and recogniser crops of each.

    .venv/bin/python benchmarks/ab_small_text.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ocr  # noqa: E402  (puts src/ on the path)
import ocr_sets  # noqa: E402

from slidesan.scan.ocr import confirm, learned  # noqa: E402

CHUNK = 13


def main() -> None:
    datas = [c["data"] for c in ocr_sets.real()]
    if not datas:
        sys.exit("set (c) is absent (../shared/corpus)")
    unseen, small, recognise = confirm._unseen, confirm.SMALL_BUDGET, learned.recognise
    crops = {True: 0, False: 0}
    spent = {True: 0.0, False: 0.0}
    state = {"new": True}

    def counted(batch):
        crops[state["new"]] += len(batch)
        return recognise(batch)

    learned.recognise = counted
    for n, start in enumerate(range(0, len(datas), CHUNK)):
        for new in ((True, False) if n % 2 == 0 else (False, True)):
            state["new"] = new
            confirm._unseen = unseen if new else (lambda box, scale: False)
            confirm.SMALL_BUDGET = small if new else 0
            t0 = time.perf_counter()
            bench_ocr.run_slidesan(None, datas[start:start + CHUNK], 2)
            spent[new] += time.perf_counter() - t0
        print(f"chunk {n}: old {spent[False]:.1f} s, new {spent[True]:.1f} s; load {os.getloadavg()[0]:.1f}", flush=True)
    print(f"old {spent[False]:.1f} s, {crops[False]} recogniser crops; new {spent[True]:.1f} s, {crops[True]} crops; "
          f"new / old {spent[True] / spent[False]:.2f}")


if __name__ == "__main__":
    main()
