"""Which DICOM instances to read for burned-in text and faces, and which pixels cannot be read at all.

Header cleaning cannot touch text a scanner drew into the pixels, so burned_in.py reads the
instances `reasons_to_read` names: ultrasound, captures, projections (whatever Burned In Annotation says),
overlays, colour pictures saved under any class (a workstation's rendering), and anything of a
private or unknown SOP class (nobody can promise what it shows). Grey slices not named here are
screened for drawn text without OCR (text_screen.py).
`undecodable` says, without decoding, when no installed decoder handles the pixel data: such an
instance is "not inspected" whether or not it was chosen for reading. `is_photograph` decides
whether the face detector looks at an instance: photographs and colour captures of one, never
screen captures of an imaging modality (a whole-body bone scan is a person's outline, not a face).
"""

from __future__ import annotations

import re

from pydicom.dataset import Dataset

from slidesan.dicom import peek

# SOP classes that are pictures of something else: secondary capture, screen and dose captures.
SC_SOP_CLASSES = ("1.2.840.10008.5.1.4.1.1.7",)          # .7, .7.1 .. .7.4 (prefix match)
VISIBLE_LIGHT_SOP_CLASSES = ("1.2.840.10008.5.1.4.1.1.77",)
STANDARD_ROOT = "1.2.840.10008."
# Modalities whose images are 2D pictures that scanners annotate in the pixels.
ANNOTATED_MODALITIES = frozenset({"US", "OT", "SC", "CR", "DX", "MG", "XA", "RF", "IO", "PX", "ES", "XC", "GM",
                                  "SM", "OP", "DOC", "NM", "ECG", "IVUS"})
# Visible-light photography: a face may be in any of them.
PHOTO_MODALITIES = frozenset({"XC", "ES", "GM", "OP"})
# A capture with one of these modalities (or none) may be a photograph when it is in colour.
CAPTURE_MODALITIES = frozenset({"", "OT", "SC"})
CAPTURE_WORDS = re.compile(r"\b(dose\s*(report|info|summary)|screen\s*(save|capture|shot)|patient\s*protocol|"
                           r"exam\s*summary|report)\b", re.I)
PIXEL_TAGS = (0x7FE00010, 0x7FE00008, 0x7FE00009)


def has_pixels(ds: Dataset) -> bool:
    return any(tag in ds for tag in PIXEL_TAGS)


def reasons_to_read(ds: Dataset) -> list[str]:
    """Why this instance may carry burned-in text; [] when nothing suggests it."""
    if not has_pixels(ds):
        return []
    reasons = []
    modality = str(peek.value(ds, "Modality", "") or "").upper()
    sop = str(peek.value(ds, "SOPClassUID", "") or "")
    image_type = peek.value(ds, "ImageType")
    image_type = [str(v).upper() for v in (image_type or [])] if not isinstance(image_type, str) \
        else [str(image_type).upper()]
    burned = str(peek.value(ds, "BurnedInAnnotation", "") or "").strip().upper()
    if modality == "US":
        reasons.append("ultrasound")
    if sop.startswith(SC_SOP_CLASSES) or modality in ("OT", "SC"):
        reasons.append("secondary capture")
    if sop and not sop.startswith(STANDARD_ROOT):
        reasons.append("private SOP class")
    elif not modality:
        reasons.append("no Modality")
    if any(word in value for value in image_type for word in ("SCREEN", "DOSE", "REPORT")):
        reasons.append("screen capture or dose report (Image Type)")
    description = " ".join(str(peek.value(ds, k, "") or "") for k in ("SeriesDescription", "StudyDescription",
                                                                       "ProtocolName", "ImageComments"))
    if CAPTURE_WORDS.search(description):
        reasons.append("screen capture or dose report (description)")
    if burned and burned != "NO":
        reasons.append(f"Burned In Annotation is {burned}")
    elif modality in ANNOTATED_MODALITIES or "LOCALIZER" in image_type:
        # Cross-sectional slices (CT, MR, PT), even derived ones, rarely carry text in the pixels;
        # projections, captures and localizers often do, and an absent attribute promises nothing.
        # Nor does NO: it is what the exporting software wrote, not what the pixels show (the text
        # screen cannot stand in for reading here: small smoothed letters over counts or noise, and
        # lossy-coded frames, have no one stored value to find).
        kind = "localizer" if "LOCALIZER" in image_type else "projection or capture"
        said = "Burned In Annotation NO (the header's word only)" if burned else "without Burned In Annotation"
        reasons.append(f"{modality or 'image'} {kind} {said}")
    if _int(peek.value(ds, "SamplesPerPixel", 1)) > 1 and not reasons:
        reasons.append("colour picture (a scanner writes grey slices; colour is a workstation's rendering)")
    if any((g << 16 | 0x3000) in ds or (g << 16 | 0x0010) in ds for g in range(0x6000, 0x6020, 2)):
        reasons.append("overlay planes")
    seen: list[str] = []
    return [r for r in reasons if not (r in seen or seen.append(r))]


def is_photograph(ds: Dataset) -> bool:
    """Instances the face detector looks at (issue 4, part 4): visible-light photographs, and colour
    captures that do not say they show an imaging modality. A greyscale or NM/PT/CT... capture is a
    picture of an image, and a bone scan's outline of a body is not a face."""
    modality = str(peek.value(ds, "Modality", "") or "").upper()
    sop = str(peek.value(ds, "SOPClassUID", "") or "")
    if modality in PHOTO_MODALITIES or sop.startswith(VISIBLE_LIGHT_SOP_CLASSES):
        return True
    colour = _int(peek.value(ds, "SamplesPerPixel", 1)) == 3
    return colour and modality in CAPTURE_MODALITIES and (sop.startswith(SC_SOP_CLASSES) or modality in ("OT", "SC"))


def _int(value, default: int = 1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def undecodable(ds: Dataset) -> str | None:
    """Why the pixel data cannot be decoded here (no installed decoder for its transfer syntax), or
    None. Cheap: nothing is decoded; a damaged stream is found when the pixels are read."""
    if "PixelData" not in ds:
        return None
    meta = getattr(ds, "file_meta", None)
    syntax = meta.get("TransferSyntaxUID") if meta is not None else None
    if syntax is None:
        return "pixel data of unknown transfer syntax"
    if not syntax.is_compressed:
        return None
    try:
        from pydicom.pixels import get_decoder

        if get_decoder(syntax).is_available:
            return None
    except Exception:  # noqa: BLE001 - pydicom knows no decoder for this syntax at all
        pass
    return f"no decoder for {syntax.name} pixel data is installed"
