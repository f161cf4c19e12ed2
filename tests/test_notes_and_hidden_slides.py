"""Speaker notes and hidden slides: gone by default (with everything that pointed at them), kept and
reported with keep_notes / keep_hidden_slides."""

import hashlib

from pptx import Presentation

import slidesan
from helpers import members, where_bytes


def clean(path, tmp_path, **options):
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, slidesan.Options(ocr=False, **options))
    return out, report


def found(report, step, action=None):
    return [f for f in report.findings if f.step == step and (action is None or f.action == action)]


def blob_present(path, blob: bytes) -> bool:
    digest = hashlib.sha256(blob).digest()
    return any(hashlib.sha256(data).digest() == digest for data in members(path).values())


def test_notes_removed_with_their_picture(build_deck, tmp_path):
    path, planted = build_deck("notes")
    assert blob_present(path, planted["notes_picture"])
    out, report = clean(path, tmp_path)
    for marker in planted["notes"] + [planted["notes_master"], planted["hidden_in_notes"]]:
        assert where_bytes(out, marker.encode()) == [], marker
    assert not blob_present(out, planted["notes_picture"])
    assert not [name for name in members(out) if name.startswith("ppt/notesSlides/")]
    quoted = " ".join(f.text or "" for f in found(report, "notes", "removed"))
    assert all(marker in quoted for marker in planted["notes"])
    prs = Presentation(str(out))
    assert len(prs.slides) == planted["slides"]
    assert not any(slide.has_notes_slide for slide in prs.slides)


def test_keep_notes_keeps_and_reports_them(build_deck, tmp_path):
    path, planted = build_deck("notes")
    out, report = clean(path, tmp_path, keep_notes=True)
    prs = Presentation(str(out))
    texts = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert all(any(marker in text for text in texts) for marker in planted["notes"])
    kept = found(report, "notes", "kept")
    assert len(kept) == len(planted["notes"]) and all(f.severity == "info" for f in kept)
    assert all(f.text and f.text.startswith("PLANTED-NOTES-") for f in kept)
    assert where_bytes(out, planted["hidden_in_notes"].encode()) == []     # kept notes are still scrubbed


def test_hidden_slide_removed_with_every_reference(build_deck, tmp_path):
    path, planted = build_deck("hidden_slides")
    out, report = clean(path, tmp_path)
    for marker in planted["markers"]:
        assert where_bytes(out, marker.encode()) == [], marker
    assert not blob_present(out, planted["hidden_picture"])
    prs = Presentation(str(out))
    assert len(prs.slides) == planted["slides"] - len(planted["hidden"])
    assert all(where_bytes(out, marker.encode()) for marker in planted["visible"])
    xml = members(out)["ppt/presentation.xml"].decode()
    rels = members(out)["ppt/_rels/presentation.xml.rels"].decode()
    sld_ids = {s.slide_id for s in prs.slides}
    import re
    assert {int(i) for i in re.findall(r'<p14:sldId id="(\d+)"', xml)} == sld_ids      # sections follow
    for rid in re.findall(r'<p:sld r:id="(rId\d+)"', xml):                                 # custom show follows
        assert f'Id="{rid}"' in rels
    assert len(re.findall(r"<p:sld r:id=", xml)) == 2
    # the jump to the hidden slide is gone, the jump to slide 4 stays and still resolves
    jumps = [s for s in prs.slides if "hlinksldjump" in s.part.blob.decode()]
    assert len(jumps) == 1 and jumps[0].part.blob.decode().count("hlinksldjump") == 1
    removed = [f for f in found(report, "hidden-slides", "removed") if f.category == "hidden-slide"]
    assert len(removed) == 1 and removed[0].text == "PLANTED-HIDDEN-SLIDE-TITLE-2"
    # identifiers on the removed slide are named, so `check` rates such an input as identifiable
    assert any(f.category == "name" and f.slide == 2 for f in found(report, "hidden-slides", "removed"))


def test_keep_hidden_slides(build_deck, tmp_path):
    path, planted = build_deck("hidden_slides")
    out, report = clean(path, tmp_path, keep_hidden_slides=True, keep_notes=True)
    prs = Presentation(str(out))
    assert len(prs.slides) == planted["slides"]
    assert prs.slides[1]._element.get("show") == "0"
    assert where_bytes(out, b"PLANTED-HIDDEN-SLIDE-BODY-2")
    kept = found(report, "hidden-slides", "kept")
    assert [f.text for f in kept] == ["PLANTED-HIDDEN-SLIDE-TITLE-2"]


def test_first_and_last_slides_hidden(build_deck, tmp_path):
    path, planted = build_deck("hidden_slides", hidden_positions=(1, 4))
    out, report = clean(path, tmp_path)
    for marker in planted["markers"]:
        assert where_bytes(out, marker.encode()) == [], marker
    assert len(Presentation(str(out)).slides) == 2
