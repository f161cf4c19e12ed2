"""Building blocks for red team 19's DICOM objects: a file's header, content items, raw encodings.

`base(...)` makes a dataset of one SOP class with a patient/study/series header that names the
patient (identifying files) or is blank (clean twins, which must come out `publication`).
"""

from __future__ import annotations

import io

from pydicom import config
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid

config.replace_un_with_known_vr = False     # a public tag written as UN must stay UN when written
ROOT = "1.2.826.0.1.3680043.10.1019."       # a made-up root for the inputs' own UIDs
SOP = {"basic-sr": "1.2.840.10008.5.1.4.1.1.88.11", "enhanced-sr": "1.2.840.10008.5.1.4.1.1.88.22",
       "comprehensive-sr": "1.2.840.10008.5.1.4.1.1.88.33", "kos": "1.2.840.10008.5.1.4.1.1.88.59",
       "gsps": "1.2.840.10008.5.1.4.1.1.11.1", "rtstruct": "1.2.840.10008.5.1.4.1.1.481.3",
       "rtplan": "1.2.840.10008.5.1.4.1.1.481.5", "seg": "1.2.840.10008.5.1.4.1.1.66.4",
       "pdf": "1.2.840.10008.5.1.4.1.1.104.1", "cda": "1.2.840.10008.5.1.4.1.1.104.2",
       "ecg": "1.2.840.10008.5.1.4.1.1.9.1.1", "ct": "1.2.840.10008.5.1.4.1.1.2",
       "sc": "1.2.840.10008.5.1.4.1.1.7"}
MODALITY = {"basic-sr": "SR", "enhanced-sr": "SR", "comprehensive-sr": "SR", "kos": "KO", "gsps": "PR",
            "rtstruct": "RTSTRUCT", "rtplan": "RTPLAN", "seg": "SEG", "pdf": "DOC", "cda": "DOC", "ecg": "ECG",
            "ct": "CT", "sc": "OT"}


def uid(rng) -> str:
    return ROOT + ".".join(str(rng.randint(1, 10**8)) for _ in range(3))


def base(kind: str, p, ident: bool, rng, charset: str | list | None = None) -> Dataset:
    """A dataset of SOP class `kind` whose header names the patient only when `ident`."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = SOP[kind]
    if charset is None and not (p.given + p.family).isascii():
        charset = "ISO_IR 192"          # an accented name needs a character set beyond ASCII
    if charset:
        ds.SpecificCharacterSet = charset
    ds.SOPClassUID = SOP[kind]
    ds.SOPInstanceUID = uid(rng)
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = uid(rng), uid(rng)
    ds.Modality = MODALITY[kind]
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = "20240115"
    ds.StudyTime = ds.ContentTime = "101500"
    ds.StudyID, ds.SeriesNumber, ds.InstanceNumber = "1", 1, 1
    ds.Manufacturer = "Made-up Modality Works"
    if ident and not p.bare:
        ds.PatientName, ds.PatientID, ds.PatientBirthDate = p.pn, p.mrn, p.birth
        ds.PatientSex, ds.AccessionNumber = "F", p.accession
        ds.ReferringPhysicianName, ds.InstitutionName = p.doctor_pn(), p.institution
        ds.PatientAddress = p.address
    else:
        ds.PatientName = ds.PatientID = ds.PatientBirthDate = ds.PatientSex = ""
        ds.AccessionNumber = ds.ReferringPhysicianName = ""
    return ds


def pick(ident: bool, identifying, harmless):
    return identifying if ident else harmless


def code(value: str, scheme: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, scheme, meaning
    return item


def concept(value: str, meaning: str, scheme: str = "DCM") -> Sequence:
    return Sequence([code(value, scheme, meaning)])


def item(kind: str, rel: str, name: Sequence, **values) -> Dataset:
    """One content item of a report tree: its value type, relationship, concept name and value."""
    ds = Dataset()
    ds.RelationshipType, ds.ValueType, ds.ConceptNameCodeSequence = rel, kind, name
    for key, value in values.items():
        setattr(ds, key, value)
    return ds


def container(rel: str, name: Sequence, children: list) -> Dataset:
    ds = item("CONTAINER", rel, name, ContinuityOfContent="SEPARATE")
    ds.ContentSequence = Sequence(children)
    return ds


def sr_document(ds: Dataset, title: Sequence, children: list, template: str | None = None) -> Dataset:
    """Make `ds` an SR document whose root CONTAINER holds `children`."""
    ds.ValueType, ds.ContinuityOfContent, ds.ConceptNameCodeSequence = "CONTAINER", "SEPARATE", title
    ds.CompletionFlag, ds.VerificationFlag = "COMPLETE", "UNVERIFIED"
    ds.ContentSequence = Sequence(children)
    if template:
        tpl = Dataset()
        tpl.MappingResource, tpl.TemplateIdentifier = "DCMR", template
        ds.ContentTemplateSequence = Sequence([tpl])
    return ds


def implicit_bytes(ds: Dataset, encoding: str | list = "iso8859") -> bytes:
    """`ds` encoded as implicit VR little endian (what a UN element of undefined VR holds)."""
    fp = DicomBytesIO()
    fp.is_little_endian, fp.is_implicit_VR = True, True
    write_dataset(fp, ds, encoding)
    return fp.getvalue()


def sequence_as_un(sequence: Sequence, tag: int, encoding: str | list = "iso8859") -> bytes:
    """The value bytes of sequence `tag` in implicit VR little endian, defined length (for VR UN)."""
    holder = Dataset()
    holder.add_new(tag, "SQ", sequence)
    data = implicit_bytes(holder, encoding)[8:]
    return data[:-8] if data.endswith(b"\xfe\xff\xdd\xe0\x00\x00\x00\x00") else data


def save(ds: Dataset, path, *, implicit: bool = False, meta: bool = True) -> None:
    """Write `ds`; without file meta it is a bare implicit VR little endian dataset (no preamble)."""
    if not meta:
        data = implicit_bytes(ds)
        path.write_bytes(data)
        return
    if implicit:
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    ds.save_as(path, enforce_file_format=True)


def in_deep_thread(fn, *args):
    """fn(*args) with a big stack and recursion limit (pydicom reads and writes sequences
    recursively, and these trees nest 400 levels): slidesan's own helper, only a thread runner."""
    from slidesan.dicom.deep import call_deep

    return call_deep(fn, *args)


def save_deep(ds: Dataset, path) -> None:
    in_deep_thread(save, ds, path)


def small_pixels(ds: Dataset, rows: int = 16, cols: int = 16) -> None:
    """A tiny monochrome image (flat grey with a bright square): nothing for OCR to read."""
    ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.PhotometricInterpretation = rows, cols, 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    pixels = bytearray([40] * rows * cols)
    for r in range(rows // 4, rows // 2):
        for c in range(cols // 4, cols // 2):
            pixels[r * cols + c] = 200
    ds.PixelData = bytes(pixels)


def pdf_bytes(lines: list[str], info: dict[str, str]) -> bytes:
    """A one-page PDF (pikepdf) showing `lines` in Helvetica, with `info` in its document information."""
    import pikepdf
    from pikepdf import Dictionary, Name

    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                                        Encoding=Name.WinAnsiEncoding))
    page.Resources = Dictionary(Font=Dictionary(F1=font))
    body = b"BT /F1 13 Tf 72 770 Td 18 TL\n"
    for line in lines:
        text = line.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        body += b"(" + text + b") Tj T*\n"
    page.Contents = pdf.make_stream(body + b"ET")
    for key, value in info.items():
        pdf.docinfo[Name("/" + key)] = value
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def new_uid() -> str:
    return generate_uid(prefix=ROOT)
