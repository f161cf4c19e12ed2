"""Words joined into lines (scan/ocr/preprocess._merge): the array search for a box's line gives the
greedy definition's answer exactly, on both sides of the size where it switches from a loop."""

from __future__ import annotations

import random

import pytest

from slidesan.scan.ocr import preprocess


def greedy(boxes):
    """The definition: each box joins the first line it continues (half the smaller height shared,
    a gap under max(10, 1.5 x the taller height)); passes repeat until nothing joins."""
    boxes = sorted(boxes, key=lambda b: (b[1], b[0]))
    changed = True
    while changed:
        changed = False
        out = []
        for box in boxes:
            for i, other in enumerate(out):
                h = min(box[3] - box[1], other[3] - other[1])
                overlap = min(box[3], other[3]) - max(box[1], other[1])
                gap = max(box[0] - other[2], other[0] - box[2])
                if overlap >= 0.5 * h and gap <= max(10, 1.5 * max(box[3] - box[1], other[3] - other[1])):
                    out[i] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]),
                              max(box[3], other[3]))
                    changed = True
                    break
            else:
                out.append(box)
        boxes = out
    return boxes


@pytest.mark.parametrize("count", [0, 1, 5, preprocess._ARRAY_FROM - 1, preprocess._ARRAY_FROM + 1, 200, 900])
def test_merge_gives_the_greedy_definitions_lines(count):
    rng = random.Random(count)
    for _ in range(5):
        boxes = []
        for _ in range(count):
            left, top = rng.randrange(0, 1200), rng.randrange(0, 900)
            boxes.append((left, top, left + rng.randrange(2, 90), top + rng.randrange(4, 30)))
        assert preprocess._merge(boxes) == greedy(boxes)


def test_words_on_one_baseline_become_one_line_and_the_next_line_stays_apart():
    words = [(10, 10, 60, 24), (70, 11, 130, 25), (140, 10, 200, 24), (10, 40, 80, 54)]
    assert preprocess._merge(words) == [(10, 10, 200, 25), (10, 40, 80, 54)]
