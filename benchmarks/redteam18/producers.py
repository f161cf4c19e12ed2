"""Red team 18's producers: the same deck written again by other programs and package writers.

Deck producers (pptx in, deck out): LibreOffice (pptx -> pptx, pptx -> odp -> pptx), the slide-show,
template and macro content types (ppsx, potx, pptm, ppsm), Strict OOXML (namespaces rewritten to
http://purl.oclc.org/ooxml/...; and only the layouts, masters and notes pages so rewritten), unusual part names, no docProps, absolute relationship targets, ZIP64
records, data descriptors, stored members and mixed-case content types and part names.

PDF producers (pptx in, PDF out): LibreOffice's impress_pdf_Export (default; notes pages + hidden slides +
bookmarks + tagged + comments as annotations; PDF/A-2b; hybrid with the ODF file inside), then that PDF
again through qpdf (object streams, linearized), Ghostscript pdfwrite, a PDF 2.0 header and an incremental
update appended after the original.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN_TYPES = {
    "ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "potx": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
}
PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
LO_DECK = ["lo-pptx", "lo-odp-pptx"]
ZIP_DECK = ["ppsx", "potx", "pptm", "ppsm", "strict", "strict-parts", "odd-names", "no-docprops", "absolute-rels", "zip64",
            "data-descriptors", "stored", "mixed-case"]
DECK_PRODUCERS = ["python-pptx"] + LO_DECK + ZIP_DECK
LO_PDF = {
    "lo-pdf": {},
    "lo-pdf-full": {"ExportNotesPages": True, "ExportHiddenSlides": True, "ExportBookmarks": True,
                    "UseTaggedPDF": True, "ExportNotes": True, "ExportFormFields": True},
    "lo-pdfa": {"SelectPdfVersion": 2, "UseTaggedPDF": True, "ExportNotesPages": True},
    "lo-pdf-hybrid": {"IsAddStream": True},
}
REWRITTEN_PDF = ["qpdf-objstm", "qpdf-linearized", "ghostscript", "pdf20", "incremental"]
PDF_PRODUCERS = list(LO_PDF) + REWRITTEN_PDF
EXTENSIONS = {"ppsx": ".ppsx", "potx": ".potx", "pptm": ".pptm", "ppsm": ".ppsm"}


# --- LibreOffice -------------------------------------------------------------------------------------------

def soffice(files: list[Path], target: str, outdir: Path, profile: Path) -> None:
    """Convert `files` with one headless LibreOffice run (its own profile, so it never meets another)."""
    outdir.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(files), 40):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                        "--outdir", str(outdir), *map(str, files[start:start + 40])],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)


def pdf_filter(options: dict) -> str:
    typed = {k: {"type": "boolean" if isinstance(v, bool) else "long", "value": str(v).lower()}
             for k, v in options.items()}
    return "pdf:impress_pdf_Export:" + json.dumps(typed, separators=(",", ":")) if options else "pdf"


# --- zip and OPC rewrites ----------------------------------------------------------------------------------

def read(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write(members: dict[str, bytes], path: Path, how: str = "deflated") -> None:
    method = zipfile.ZIP_STORED if how == "stored" else zipfile.ZIP_DEFLATED
    if how == "data-descriptors":
        raw = io.BytesIO()

        class Unseekable(io.RawIOBase):
            def writable(self):
                return True

            def write(self, b):
                return raw.write(b)

        with zipfile.ZipFile(Unseekable(), "w", method) as z:
            for name, data in members.items():
                z.writestr(name, data)
        path.write_bytes(raw.getvalue())
        return
    with zipfile.ZipFile(path, "w", method, allowZip64=True) as z:
        for name, data in members.items():
            if how == "zip64":
                with z.open(zipfile.ZipInfo(name, (2024, 5, 1, 9, 0, 0)), "w", force_zip64=True) as f:
                    f.write(data)
            else:
                z.writestr(name, data)


def rels_name(part: str) -> str:
    folder, leaf = posixpath.split(part)
    return posixpath.join(folder, "_rels", leaf + ".rels")


def source_of(rels: str) -> str:
    folder = posixpath.dirname(posixpath.dirname(rels))
    return posixpath.join(folder, posixpath.basename(rels)[:-5])


def rename_parts(members: dict[str, bytes], rename: dict[str, str], absolute: bool = False) -> dict[str, bytes]:
    """Rename parts, fixing every relationship and content-type override (targets absolute if asked)."""
    out = {}
    for name, data in members.items():
        if name.endswith(".rels"):
            src = source_of(name) if not name.startswith("_rels/") else ""
            root = etree.fromstring(data)
            for rel in root:
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target")
                resolved = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(posixpath.dirname(src), target))
                resolved = rename.get(resolved, resolved)
                rel.set("Target", "/" + resolved if absolute else
                        posixpath.relpath(resolved, posixpath.dirname(src) or "."))
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            src_new = rename.get(src, src)
            name = rels_name(src_new) if src else name
        elif name == "[Content_Types].xml":
            root = etree.fromstring(data)
            for override in root.iter(f"{{{CT}}}Override"):
                part = override.get("PartName").lstrip("/")
                override.set("PartName", "/" + rename.get(part, part))
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        else:
            name = rename.get(name, name)
        out[name] = data
    return out


def odd_names(members: dict[str, bytes]) -> dict[str, bytes]:
    """Parts where other writers put them: slides, notes, layouts and media under made-up folder names."""
    rename = {}
    for name in members:
        m = re.fullmatch(r"ppt/(slides|notesSlides|slideLayouts|media|embeddings)/([a-zA-Z_]+?)(\d*)(\.\w+)", name)
        if m:
            folder = {"slides": "content/pages", "notesSlides": "content/notes", "slideLayouts": "design/L",
                      "media": "Pictures", "embeddings": "Objects"}[m.group(1)]
            rename[name] = f"{folder}/item{m.group(3) or '0'}_{m.group(2)[:2]}{m.group(4)}"
    return rename_parts(members, rename)


def no_docprops(members: dict[str, bytes]) -> dict[str, bytes]:
    out = {n: d for n, d in members.items() if not n.startswith("docProps/")}
    root = etree.fromstring(out["_rels/.rels"])
    for rel in list(root):
        if "docProps" in rel.get("Target"):
            root.remove(rel)
    out["_rels/.rels"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    types = etree.fromstring(out["[Content_Types].xml"])
    for override in list(types):
        if "docProps" in (override.get("PartName") or ""):
            types.remove(override)
    out["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


STRICT = [(b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
           b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
          (b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
           b"http://purl.oclc.org/ooxml/officeDocument/customProperties"),
          (b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
           b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"),
          (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
           b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
          (b"http://schemas.openxmlformats.org/presentationml/2006/main",
           b"http://purl.oclc.org/ooxml/presentationml/main"),
          (b"http://schemas.openxmlformats.org/drawingml/2006/", b"http://purl.oclc.org/ooxml/drawingml/")]


def strict(members: dict[str, bytes]) -> dict[str, bytes]:
    """Strict OOXML: the transitional namespaces and relationship types rewritten to purl.oclc.org."""
    out = {}
    for name, data in members.items():
        if name.endswith((".xml", ".rels")):
            for old, new in STRICT:
                data = data.replace(old, new)
            if name == "ppt/presentation.xml":
                data = data.replace(b"<p:presentation ", b'<p:presentation conformance="strict" ', 1)
        out[name] = data
    return out


def strict_parts(members: dict[str, bytes]) -> dict[str, bytes]:
    """Only the layouts, masters and notes pages in Strict's namespaces (a deck pieced together from two
    writers): the main part and the slides stay transitional."""
    parts = {n: d for n, d in members.items() if re.match(r"ppt/(slideLayouts|slideMasters|notesSlides)/[^/]+\.xml$", n)}
    return {**members, **strict(parts)}


def mixed_case(members: dict[str, bytes]) -> dict[str, bytes]:
    """Content types and override part names in other letter cases (both are case-insensitive in OPC)."""
    types = etree.fromstring(members["[Content_Types].xml"])
    for element in types:
        kind = element.get("ContentType")
        element.set("ContentType", kind[:1].upper() + kind[1:12].upper() + kind[12:])
        if element.get("PartName"):
            element.set("PartName", element.get("PartName").upper())
        if element.get("Extension"):
            element.set("Extension", element.get("Extension").upper())
    out = dict(members)
    out["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def content_type(members: dict[str, bytes], kind: str) -> dict[str, bytes]:
    out = dict(members)
    out["[Content_Types].xml"] = members["[Content_Types].xml"].replace(PPTX_MAIN.encode(), MAIN_TYPES[kind].encode())
    return out


def rewrite_deck(producer: str, source: Path, target_stem: Path) -> Path:
    """Write `source` again as `producer` would; returns the written path."""
    members = read(source)
    how = producer if producer in ("zip64", "data-descriptors", "stored") else "deflated"
    if producer in MAIN_TYPES:
        members = content_type(members, producer)
    elif producer == "strict":
        members = strict(members)
    elif producer == "strict-parts":
        members = strict_parts(members)
    elif producer == "odd-names":
        members = odd_names(members)
    elif producer == "no-docprops":
        members = no_docprops(members)
    elif producer == "absolute-rels":
        members = rename_parts(members, {}, absolute=True)
    elif producer == "mixed-case":
        members = mixed_case(members)
    path = target_stem.with_suffix(EXTENSIONS.get(producer, ".pptx"))
    write(members, path, how)
    return path


# --- PDF rewrites ------------------------------------------------------------------------------------------

def rewrite_pdf(producer: str, source: Path, target: Path) -> bool:
    """Write `source` (a LibreOffice PDF) again through `producer`; False when the tool is missing or failed."""
    import pikepdf

    if producer == "qpdf-objstm":
        command = ["qpdf", "--object-streams=generate", str(source), str(target)]
    elif producer == "qpdf-linearized":
        command = ["qpdf", "--linearize", str(source), str(target)]
    elif producer == "ghostscript":
        command = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={target}",
                   str(source)]
    elif producer == "pdf20":
        with pikepdf.open(source) as pdf:
            pdf.save(target, force_version="2.0")
        return True
    elif producer == "incremental":
        shutil.copyfile(source, target)
        append_update(target)
        return True
    else:
        raise ValueError(producer)
    if not shutil.which(command[0]):
        return False
    done = subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return done.returncode in (0, 3) and target.exists()


def append_update(path: Path, objects: dict[int, bytes] | None = None) -> None:
    """Append an incremental update (new Info dictionary, plus `objects` replaced) after the original %%EOF."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        size = int(pdf.trailer.Size)
        root = pdf.trailer.Root.objgen
        info_ref = pdf.trailer.get("/Info")
        info_num = info_ref.objgen[0] if info_ref is not None and info_ref.is_indirect else size
    data = path.read_bytes()
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    objects = dict(objects or {})
    objects[info_num] = b"<< /Producer (incremental editor) /Title (Teaching session) >>"
    size = max(size, max(objects) + 1)
    body = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number, text in sorted(objects.items()):
        offsets[number] = len(body)
        body += b"%d 0 obj\n" % number + text + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n"
    for number in sorted(offsets):
        body += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    body += (b"trailer\n<< /Size %d /Root %d %d R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
             % (size, root[0], root[1], info_num, prev, xref))
    path.write_bytes(bytes(body))
