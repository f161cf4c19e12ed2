"""Every deck variant is cleaned and written as a plain .pptx; embedded fonts are read as fonts;
a linked fill falls back to what shows without it."""

import io
import re
import zipfile

import pytest
from fontTools.ttLib import TTFont
from pptx import Presentation

import slidesan
from fixtures.hiding.kit import OFFICE_RT, Package, parse_fragment
from fixtures.hiding.package_cases import embed_font, tiny_font
from helpers import members

MAIN = {
    "pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "potx": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "potm": "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
}
PLAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def main_type(path) -> str:
    types = zipfile.ZipFile(path).read("[Content_Types].xml").decode()
    return re.search(r'PartName="/ppt/presentation.xml" ContentType="([^"]+)"', types).group(1)


@pytest.mark.parametrize("suffix", sorted(MAIN))
def test_every_variant_is_cleaned_into_a_plain_presentation(suffix, tmp_path):
    pkg = Package()
    pkg.set_content_type("ppt/presentation.xml", MAIN[suffix])
    deck = tmp_path / f"deck.{suffix}"
    pkg.save(deck)
    out = tmp_path / "out.pptx"
    slidesan.clean(deck, out, slidesan.Options(ocr=False))
    assert main_type(out) == PLAIN
    assert len(Presentation(str(out)).slides) == 2


def test_a_real_font_keeps_only_the_names_that_name_it(tmp_path):
    pkg = Package()
    rid = pkg.add_part("ppt/fonts/font1.fntdata", "application/x-fontdata", tiny_font("Designed for ward 7 by J. Bloggs"),
                       "ppt/presentation.xml", OFFICE_RT + "font")
    embed_font(pkg, "Teaching Sans", rid)
    deck, out = tmp_path / "in.pptx", tmp_path / "out.pptx"
    pkg.save(deck)
    report = slidesan.clean(deck, out, slidesan.Options(ocr=False))
    font = TTFont(io.BytesIO(members(out)["ppt/fonts/font1.fntdata"]))
    assert {r.nameID for r in font["name"].names} <= {1, 2, 4, 5, 6, 16, 17, 21, 22}
    assert font["name"].getDebugName(1) == "Teaching Sans"
    assert b"Bloggs" not in members(out)["ppt/fonts/font1.fntdata"]
    assert any(f.step == "embedded-fonts" and f.action == "stripped" for f in report.findings)


def test_a_part_typed_as_a_font_that_is_not_one_goes_with_its_entry(tmp_path):
    pkg = Package()
    rid = pkg.add_part("ppt/fonts/font1.fntdata", "application/x-fontdata", b"\x89PNG\r\n\x1a\nnot a font",
                       "ppt/presentation.xml", OFFICE_RT + "font")
    embed_font(pkg, "Calibri", rid)
    deck, out = tmp_path / "in.pptx", tmp_path / "out.pptx"
    pkg.save(deck)
    slidesan.clean(deck, out, slidesan.Options(ocr=False))
    data = members(out)
    assert "ppt/fonts/font1.fntdata" not in data
    assert b"embeddedFont" not in data["ppt/presentation.xml"]


def test_a_linked_fill_falls_back_to_what_shows_without_it(tmp_path):
    pkg = Package()
    slide = "ppt/slides/slide2.xml"
    bg_rid = pkg.add_rel(slide, OFFICE_RT + "image", "file:///C:/Users/jo/Patients/bg.png", external=True)
    fill_rid = pkg.add_rel(slide, OFFICE_RT + "image", "file:///C:/Users/jo/Patients/fill.png", external=True)
    root = pkg.xml(slide)
    csld = root.find("{http://schemas.openxmlformats.org/presentationml/2006/main}cSld")
    csld.insert(0, parse_fragment(f'<p:bg><p:bgPr><a:blipFill><a:blip r:link="{bg_rid}"/><a:stretch><a:fillRect/>'
                                  '</a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>'))
    pkg.add_shape(slide, '<p:sp><p:nvSpPr><p:cNvPr id="9" name="Rectangle 8"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
                         '<a:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></a:xfrm><a:prstGeom prst="rect">'
                         f'<a:avLst/></a:prstGeom><a:blipFill><a:blip r:link="{fill_rid}"/><a:stretch><a:fillRect/>'
                         '</a:stretch></a:blipFill></p:spPr></p:sp>')
    deck, out = tmp_path / "in.pptx", tmp_path / "out.pptx"
    pkg.save(deck)
    slidesan.clean(deck, out, slidesan.Options(ocr=False))
    xml = members(out)[slide].decode()
    assert "<p:bg>" not in xml and "blipFill" not in xml and "Patients" not in xml
    assert "Rectangle" in xml
