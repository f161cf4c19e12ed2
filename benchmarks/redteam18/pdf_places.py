"""Red team 18's PDF hiding places, planted with pikepdf into a handout LibreOffice wrote.

Each place takes the sentence (an identifier, or teaching text for the twin, which keeps the same
structure): an outline title, a page label prefix, a named destination, structure-tree /Alt and
/ActualText, text drawn inside a hidden optional-content layer, a form field's value, an embedded file,
a file-attachment annotation, document JavaScript, XMP metadata, an earlier revision only (an annotation
an incremental update removed), and the Info dictionary of a file with a PDF 2.0 header.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

import producers

PDF_PLACES = ["outline", "page-label", "named-dest", "struct-alt", "actual-text", "hidden-layer", "form-field",
              "embedded-file", "file-attachment", "javascript", "xmp", "earlier-revision", "pdf20-info"]
# Planted after the first runs (benchmarks/redteam18/README.md): places screen readers and viewers show.
EXTRA_PDF_PLACES = ["struct-expansion", "layer-name", "rich-text", "link-uri", "inline-actualtext",
                    "redact-overlay", "widget-tooltip"]


def _names(pdf: pikepdf.Pdf, tree: str, key: str, value) -> None:
    names = pdf.Root.get("/Names") or pdf.make_indirect(Dictionary())
    pdf.Root.Names = names
    names[Name("/" + tree)] = Dictionary(Names=Array([String(key), value]))


def _font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                                        Encoding=Name.WinAnsiEncoding))


def _draw(pdf: pikepdf.Pdf, page, content: bytes, resources: dict) -> None:
    res = page.obj.get("/Resources")
    if res is None:
        page.obj.Resources = res = Dictionary()
    for kind, entries in resources.items():
        group = res.get(kind)
        if group is None:
            res[Name(kind)] = group = Dictionary()
        for key, value in entries.items():
            group[Name(key)] = value
    page.contents_add(pdf.make_stream(content), prepend=False)


def _struct_element(pdf: pikepdf.Pdf, element: Dictionary) -> Dictionary:
    """`element` made indirect and hung under the structure tree's root (made when there is none)."""
    element = pdf.make_indirect(element)
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        pdf.Root.StructTreeRoot = root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    kids = root.get("/K")
    if not isinstance(kids, pikepdf.Array):
        root.K = kids = Array([kids] if kids is not None else [])
    element.P = root
    kids.append(element)
    return element


def plant(place: str, text: str, source: Path, target: Path) -> None:
    """Write `source` with `text` in `place` to `target`."""
    data = text.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    with pikepdf.open(source) as pdf:
        page = pdf.pages[0]
        if place == "outline":
            with pdf.open_outline() as outline:
                outline.root.append(pikepdf.OutlineItem(text, 0))
        elif place == "page-label":
            pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D, P=String(text + " "))]))
        elif place == "named-dest":
            _names(pdf, "Dests", text, Array([page.obj, Name.Fit]))
        elif place in ("struct-alt", "actual-text"):
            key = "/Alt" if place == "struct-alt" else "/ActualText"
            _draw(pdf, page, b"/Figure <</MCID 90>> BDC 0.5 g 20 20 60 40 re f EMC\n", {})
            _struct_element(pdf, Dictionary(Type=Name.StructElem, S=Name.Figure, Pg=page.obj, K=90))[Name(key)] = \
                String(text)
        elif place == "struct-expansion":
            _draw(pdf, page, b"/Span <</MCID 91>> BDC EMC\n", {})
            _struct_element(pdf, Dictionary(Type=Name.StructElem, S=Name.Span, Pg=page.obj, K=91, E=String(text),
                                            T=String(text.split()[0])))
        elif place == "layer-name":
            layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String(text)))
            pdf.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(ON=Array([layer]), Order=Array([layer])))
            _draw(pdf, page, b"/OC /L1 BDC 0.5 g 20 20 40 20 re f EMC\n", {"/Properties": {"/L1": layer}})
        elif place in ("rich-text", "link-uri", "redact-overlay"):
            annot = Dictionary(Type=Name.Annot, Rect=Array([10, 10, 60, 30]))
            if place == "rich-text":
                annot.update(Dictionary(Subtype=Name.Text, Contents=String("See the arrow"),
                             RC=String(f'<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>{text}</p></body>')))
            elif place == "link-uri":
                words = text.replace(",", "").split()
                query = "&".join(f"q{i}={w}" for i, w in enumerate(words)).replace("/", "%2F")
                annot.update(Dictionary(Subtype=Name.Link, Border=Array([0, 0, 0]),
                                  A=Dictionary(S=Name.URI, URI=String(f"https://pacs.example.org/viewer?{query}"))))
            else:
                annot.update(Dictionary(Subtype=Name.Redact, OverlayText=String(text),
                                  QuadPoints=Array([10, 30, 60, 30, 10, 10, 60, 10])))
            page.obj.Annots = Array(list(page.obj.get("/Annots", Array())) + [pdf.make_indirect(annot)])
        elif place == "inline-actualtext":
            _draw(pdf, page, b"/Span <</ActualText (" + data + b")>> BDC 0.5 g 20 20 40 20 re f EMC\n", {})
        elif place == "widget-tooltip":
            field = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("case"),
                                                 TU=String(text), Rect=Array([20, 20, 300, 40]), P=page.obj))
            pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
            page.obj.Annots = Array(list(page.obj.get("/Annots", Array())) + [field])
        elif place == "hidden-layer":
            layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Annotations")))
            pdf.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(OFF=Array([layer]), Order=Array([layer])))
            _draw(pdf, page, b"/OC /L1 BDC BT /RT18F 12 Tf 30 30 Td (" + data + b") Tj ET EMC\n",
                  {"/Properties": {"/L1": layer}, "/Font": {"/RT18F": _font(pdf)}})
        elif place == "form-field":
            field = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("case"),
                                                 V=String(text), Rect=Array([20, 20, 300, 40]), P=page.obj))
            pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
            page.obj.Annots = Array(list(page.obj.get("/Annots", Array())) + [field])
        elif place in ("embedded-file", "file-attachment"):
            spec = pikepdf.AttachedFileSpec(pdf, text.encode("utf-8"), filename="case-notes.txt",
                                            mime_type="text/plain")
            if place == "embedded-file":
                pdf.attachments["case-notes.txt"] = spec
            else:
                annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment,
                                                     Rect=Array([10, 10, 30, 30]), FS=spec.obj,
                                                     Contents=String("Case notes")))
                page.obj.Annots = Array(list(page.obj.get("/Annots", Array())) + [annot])
        elif place == "javascript":
            script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String(f"app.alert('{text}');")))
            _names(pdf, "JavaScript", "init", script)
        elif place == "xmp":
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:description"] = text
        elif place == "earlier-revision":
            annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([10, 10, 30, 30]),
                                                 Contents=String(text)))
            page.obj.Annots = Array(list(page.obj.get("/Annots", Array())) + [annot])
        elif place == "pdf20-info":
            pdf.docinfo[Name.Subject] = String(text)
            pdf.save(target, force_version="2.0")
            return
        pdf.save(target)
    if place == "earlier-revision":
        with pikepdf.open(target) as pdf:
            page_obj = pdf.pages[0].obj
            page_number = page_obj.objgen[0]
            emptied = Dictionary({k: v for k, v in page_obj.items() if k != "/Annots"}).unparse(resolved=False)
        producers.append_update(target, {page_number: emptied})
