"""Outlines of the shapes a picture can be cropped to, and masks drawn from them.

"Crop to shape" only hides the pixels outside an ellipse, star or custom path; they stay in the
file. To remove them the step needs the outline in the shape's own box. Outlines here are
polygons in frame fractions (0..1 on each axis) so that the caller can map them onto any image,
whatever its crop. Presets are derived from their geometric definition (adjust values as the
DrawingML defaults); a preset not listed returns None so the caller can flag it for review.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw


A = "http://schemas.openxmlformats.org/drawingml/2006/main"   # DrawingML: prstGeom, custGeom paths
Poly = list[tuple[float, float]]
CURVE_STEPS = 24
ELLIPSE_STEPS = 128

STAR_DEFAULTS = {4: 12500, 5: 19098, 6: 28868, 7: 34601, 8: 38250, 10: 42533, 12: 37500,
                 16: 37500, 24: 37500, 32: 37500}


def adjust_values(prst_geom) -> dict[str, float]:
    """a:avLst guides written as 'val N' (the only form PowerPoint writes for adjust values)."""
    values = {}
    for gd in prst_geom.findall(f"{{{A}}}avLst/{{{A}}}gd"):
        parts = (gd.get("fmla") or "").split()
        if len(parts) == 2 and parts[0] == "val":
            try:
                values[gd.get("name", "")] = float(parts[1])
            except ValueError:
                pass
    return values


def _adj(values, name, default, alt=None):
    if name in values:
        return values[name]
    if alt and alt in values:
        return values[alt]
    return default


def _ellipse(cx, cy, rx, ry, a0=0.0, a1=2 * math.pi, steps=ELLIPSE_STEPS) -> Poly:
    return [(cx + rx * math.cos(a0 + (a1 - a0) * i / steps), cy + ry * math.sin(a0 + (a1 - a0) * i / steps))
            for i in range(steps + 1)]


def _rounded(w, h, radii, snip=False) -> Poly:
    """Rectangle with corner radii (tl, tr, br, bl) in EMU; snip cuts corners straight."""
    tl, tr, br, bl = radii
    pts: Poly = []
    corners = [((tl, tl), tl, math.pi, 1.5 * math.pi), ((w - tr, tr), tr, 1.5 * math.pi, 2 * math.pi),
               ((w - br, h - br), br, 0.0, 0.5 * math.pi), ((bl, h - bl), bl, 0.5 * math.pi, math.pi)]
    for (cx, cy), r, a0, a1 in corners:
        if r <= 0:
            pts.append((cx, cy))
        elif snip:
            pts += [(cx + r * math.cos(a0), cy + r * math.sin(a0)), (cx + r * math.cos(a1), cy + r * math.sin(a1))]
        else:
            pts += _ellipse(cx, cy, r, r, a0, a1, CURVE_STEPS)
    return pts


def _star(n: int, inner: float) -> Poly:
    """An n-point star, top point up, fitted to the unit box like PowerPoint's hf/vf factors do."""
    pts = []
    for k in range(2 * n):
        angle = -math.pi / 2 + k * math.pi / n
        r = 1.0 if k % 2 == 0 else inner
        pts.append((r * math.cos(angle), r * math.sin(angle)))
    outer = pts[::2]
    x0, x1 = min(p[0] for p in outer), max(p[0] for p in outer)
    y0, y1 = min(p[1] for p in outer), max(p[1] for p in outer)
    return [((x - x0) / (x1 - x0), (y - y0) / (y1 - y0)) for x, y in pts]


def preset_polygons(prst_geom, w: float, h: float) -> list[Poly] | None:
    """Outline of a preset geometry in frame fractions; None when this preset is not drawn here."""
    name = prst_geom.get("prst", "rect")
    v = adjust_values(prst_geom)
    w, h = max(w, 1.0), max(h, 1.0)
    ss = min(w, h)

    def frac(poly: Poly) -> list[Poly]:
        return [[(x / w, y / h) for x, y in poly]]

    def ssv(name_, default, limit=50000):
        return ss * min(max(_adj(v, name_, default, "adj"), 0), limit) / 100000

    if name in ("rect", "flowChartProcess"):
        return [[(0, 0), (1, 0), (1, 1), (0, 1)]]
    if name in ("ellipse", "flowChartConnector"):
        return [_ellipse(0.5, 0.5, 0.5, 0.5)]
    if name == "roundRect":
        r = ssv("adj", 16667)
        return frac(_rounded(w, h, (r, r, r, r)))
    if name == "round1Rect":
        return frac(_rounded(w, h, (0, ssv("adj", 16667), 0, 0)))
    if name == "round2SameRect":
        a, b = ssv("adj1", 16667), ssv("adj2", 0)
        return frac(_rounded(w, h, (a, a, b, b)))
    if name == "round2DiagRect":
        a, b = ssv("adj1", 16667), ssv("adj2", 0)
        return frac(_rounded(w, h, (a, b, a, b)))
    if name == "snip1Rect":
        return frac(_rounded(w, h, (0, ssv("adj", 16667), 0, 0), snip=True))
    if name == "snip2SameRect":
        a, b = ssv("adj1", 16667), ssv("adj2", 0)
        return frac(_rounded(w, h, (a, a, b, b), snip=True))
    if name == "snip2DiagRect":
        a, b = ssv("adj1", 0), ssv("adj2", 16667)
        return frac(_rounded(w, h, (a, b, a, b), snip=True))
    if name in ("triangle", "flowChartExtract"):
        apex = min(max(_adj(v, "adj", 50000), 0), 100000) / 100000 if name == "triangle" else 0.5
        return [[(apex, 0), (1, 1), (0, 1)]]
    if name == "rtTriangle":
        return [[(0, 0), (1, 1), (0, 1)]]
    if name in ("diamond", "flowChartDecision"):
        return [[(0.5, 0), (1, 0.5), (0.5, 1), (0, 0.5)]]
    if name == "parallelogram":
        x = min(ss * max(_adj(v, "adj", 25000), 0) / 100000, w)
        return frac([(x, 0), (w, 0), (w - x, h), (0, h)])
    if name == "trapezoid":
        x = min(ss * max(_adj(v, "adj", 25000), 0) / 100000, w / 2)
        return frac([(0, h), (x, 0), (w - x, 0), (w, h)])
    if name == "hexagon":
        x = min(ss * max(_adj(v, "adj", 25000), 0) / 100000, w / 2)
        return frac([(0, h / 2), (x, 0), (w - x, 0), (w, h / 2), (w - x, h), (x, h)])
    if name == "octagon":
        x = ssv("adj", 29289)
        return frac([(0, x), (x, 0), (w - x, 0), (w, x), (w, h - x), (w - x, h), (x, h), (0, h - x)])
    if name == "plus":
        x = ssv("adj", 25000)
        return frac([(x, 0), (w - x, 0), (w - x, x), (w, x), (w, h - x), (w - x, h - x), (w - x, h),
                     (x, h), (x, h - x), (0, h - x), (0, x), (x, x)])
    if name == "pentagon":
        return [_star(5, 0.5)[::2]]
    if name.startswith("star") and name[4:].isdigit() and int(name[4:]) in STAR_DEFAULTS:
        n = int(name[4:])
        inner = min(max(_adj(v, "adj", STAR_DEFAULTS[n]), 0), 50000) / 50000
        return [_star(n, inner)]
    return None


# -- custom geometry ------------------------------------------------------------------------------

def _num(value) -> float:
    return float(value)   # a guide name raises ValueError: the caller treats the path as undrawable


def _bezier(p0, ctrl, steps=CURVE_STEPS) -> Poly:
    pts = [p0, *ctrl]
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        work = list(pts)
        while len(work) > 1:
            work = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in zip(work, work[1:])]
        out.append(work[0])
    return out


def custom_polygons(cust_geom, w: float, h: float) -> list[Poly] | None:
    """Filled sub-paths of an a:custGeom in frame fractions; None when a coordinate is a formula."""
    polys: list[Poly] = []
    try:
        for path in cust_geom.findall(f"{{{A}}}pathLst/{{{A}}}path"):
            if path.get("fill") == "none":
                continue
            pw, ph = _num(path.get("w", w)) or w, _num(path.get("h", h)) or h
            current: Poly = []

            def point(pt):
                return _num(pt.get("x")) / pw, _num(pt.get("y")) / ph

            for cmd in path:
                tag = cmd.tag.rsplit("}", 1)[-1]
                pts = [point(pt) for pt in cmd.findall(f"{{{A}}}pt")]
                if tag == "moveTo":
                    if len(current) > 2:
                        polys.append(current)
                    current = pts[:1]
                elif tag == "lnTo":
                    current += pts[:1]
                elif tag in ("cubicBezTo", "quadBezTo") and current:
                    current += _bezier(current[-1], pts)
                elif tag == "arcTo" and current:
                    wr, hr = _num(cmd.get("wR")) / pw, _num(cmd.get("hR")) / ph
                    st, sw = math.radians(_num(cmd.get("stAng")) / 60000), math.radians(_num(cmd.get("swAng")) / 60000)
                    cx, cy = current[-1][0] - wr * math.cos(st), current[-1][1] - hr * math.sin(st)
                    current += _ellipse(cx, cy, wr, hr, st, st + sw, CURVE_STEPS)[1:]
                elif tag == "close":
                    if len(current) > 2:
                        polys.append(current)
                    current = []
            if len(current) > 2:
                polys.append(current)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return polys or None


def outline(kind: str, element, w: float, h: float) -> list[Poly] | None:
    if kind == "prst":
        return preset_polygons(element, w, h)
    return custom_polygons(element, w, h)


def is_rectangle(kind: str, element) -> bool:
    return kind == "prst" and element.get("prst", "rect") in ("rect", "flowChartProcess")


def render_mask(polys: list[Poly], size: tuple[int, int], to_pixel, grow: int = 1) -> Image.Image:
    """Mode-L mask (255 inside) of the outline; `grow` pixels of margin keep partly covered edges."""
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    for poly in polys:
        points = [to_pixel(x, y) for x, y in poly]
        draw.polygon(points, fill=255)
        if grow > 0:   # a thick outline grows the shape by `grow` pixels, far cheaper than a rank filter
            draw.line(points + points[:1], fill=255, width=2 * grow + 1, joint="curve")
    return mask
