"""Every place PowerPoint keeps typed text, each a function that puts one sentence there.

A deck is built with python-pptx (`put(prs, place, text)`), saved, then the parts python-pptx has no
API for (comments, SmartArt, sections, custom properties, screen tips) are added by editing the
saved zip (`patch(path, place, text)`).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

# place -> done by python-pptx (True) or by patching the saved zip (False)
PLACES = {
    "title": True, "body": True, "textbox": True, "table": True, "notes": True, "alt-descr": True,
    "alt-title": True, "chart-title": True, "chart-category": True, "group": True, "hidden-slide": True,
    "slide-name": True, "core-title": True, "core-subject": True, "core-keywords": True,
    "core-comments": True, "core-category": True,
    "comment-legacy": False, "comment-modern": False, "smartart": False, "section": False, "screentip": False,
    "custom-property": False,
}


def put(prs, place: str, text: str) -> None:
    """Slide 1 is a Title and Content slide holding neutral teaching text; `text` goes into `place`."""
    slide = prs.slides[0]
    shapes = slide.shapes
    if place == "title":
        shapes.title.text = text
    elif place == "body":
        shapes.placeholders[1].text_frame.paragraphs[0].text = "Findings"
        shapes.placeholders[1].text_frame.add_paragraph().text = text
    elif place == "textbox":
        shapes.add_textbox(Inches(1), Inches(5.5), Inches(8), Inches(1)).text_frame.text = text
    elif place == "table":
        table = shapes.add_table(3, 2, Inches(1), Inches(4.5), Inches(8), Inches(1.5)).table
        for (r, c), value in {(0, 0): "Sequence", (0, 1): "Finding", (1, 0): "T2", (1, 1): "High signal",
                              (2, 0): "Comment"}.items():
            table.cell(r, c).text = value
        table.cell(2, 1).text = text
    elif place == "notes":
        slide.notes_slide.notes_text_frame.text = text
    elif place in ("alt-descr", "alt-title"):
        box = shapes.add_shape(1, Inches(6), Inches(5), Inches(2), Inches(1))
        box._element.nvSpPr.cNvPr.set("descr" if place == "alt-descr" else "title", text)
    elif place in ("chart-title", "chart-category"):
        data = CategoryChartData()
        categories = ["Normal", text, "Equivocal"] if place == "chart-category" else ["2019", "2020", "2021"]
        data.categories = categories
        data.add_series("Cases", (4, 2, 3))
        chart = shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(5), Inches(4.5), Inches(4), Inches(2.5),
                                 data).chart
        chart.has_title = True
        chart.chart_title.text_frame.text = text if place == "chart-title" else "Cases by year"
    elif place == "group":
        group = shapes.add_group_shape()
        group.shapes.add_shape(1, Inches(1), Inches(5.5), Inches(1), Inches(1))
        group.shapes.add_textbox(Inches(2.2), Inches(5.5), Inches(6), Inches(1)).text_frame.text = text
    elif place == "hidden-slide":
        hidden = prs.slides.add_slide(prs.slide_layouts[1])
        hidden.shapes.title.text = "Spare slide"
        hidden.shapes.placeholders[1].text_frame.text = text
        hidden._element.set("show", "0")
    elif place == "slide-name":
        slide._element.cSld.set("name", text)
    elif place.startswith("core-"):
        setattr(prs.core_properties, place[5:], text)


def base(prs) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Imaging review"
    slide.shapes.placeholders[1].text_frame.text = "Chest radiograph and CT"
    prs.core_properties.author = ""
    prs.core_properties.last_modified_by = ""
    prs.core_properties.title = "Teaching session"


class Zip:
    def __init__(self, path):
        with zipfile.ZipFile(path) as z:
            self.members = {n: z.read(n) for n in z.namelist()}

    def xml(self, name):
        return etree.fromstring(self.members[name])

    def put_xml(self, name, root):
        self.members[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def add_part(self, name: str, content_type: str, data: str, source: str, reltype: str) -> str:
        self.members[name] = data.encode("utf-8")
        types = self.xml("[Content_Types].xml")
        etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + name, ContentType=content_type)
        self.put_xml("[Content_Types].xml", types)
        folder, _, leaf = source.rpartition("/")
        rels_name = f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"
        rels = self.xml(rels_name) if rels_name in self.members else etree.Element(f"{{{PKG_R}}}Relationships")
        rid = f"rId{900 + len(rels)}"
        depth = folder.count("/") + 1 if folder else 0
        target = "../" * depth + name if folder else name
        etree.SubElement(rels, f"{{{PKG_R}}}Relationship", Id=rid, Type=reltype, Target=target)
        self.put_xml(rels_name, rels)
        return rid

    def save(self, path):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.members.items():
                z.writestr(name, data)


SLIDE = "ppt/slides/slide1.xml"
NSDECL = f'xmlns:a="{A}" xmlns:r="{R}"'


def patch(path, place: str, text: str) -> None:
    z = Zip(path)
    if place == "comment-legacy":
        z.add_part("ppt/commentAuthors.xml",
                   "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml",
                   f'<p:cmAuthorLst xmlns:p="{P}"><p:cmAuthor id="0" name="Reviewer" initials="R" lastIdx="1" '
                   'clrIdx="0"/></p:cmAuthorLst>', "ppt/presentation.xml", OFFICE_RT + "commentAuthors")
        z.add_part("ppt/comments/comment1.xml",
                   "application/vnd.openxmlformats-officedocument.presentationml.comments+xml",
                   f'<p:cmLst xmlns:p="{P}"><p:cm authorId="0" dt="2026-11-02T09:00:00.000" idx="1">'
                   f'<p:pos x="10" y="10"/><p:text>{escape(text)}</p:text></p:cm></p:cmLst>',
                   SLIDE, OFFICE_RT + "comments")
    elif place == "comment-modern":
        p188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
        author = "{2B6E0C11-1111-4111-8111-000000000001}"
        z.add_part("ppt/authors.xml", "application/vnd.ms-powerpoint.authors+xml",
                   f'<p188:authorLst xmlns:p188="{p188}"><p188:author id="{author}" name="Reviewer" initials="R" '
                   'userId="Reviewer" providerId="None"/></p188:authorLst>', "ppt/presentation.xml",
                   "http://schemas.microsoft.com/office/2018/10/relationships/authors")
        rid = z.add_part(
            "ppt/comments/modernComment_100_1.xml", "application/vnd.ms-powerpoint.comments+xml",
            f'<p188:cmLst {NSDECL} xmlns:p188="{p188}"><p188:cm id="{{6C1D0000-0000-4000-8000-000000000001}}" '
            f'authorId="{author}" created="2026-11-02T09:00:00.000"><p188:txBody><a:bodyPr/><a:lstStyle/>'
            f'<a:p><a:r><a:t>{escape(text)}</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>',
            SLIDE, "http://schemas.microsoft.com/office/2018/10/relationships/comments")
        slide = z.xml(SLIDE)
        ext = etree.fromstring(f'<p:extLst xmlns:p="{P}" xmlns:r="{R}"><p:ext uri="{{6950BFC3-D8DA-4A85-94F7-'
                               f'54DA5524770B}}"><p188:commentRel xmlns:p188="{p188}" r:id="{rid}"/></p:ext>'
                               '</p:extLst>')
        slide.append(ext)
        z.put_xml(SLIDE, slide)
    elif place == "smartart":
        _smartart(z, text)
    elif place == "section":
        pres = z.xml("ppt/presentation.xml")
        ids = [e.get("id") for e in pres.iter(f"{{{P}}}sldId")]
        p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
        ext_lst = pres.find(f"{{{P}}}extLst")
        if ext_lst is None:
            ext_lst = etree.SubElement(pres, f"{{{P}}}extLst")
        ext = etree.fromstring(
            f'<p:ext xmlns:p="{P}" uri="{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}"><p14:sectionLst xmlns:p14="{p14}">'
            f'<p14:section name={quoteattr(text)} id="{{1D2C0000-0000-4000-8000-000000000001}}"><p14:sldIdLst>'
            + "".join(f'<p14:sldId id="{i}"/>' for i in ids) + '</p14:sldIdLst></p14:section></p14:sectionLst></p:ext>')
        ext_lst.insert(0, ext)
        z.put_xml("ppt/presentation.xml", pres)
    elif place == "screentip":
        rels_name = "ppt/slides/_rels/slide1.xml.rels"
        rels = z.xml(rels_name)
        etree.SubElement(rels, f"{{{PKG_R}}}Relationship", Id="rId990", TargetMode="External",
                         Type=OFFICE_RT + "hyperlink", Target="https://radiopaedia.org/")
        z.put_xml(rels_name, rels)
        slide = z.xml(SLIDE)
        tree = slide.find(f".//{{{P}}}spTree")
        tree.append(etree.fromstring(
            f'<p:sp xmlns:p="{P}" {NSDECL}><p:nvSpPr><p:cNvPr id="77" name="TextBox 76"/><p:cNvSpPr txBox="1"/>'
            '<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="914400" y="5500000"/><a:ext cx="4000000" cy="400000"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>'
            f'<a:p><a:r><a:rPr lang="en-GB"><a:hlinkClick r:id="rId990" tooltip={quoteattr(text)}/>'
            '</a:rPr><a:t>Further reading</a:t></a:r></a:p></p:txBody></p:sp>'))
        z.put_xml(SLIDE, slide)
    elif place == "custom-property":
        vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
        z.members["docProps/custom.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            f'xmlns:vt="{vt}"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="Case">'
            f'<vt:lpwstr>{escape(text)}</vt:lpwstr></property></Properties>').encode()
        types = z.xml("[Content_Types].xml")
        etree.SubElement(types, f"{{{CT}}}Override", PartName="/docProps/custom.xml",
                         ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml")
        z.put_xml("[Content_Types].xml", types)
        rels = z.xml("_rels/.rels")
        etree.SubElement(rels, f"{{{PKG_R}}}Relationship", Id="rId99", Target="docProps/custom.xml",
                         Type=OFFICE_RT + "custom-properties")
        z.put_xml("_rels/.rels", rels)
    z.save(path)


def _smartart(z: Zip, text: str) -> None:
    dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    dsp = "http://schemas.microsoft.com/office/drawing/2008/diagram"
    doc, node = "{5A000000-0000-4000-8000-000000000001}", "{5A000000-0000-4000-8000-000000000002}"
    run = f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{escape(text)}</a:t></a:r></a:p>'
    data = (f'<dgm:dataModel xmlns:dgm="{dgm}" {NSDECL}><dgm:ptLst><dgm:pt modelId="{doc}" type="doc"><dgm:prSet/>'
            f'<dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></dgm:t></dgm:pt>'
            f'<dgm:pt modelId="{node}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/>{run}</dgm:t></dgm:pt>'
            f'</dgm:ptLst><dgm:cxnLst><dgm:cxn modelId="{{5A000000-0000-4000-8000-000000000003}}" srcId="{doc}" '
            f'destId="{node}" srcOrd="0" destOrd="0"/></dgm:cxnLst><dgm:bg/><dgm:whole/></dgm:dataModel>')
    drawing = (f'<dsp:drawing xmlns:dsp="{dsp}" xmlns:dgm="{dgm}" {NSDECL}><dsp:spTree><dsp:nvGrpSpPr>'
               '<dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr><dsp:grpSpPr/>'
               f'<dsp:sp modelId="{{5A000000-0000-4000-8000-000000000004}}"><dsp:nvSpPr><dsp:cNvPr id="0" name=""/>'
               '<dsp:cNvSpPr/></dsp:nvSpPr><dsp:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3000000" cy="900000"/>'
               '</a:xfrm><a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom></dsp:spPr>'
               f'<dsp:txBody><a:bodyPr/><a:lstStyle/>{run}</dsp:txBody></dsp:sp></dsp:spTree></dsp:drawing>')
    ml = "application/vnd.openxmlformats-officedocument.drawingml."
    rids = {
        "dm": z.add_part("ppt/diagrams/data1.xml", ml + "diagramData+xml", data, SLIDE, OFFICE_RT + "diagramData"),
        "lo": z.add_part("ppt/diagrams/layout1.xml", ml + "diagramLayout+xml",
                         f'<dgm:layoutDef xmlns:dgm="{dgm}" uniqueId="urn:microsoft.com/office/officeart/2005/8/'
                         'layout/process1"><dgm:layoutNode name="diagram"/></dgm:layoutDef>', SLIDE,
                         OFFICE_RT + "diagramLayout"),
        "qs": z.add_part("ppt/diagrams/quickStyle1.xml", ml + "diagramStyle+xml",
                         f'<dgm:styleDef xmlns:dgm="{dgm}" uniqueId="urn:microsoft.com/office/officeart/2005/8/'
                         'quickstyle/simple1"/>', SLIDE, OFFICE_RT + "diagramQuickStyle"),
        "cs": z.add_part("ppt/diagrams/colors1.xml", ml + "diagramColors+xml",
                         f'<dgm:colorsDef xmlns:dgm="{dgm}" uniqueId="urn:microsoft.com/office/officeart/2005/8/'
                         'colors/accent1_2"/>', SLIDE, OFFICE_RT + "diagramColors"),
    }
    z.add_part("ppt/diagrams/drawing1.xml", "application/vnd.ms-office.drawingml.diagramDrawing+xml", drawing, SLIDE,
               "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing")
    slide = z.xml(SLIDE)
    slide.find(f".//{{{P}}}spTree").append(etree.fromstring(
        f'<p:graphicFrame xmlns:p="{P}" {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="88" name="Diagram 87"/>'
        '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="914400" y="4800000"/>'
        '<a:ext cx="3000000" cy="900000"/></p:xfrm><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
        f'<dgm:relIds xmlns:dgm="{dgm}" r:dm="{rids["dm"]}" r:lo="{rids["lo"]}" r:qs="{rids["qs"]}" '
        f'r:cs="{rids["cs"]}"/></a:graphicData></a:graphic></p:graphicFrame>'))
    z.put_xml(SLIDE, slide)


def deck_bytes(place: str, text: str, path) -> None:
    from pptx import Presentation

    prs = Presentation()
    base(prs)
    if PLACES[place]:
        put(prs, place, text)
    buf = io.BytesIO()
    prs.save(buf)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    if not PLACES[place]:
        patch(path, place, text)

