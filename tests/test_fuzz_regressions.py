"""Decks mutated the way benchmarks/fuzz_decks.py mutates them: each class of bug the fuzzer found is
pinned here (cleaned with a finding, or refused in one sentence), plus a small seeded fuzz run."""

import io
import random
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from fixtures.common import add_picture, blank_deck, blank_slide, patch_zip, picture_bytes, set_crop

import slidesan
from slidesan.errors import SlidesanError

SLIDE = "ppt/slides/slide1.xml"


@pytest.fixture
def cropped_deck(tmp_path):
    """Two slides, a picture on the first cropped 20 % off the top (the magenta name band)."""
    prs = blank_deck()
    pic = add_picture(blank_slide(prs), picture_bytes(200, 150, band=30))
    set_crop(pic, top=0.2)
    blank_slide(prs).shapes.add_textbox(0, 0, 914400, 914400).text_frame.text = "second"
    path = tmp_path / "talk.pptx"
    prs.save(str(path))
    return path


def member(path, name) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def edit_member(path, name, edit) -> None:
    patch_zip(path, replace={name: edit(member(path, name))})


def clean(path, tmp_path):
    return slidesan.clean(path, tmp_path / "out.pptx", slidesan.Options(ocr=False))


def assert_refused(path, tmp_path, words: str) -> None:
    before = path.read_bytes()
    with pytest.raises(SlidesanError, match=words) as caught:
        clean(path, tmp_path)
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    assert path.read_bytes() == before


@pytest.mark.parametrize("value", ["abc", "1e309", "NaN", "-1e400"])
def test_crop_that_is_not_a_number_is_reported_not_inspected(cropped_deck, tmp_path, value):
    edit_member(cropped_deck, SLIDE, lambda xml: re.sub(rb'<a:srcRect t="\d+"', b'<a:srcRect t="%s"' % value.encode(),
                                                        xml))
    assert b'<a:srcRect t="%s"' % value.encode() in member(cropped_deck, SLIDE)
    report = clean(cropped_deck, tmp_path)
    crops = [f for f in report.findings if f.category == "crop"]
    assert [f.action for f in crops] == ["not-inspected"], [f.to_dict() for f in crops]
    assert value in crops[0].message and crops[0].slide == 1
    assert report.verdict == "needs-review"


@pytest.mark.parametrize("attribute", [b'<a:off x="abc"', b'<a:off x="1e309"', b'<a:ext cx="NaN"'])
def test_shape_position_that_is_not_a_number_does_not_crash(cropped_deck, tmp_path, attribute):
    name = attribute.split(b" ")[1].split(b"=")[0]
    edit_member(cropped_deck, SLIDE, lambda xml: re.sub(attribute.split(b" ")[0] + b" " + name + b'="-?\\d+"',
                                                        attribute, xml, count=1))
    assert attribute in member(cropped_deck, SLIDE)
    report = clean(cropped_deck, tmp_path)
    assert [f.action for f in report.findings if f.category == "crop"] == ["cropped"]


def test_rotation_that_is_not_a_number_does_not_crash(cropped_deck, tmp_path):
    edit_member(cropped_deck, SLIDE, lambda xml: xml.replace(b"<a:xfrm>", b'<a:xfrm rot="abc">', 1))
    assert b'rot="abc"' in member(cropped_deck, SLIDE)
    report = clean(cropped_deck, tmp_path)
    assert [f.action for f in report.findings if f.category == "crop"] == ["cropped"]


def test_slide_size_that_is_not_a_number_is_refused(cropped_deck, tmp_path):
    edit_member(cropped_deck, "ppt/presentation.xml", lambda xml: re.sub(rb'(<p:sldSz cx=)"\d+"', rb'\1"abc"', xml))
    assert_refused(cropped_deck, tmp_path, r"page size in p:sldSz is not a positive number")


def test_corrupt_deflate_stream_in_an_xml_part_is_refused(cropped_deck, tmp_path):
    raw = bytearray(cropped_deck.read_bytes())
    with zipfile.ZipFile(cropped_deck) as zf:
        info = zf.getinfo(SLIDE)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start:start + 8] = bytes(b ^ 0xFF for b in raw[start:start + 8])
    cropped_deck.write_bytes(bytes(raw))
    assert_refused(cropped_deck, tmp_path, f"part {SLIDE} is corrupt")


def test_slide_listed_twice_is_refused(cropped_deck, tmp_path):
    edit_member(cropped_deck, "ppt/presentation.xml",
                lambda xml: re.sub(rb"(<p:sldId [^>]*/>)", lambda m: m.group(1) * 2, xml, count=1))
    assert_refused(cropped_deck, tmp_path, "listed twice in the slide list")


def test_slide_list_naming_a_deleted_slide_is_refused(cropped_deck, tmp_path):
    rels = "ppt/_rels/presentation.xml.rels"
    edit_member(cropped_deck, rels, lambda xml: re.sub(rb'<Relationship [^>]*Target="slides/slide2.xml"/>', b"", xml))
    patch_zip(cropped_deck, drop=("ppt/slides/slide2.xml", "ppt/slides/_rels/slide2.xml.rels"))
    assert_refused(cropped_deck, tmp_path, r"names a slide \(rId\d+\) whose part is missing")


def test_slide_list_naming_a_part_that_is_not_a_slide_is_refused(cropped_deck, tmp_path):
    rels = "ppt/_rels/presentation.xml.rels"
    edit_member(cropped_deck, rels, lambda xml: xml.replace(b'Target="slides/slide2.xml"', b'Target="presentation.xml"'))
    patch_zip(cropped_deck, drop=("ppt/slides/slide2.xml", "ppt/slides/_rels/slide2.xml.rels"))
    assert_refused(cropped_deck, tmp_path, "which is not a slide")


@pytest.mark.parametrize("second_name", [SLIDE, "ppt/slides/SLIDE1.xml"])
def test_zip_entry_appearing_twice_is_refused(cropped_deck, tmp_path, second_name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(cropped_deck, "a") as zf:
            zf.writestr(second_name, b"<dup/>")
    assert_refused(cropped_deck, tmp_path, "appears twice")


def test_relationship_to_the_content_types_index_is_refused(cropped_deck, tmp_path):
    rels = "ppt/slideLayouts/_rels/slideLayout7.xml.rels"
    edit_member(cropped_deck, rels, lambda xml: xml.replace(b'Target="../slideMasters/slideMaster1.xml"',
                                                            b'Target="/[Content_Types].xml"'))
    assert_refused(cropped_deck, tmp_path, r"points at the package index \[Content_Types\].xml")


def test_presentation_in_a_foreign_namespace_is_refused(cropped_deck, tmp_path):
    edit_member(cropped_deck, "ppt/presentation.xml",
                lambda xml: xml.replace(b"http://schemas.openxmlformats.org/presentationml/2006/main", b"urn:wrong"))
    assert_refused(cropped_deck, tmp_path, "root element is not p:presentation")


@pytest.mark.parametrize("edit", [lambda xml: re.sub(rb"<p:spTree>.*</p:spTree>", b"", xml, flags=re.S),
                                  lambda xml: b"<dup/>"], ids=["no-spTree", "foreign-root"])
def test_slide_without_a_shape_tree_is_refused(cropped_deck, tmp_path, edit):
    edit_member(cropped_deck, "ppt/slides/slide2.xml", edit)
    assert_refused(cropped_deck, tmp_path, "slide /ppt/slides/slide2.xml has no p:sld/p:cSld/p:spTree")


def test_library_warnings_do_not_reach_stderr(tmp_path):
    """pydicom warns about an invalid UID on stderr; the command line prints nothing but its own lines."""
    pydicom = pytest.importorskip("pydicom")
    import pydicom.data

    ds = pydicom.dcmread(Path(pydicom.data.__file__).parent / "test_files" / "CT_small.dcm")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds.StudyInstanceUID = "1.2.abc.3"
    ds.save_as(tmp_path / "scan.dcm")
    res = subprocess.run([sys.executable, "-m", "slidesan.cli", "clean", str(tmp_path / "scan.dcm"), "-o",
                          str(tmp_path / "out.dcm"), "--no-ocr", "-q"], capture_output=True, text=True, timeout=120)
    assert res.returncode in (0, 1) and res.stderr == ""


def test_command_line_refuses_a_hostile_deck_in_one_line(cropped_deck, tmp_path):
    edit_member(cropped_deck, "ppt/presentation.xml",
                lambda xml: re.sub(rb"(<p:sldId [^>]*/>)", lambda m: m.group(1) * 2, xml, count=1))
    res = subprocess.run([sys.executable, "-m", "slidesan.cli", "clean", str(cropped_deck), "-o",
                          str(tmp_path / "out.pptx"), "--no-ocr"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "internal error" not in res.stderr and "listed twice" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [cropped_deck.name]


def test_seeded_fuzz_has_no_bad_outcome(cropped_deck, tmp_path):
    """30 mutations of a small deck, in-process: each is cleaned (and re-opens) or refused with one
    sentence and nothing written; the input is never modified."""
    from benchmarks.fuzz_decks import mutate

    from pptx import Presentation

    warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
    seed = cropped_deck.read_bytes()
    rng = random.Random(20261129)
    outcomes = []
    for i in range(30):
        label, data = mutate(rng, seed)
        case = tmp_path / f"case{i}"
        case.mkdir()
        deck = case / "in.pptx"
        deck.write_bytes(data)
        try:
            slidesan.clean(deck, case / "out.pptx", slidesan.Options(ocr=False))
        except SlidesanError as exc:
            assert "\n" not in str(exc), label
            assert sorted(p.name for p in case.iterdir()) == ["in.pptx"], label
            outcomes.append("refused")
        else:
            Presentation(str(case / "out.pptx"))
            outcomes.append("ok")
        assert deck.read_bytes() == data, label
    assert "ok" in outcomes and "refused" in outcomes
