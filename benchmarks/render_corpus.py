"""Do cleaned decks look the same? Render each deck before and after a clean (no OCR) with LibreOffice
and print the worst page difference per deck (mean absolute difference per channel, 0..255, at 40 dpi,
as tests/test_render.py measures it), and whether the cleaned deck opens in python-pptx.

    python benchmarks/render_corpus.py [DECK_OR_FOLDER ...]     (default ../shared/corpus/decks)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    import slidesan
    from pptx import Presentation
    from test_render import page_difference, render

    paths = [Path(p) for p in sys.argv[1:]] or [ROOT.parent / "shared" / "corpus" / "decks"]
    decks = sorted(p for root in paths for p in ([root] if root.is_file() else root.glob("*.pp[st][xm]")))
    worst_all = 0.0
    for deck in decks:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            out = work / "clean.pptx"
            try:
                slidesan.clean(deck, out, slidesan.Options(ocr=False))
                Presentation(str(out))
                before, after = render(deck, work / "before"), render(out, work / "after")
            except Exception as exc:  # a measurement: say what happened and go on
                print(f"{deck.name}: {type(exc).__name__}: {str(exc)[:120]}")
                continue
            if len(before) != len(after):
                print(f"{deck.name}: {len(before)} pages before, {len(after)} after")
                continue
            worst = max((page_difference(a, b) for a, b in zip(before, after)), default=0.0)
            worst_all = max(worst_all, worst)
            print(f"{deck.name}: {len(before)} pages, worst page difference {worst:.2f}")
    print(f"{len(decks)} decks; worst page difference overall {worst_all:.2f} (tests/test_render.py allows < 2.0)")


if __name__ == "__main__":
    main()
