"""Is there a head in this volume? Decided from the pixels, for series whose headers do not say so
(issue 12, part 7).

A thin-slice MPRAGE without Body Part Examined, a CT labelled only with a protocol number: the
header words of face_risk.py miss them, yet a volume render shows the face. Here a few slices of
the series are read and the body outline (the skin/air boundary: the largest connected region
above an air threshold) is measured in patient millimetres, using the slice orientation:

- axial slices: a head is a compact oval 110-210 mm left-right and 140-260 mm front-back, deeper
  than it is wide (a trunk is wider than deep, a thigh or a knee round and smaller), not cut by the
  field's left/right edges; enough such slices spanning at least 25 mm make a head;
- sagittal or coronal slices: air above the body (the vertex is inside the field), and the top
  120 mm of the body 130-260 mm front-back (sagittal) or 110-210 mm wide (coronal);
- oblique slices are not judged.

Nothing is decided from one slice, and a series whose pixels cannot be read stays with the
header-only answer (the caller decides). Cost: about a dozen slices per candidate series.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np

SAMPLED_SLICES = 12
MIN_HEAD_SLICES = 3
MIN_AXIAL_SPAN_MM = 25.0
AIR_ABOVE_MM = 8.0
TOP_PART_MM = 120.0
DOWNSAMPLED = 128           # pixels along the longer side of a slice after striding
CT_BODY_HU = -300.0
MR_BODY_FRACTION = 0.1


@dataclass
class SliceShape:
    """One slice's body outline in millimetres, and what the slice plane is."""

    plane: str                 # "axial" | "sagittal" | "coronal" | "oblique"
    position: float            # along the slice normal (mm)
    head_like: bool
    has_body: bool


def _axes(orientation) -> tuple[int, int, float, float] | None:
    """(patient axis of columns, of rows, their signs) from Image Orientation (Patient); None if oblique."""
    try:
        values = [float(v) for v in orientation]
    except (TypeError, ValueError):
        return None
    if len(values) != 6:
        return None
    row_dir, col_dir = np.array(values[:3]), np.array(values[3:])
    col_axis, row_axis = int(np.argmax(np.abs(row_dir))), int(np.argmax(np.abs(col_dir)))
    if abs(row_dir[col_axis]) < 0.8 or abs(col_dir[row_axis]) < 0.8 or col_axis == row_axis:
        return None
    return col_axis, row_axis, float(np.sign(row_dir[col_axis])), float(np.sign(col_dir[row_axis]))


def body_mask(ds, frame: np.ndarray) -> tuple[np.ndarray, int]:
    """Largest connected region above the air threshold, on a strided copy; (mask, stride)."""
    import cv2

    stride = max(1, int(np.ceil(max(frame.shape[:2]) / DOWNSAMPLED)))
    values = frame[::stride, ::stride].astype(np.float32)
    if values.ndim == 3:
        values = values.mean(axis=2)
    if str(ds.get("Modality", "")).upper() == "CT":
        slope, intercept = float(ds.get("RescaleSlope", 1) or 1), float(ds.get("RescaleIntercept", 0) or 0)
        mask = values * slope + intercept > CT_BODY_HU
    else:
        top = float(np.percentile(values, 99))
        mask = values > MR_BODY_FRACTION * top if top > 0 else np.zeros(values.shape, bool)
    mask = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return np.zeros(mask.shape, bool), stride
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return labels == largest, stride


def shape_of(ds, frame: np.ndarray) -> SliceShape | None:
    """Measure one slice; None when its geometry is missing."""
    axes = _axes(ds.get("ImageOrientationPatient"))
    try:
        row_mm, col_mm = (float(v) for v in ds.PixelSpacing)
        position = [float(v) for v in ds.ImagePositionPatient]
    except (AttributeError, TypeError, ValueError):
        return None
    if axes is None:
        return SliceShape("oblique", 0.0, False, False)
    col_axis, row_axis, col_sign, row_sign = axes
    normal_axis = 3 - col_axis - row_axis
    plane = {2: "axial", 0: "sagittal", 1: "coronal"}[normal_axis]
    mask, stride = body_mask(ds, frame)
    rows, cols = np.nonzero(mask)
    if rows.size < 0.01 * mask.size:
        return SliceShape(plane, position[normal_axis], False, False)
    row_mm, col_mm = row_mm * stride, col_mm * stride
    extent = {row_axis: (rows.max() - rows.min() + 1) * row_mm, col_axis: (cols.max() - cols.min() + 1) * col_mm}
    if plane == "axial":
        width, depth = extent[0], extent[1]
        bbox = (rows.max() - rows.min() + 1) * (cols.max() - cols.min() + 1)
        cut = (cols.min() == 0 or cols.max() == mask.shape[1] - 1) if col_axis == 0 else \
            (rows.min() == 0 or rows.max() == mask.shape[0] - 1)
        head = (110 <= width <= 210 and 140 <= depth <= 260 and depth >= 1.05 * width
                and rows.size >= 0.55 * bbox and not cut)
        return SliceShape(plane, position[2], head, True)
    # sagittal / coronal: the superior (+z) direction lies along the rows or the columns
    along_rows = row_axis == 2
    index = rows if along_rows else cols
    sign = row_sign if along_rows else col_sign
    step = row_mm if along_rows else col_mm
    size = mask.shape[0] if along_rows else mask.shape[1]
    top = index.max() if sign > 0 else index.min()
    air_above = ((size - 1 - top) if sign > 0 else top) * step
    near_top = np.abs(index - top) * step <= TOP_PART_MM
    other = cols[near_top] if along_rows else rows[near_top]
    other_mm = (other.max() - other.min() + 1) * (col_mm if along_rows else row_mm) if other.size else 0.0
    low, high = (130, 260) if plane == "sagittal" else (110, 210)
    return SliceShape(plane, position[normal_axis], air_above >= AIR_ABOVE_MM and low <= other_mm <= high, True)


def sample(count: int, wanted: int = SAMPLED_SLICES) -> list[int]:
    if count <= wanted:
        return list(range(count))
    return sorted({round(i * (count - 1) / (wanted - 1)) for i in range(wanted)})


def volume_shows_head(members: list[tuple[str, object]], read: Callable[[str], bytes]) -> str | None:
    """Why the pixels of this single-frame series show a head, or None (not a head, or unreadable).

    `members`: (rel, survey header) of every file of the series; `read(rel)` returns its bytes."""
    ordered = sorted(members, key=lambda m: _position_key(m[1]))
    shapes = []
    for index in sample(len(ordered)):
        rel = ordered[index][0]
        shape = _read_shape(read, rel)
        if shape is not None:
            shapes.append(shape)
    bodies = [s for s in shapes if s.has_body]
    heads = [s for s in bodies if s.head_like]
    if not bodies or len(heads) < MIN_HEAD_SLICES or bodies[0].plane == "oblique":
        return None
    if bodies[0].plane == "axial":
        span = max(s.position for s in heads) - min(s.position for s in heads)
        if span < MIN_AXIAL_SPAN_MM:
            return None
        return f"{len(heads)} of {len(bodies)} sampled axial slices show a head-shaped outline over {span:.0f} mm"
    if len(heads) < 0.5 * len(bodies):
        return None
    return f"{len(heads)} of {len(bodies)} sampled {bodies[0].plane} slices show the top of a head inside the field"


def _position_key(ds) -> float:
    """Where a slice lies along the series' normal (row direction x column direction)."""
    try:
        r = [float(v) for v in ds.ImageOrientationPatient]
        p = [float(v) for v in ds.ImagePositionPatient]
        normal = np.cross(r[:3], r[3:])
        return float(np.dot(normal, p))
    except (AttributeError, TypeError, ValueError):
        return 0.0


def _read_shape(read: Callable[[str], bytes], rel: str) -> SliceShape | None:
    import pydicom

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = pydicom.dcmread(io.BytesIO(read(rel)), force=True)
            frame = ds.pixel_array
        if frame.ndim == 3 and int(ds.get("SamplesPerPixel", 1) or 1) == 1:
            frame = frame[0]
        return shape_of(ds, frame)
    except Exception:  # noqa: BLE001 - an unreadable slice only weakens the evidence
        return None
