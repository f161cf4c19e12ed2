"""Series that can be 3D-rendered into a face (issue 4, part 4a).

A volume render of a thin-slice CT or MR of the head shows the patient's face well enough for
face-recognition software to match it to a photograph. Header cleaning does nothing about that,
and defacing is a clinical decision (it can remove what the case is teaching), so the tool flags
such series for the organiser, one "review" finding per series, saying which facts made it
renderable. A series counts when it is CT or MR, of the head or neck (Body Part Examined or the
descriptions, or failing those its own pixels: face_volume.py), has many thin contiguous slices
(or an enhanced multi-frame with as many frames), and a field of view wide enough to hold the face.

The pack layer's survey hands every file's partial header here before any work goes parallel (and
a reader for the few slices the pixel check needs); the finding is attached to the first file of
the series.
"""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import median

from slidesan.report.model import REVIEW, Finding

MIN_SLICES = 40
MAX_THICKNESS_MM = 3.0
MIN_FOV_MM = 180.0
HEAD_PARTS = frozenset({"HEAD", "BRAIN", "NECK", "SKULL", "FACE", "HEADNECK", "HEAD_NECK", "ORBIT", "SINUS",
                        "IAC", "TMJ", "JAW", "MANDIBLE", "MAXILLA", "PAROTID", "PITUITARY", "NASOPHARYNX",
                        "LARYNX", "THYROID", "CSPINE", "CERVICAL", "CIRCLEOFWILLIS", "CAROTID", "EAR", "NOSE",
                        "TEMPORALBONE", "WHOLEBODY"})
HEAD_WORDS = re.compile(r"\b(head|brain|neck|face|facial|maxillo\w*|sinus(es)?|orbits?|iams?|iacs?|petrous|skull|"
                        r"cranial|cranio\w*|intracranial|mandible|dental|tmj|pituitary|cerebral|cow|carotids?|"
                        r"nasopharynx|parotid|temporal bones?|cochlea\w*|whole body)\b", re.I)
NOT_HEAD = re.compile(r"\b(femoral neck|neck of (the )?femur|bladder neck|pancreatic neck|neck of pancreas)\b", re.I)


def _text(ds, keyword: str) -> str:
    return str(ds.get(keyword, "") or "").strip()


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _series_key(rel: str, ds) -> str:
    uid = _text(ds, "SeriesInstanceUID")
    return uid or f"{rel.rpartition('/')[0]}|{_text(ds, 'SeriesNumber')}|{_text(ds, 'SeriesDescription')}"


def head_or_neck(ds) -> str | None:
    """Why this series is of the head or neck (the attribute and value), or None."""
    part = re.sub(r"[\s\-]", "", _text(ds, "BodyPartExamined").upper())
    if part in HEAD_PARTS or part.startswith(("HEAD", "BRAIN", "NECK")):
        return f'Body Part Examined "{_text(ds, "BodyPartExamined")}"'
    for keyword in ("SeriesDescription", "StudyDescription", "ProtocolName"):
        text = _text(ds, keyword)
        if text and not NOT_HEAD.search(text) and HEAD_WORDS.search(text):
            return f'{keyword} "{text[:60]}"'
    return None


def _normal(ds):
    orientation = ds.get("ImageOrientationPatient")
    try:
        r = [float(v) for v in orientation]
    except (TypeError, ValueError):
        return None
    if len(r) != 6:
        return None
    return (r[1] * r[5] - r[2] * r[4], r[2] * r[3] - r[0] * r[5], r[0] * r[4] - r[1] * r[3])


def _positions(items) -> list[float]:
    out = []
    for ds in items:
        normal, position = _normal(ds), ds.get("ImagePositionPatient")
        try:
            point = [float(v) for v in position]
        except (TypeError, ValueError):
            continue
        if normal is None or len(point) != 3:
            continue
        out.append(sum(a * b for a, b in zip(normal, point)))
    return sorted(set(round(p, 3) for p in out))


def _field_of_view(ds) -> float | None:
    diameter = _float(ds.get("ReconstructionDiameter"))
    spacing = ds.get("PixelSpacing")
    try:
        row_mm, col_mm = float(spacing[0]), float(spacing[1])
        across = max(col_mm * int(ds.get("Columns", 0) or 0), row_mm * int(ds.get("Rows", 0) or 0))
    except (TypeError, ValueError, IndexError):
        across = None
    values = [v for v in (diameter, across) if v]
    return max(values) if values else None


def assess_series(items: list, members: list | None = None, read=None) -> str | None:
    """The reason a series can be rendered into a face, or None. The headers decide first; when
    their words do not name the head or neck, a single-frame series' own pixels are measured
    (face_volume.py) if `read(rel)` can fetch its files (`members`: (rel, header) pairs)."""
    first = items[0]
    modality = _text(first, "Modality").upper()
    if modality not in ("CT", "MR"):
        return None
    frames = max((int(_float(ds.get("NumberOfFrames")) or 1) for ds in items), default=1)
    slices = max(len(items), frames)
    if slices < MIN_SLICES:
        return None
    thickness = _float(first.get("SliceThickness"))
    positions = _positions(items)
    spacing, consistent = None, None
    if len(positions) >= MIN_SLICES:
        gaps = [b - a for a, b in zip(positions, positions[1:])]
        spacing = median(gaps)
        consistent = spacing > 0 and sum(abs(g - spacing) <= 0.2 * spacing for g in gaps) >= 0.9 * len(gaps)
    elif frames < MIN_SLICES:
        spacing = _float(first.get("SpacingBetweenSlices"))
    if consistent is False:
        return None
    step = spacing or thickness
    if step is None or step > MAX_THICKNESS_MM or (thickness is not None and thickness > MAX_THICKNESS_MM):
        return None
    if thickness is not None and spacing is not None and spacing > 1.5 * thickness:
        return None                      # gaps between slices: a render would be striped
    fov = _field_of_view(first)
    if fov is not None and fov < MIN_FOV_MM:
        return None
    where = head_or_neck(first)
    if where is None and read is not None and members and frames == 1:
        from slidesan.dicom.face_volume import volume_shows_head

        pixels_say = volume_shows_head(members, read)
        where = f"from the pixels: {pixels_say}" if pixels_say else None
    if where is None:
        return None
    facts = [f"{modality} of the head/neck ({where})", f"{slices} slices",
             f"{step:.1f} mm apart" + (" and contiguous" if consistent else ""),
             f"field of view {fov:.0f} mm" if fov is not None else "field of view not stated"]
    return ", ".join(facts)


def assess(headers: dict[str, object], read=None) -> dict[str, list[Finding]]:
    """{rel of the first file of each risky series: [one "face" finding]} from survey headers (and
    the pixels of candidate series whose headers do not name the head, when `read` is given)."""
    series: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for rel, ds in headers.items():
        if ds is not None:
            series[_series_key(rel, ds)].append((rel, ds))
    out: dict[str, list[Finding]] = {}
    for members in series.values():
        members.sort(key=lambda m: m[0])
        why = assess_series([ds for _, ds in members], members, read)
        if why is None:
            continue
        first = members[0][0]
        description = _text(members[0][1], "SeriesDescription")
        name = f'series "{description}"' if description else "series"
        out[first] = [Finding("face", REVIEW, "flagged",
                              f"{name} ({len(members)} file(s), from {first}) can be 3D-rendered into the patient's "
                              f"face: {why}; the organiser decides whether to share, deface or drop it",
                              file=first, step="face-risk")]
    return out
