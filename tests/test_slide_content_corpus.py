"""Slide-content hiding places in real decks (../shared/corpus/decks; skipped when absent)."""

import re

import pytest
from pptx import Presentation

import slidesan
from helpers import members


def clean(shared_dir, name, tmp_path, **options):
    path = shared_dir / "corpus" / "decks" / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, slidesan.Options(ocr=False, **options))
    return path, out, report


def drawing_xml(path) -> dict[str, str]:
    return {name: data.decode("utf-8", "replace") for name, data in members(path).items()
            if re.match(r"ppt/(slides|slideLayouts|slideMasters|notesSlides|notesMasters|handoutMasters)/[^/]+\.xml$",
                        name)}


def steps(report, step, action=None):
    return [f for f in report.findings if f.step == step and (action is None or f.action == action)]


def test_poi_60810_hidden_slides_notes_sections(shared_dir, tmp_path):
    path, out, report = clean(shared_dir, "poi_60810.pptx", tmp_path)
    prs = Presentation(str(out))
    assert len(prs.slides) == 28 - 3
    assert not any('show="0"' in xml for xml in drawing_xml(out).values())
    assert not any(name.startswith("ppt/notesSlides/") for name in members(out))
    xml = prs.part.blob.decode()
    assert {int(i) for i in re.findall(r'<p14:sldId id="(\d+)"', xml)} == {s.slide_id for s in prs.slides}
    assert 'name="Core layouts"' not in xml
    assert {f.text for f in steps(report, "hidden-slides") if f.category == "hidden-slide"} == {
                                                               "Talent principles", "Appendices",
                                                               "Readiness Definitions"}
    assert len(steps(report, "notes", "removed")) >= 1


def test_poi_2411_hidden_slides_notes_hyperlink(shared_dir, tmp_path):
    path, out, report = clean(shared_dir, "poi_2411-Performance_Up.pptx", tmp_path)
    assert len(Presentation(str(out)).slides) == 48 - 2
    assert not any(name.startswith("ppt/notesSlides/") for name in members(out))
    assert [f.text for f in steps(report, "hyperlinks", "kept")] == ["http://www.apache.org/server-status"]


def test_poi_2411_keep_everything(shared_dir, tmp_path):
    path, out, report = clean(shared_dir, "poi_2411-Performance_Up.pptx", tmp_path,
                              keep_notes=True, keep_hidden_slides=True)
    prs = Presentation(str(out))
    assert len(prs.slides) == 48
    assert sum(s.has_notes_slide for s in prs.slides) == 41
    assert len(steps(report, "hidden-slides", "kept")) == 2


@pytest.mark.parametrize("name, path_text", [
    ("poi_56812.pptx", "/Users/writ/"),
    ("poi_aascu.org_hbcu_leadershipsummit_cooper_.pptx", "elowerbasch"),
    ("poi_keyframes.pptx", "gebol (L)"),
])
def test_alt_text_with_local_paths_removed(shared_dir, tmp_path, name, path_text):
    path, out, report = clean(shared_dir, name, tmp_path)
    assert any(path_text in xml for xml in drawing_xml(path).values())
    for part, xml in drawing_xml(out).items():
        for value in re.findall(r'(?:descr|title|name)="([^"]*)"', xml):
            assert path_text not in value, (part, value)
    assert any(path_text in (f.text or "") for f in steps(report, "alt-text", "removed"))


def test_pythonpptx_notes(shared_dir, tmp_path):
    path, out, report = clean(shared_dir, "pythonpptx_prs-notes.pptx", tmp_path)
    assert not Presentation(str(out)).slides[0].has_notes_slide
    assert "monty-truth.png" not in drawing_xml(out)["ppt/notesMasters/notesMaster1.xml"]
    (tmp_path / "kept").mkdir()
    _, kept_out, kept_report = clean(shared_dir, "pythonpptx_prs-notes.pptx", tmp_path / "kept", keep_notes=True)
    assert Presentation(str(kept_out)).slides[0].has_notes_slide
    assert steps(kept_report, "notes", "kept")


def test_only_slide_hidden_is_unhidden_not_removed(shared_dir, tmp_path):
    path, out, report = clean(shared_dir, "shapecrawler_autoshape-case008_comment_fonts.pptx", tmp_path)
    prs = Presentation(str(out))
    assert len(prs.slides) == 1 and prs.slides[0]._element.get("show") is None
    review = steps(report, "hidden-slides", "kept")
    assert len(review) == 1 and review[0].severity == "review"


def test_poi_bug65228_hidden_ole_on_master(shared_dir, tmp_path):
    path, out, report = clean(shared_dir, "poi_bug65228.pptx", tmp_path)
    master = drawing_xml(out)["ppt/slideMasters/slideMaster1.xml"]
    assert 'hidden="1"' not in master and "think-cell" not in master
    assert not any(name.startswith("ppt/embeddings/") for name in members(out))
