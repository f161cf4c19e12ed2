"""Links to files, mail, URLs with query strings and URLs whose path or fragment identifies someone go
(element and relationship); plain web links (a harmless #fragment included) and internal slide jumps stay."""

import re

from pptx import Presentation

import slidesan
from helpers import where_bytes


def test_hyperlinks(build_deck, tmp_path):
    path, planted = build_deck("hyperlinks")
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, slidesan.Options(ocr=False))
    for marker in planted["markers"]:
        assert where_bytes(out, marker.encode()) == [], marker
    for url in planted["kept"]:
        assert where_bytes(out, url.encode()), url
    slide = Presentation(str(out)).slides[0]
    xml = slide.part.blob.decode()
    external = {rid: rel.target_ref for rid, rel in slide.part.rels.items() if rel.is_external}
    assert sorted(external.values()) == sorted(planted["kept"])
    used = set(re.findall(r'r:id="(rId\d+)"', xml))
    assert used <= set(slide.part.rels.keys())                  # no element names a dropped relationship
    assert xml.count("hlinkClick") == len(planted["kept"]) + 1  # the kept links and the slide jump
    assert "hlinksldjump" in xml
    links = [f for f in report.findings if f.step == "hyperlinks"]
    assert {f.text for f in links if f.action == "kept"} == set(planted["kept"])
    removed = " ".join(f.text or "" for f in links if f.action == "removed")
    assert all(marker in removed for marker in planted["markers"])


def test_a_macro_action_is_judged_by_the_macro_name_not_the_schema_label():
    """`ppaction://macro?name=X`: "name=" is PowerPoint's syntax, so a macro called `JawabanBenar`
    ("right answer") is no person, while a macro named after a patient still is."""
    from slidesan.deck.leaks import category_of, leaks
    from slidesan.deck.steps.hyperlinks import macro_name

    assert macro_name("ppaction://macro?name=JawabanBenar") == "JawabanBenar"
    assert leaks(macro_name("ppaction://macro?name=JawabanBenar")) == []
    assert category_of(macro_name("ppaction://macro?name=Okonkwo Chidi 4857773456"), "hyperlink") in (
        "name", "nhs-number")
    assert macro_name("ppaction://hlinkshowjump?jump=nextslide") == "ppaction://hlinkshowjump?jump=nextslide"
