"""Progress in words a radiologist knows, and a fraction that never goes backwards.

The library reports progress in its own terms: a deck calls back with the name of each scrub step
("layout-placeholders"), then "scan", then (done, total, "reading pictures") while OCR runs, then
"write"; a pack calls back with (done, total, file). A person wants "removing hidden data",
"reading text in pictures 12/40", "writing". Each phase owns a slice of the bar, so reading the
pictures (slow) starts where removing hidden data (fast) ended instead of at zero again.

    words = ProgressWords(deck=True, steps=len(STEPS))
    fraction, text = words.update("crops")          # -> (0.14, "removing hidden data: cropped pixels")
"""

from __future__ import annotations

# phase -> (start, end) of the bar
DECK_SLICES = {"steps": (0.02, 0.25), "checking": (0.25, 0.35), "pictures": (0.35, 0.90), "writing": (0.90, 0.99)}

STEP_WORDS = {
    "hidden-slides": "hidden slides", "notes": "speaker notes", "comments": "comments",
    "document-properties": "author and file details", "thumbnail": "the preview picture",
    "tags": "tags and change logs", "embeddings": "embedded files and macros", "media": "video and audio",
    "unsafe-pictures": "linked pictures", "hidden-shapes": "hidden shapes", "layout-placeholders": "footers",
    "crops": "cropped pixels", "image-metadata": "picture metadata (EXIF)", "alt-text": "alt text",
    "shape-names": "shape names", "hyperlinks": "links", "names-and-sections": "section names",
    "unknown-parts": "add-ins and unknown parts", "package-leftovers": "leftover files",
}


class ProgressWords:
    """Turns library progress callbacks into (fraction 0..1, words); the fraction only grows."""

    def __init__(self, deck: bool, steps: int = 19) -> None:
        self.deck = deck
        self.steps = max(steps, 1)
        self.steps_done = 0
        self.fraction = 0.0
        self.words = "opening"

    def update(self, *args) -> tuple[float, str]:
        if self.deck:
            fraction, words = self._deck(*args)
        else:
            fraction, words = self._pack(*args)
        self.fraction = max(self.fraction, min(fraction, 0.99))
        self.words = words or self.words
        return self.fraction, self.words

    def _deck(self, *args) -> tuple[float, str]:
        if len(args) == 1:
            name = str(args[0])
            if name == "scan":
                return DECK_SLICES["checking"][0], "reading the slide text and checking pictures"
            if name == "write":
                return DECK_SLICES["writing"][0], "writing the cleaned deck and checking it again"
            self.steps_done += 1
            start, end = DECK_SLICES["steps"]
            what = STEP_WORDS.get(name, name.replace("-", " "))
            return start + (end - start) * min(self.steps_done / self.steps, 1.0), f"removing hidden data: {what}"
        done, total, what = (list(args) + [0, 0, ""])[:3]
        total = max(int(total), 1)
        share = min(int(done) / total, 1.0)
        if what == "checking pictures":
            start, end = DECK_SLICES["checking"]
            return start + (end - start) * share, f"checking pictures {done}/{total}"
        start, end = DECK_SLICES["pictures"]
        return start + (end - start) * share, f"reading text in pictures {done}/{total}"

    def _pack(self, *args) -> tuple[float, str]:
        if len(args) < 3:
            return self.fraction, ""
        done, total, _name = args[:3]
        total = max(int(total), 1)
        return int(done) / total, f"cleaning files: {done} of {total} done"
