"""Video and audio: removed by default (poster frames stay), kept and flagged with keep_media; links always go."""

import pytest
from pptx import Presentation

import slidesan
from helpers import members, where_bytes
from slidesan.deck.package import Deck
from slidesan.deck.steps import media
from slidesan.options import Options
from slidesan.report.model import verdict_of

FAST = Options(ocr=False)
# Other steps (the text scan) may rate the whole deck worse; never better than needs-review.
FAILS_CLOSED = ("needs-review", "identifiable")

MEDIA_WORDS = (b"relationships/video", b"relationships/audio", b"relationships/media", b"videoFile", b"p14:media",
               b"<p:snd ", b"audioFile")


def media_members(path) -> list[str]:
    return [n for n in members(path) if n.endswith((".mp4", ".mp3", ".wav", ".m4a", ".mov"))]


def media_findings(report):
    return [f for f in report.findings if f.category == "media"]


def poster_ok(path, slide_index: int, shape_id: int) -> None:
    """The media shape is still there and shows a decodable still picture."""
    slide = Presentation(str(path)).slides[slide_index]
    shape = next(s for s in slide.shapes if s.shape_id == shape_id)
    assert shape.image.content_type == "image/png"
    assert shape.image.size[0] > 0


def test_fixture_plants_media(build_deck):
    path, planted = build_deck("media")
    assert len(media_members(path)) == 2
    assert len(media.residue(Deck(path), Options())) >= 4
    for marker in planted["markers"]:
        assert where_bytes(path, marker.encode()), marker


def test_default_removes_clips_keeps_poster_frames(build_deck, tmp_path):
    path, planted = build_deck("media")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    assert media_members(out) == []
    for name, data in members(out).items():
        if name.endswith((".xml", ".rels")):
            assert not [w for w in MEDIA_WORDS if w in data], name
            assert b"ppaction://media" not in data, name
    for marker in planted["markers"]:
        assert where_bytes(out, marker.encode()) == [], marker
    slide1 = members(out)["ppt/slides/slide1.xml"]
    assert b"<p:timing" not in slide1, "animation nodes that played the clip must go with it"
    poster_ok(out, 0, planted["video_shape"])
    poster_ok(out, 1, planted["linked_shape"])
    found = {(f.severity, f.action) for f in media_findings(report)}
    assert found == {("info", "removed"), ("high", "removed")}
    linked = [f for f in media_findings(report) if f.severity == "high"]
    assert [f.text for f in linked] == [planted["linked"]]


def test_keep_media_keeps_clips_needs_review_but_drops_links(build_deck, tmp_path):
    path, planted = build_deck("media")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, Options(keep_media=True, ocr=False))
    assert sorted(media_members(out)) == ["ppt/media/audio1.wav", "ppt/media/media1.mp4"]
    kept = [f for f in media_findings(report) if f.action == "not-inspected"]
    assert len(kept) == 2 and all(f.severity == "review" for f in kept)
    assert report.verdict in FAILS_CLOSED
    assert verdict_of(media_findings(report)) == "needs-review", "the kept clips alone call for review"
    assert where_bytes(out, b"PLANTED-VIDEO-LINK") == []
    slide1 = members(out)["ppt/slides/slide1.xml"]
    assert b"videoFile" in slide1 and b"<p:timing" in slide1
    assert media.residue(Deck(out), Options(keep_media=True)) == []
    assert media.residue(Deck(out), Options()) != [], "the inventory still sees kept clips"


# -- real decks ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, suffix", [("poi_EmbeddedVideo", ".mp4"), ("poi_EmbeddedAudio", ".mp3")])
def test_real_embedded_media(shared_dir, tmp_path, name, suffix):
    path = shared_dir / "corpus" / "decks" / f"{name}.pptx"
    if not path.exists():
        pytest.skip(f"{name} missing")
    assert any(n.endswith(suffix) for n in members(path))
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    assert media_members(out) == []
    slide = members(out)["ppt/slides/slide1.xml"]
    assert not [w for w in MEDIA_WORDS if w in slide]
    assert b"<p:timing" not in slide
    pictures = [s for s in Presentation(str(out)).slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
    assert [(f.severity, f.action) for f in media_findings(report)] == [("info", "removed")]
    assert verdict_of(media_findings(report)) == "publication"

    kept_out = tmp_path / "kept.pptx"
    kept = slidesan.clean(path, kept_out, Options(keep_media=True, ocr=False))
    assert [n for n in media_members(kept_out)] == [f"ppt/media/media1{suffix}"]
    assert kept.verdict in FAILS_CLOSED and verdict_of(media_findings(kept)) == "needs-review"
    assert [(f.severity, f.action) for f in media_findings(kept)] == [("review", "not-inspected")]
