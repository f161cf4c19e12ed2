"""Unsure readings tried upside down (scan/ocr/confirm.py, _read_any_way_up): the widest few of a
picture first, the rest only when one of those reads surely so. Made-up crops and a made-up
recogniser: each crop carries a mark in its top-left corner, so the reader knows whether it was
given the crop as it stands or turned a half turn."""

from __future__ import annotations

import numpy as np
import pytest

from slidesan.scan.ocr import confirm, learned


def crop(width: int, height: int = 20) -> np.ndarray:
    pixels = np.zeros((height, width, 3), np.uint8)
    pixels[0, 0] = 255          # the mark: top left as it stands, bottom right when upside down
    return pixels


@pytest.fixture
def reader(monkeypatch):
    """readings[width] = (as it stands, upside down); every crop given to the recogniser is counted."""
    readings: dict[int, tuple[tuple[str, float], tuple[str, float]]] = {}
    seen: list[tuple[int, bool]] = []

    def recognise(crops):
        out = []
        for c in crops:
            upside_down = bool(c[-1, -1, 0]) and not c[0, 0, 0]
            seen.append((c.shape[1], upside_down))
            out.append(readings[c.shape[1]][upside_down])
        return out

    monkeypatch.setattr(learned, "recognise", recognise)
    return readings, seen


def test_a_picture_whose_widest_unsure_lines_read_no_better_turned_is_not_turned_further(reader):
    """Five unsure readings; the three widest read no surer upside down, so the two narrower ones
    are not tried that way (before, every unsure reading was read a second time)."""
    readings, seen = reader
    for width in (300, 260, 220, 60, 50):
        readings[width] = (("Iliil", 0.5), ("lilI", 0.6))
    readings[50] = (("A", 0.5), ("V", 0.95))           # a glyph that would read surely turned
    best = confirm._read_any_way_up([crop(w) for w in (60, 300, 50, 260, 220)])
    assert [w for w, turned in seen if turned] == [300, 260, 220]
    assert [turn for _, _, turn in best] == [0] * 5


def test_a_picture_whose_widest_unsure_line_reads_surely_upside_down_has_every_unsure_line_turned(reader):
    """A screenshot pasted upside down: its longest line reads surely turned, so every unsure
    line is tried that way, the narrow ones too (an ID alone on its line)."""
    readings, seen = reader
    readings[300] = (("NHS No 943 476 5919", 0.55), ("NHS No 943 476 5919", 0.97))
    for width in (260, 220):
        readings[width] = (("Iliil", 0.5), ("lilI", 0.6))
    readings[90] = (("9ZL8ZLV", 0.4), ("4712876", 0.93))
    readings[80] = (("Sure", 0.95), ("ǝɹnS", 0.3))       # read surely as it stands: never turned
    best = confirm._read_any_way_up([crop(w) for w in (80, 90, 300, 260, 220)])
    assert sorted(w for w, turned in seen if turned) == [90, 220, 260, 300]
    assert best[2] == ("NHS No 943 476 5919", 0.97, 2) and best[1] == ("4712876", 0.93, 2)
    assert best[0] == ("Sure", 0.95, 0)


def test_a_sure_turned_glyph_alone_does_not_turn_the_picture(reader):
    """One or two glyphs read surely upside down (`V` for an arrowhead) say nothing of the
    picture's text: it takes MIN_CHARS letters or digits."""
    readings, seen = reader
    readings[300] = (("^", 0.4), ("V", 0.99))
    for width in (280, 260, 40):
        readings[width] = (("Iliil", 0.5), ("Smith", 0.9 if width == 40 else 0.6))
    best = confirm._read_any_way_up([crop(w) for w in (300, 280, 260, 40)])
    assert best[0] == ("V", 0.99, 2)                    # the probed line's own surer reading stands
    assert (40, True) not in seen and best[3][2] == 0
