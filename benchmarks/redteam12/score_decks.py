"""Score the decks of mkdecks.py: `slidesan check` of each deck, `slidesan clean` of each, and
`slidesan check` of what clean wrote (JSON reports named DECK.check.json, DECK.cleaned.report.json (written by clean),
DECK.cleaned-check.json in REPORTS).

LEAK: a deck holding an identifier (any picture, metadata included) whose check verdict is
`publication`; or a deck whose pictures show an identifier uncropped and whose clean (or check of
the cleaned deck) verdict is `publication`. A cropped deck may reach `publication` after clean: the
corner blocks are cut away with the cropped-off pixels.

    python score_decks.py DECKS_DIR REPORTS_DIR
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def verdict(path: Path) -> str:
    if not path.exists():
        return "missing"
    return json.loads(path.read_text())["verdict"]


def main() -> None:
    decks, reports = Path(sys.argv[1]), Path(sys.argv[2])
    truth = json.loads((decks / "decks_truth.json").read_text())
    leaks = 0
    for name, t in truth.items():
        stem = Path(name).stem
        v_check = verdict(reports / f"{stem}.check.json")
        v_clean = verdict(reports / f"{stem}.cleaned.report.json")
        v_after = verdict(reports / f"{stem}.cleaned-check.json")
        leak = (t["ids_in_input"] and v_check == "publication") or \
            (t["visible_ids"] and "publication" in (v_clean, v_after))
        false_high = not t["ids_in_input"] and v_check in ("identifiable", "limited-access")
        leaks += bool(leak)
        print(f"{name:20s} crop {t['crop']:.1f} ids {len(t['ids_in_input']):2d} visible {len(t['visible_ids']):2d} "
              f"check {v_check:14s} clean {v_clean:14s} cleaned-check {v_after:14s}"
              f"{'  LEAK' if leak else ''}{'  FALSE HIGH' if false_high else ''}")
    print(f"deck LEAKS {leaks}")


if __name__ == "__main__":
    main()
