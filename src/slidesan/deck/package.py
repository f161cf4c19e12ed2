"""The deck as an OPC package: parts, relationships and XML, opened safely and written plainly.

python-pptx owns parsing and the part graph; this layer adds what the steps need on top of it:
XML access to every part (python-pptx leaves many as opaque blobs), forced relationship removal,
new image parts, slide numbers for any part, and a deterministic writer (fixed timestamps, no
zip comment, only parts reachable through relationships).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml import parse_xml

from slidesan.deck.safety import preflight
from slidesan.errors import SlidesanError

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "dsp": "http://schemas.microsoft.com/office/drawing/2008/diagram",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}
R_NS = NS["r"]
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PLAIN_PRESENTATION = CT.PML_PRESENTATION_MAIN
PRESENTATION_TYPES = {
    CT.PML_PRESENTATION_MAIN,
    CT.PML_PRES_MACRO_MAIN,
    CT.PML_SLIDESHOW_MAIN,
    CT.PML_TEMPLATE_MAIN,
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
}


def register_presentation_types() -> None:
    """python-pptx maps the .pptx, .pptm, .ppsx and .potx main content types to its PresentationPart
    but not the macro-enabled slide show (.ppsm) and template (.potm), which then load as opaque
    parts ("'Part' object has no attribute '_element'"). They are the same XML; map them too."""
    from pptx.opc.package import PartFactory
    from pptx.parts.presentation import PresentationPart

    for content_type in PRESENTATION_TYPES:
        PartFactory.part_type_for.setdefault(content_type, PresentationPart)
    register_content_type_spellings()


def register_content_type_spellings() -> None:
    """Content types are compared without regard to case (OPC follows RFC 2616's media types), and
    PowerPoint opens a package whose [Content_Types].xml spells them `Application/VND...`; python-pptx
    compares them exactly, so such a deck's slides would load as opaque parts and its main part would
    not be a presentation. Every content type python-pptx knows is read in its own spelling; one it
    does not know is kept as written."""
    from pptx.opc import package as opc_package

    if getattr(opc_package._ContentTypeMap, "slidesan_spellings", False):
        return
    known = {value.lower(): value for value in vars(CT).values() if isinstance(value, str) and "/" in value}
    known.update({value.lower(): value for value in PRESENTATION_TYPES})
    read_types = opc_package._ContentTypeMap.from_xml.__func__

    def from_xml(cls, content_types_xml: bytes):
        types = read_types(cls, content_types_xml)
        for table in (types._overrides, types._defaults):
            for key, value in list(table.items()):
                table[key] = known.get(value.strip().lower(), value)
        return types

    opc_package._ContentTypeMap.from_xml = classmethod(from_xml)
    opc_package._ContentTypeMap.slidesan_spellings = True



# A .docx or .xlsx renamed .pptx is told in words, not by its content type.
OTHER_OFFICE_FILES = {"wordprocessingml": "a Word document", "spreadsheetml": "an Excel workbook"}


class Deck:
    """An opened deck whose parts steps may change; save() writes only what is still reachable."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.preflight = preflight(self.path)
        self.prs = self._load()
        self.package = self.prs.part.package
        self._xml: dict[str, etree._Element] = {}
        self._slide_of: dict[str, int] | None = None

    def _load(self):
        # pptx.Presentation() refuses the slideshow (.ppsx) and template (.potx) variants, which
        # differ from a .pptx only in the main part's content type; open the package directly.
        from pptx.package import Package

        register_presentation_types()
        if has_strict_parts(self.path):
            raise SlidesanError(STRICT_REFUSAL.format(name=self.path.name))
        try:
            package = Package.open(str(self.path))
            prs_part = package.main_document_part
            self.original_content_type = prs_part.content_type
            if prs_part.content_type not in PRESENTATION_TYPES:
                kind = next((words for key, words in OTHER_OFFICE_FILES.items() if key in prs_part.content_type),
                            None)
                raise SlidesanError(f"{self.path.name}: not a PowerPoint presentation (" + (
                    f"it is {kind} with a deck's name; export it to PDF and clean that, or remove it" if kind
                    else f"its main part is {prs_part.content_type}") + ")")
            check_part_names(self.path, package)
            check_slide_list(self.path, prs_part)
            return prs_part.presentation
        except SlidesanError:
            raise
        except KeyError as exc:
            if is_strict_package(self.path):
                raise SlidesanError(STRICT_REFUSAL.format(name=self.path.name)) from None
            raise SlidesanError(f"{self.path.name}: the package has no presentation part or a part is missing ({exc})") from None
        except Exception as exc:  # python-pptx raises many kinds of error on broken parts
            raise SlidesanError(
                f"{self.path.name}: a part is truncated or corrupt ({type(exc).__name__}: {exc})") from None

    # -- parts -------------------------------------------------------------------------------

    def parts(self) -> list[Part]:
        """Every part reachable from the package relationships, in a stable order."""
        return list(self.package.iter_parts())

    def part_by_name(self, partname: str) -> Part | None:
        for part in self.parts():
            if part.partname == partname:
                return part
        return None

    @property
    def presentation_part(self):
        return self.prs.part

    def slide_parts(self) -> list[XmlPart]:
        return [slide.part for slide in self.prs.slides]

    def xml(self, part: Part) -> etree._Element:
        """The part's XML tree; edits to it are written on save."""
        if isinstance(part, XmlPart):
            return part._element
        key = str(part.partname)
        if key not in self._xml:
            try:
                self._xml[key] = parse_xml(part.blob)
            except etree.XMLSyntaxError as exc:
                raise SlidesanError(f"{self.path.name}: part {key} is not well-formed XML ({exc})") from None
        return self._xml[key]

    def is_xml(self, part: Part) -> bool:
        return isinstance(part, XmlPart) or part.content_type.endswith("xml")

    def set_blob(self, part: Part, data: bytes) -> None:
        if isinstance(part, XmlPart):
            part._element = parse_xml(data)
        else:
            self._xml.pop(str(part.partname), None)
            part._blob = data

    def sync_xml(self) -> None:
        """Serialize XML trees of blob parts that steps edited."""
        for part in self.parts():
            key = str(part.partname)
            if key in self._xml:
                part._blob = etree.tostring(self._xml.pop(key), xml_declaration=True, encoding="UTF-8", standalone=True)

    # -- relationships -----------------------------------------------------------------------

    def rels_to(self, target: Part) -> Iterator[tuple[object, str]]:
        """(source part or package, rId) of every relationship pointing at `target`."""
        sources = [self.package, *self.parts()]
        for src in sources:
            for rid, rel in list(rels_of(src).items()):
                if not rel.is_external and rel._target is target:
                    yield src, rid

    def drop_rel(self, source, rid: str) -> None:
        """Remove a relationship whatever its reference count; the caller removes the XML use."""
        rels_of(source).pop(rid)

    def drop_part(self, target: Part) -> int:
        """Cut every relationship to `target`, so it (and what only it reaches) is not saved."""
        count = 0
        for src, rid in list(self.rels_to(target)):
            rels_of(src).pop(rid)
            count += 1
        return count

    def drop_rels_of_type(self, source, reltype: str) -> list[Part]:
        dropped = []
        rels = rels_of(source)
        for rid, rel in list(rels.items()):
            if rel.reltype == reltype:
                rels.pop(rid)
                if not rel.is_external:
                    dropped.append(rel._target)
        return dropped

    def add_part(self, partname_template: str, content_type: str, blob: bytes) -> Part:
        partname = self.package.next_partname(partname_template)
        return Part(partname, content_type, self.package, blob)

    def rename_part(self, part: Part, partname: str) -> None:
        """Give a part a new name (relationships to it are written from the new name)."""
        old = str(part.partname)
        part.partname = packuri(partname)
        if old in self._xml:
            self._xml[str(part.partname)] = self._xml.pop(old)
        self.forget_locations()

    def new_media_part(self, blob: bytes, ext: str, content_type: str) -> Part:
        return self.add_part("/ppt/media/image%d." + ext.lstrip("."), content_type, blob)

    # -- locations ---------------------------------------------------------------------------

    def slide_number(self, part: Part) -> int | None:
        """1-based slide a part belongs to (the slide, its notes, charts and diagrams)."""
        if self._slide_of is None:
            self._slide_of = {}
            for idx, slide in enumerate(self.slide_parts(), start=1):
                self._slide_of.setdefault(str(slide.partname), idx)
                for rel in slide.rels.values():
                    if rel.is_external or rel.reltype in (RT.SLIDE_LAYOUT, RT.SLIDE):
                        continue
                    self._slide_of.setdefault(str(rel._target.partname), idx)
        return self._slide_of.get(str(part.partname))

    def forget_locations(self) -> None:
        self._slide_of = None

    # -- writing -----------------------------------------------------------------------------

    def make_plain_presentation(self) -> None:
        """Output is always a macro-free .pptx, whatever variant came in. (python-pptx caches
        `content_type` on first read, so the cached value is dropped too.)"""
        part = self.presentation_part
        part._content_type = PLAIN_PRESENTATION
        part.__dict__.pop("content_type", None)

    def save(self, out: Path) -> None:
        """Write the package; parts whose bytes are unchanged keep their original compressed
        stream (zip_reuse.py), so an uncropped 100 MB deck is not deflated again."""
        from slidesan.deck.zip_reuse import OriginalMembers, write_raw

        self.sync_xml()
        parts = self.parts()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf, OriginalMembers(self.path) as old:
            write_member(zf, "[Content_Types].xml", serialize_xml(_ContentTypesItem.xml_for(parts)))
            write_member(zf, "_rels/.rels", self.package._rels.xml)
            for part in sorted(parts, key=lambda p: str(p.partname)):
                name, blob = part.partname.membername, part.blob
                same = old.raw_if_unchanged(name, blob) if not isinstance(part, XmlPart) else None
                if same is not None:
                    write_raw(zf, name, *same, FIXED_ZIP_TIME)
                else:
                    write_member(zf, name, blob)
                if part._rels:
                    write_member(zf, part.partname.rels_uri.membername, part.rels.xml)


def check_part_names(path: Path, package) -> None:
    """A relationship may not make a part of the package's own index ([Content_Types].xml, *.rels):
    the writer produces those itself, and a second copy would make the output ambiguous."""
    for part in package.iter_parts():
        member = part.partname.membername
        if member.lower() == "[content_types].xml" or member.lower().endswith(".rels"):
            raise SlidesanError(f"{path.name}: a relationship points at the package index {member}; "
                                "the package is malformed")


def check_slide_list(path: Path, prs_part) -> None:
    """The main part must be a p:presentation whose every p:sldId names its own p:sld through an
    existing relationship: steps walk the slide list and would act twice on a slide listed twice,
    fail on a dangling one, and write a slide no reader can open if its shape tree is missing."""
    if prs_part._element.tag != f"{{{NS['p']}}}presentation":
        raise SlidesanError(f"{path.name}: the main part's root element is not p:presentation; the deck is corrupt")
    seen = set()
    for sld_id in prs_part._element.findall(f"{{{NS['p']}}}sldIdLst/{{{NS['p']}}}sldId"):
        rid = sld_id.get(f"{{{R_NS}}}id")
        rel = prs_part.rels.get(rid) if rid else None
        if rel is None or rel.is_external:
            raise SlidesanError(f"{path.name}: the slide list names a slide ({rid}) whose part is missing")
        if rel._target.content_type != CT.PML_SLIDE:
            raise SlidesanError(f"{path.name}: the slide list names {rel._target.partname}, which is not a slide")
        if rel._target in seen:
            raise SlidesanError(f"{path.name}: slide part {rel._target.partname} is listed twice in the slide list")
        seen.add(rel._target)
        root = getattr(rel._target, "_element", None)
        if root is None or root.tag != f"{{{NS['p']}}}sld" or root.find(f"{{{NS['p']}}}cSld/{{{NS['p']}}}spTree") is None:
            raise SlidesanError(f"{path.name}: slide {rel._target.partname} has no p:sld/p:cSld/p:spTree; "
                                "the deck is corrupt")


STRICT_REFUSAL = ("{name}: this deck is saved as Strict Open XML, which slidesan does not read; "
                  "save it as an ordinary PowerPoint Presentation (.pptx) and try again")
STRICT_NAMESPACES = "http://purl.oclc.org/ooxml/"
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def is_strict_package(path: Path) -> bool:
    """ISO 29500 Strict packages name their relationship types under purl.oclc.org (a Type, not any
    mention: an external link's target may name the URI in an ordinary deck)."""
    try:
        with zipfile.ZipFile(path) as zf, zf.open("_rels/.rels") as member:
            return any(element.get("Type", "").startswith(STRICT_NAMESPACES)
                       for _, element in etree.iterparse(member, events=("start",), resolve_entities=False,
                                                         no_network=True))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, etree.XMLSyntaxError):
        return False


def has_strict_parts(path: Path) -> bool:
    """Whether any XML part is written in Strict's namespaces: its root element is (what a Strict writer
    puts there; a slide's text, a property or an extension that merely names the URI does not count).
    The steps read the transitional namespaces only: a layout, a master or a notes page in Strict's
    would be passed over unread. (A Strict relationship type in an otherwise transitional package is
    read: the steps that need one know both.) Every member that starts like XML is looked at, whatever
    its name or encoding."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.file_size and _root_namespace(zf, info).startswith(STRICT_NAMESPACES):
                    return True
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        return False
    return False


def _root_namespace(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """The namespace of a member's root element ("" when it is no XML)."""
    with zf.open(info) as member:
        head = member.read(64)
    if not (head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or head.startswith(_UTF16_MARKS)):
        return ""
    try:
        with zf.open(info) as member:
            for _, element in etree.iterparse(member, events=("start",), resolve_entities=False, no_network=True):
                return etree.QName(element).namespace or ""
    except etree.XMLSyntaxError:
        return ""
    return ""


def rels_of(source):
    """Relationships of a part or of the package (python-pptx's Package only has `_rels`)."""
    return source.rels if isinstance(source, Part) else source._rels


def serialize_xml(element) -> bytes:
    return etree.tostring(element, encoding="UTF-8", standalone=True)


def write_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def part_ext(part: Part) -> str:
    return posixpath.splitext(str(part.partname))[1].lstrip(".").lower()


def packuri(name: str) -> PackURI:
    return PackURI(name if name.startswith("/") else "/" + name)
