"""Red team 18's base decks: one sentence in one place of a python-pptx deck, which producers.py then
has other programs write again.

Places: slide text, speaker notes, a legacy comment, alt text, a hidden slide, a text box on a layout, a
text box on the master, document properties (core and custom), a picture whose name band is cropped off
(the band's background is pure magenta, so run.py can find its pixels in any output), and an embedded
Word document (a real .docx package, with a preview picture).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.util import Inches

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "redteam11"), str(HERE.parent.parent)]
import places as rt11  # noqa: E402 - redteam11's comment and custom-property patches

PLACES = ["slide-text", "notes", "comment", "alt-text", "hidden-slide", "layout", "master", "docprops",
          "picture-crop", "embedded"]
# Planted after the first runs (README.md): what SharePoint and PowerPoint 365 add, and the thumbnail.
EXTRA_PLACES = ["custom-xml", "changes-info", "thumbnail"]
MAGENTA = (255, 0, 255)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"'
PACKAGE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
DOCX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def banded_picture(text: str, width: int = 900, height: int = 600, band: int = 90) -> bytes:
    """A grey gradient 'scan' with a magenta band on top holding `text` in black (the band a lecturer crops)."""
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    for y in range(height):
        shade = int(30 + 150 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade, shade, shade))
    draw.ellipse([300, 250, 600, 520], fill=(190, 190, 190))
    draw.rectangle([0, 0, width - 1, band - 1], fill=MAGENTA)
    font = ImageFont.truetype(FONT, 30)
    draw.text((16, 26), text, fill=(0, 0, 0), font=font)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def plain_picture(width: int = 400, height: int = 300) -> bytes:
    img = Image.new("RGB", (width, height), (70, 70, 80))
    ImageDraw.Draw(img).ellipse([100, 80, 300, 240], fill=(160, 160, 160))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def docx_package(text: str) -> bytes:
    """A minimal Word document holding `text` in its body (what an embedded report looks like)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body><w:p><w:r>'
                   f'<w:t>{escape(text)}</w:t></w:r></w:p></w:body></w:document>')
    return buf.getvalue()


def _text_box(shapes, text: str, top: float = 6.2) -> None:
    """A plain text box (not a placeholder) in a layout's or master's shape tree: shown on every slide using it."""
    shapes._spTree.append(parse_xml(
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="60" name="TextBox 59"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="457200" y="{int(Inches(top))}"/><a:ext cx="8229600" cy="457200"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr wrap="none"/><a:lstStyle/>'
        f'<a:p><a:r><a:rPr lang="en-GB" sz="1400"/><a:t>{escape(text)}</a:t></a:r></a:p></p:txBody></p:sp>'))


def _embedded(prs, slide, text: str) -> None:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    part = Part(PackURI("/ppt/embeddings/Microsoft_Word_Document1.docx"), DOCX_CT, slide.part.package,
                docx_package(text))
    rid = slide.part.relate_to(part, PACKAGE_RT)
    _, pic = slide.part.get_or_add_image_part(io.BytesIO(plain_picture()))
    x, y, cx, cy = 914400, 3200000, 2743200, 2057400
    slide.shapes._spTree.append(parse_xml(
        f'<p:graphicFrame {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="40" name="Object 39"/><p:cNvGraphicFramePr/>'
        f'<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></p:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        f'<p:oleObj name="Document" r:id="{rid}" imgW="4000" imgH="3000" progId="Word.Document.12"><p:embed/>'
        f'<p:pic><p:nvPicPr><p:cNvPr id="0" name=""/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
        f'<a:blip r:embed="{pic}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm>'
        f'<a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        '</a:prstGeom></p:spPr></p:pic></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>'))


def build(place: str, text: str, path: Path) -> None:
    """Write a two-slide deck to `path` with `text` in `place` (and teaching text everywhere else)."""
    prs = Presentation()
    for field, value in (("author", ""), ("last_modified_by", ""), ("title", "Teaching session")):
        setattr(prs.core_properties, field, value)
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Imaging review"
    slide.placeholders[1].text_frame.text = "Chest radiograph and CT"
    second = prs.slides.add_slide(prs.slide_layouts[5])
    second.shapes.title.text = "Discussion"
    if place == "slide-text":
        slide.placeholders[1].text_frame.add_paragraph().text = text
    elif place == "notes":
        slide.notes_slide.notes_text_frame.text = text
    elif place == "alt-text":
        pic = slide.shapes.add_picture(io.BytesIO(plain_picture()), Inches(5), Inches(4), Inches(3))
        pic._element.nvPicPr.cNvPr.set("descr", text)
    elif place == "hidden-slide":
        hidden = prs.slides.add_slide(prs.slide_layouts[1])
        hidden.shapes.title.text = "Spare slide"
        hidden.placeholders[1].text_frame.text = text
        hidden._element.set("show", "0")
    elif place == "layout":
        _text_box(prs.slide_layouts[1].shapes, text)
    elif place == "master":
        _text_box(prs.slide_master.shapes, text, top=6.8)
    elif place == "docprops":
        prs.core_properties.subject = text
        prs.core_properties.keywords = text.split()[0] + " " + text.split()[-1]
    elif place == "picture-crop":
        pic = second.shapes.add_picture(io.BytesIO(banded_picture(text)), Inches(1), Inches(1.6), Inches(6))
        pic.crop_top = 0.15 + 0.01
    elif place == "embedded":
        _embedded(prs, second, text)
    prs.save(path)
    if place in EXTRA_PLACES:
        package_place(place, text, path)
    if place == "comment":
        rt11.patch(path, "comment-legacy", text)
    elif place == "docprops":
        rt11.patch(path, "custom-property", text)




def package_place(place: str, text: str, path: Path) -> None:
    """Parts python-pptx has no API for, added to the saved zip."""
    z = rt11.Zip(path)
    if place == "custom-xml":
        z.add_part("customXml/item1.xml", "application/xml",
                   '<?xml version="1.0" encoding="UTF-8"?><p:properties xmlns:p="http://schemas.microsoft.com/office/'
                   f'2006/metadata/properties"><documentManagement><CaseReference>{escape(text)}</CaseReference>'
                   '</documentManagement></p:properties>', "ppt/presentation.xml", rt11.OFFICE_RT + "customXml")
        z.add_part("customXml/itemProps1.xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
                   '<?xml version="1.0" encoding="UTF-8"?><ds:datastoreItem ds:itemID="{6A1B0000-0000-4000-8000-'
                   '000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                   '<ds:schemaRefs/></ds:datastoreItem>', "customXml/item1.xml", rt11.OFFICE_RT + "customXmlProps")
    elif place == "changes-info":
        pc = "http://schemas.microsoft.com/office/powerpoint/2013/main/command"
        words = text.replace(",", "").split()
        z.add_part("ppt/changesInfos/changesInfo1.xml", "application/vnd.ms-powerpoint.changesinfo+xml",
                   f'<pc:chgInfo xmlns:pc="{pc}"><pc:docChgLst><pc:chgData name={quoteattr(text)} '
                   f'userId={quoteattr(words[-1])} providerId="AD"/><pc:docChg chg="modSld" '
                   'sldOrd="1"/></pc:docChgLst></pc:chgInfo>', "ppt/presentation.xml",
                   "http://schemas.microsoft.com/office/2016/11/relationships/changesInfo")
    elif place == "thumbnail":
        img = Image.open(io.BytesIO(banded_picture(text, 256, 192, 40))).convert("RGB")
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=92)
        z.members["docProps/thumbnail.jpeg"] = buf.getvalue()
        from lxml import etree

        types = z.xml("[Content_Types].xml")
        if not any(e.get("Extension") == "jpeg" for e in types):
            etree.SubElement(types, f"{{{rt11.CT}}}Default", Extension="jpeg", ContentType="image/jpeg")
            z.put_xml("[Content_Types].xml", types)
        rels = z.xml("_rels/.rels")
        etree.SubElement(rels, f"{{{rt11.PKG_R}}}Relationship", Id="rId981", Target="docProps/thumbnail.jpeg",
                         Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail")
        z.put_xml("_rels/.rels", rels)
    z.save(path)
