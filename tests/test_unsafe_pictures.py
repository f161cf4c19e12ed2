"""Uninspectable picture formats are reported (or swapped for their raster fallback); picture links go."""

import re

import pytest
from pptx import Presentation

import slidesan
from helpers import members, where_bytes
from slidesan.deck.package import Deck
from slidesan.deck.steps import unsafe_pictures
from slidesan.options import Options
from slidesan.report.model import verdict_of

FAST = Options(ocr=False)
# Other steps (the text scan) may rate the whole deck worse; never better than needs-review.
FAILS_CLOSED = ("needs-review", "identifiable")

EXTERNAL_IMAGE = re.compile(rb'Type="[^"]*/image"[^>]*TargetMode="External"|TargetMode="External"[^>]*Type="[^"]*/image"')


def xml_members(path) -> dict[str, bytes]:
    return {n: d for n, d in members(path).items() if n.endswith((".xml", ".rels"))}


def findings(report, category):
    return [f for f in report.findings if f.category == category]


def test_fixture_plants_what_the_step_acts_on(build_deck):
    path, _planted = build_deck("unsafe_pictures")
    found = unsafe_pictures.residue(Deck(path), Options())
    assert len([f for f in found if "linked to" in f]) == 3
    assert any("application/pdf choice branch" in f for f in found)


def test_emf_picture_is_reported_not_inspected_and_kept(build_deck, tmp_path):
    path, planted = build_deck("unsafe_pictures")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    emf = [f for f in findings(report, "unsupported-picture") if f.action == "not-inspected"]
    assert [(f.severity, f.slide, f.text) for f in emf] == [("review", 1, planted["emf"])]
    assert report.verdict in FAILS_CLOSED and verdict_of(emf) == "needs-review"
    assert planted["emf"].lstrip("/") in members(out)


def test_pdf_choice_branch_gives_way_to_png_fallback(build_deck, tmp_path):
    path, planted = build_deck("unsafe_pictures")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    removed = [f for f in findings(report, "unsupported-picture") if f.action == "removed"]
    assert [(f.slide, f.text) for f in removed] == [(2, planted["pdf"])]
    files = members(out)
    assert planted["pdf"].lstrip("/") not in files
    assert where_bytes(out, b"PLANTED-PDF-AUTHOR") == []
    assert b"AlternateContent" not in files["ppt/slides/slide2.xml"]
    picture = Presentation(str(out)).slides[1].shapes[0]
    assert picture.image.content_type == "image/png"


def test_links_are_removed_and_graded(build_deck, tmp_path):
    path, planted = build_deck("unsafe_pictures")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    graded = {f.text: f.severity for f in findings(report, "linked-picture")}
    links = planted["links"]
    assert graded == {links["local"]: "high", links["share"]: "high", links["web"]: "review"}
    assert all(f.action == "removed" for f in findings(report, "linked-picture"))
    for name, data in xml_members(out).items():
        assert b"r:link=" not in data, name
        assert not EXTERNAL_IMAGE.search(data), name
    assert where_bytes(out, b"Patients\\x.jpg") == []
    for marker in ("PLANTED-SHARE-LINK", "PLANTED-WEB-LINK"):
        assert where_bytes(out, marker.encode()) == []


def test_link_only_picture_keeps_its_frame_and_the_deck_opens(build_deck, tmp_path):
    path, planted = build_deck("unsafe_pictures")
    out = tmp_path / "out.pptx"
    slidesan.clean(path, out, FAST)
    slide = Presentation(str(out)).slides[2]
    shape_ids = [s.shape_id for s in slide.shapes]
    assert planted["link_only_shape"] in shape_ids
    assert len(shape_ids) == 3
    assert unsafe_pictures.residue(Deck(out), Options()) == []


# -- real decks ----------------------------------------------------------------------------

def corpus(shared_dir, name):
    path = shared_dir / "corpus" / "decks" / f"{name}.pptx"
    if not path.exists():
        pytest.skip(f"{name} missing")
    return path


def test_poi_56812_linked_picture(shared_dir, tmp_path):
    path = corpus(shared_dir, "poi_56812")
    assert where_bytes(path, b"project-logo.jpg")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    links = findings(report, "linked-picture")
    assert len(links) == 2 and all(f.severity == "high" and "/Users/writ" in f.text for f in links)
    for name, data in xml_members(out).items():
        assert b"file://localhost" not in data, name
        assert b"r:link=" not in data, name
    assert len(Presentation(str(out)).slides[0].shapes) == 6


def test_poi_2411_pdf_choice(shared_dir, tmp_path):
    path = corpus(shared_dir, "poi_2411-Performance_Up")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    removed = [f for f in findings(report, "unsupported-picture") if f.action == "removed"]
    assert [f.text for f in removed] == ["/ppt/media/image3.pdf"]
    files = members(out)
    assert not any(n.endswith(".pdf") for n in files)
    assert b"mc:Choice" not in files["ppt/slides/slide5.xml"]
    assert not [f for f in findings(report, "unsupported-picture") if f.action == "not-inspected"]


def test_poi_key02_emf_is_reported(shared_dir, tmp_path):
    path = corpus(shared_dir, "poi_KEY02")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    emf = [f for f in findings(report, "unsupported-picture") if f.action == "not-inspected"]
    assert [(f.part, f.text) for f in emf] == [("/ppt/slideLayouts/slideLayout1.xml", "/ppt/media/image5.emf")]
    assert report.verdict in FAILS_CLOSED and verdict_of(emf) == "needs-review"
