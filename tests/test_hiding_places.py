"""Every package-side hiding place of the adversarial generator (fixtures/hiding/): after a clean the
made-up patient is gone from every part (raw, inflated, UTF-8/16, NFKC, soft hyphens and zero-width
characters removed), or, where the audience sees it, a remaining finding names it. The written deck
opens in python-pptx and names no relationship it does not have."""

import re
import zipfile

import pytest
from pptx import Presentation

import slidesan
from fixtures.hiding import CASES, FLAGGED, build_case
from fixtures.hiding.oracle import flagged_by, survives
from helpers import members

PACKAGE_CASES = [c for c in CASES if c.side == "package"]
REL_ATTR = re.compile(rb'\br:(?:id|embed|link|pict|dm|lo|qs|cs)="([^"]*)"')


def dangling(out) -> list[str]:
    data = members(out)
    problems = []
    for name, blob in data.items():
        if not name.endswith(".xml") or not REL_ATTR.search(blob):
            continue
        folder, base = name.rsplit("/", 1)
        rels = data.get(f"{folder}/_rels/{base}.rels", b"")
        known = set(re.findall(rb'Id="([^"]+)"', rels))
        problems += [f"{name}: {rid!r}" for rid in set(REL_ATTR.findall(blob)) - known if rid]
    return problems


@pytest.mark.parametrize("case", PACKAGE_CASES, ids=[c.name for c in PACKAGE_CASES])
def test_canary_removed_or_flagged(case, tmp_path):
    deck, out = tmp_path / "in.pptx", tmp_path / "out.pptx"
    canary = build_case(case, deck)
    assert survives(deck, canary), "the fixture did not plant its canary"
    report = slidesan.clean(deck, out, slidesan.Options(ocr=False))
    left = survives(out, canary)
    if case.expect == FLAGGED:
        assert not left or flagged_by(report, canary, left), f"{case.name}: silently kept in {left}"
    else:
        assert left == [], f"{case.name}: still in {left}"
    Presentation(str(out))
    assert dangling(out) == []
    with zipfile.ZipFile(out) as zf:
        types = zf.read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types
