"""Affine matrices and rectangles in PDF's convention: [a b c d e f] maps (x, y) to
(a·x + c·y + e, b·x + d·y + f); `mul(m, n)` applies m first, then n (as `cm` does: CTM' = M × CTM)."""

from __future__ import annotations

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]          # x0, y0, x1, y1 with x0 <= x1, y0 <= y1

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
EPS = 1e-9


def mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def invert(m: Matrix) -> Matrix | None:
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        return None
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def axis_aligned(m: Matrix) -> bool:
    a, b, c, d, _e, _f = m
    return (abs(b) < 1e-6 and abs(c) < 1e-6) or (abs(a) < 1e-6 and abs(d) < 1e-6)


def bbox(points) -> Rect | None:
    points = list(points)
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def rect_corners(r: Rect):
    x0, y0, x1, y1 = r
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def transform_rect(m: Matrix, r: Rect) -> Rect:
    return bbox(apply(m, x, y) for x, y in rect_corners(r))


def intersect(r: Rect | None, s: Rect | None) -> Rect | None:
    """The overlap of two rectangles; None when they do not overlap (or one is None = nothing)."""
    if r is None or s is None:
        return None
    x0, y0, x1, y1 = max(r[0], s[0]), max(r[1], s[1]), min(r[2], s[2]), min(r[3], s[3])
    if x1 - x0 <= EPS or y1 - y0 <= EPS:
        return None
    return x0, y0, x1, y1


def union(r: Rect | None, s: Rect | None) -> Rect | None:
    if r is None:
        return s
    if s is None:
        return r
    return min(r[0], s[0]), min(r[1], s[1]), max(r[2], s[2]), max(r[3], s[3])


def inside(inner: Rect, outer: Rect, slack: float = 0.5) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def normalise(values) -> Rect | None:
    """A PDF rectangle array ([x0 y0 x1 y1] in any corner order) as a Rect; None if unreadable."""
    try:
        x0, y0, x1, y1 = (float(v) for v in values)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


class PathBuilder:
    """The current path in page space, as polygons (curves flattened), and whether it is one rectangle."""

    CURVE_STEPS = 12

    def __init__(self):
        self.subpaths: list[list[tuple[float, float]]] = []
        self.rect_only = True
        self.curves = 0
        self.sub_curves: list[int] = []      # curves of each subpath: one fill can draw a whole line of letters

    def points(self):
        return [p for sub in self.subpaths for p in sub]

    def add(self, op: str, vals: list[float], ctm: Matrix) -> None:
        pts = [apply(ctm, vals[i], vals[i + 1]) for i in range(0, len(vals) - 1, 2)]
        if op == "re" and len(vals) == 4:
            x, y, w, h = vals
            if self.subpaths:
                self.rect_only = False
            self.subpaths.append([apply(ctm, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))])
            self.sub_curves.append(0)
            return
        self.rect_only = False
        if op == "m" or not self.subpaths:
            self.subpaths.append(pts[:1])
            self.sub_curves.append(0)
            pts = pts[1:] if op == "m" else pts
            if op == "m":
                return
        current = self.subpaths[-1]
        start = current[-1] if current else (pts[0] if pts else (0.0, 0.0))
        if op == "l":
            current.extend(pts[:1])
        elif op in ("c", "v", "y") and len(pts) >= 2:
            self.curves += 1
            self.sub_curves[-1] += 1
            if op == "c" and len(pts) == 3:
                p1, p2, p3 = pts
            elif op == "v":
                p1, p2, p3 = start, pts[0], pts[1]
            else:
                p1, p2, p3 = pts[0], pts[1], pts[1]
            current.extend(bezier(start, p1, p2, p3, self.CURVE_STEPS))


def bezier(p0, p1, p2, p3, steps: int):
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        out.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                    u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return out
