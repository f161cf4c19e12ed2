"""The second overlay generator (fixtures/viewer_screens, issue 10 set b): its labels are true to
its pictures - files as labelled, every box inside its picture and holding ink, no label box
crossing another, categories from the schema, and the same seed gives the same bytes."""

from __future__ import annotations

import hashlib
import itertools
import json

import numpy as np
import pytest
from PIL import Image

from fixtures.viewer_screens import CYCLE, generate
from fixtures.viewer_screens.people import nhs_valid

CATEGORIES = {"name", "date-of-birth", "date", "time", "hospital-number", "patient-id", "nhs-number", "accession",
              "institution", "clinician", "postcode", "phone", "email", "age"}
COUNT = 9          # one of each kind in the cycle (pacs twice)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("viewer_screens")
    return out, generate(out, count=COUNT, seed=5)


def _boxes(label):
    return [(i["text"], i["box"], i["category"]) for i in label["identifiers"]] + \
           [(o["text"], o["box"], None) for o in label["other"]]


def test_labels_match_files(made):
    out, labels = made
    assert json.loads((out / "labels.json").read_text(encoding="utf-8")) == labels
    assert {lab["kind"] for lab in labels} == set(CYCLE)
    assert sorted(p.name for p in out.iterdir() if p.name != "labels.json") == sorted(lab["file"] for lab in labels)
    for lab in labels:
        with Image.open(out / lab["file"]) as img:
            assert img.format == {"png": "PNG", "jpg": "JPEG"}[lab["format"]]
            assert 600 <= max(img.size) <= 2400
        assert (lab["quality"] is None) == (lab["format"] == "png")
        assert lab["identifiers"], lab["file"]
        assert {i["category"] for i in lab["identifiers"]} <= CATEGORIES


def test_boxes_inside_and_apart(made):
    out, labels = made
    for lab in labels:
        with Image.open(out / lab["file"]) as img:
            w, h = img.size
        boxes = _boxes(lab)
        for text, (l, t, r, b), _ in boxes:
            assert 0 <= l < r <= w and 0 <= t < b <= h, (lab["file"], text)
        for (t1, b1, c1), (t2, b2, c2) in itertools.combinations(boxes, 2):
            crossing = min(b1[2], b2[2]) > max(b1[0], b2[0]) and min(b1[3], b2[3]) > max(b1[1], b2[1])
            assert not ((c1 or c2) and crossing), (lab["file"], t1, t2)


def test_boxes_hold_ink(made):
    """In every box some pixels stand out from the background just outside the box."""
    out, labels = made
    for lab in labels:
        grey = np.asarray(Image.open(out / lab["file"]).convert("L"), dtype=np.int16)
        h, w = grey.shape
        for text, (l, t, r, b), category in _boxes(lab):
            ring = np.concatenate([grey[max(0, t - 3):t, l:r].ravel(), grey[b:b + 3, l:r].ravel(),
                                   grey[t:b, max(0, l - 3):l].ravel(), grey[t:b, r:r + 3].ravel()])
            inside = grey[t:b, l:r]
            standing_out = np.abs(inside - np.median(ring)) > 60
            assert standing_out.sum() >= max(3, 0.02 * inside.size), (lab["file"], text)
            if category:
                assert b - t >= 6, (lab["file"], text, "too small to read")


def test_identifier_conventions(made):
    _, labels = made
    for lab in labels:
        for ident in lab["identifiers"]:
            if ident["category"] == "age":
                assert int("".join(c for c in ident["text"] if c.isdigit())) > 89
            if ident["category"] == "nhs-number":
                assert nhs_valid(ident["text"])
        for other in lab["other"]:    # ordinary ages are planted, as other text
            digits = "".join(c for c in other["text"] if c.isdigit())
            if other["text"].endswith(("Y", " Years", " y")) and digits and len(digits) <= 3:
                assert int(digits) <= 89


def test_same_seed_same_bytes(tmp_path):
    first = generate(tmp_path / "a", count=3, seed=2)
    second = generate(tmp_path / "b", count=3, seed=2)
    assert first == second
    for lab in first:
        digest = [hashlib.sha256((tmp_path / d / lab["file"]).read_bytes()).hexdigest() for d in ("a", "b")]
        assert digest[0] == digest[1], lab["file"]
    assert generate(tmp_path / "c", count=1, seed=3)[0] != first[0]
