"""Face risk from the pixels (issue 12, part 7): made-up volumes whose headers say nothing of a head."""

from __future__ import annotations

import pytest

from fixtures.dicom_volumes import SHAPES, write_series
from slidesan.api import check
from slidesan.options import Options
from slidesan.pack import dicom_file

HEADS = {"head-axial-ct", "head-sagittal-mr"}


@pytest.fixture(scope="module")
def volumes(tmp_path_factory):
    root = tmp_path_factory.mktemp("volumes")
    return root, {kind: write_series(root / kind, kind) for kind in SHAPES}


def _face_findings(paths, read=True):
    surveys = {p.name: dicom_file.survey(p.read_bytes()[:65536]) for p in paths}
    by_name = {p.name: p for p in paths}
    return dicom_file.face_risk(surveys, (lambda rel: by_name[rel].read_bytes()) if read else None)


@pytest.mark.parametrize("kind", sorted(SHAPES))
def test_heads_are_found_in_the_pixels_and_nothing_else_is(volumes, kind):
    _, series = volumes
    found = _face_findings(series[kind])
    assert bool(found) == (kind in HEADS), found
    if found:
        (finding,) = next(iter(found.values()))
        assert finding.category == "face" and "from the pixels" in finding.message


def test_without_the_pixels_the_silent_headers_flag_nothing(volumes):
    _, series = volumes
    assert _face_findings(series["head-axial-ct"], read=False) == {}


def test_a_checked_pack_needs_review_for_a_head_volume(volumes):
    root, _ = volumes
    report = check(root / "head-sagittal-mr", Options(ocr=False, jobs=1))
    faces = [f for f in report.findings if f.category == "face"]
    assert len(faces) == 1 and report.verdict != "publication"
