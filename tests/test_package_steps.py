"""Package-level hiding places: document properties, thumbnail, comments, tags, embeddings, leftovers.

Every fixture plants PLANTED-... markers; after a clean none of them may be anywhere in the
output's bytes, the findings must quote them, the output must re-open, and no XML part may name a
relationship that is gone (what makes PowerPoint offer to "repair" a file).
"""

import posixpath
import re
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import slidesan
from helpers import members, where_bytes
from slidesan.step_context import StepContext
from slidesan.deck.package import Deck
from slidesan.deck.pipeline import STEPS
from slidesan.deck.steps import comments, document_properties, embeddings, package_leftovers, tags, thumbnail
from slidesan.options import Options

MINE = [comments, document_properties, thumbnail, tags, embeddings, package_leftovers]
REL_ATTR = re.compile(rb'\br:(?:id|embed|link|pict|dm|lo|qs|cs)="([^"]+)"')


def clean(build_deck, tmp_path, name):
    path, planted = build_deck(name)
    for marker in planted.values():
        assert where_bytes(path, marker.encode()), f"fixture did not plant {marker}"
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, slidesan.Options(ocr=False))
    return out, planted, report


def assert_markers_gone(out, planted):
    left = {marker: where_bytes(out, marker.encode()) for marker in planted.values()}
    assert {m: w for m, w in left.items() if w} == {}


def quoted(report, step) -> str:
    return " ".join(f.text or "" for f in report.findings if f.step == step)


def rels_name(member: str) -> str:
    folder, name = posixpath.split(member)
    return posixpath.join(folder, "_rels", name + ".rels")


def dangling_references(out) -> list[str]:
    """(part, rId) pairs where a part's XML names a relationship its .rels does not have."""
    data = members(out)
    problems = []
    for name, blob in data.items():
        if not name.endswith(".xml"):
            continue
        rids = set(REL_ATTR.findall(blob))
        if not rids:
            continue
        rels = data.get(rels_name(name), b"")
        known = set(re.findall(rb'Id="([^"]+)"', rels))
        problems += [f"{name}: {rid.decode()}" for rid in sorted(rids - known)]
    return problems


def assert_sound(out):
    Presentation(str(out))
    assert dangling_references(out) == []
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        types = zf.read("[Content_Types].xml").decode()
    for partname in re.findall(r'PartName="/([^"]+)"', types):
        assert partname in names, f"content type declared for missing part {partname}"


# -- fixtures ----------------------------------------------------------------------------------

def test_document_properties(build_deck, tmp_path):
    out, planted, report = clean(build_deck, tmp_path, "document_properties")
    assert_markers_gone(out, planted)
    assert_sound(out)
    text = quoted(report, "document-properties")
    for key in ("author", "last_modified_by", "title", "company", "manager", "custom", "custom_mail", "custom_xml"):
        assert planted[key] in text, key
    high = {f.text for f in report.findings if f.step == "document-properties" and f.severity == "high"}
    assert {planted["author"], planted["last_modified_by"], planted["company"], planted["manager"]} <= high
    names = set(zipfile.ZipFile(out).namelist())
    assert not {"docProps/custom.xml", "docMetadata/LabelInfo.xml"} & names
    assert not any(n.startswith("customXml/") for n in names)
    core = Presentation(str(out)).core_properties
    assert core.author == "" and core.last_modified_by == "" and core.title == ""
    assert core.created.year == 2000 and core.modified.year == 2000 and core.last_printed is None
    app = zipfile.ZipFile(out).read("docProps/app.xml")
    assert b"TitlesOfParts" not in app and b"<Application>" in app


def test_thumbnail(build_deck, tmp_path):
    out, planted, report = clean(build_deck, tmp_path, "thumbnail")
    assert_markers_gone(out, planted)
    assert_sound(out)
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(out).namelist()
    assert b"metadata/thumbnail" not in zipfile.ZipFile(out).read("_rels/.rels")
    assert [f.severity for f in report.findings if f.step == "thumbnail"] == ["high"]


def test_comments(build_deck, tmp_path):
    out, planted, report = clean(build_deck, tmp_path, "comments")
    assert_markers_gone(out, planted)
    assert_sound(out)
    text = quoted(report, "comments")
    for marker in planted.values():
        if marker != planted["legacy_initials"]:
            assert marker in text, marker
    assert text.count(planted["modern_text"]) == 1 and text.count(planted["modern_reply"]) == 1
    names = zipfile.ZipFile(out).namelist()
    assert not [n for n in names if "comment" in n.lower() or n.endswith("authors.xml")]
    slide2 = zipfile.ZipFile(out).read("ppt/slides/slide2.xml")
    assert b"commentRel" not in slide2 and b"<p:extLst/>" not in slide2 and b"<p:ext " not in slide2
    assert all(f.severity == "high" for f in report.findings if f.step == "comments")


def test_tags(build_deck, tmp_path):
    out, planted, report = clean(build_deck, tmp_path, "tags")
    assert_markers_gone(out, planted)
    assert_sound(out)
    names = zipfile.ZipFile(out).namelist()
    assert not [n for n in names if n.startswith(("ppt/tags/", "ppt/changesInfos/", "customXml/"))]
    assert "ppt/revisionInfo.xml" not in names
    assert not [n for n, blob in members(out).items() if b"custDataLst" in blob]
    # customer data is a customXml part: whichever step meets it first reports it
    text = quoted(report, "tags") + quoted(report, "document-properties")
    for key in ("presentation_tag", "master_tag", "slide_tag", "shape_tag", "customer_data", "change_name",
                "change_upn"):
        assert planted[key] in text, key
    logs = [f for f in report.findings if f.category == "change-log"]
    assert logs and all(f.severity == "high" for f in logs)
    shape = Presentation(str(out)).slides[0].shapes[0]
    assert shape.text_frame.text == "Visible text"


def frame_of(shape):
    return (shape.left, shape.top, shape.width, shape.height)


def test_embeddings(build_deck, tmp_path):
    from fixtures.decks import embeddings as fx

    out, planted, report = clean(build_deck, tmp_path, "embeddings")
    assert_markers_gone(out, planted)
    assert_sound(out)
    names = zipfile.ZipFile(out).namelist()
    assert not [n for n in names if n.startswith(("ppt/embeddings/", "ppt/activeX/", "ppt/printerSettings/",
                                                  "ppt/drawings/")) or "vbaProject" in n]
    prs = Presentation(str(out))
    s1, s2, s3 = prs.slides
    pictures = {frame_of(s): s for slide in (s1, s2) for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE}
    for frame in (fx.MODERN_FRAME, fx.LEGACY_FRAME, fx.LINKED_FRAME, fx.WRAPPED_FRAME):
        assert frame in pictures, (frame, list(pictures))
        assert pictures[frame].image.blob[:4] == b"\x89PNG"
    assert fx.NO_PREVIEW_FRAME not in [frame_of(s) for s in s1.shapes]
    assert b"AlternateContent" not in zipfile.ZipFile(out).read("ppt/slides/slide1.xml")
    assert not [s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT]
    chart = [s for s in s3.shapes if s.has_chart][0].chart
    assert tuple(chart.plots[0].series[0].values) == (1.0, 2.0)
    assert b"externalData" not in zipfile.ZipFile(out).read("ppt/charts/chart1.xml")
    by_category = {f.category: f for f in report.findings if f.step == "embeddings"}
    assert {"ole-object", "chart-workbook", "vba", "activex", "printer-settings"} <= set(by_category)
    linked = [f for f in report.findings if f.category == "ole-object" and planted["link_user"] in (f.text or "")]
    assert linked and linked[0].severity == "high"
    assert planted["activex_name"] in quoted(report, "embeddings")


def test_package_leftovers(build_deck, tmp_path):
    from fixtures.decks import package_leftovers as fx

    out, planted, report = clean(build_deck, tmp_path, "package_leftovers")
    assert_markers_gone(out, planted)
    assert_sound(out)
    assert zipfile.ZipFile(out).comment == b""
    text = quoted(report, "package-leftovers")
    for name in fx.ADDED:
        assert name in text, name
    assert planted["zip_comment"] in text
    assert {f.category for f in report.findings if f.step == "package-leftovers"} >= {
        "unreferenced-part", "unsafe-zip-entry", "zip-comment"}


@pytest.mark.parametrize("name,step", [
    ("document_properties", document_properties), ("thumbnail", thumbnail), ("comments", comments),
    ("tags", tags), ("embeddings", embeddings), ("package_leftovers", package_leftovers)])
def test_residue_sees_the_fixture_and_not_the_output(build_deck, tmp_path, name, step):
    path, _ = build_deck(name)
    assert step.residue(Deck(path), Options()), "residue must list what the fixture planted"
    out = tmp_path / "out.pptx"
    slidesan.clean(path, out, slidesan.Options(ocr=False))
    assert step.residue(Deck(out), Options()) == []


# -- real decks --------------------------------------------------------------------------------

CORPUS = {
    "poi_45545_Comment.pptx": ("ppt/comments/", "ppt/commentAuthors.xml", "ppt/embeddings/", "docProps/custom.xml",
                               "docProps/thumbnail.jpeg", "ppt/drawings/"),
    "poi_ArtisticEffectSample.pptx": ("ppt/changesInfos/", "ppt/commentAuthors.xml", "customXml/",
                                      "docProps/custom.xml"),
    "poi_bug65228.pptx": ("ppt/tags/", "ppt/revisionInfo.xml", "customXml/", "ppt/embeddings/"),
    "poi_PPTWithAttachments.pptm": ("ppt/embeddings/", "ppt/vbaProject.bin", "ppt/legacyDocTextInfo.bin",
                                    "ppt/drawings/"),
    "poi_keyframes.pptx": ("ppt/vbaProject.bin", "ppt/activeX/", "ppt/drawings/"),
    "poi_aascu.org_hbcu_leadershipsummit_cooper_.pptx": ("ppt/embeddings/", "ppt/commentAuthors.xml"),
    "poi_bug54570.pptx": ("ppt/drawings/",),
    "shapecrawler_085_fill_transparency.pptx": ("ppt/changesInfos/", "ppt/revisionInfo.xml", "ppt/commentAuthors.xml"),
    "shapecrawler_059_crop-images.pptx": ("docMetadata/",),
}


def scrub_with_my_steps(source, out):
    """Only this module's steps, in pipeline order: real decks must not depend on unfinished steps."""
    deck = Deck(source)
    ctx = StepContext(Options())
    for step in STEPS:
        if step in MINE:
            ctx.step = step.__name__.rsplit(".", 1)[-1]
            step.scrub(deck, ctx)
    deck.make_plain_presentation()
    deck.save(out)
    return ctx


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_deck(shared_dir, tmp_path, name):
    source = shared_dir / "corpus" / "decks" / name
    if not source.exists():
        pytest.skip(f"{name} is not in the corpus")
    out = tmp_path / "out.pptx"
    ctx = scrub_with_my_steps(source, out)
    names = zipfile.ZipFile(out).namelist()
    for gone in CORPUS[name]:
        assert any(n.startswith(gone) for n in zipfile.ZipFile(source).namelist()), f"{gone} not in the source"
        assert not [n for n in names if n.startswith(gone)], gone
    assert_sound(out)
    written = Deck(out)
    assert [r for step in MINE for r in step.residue(written, Options())] == []
    assert ctx.findings


def test_corpus_linked_ole_becomes_its_preview(shared_dir, tmp_path):
    source = shared_dir / "corpus" / "decks" / "poi_bug54570.pptx"
    out = tmp_path / "out.pptx"
    ctx = scrub_with_my_steps(source, out)
    assert b"external.xlsx" not in b"".join(members(out).values())
    slide = Presentation(str(out)).slides[0]
    pics = [frame_of(s) for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert (1262063, 1049338, 8793162, 4756150) in pics
    linked = [f for f in ctx.findings if f.category == "ole-object"]
    assert linked[0].severity == "high" and "external.xlsx" in linked[0].text


def test_corpus_chart_keeps_its_values(shared_dir, tmp_path):
    source = shared_dir / "corpus" / "decks" / "poi_aascu.org_hbcu_leadershipsummit_cooper_.pptx"
    out = tmp_path / "out.pptx"
    before = [tuple(s.values) for slide in Presentation(str(source)).slides for sh in slide.shapes
              if sh.has_chart for s in sh.chart.plots[0].series]
    scrub_with_my_steps(source, out)
    after = [tuple(s.values) for slide in Presentation(str(out)).slides for sh in slide.shapes
             if sh.has_chart for s in sh.chart.plots[0].series]
    assert before and after == before
