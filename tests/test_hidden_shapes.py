"""Hidden and off-page shapes go at any depth and on masters/layouts, with the parts only they used;
visible shapes, shared pictures and hidden layout placeholders (kept by design) stay."""

import hashlib

from pptx import Presentation

import slidesan
from helpers import members, where_bytes


def clean(path, tmp_path, **options):
    out = tmp_path / "out.pptx"
    return out, slidesan.clean(path, out, slidesan.Options(ocr=False, **options))


def blob_present(path, blob: bytes) -> bool:
    digest = hashlib.sha256(blob).digest()
    return any(hashlib.sha256(data).digest() == digest for data in members(path).values())


def test_hidden_and_off_page_shapes_removed(build_deck, tmp_path):
    path, planted = build_deck("hidden_shapes")
    out, report = clean(path, tmp_path)
    for marker in planted["markers"]:
        assert where_bytes(out, marker.encode()) == [], marker
    for marker in planted["visible"]:
        assert where_bytes(out, marker.encode()), marker
    assert not blob_present(out, planted["hidden_picture"])
    assert blob_present(out, planted["shared_picture"])
    removed = [f for f in report.findings if f.step == "hidden-shapes" and f.category != "unread-pictures"]
    quoted = " ".join(f.text or "" for f in removed)
    assert "PLANTED-HIDDEN-SHAPE-TEXT" in quoted and "PLANTED-HIDDEN-ON-MASTER" in quoted
    assert len(removed) == 9
    # the hidden picture left unread: the pipeline's net says so (a check marks it not inspected)
    assert [f.step for f in report.findings if f.category == "unread-pictures"] == ["hidden-shapes"]


def test_rels_and_geometry_after_removal(build_deck, tmp_path):
    path, planted = build_deck("hidden_shapes")
    before = Presentation(str(path)).slides[0]
    frames = {sh.name: (sh.left, sh.top, sh.width, sh.height) for sh in before.shapes}
    out, _ = clean(path, tmp_path)
    slide = Presentation(str(out)).slides[0]
    xml = slide.part.blob.decode()
    import re
    used = set(re.findall(r'r:(?:embed|id|link)="(rId\d+)"', xml))
    assert used <= set(slide.part.rels.keys())                      # nothing dangles
    pictures = [sh for sh in slide.shapes if sh.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.blob == planted["shared_picture"]
    for shape in slide.shapes:                                      # survivors did not move
        assert frames[shape.name] == (shape.left, shape.top, shape.width, shape.height)


def test_hidden_layout_placeholder_is_kept(build_deck, tmp_path):
    path, _ = build_deck("hidden_shapes")
    out, _ = clean(path, tmp_path)
    layout = Presentation(str(out)).slide_layouts[0]
    assert len(layout.placeholders) == len(Presentation(str(path)).slide_layouts[0].placeholders)
