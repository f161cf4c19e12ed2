"""A content-stream interpreter that knows where things land on the page.

It follows the graphics state a viewer keeps (the CTM through `cm`, `q`/`Q` and nested forms'
/Matrix; the clip through `W n` paths, forms' /BBox and the page's crop box; fill colour; the text
state) and reports, per page: every image drawn (with the region actually shown), every glyph drawn
(with its box and why it may be invisible) and every opaque paint (for "under a picture").
Clips are kept as one rectangle: exact for axis-aligned rectangles, the bounding box otherwise
(`exact` is False), which keeps at most a little more than is shown, never less.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import pikepdf

from slidesan.pdf.fonts import metrics_for
from slidesan.pdf.geometry import (IDENTITY, Matrix, PathBuilder, Rect, apply, axis_aligned, bbox, intersect, mul,
                                   normalise, transform_rect)
from slidesan.pdf.objects import is_dict, name_of

MAX_FORM_DEPTH = 24
UNIT: Rect = (0.0, 0.0, 1.0, 1.0)
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
FILL_OPS = {"f", "F", "f*", "B", "B*", "b", "b*"}
SHOW_OPS = {"Tj", "TJ", "'", '"'}
OPAQUE_SPACES = ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/ICCBased1", "/ICCBased3", "/ICCBased4")
GLYPH_SIZE = 48.0                 # points: a filled curved shape smaller than this may be one letter


@dataclass
class ImageUse:
    page: int
    container: object
    index: int
    name: str
    image: pikepdf.Stream
    ctm: Matrix
    visible: Rect | None
    exact: bool
    order: int
    resources: object = None
    shape: tuple = ()


@dataclass
class Glyph:
    code: bytes
    box: Rect
    advance: float                # text-space advance without Th (w·Tfs + Tc + Tw)
    hidden_by: str = ""


@dataclass
class TextShow:
    page: int
    container: object
    index: int
    operator: str
    operands: list
    glyphs: list[Glyph]
    font_size: float
    order: int
    reason: str = ""              # why the whole run is invisible ("" if it may be seen)


@dataclass
class PageContent:
    number: int
    images: list[ImageUse] = field(default_factory=list)
    texts: list[TextShow] = field(default_factory=list)
    paints: list[tuple[int, Rect, bool]] = field(default_factory=list)     # (order, box, white)
    covers: list[tuple[int, Rect]] = field(default_factory=list)   # opaque axis-aligned rectangles filled
    inline: list = field(default_factory=list)             # inline images (BI … ID … EI), for OCR
    inline_hidden: int = 0
    glyph_like_fills: int = 0       # small curved filled outlines: perhaps text converted to outlines
    small_straight_fills: int = 0   # small filled polygons and rectangles: perhaps text traced as pixel runs
    type3_glyphs: int = 0           # visible glyphs of Type3 fonts: drawings, whatever the text layer says
    problems: list[str] = field(default_factory=list)


@dataclass
class State:
    ctm: Matrix = IDENTITY
    clip: Rect | None = None
    exact: bool = True
    fill: tuple = (0.0,)
    fill_space: str = "/DeviceGray"
    font: object = None
    size: float = 0.0
    tc: float = 0.0
    tw: float = 0.0
    th: float = 1.0
    tl: float = 0.0
    rise: float = 0.0
    mode: int = 0
    shape: tuple = ()             # non-rectangular clips: ((subpaths in page space, even-odd), ...)
    see_through: bool = False     # an ExtGState with fill alpha < 1, a soft mask or a blend mode


def crop_box(page) -> Rect:
    obj = page.obj
    for key in ("/CropBox", "/MediaBox"):
        box = obj.get(key)
        if isinstance(box, pikepdf.Array):
            rect = normalise(box)
            if rect is not None:
                media = normalise(obj.get("/MediaBox")) if key == "/CropBox" and "/MediaBox" in obj else None
                return intersect(rect, media) or rect if media else rect
    return (0.0, 0.0, 612.0, 792.0)


def is_white(space: str, values: tuple) -> bool:
    if not values:
        return False
    if len(values) == 4 and space in ("/DeviceCMYK", "/ICCBased4", "cmyk"):
        return all(v <= 0.01 for v in values)
    if space in ("/DeviceGray", "/DeviceRGB", "/ICCBased1", "/ICCBased3", "rgb", "gray"):
        return all(v >= 0.99 for v in values)
    return False


def numbers(operands) -> list[float]:
    out = []
    for v in operands:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            pass
    return out


class Interpreter:
    """Walks every page of a document; `ops(container)` is cached so steps can rewrite by index."""

    def __init__(self, doc):
        self.doc = doc
        self._ops: dict = {}
        self._fonts: dict = {}

    def key(self, container):
        return container.objgen if container.is_indirect else id(container)

    def ops(self, container) -> list:
        key = self.key(container)
        if key not in self._ops:
            self._ops[key] = pikepdf.parse_content_stream(container)
        return self._ops[key]

    def pages(self):
        for number, page in enumerate(self.doc.pages, start=1):
            yield self.page(page, number)

    def page(self, page, number: int) -> PageContent:
        out = PageContent(number)
        state = State(clip=crop_box(page))
        resources = page.obj.get("/Resources")
        if resources is None:
            resources = inherited_resources(page.obj)
        self._order = 0
        try:
            self.walk(page.obj, resources, state, out, 0, set())
        except (pikepdf.PdfError, ValueError, TypeError, IndexError, RecursionError) as exc:
            out.problems.append(f"page content cannot be read ({type(exc).__name__}: {str(exc)[:80]})")
        return out

    def walk(self, container, resources, state: State, out: PageContent, depth: int, active: set) -> None:
        stack: list[State] = []
        path, clip_pending = PathBuilder(), False
        tm = tlm = IDENTITY
        for index, instruction in enumerate(self.ops(container)):
            op = str(instruction.operator)
            operands = list(instruction.operands)
            if op == "q":
                stack.append(copy.copy(state))
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "cm":
                vals = numbers(operands)
                if len(vals) == 6:
                    state.ctm = mul(tuple(vals), state.ctm)
            elif op in ("m", "l", "c", "v", "y", "re"):
                path.add(op, numbers(operands), state.ctm)
            elif op in ("W", "W*"):
                clip_pending = op
            elif op in PAINT_OPS:
                box = bbox(path.points())
                if clip_pending:
                    state.clip = intersect(state.clip, box)
                    state.exact = state.exact and path.rect_only and axis_aligned(state.ctm)
                    if not path.rect_only:
                        state.shape = state.shape + ((tuple(path.subpaths), clip_pending == "W*"),)
                if op in FILL_OPS and box is not None:
                    shown = intersect(box, state.clip)
                    if shown:
                        out.glyph_like_fills += glyph_like_outlines(path)
                        out.small_straight_fills += glyph_like_outlines(path, straight=True)
                        out.paints.append((self.next(), shown, is_white(state.fill_space, state.fill)))
                        if path.rect_only and state.exact and axis_aligned(state.ctm) and not state.see_through \
                                and state.fill_space in OPAQUE_SPACES:
                            out.covers.append((out.paints[-1][0], shown))
                path, clip_pending = PathBuilder(), False
            elif op in ("g", "rg", "k"):
                state.fill = tuple(numbers(operands))
                state.fill_space = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}[op]
            elif op == "cs":
                state.fill_space = colour_space(resources, operands[0] if operands else None)
                state.fill = (0.0,)
            elif op in ("sc", "scn"):
                state.fill = tuple(numbers(operands))
            elif op == "gs" and operands:
                state.see_through = see_through(resources, operands[0], state.see_through)
            elif op == "Do" and operands:
                self.draw(container, index, str(operands[0]), resources, state, out, depth, active)
            elif op == "sh":
                if state.clip:
                    out.paints.append((self.next(), state.clip, False))
            elif op == "INLINE IMAGE":
                drawn = transform_rect(state.ctm, UNIT)
                shown = intersect(drawn, state.clip)
                out.inline.extend(operands[:1])
                if shown:
                    out.paints.append((self.next(), shown, False))
                if shown != drawn:
                    out.inline_hidden += 1
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "Tf" and len(operands) == 2:
                fonts = resources.get("/Font") if is_dict(resources) else None
                state.font = fonts.get(str(operands[0])) if is_dict(fonts) else None
                state.size = numbers(operands[1:])[0] if numbers(operands[1:]) else 0.0
            elif op in ("Tc", "Tw", "Tz", "TL", "Ts", "Tr") and numbers(operands):
                value = numbers(operands)[0]
                if op == "Tc":
                    state.tc = value
                elif op == "Tw":
                    state.tw = value
                elif op == "Tz":
                    state.th = value / 100.0
                elif op == "TL":
                    state.tl = value
                elif op == "Ts":
                    state.rise = value
                else:
                    state.mode = int(value)
            elif op in ("Td", "TD") and len(numbers(operands)) == 2:
                tx, ty = numbers(operands)
                if op == "TD":
                    state.tl = -ty
                tm = tlm = mul((1, 0, 0, 1, tx, ty), tlm)
            elif op == "Tm" and len(numbers(operands)) == 6:
                tm = tlm = tuple(numbers(operands))
            elif op == "T*":
                tm = tlm = mul((1, 0, 0, 1, 0, -state.tl), tlm)
            elif op in SHOW_OPS:
                if op in ("'", '"'):
                    if op == '"' and len(numbers(operands[:2])) == 2:
                        state.tw, state.tc = numbers(operands[:2])
                    tm = tlm = mul((1, 0, 0, 1, 0, -state.tl), tlm)
                tm = self.show(container, index, op, operands, state, tm, out)

    def next(self) -> int:
        self._order += 1
        return self._order

    def show(self, container, index, op, operands, state: State, tm: Matrix, out: PageContent) -> Matrix:
        metrics = metrics_for(state.font, self._fonts)
        items = operands[0] if op == "TJ" and operands and isinstance(operands[0], pikepdf.Array) else operands[-1:]
        glyphs = []
        for item in items:
            if isinstance(item, pikepdf.String):
                for code in metrics.codes(bytes(item)):
                    width = metrics.width(code)
                    box = (0.0, metrics.descent * state.size + state.rise,
                           width * state.size * state.th, metrics.ascent * state.size + state.rise)
                    page_box = transform_rect(mul(tm, state.ctm), box)
                    advance = width * state.size + state.tc + (state.tw if code == b" " else 0.0)
                    glyph = Glyph(code, page_box, advance)
                    if intersect(page_box, state.clip) is None:
                        glyph.hidden_by = "clipped away or off the page"
                    glyphs.append(glyph)
                    tm = mul((1, 0, 0, 1, advance * state.th, 0), tm)
            else:
                vals = numbers([item])
                if vals:
                    tm = mul((1, 0, 0, 1, -vals[0] / 1000.0 * state.size * state.th, 0), tm)
        run = TextShow(out.number, container, index, op, operands, glyphs, state.size, self.next())
        trm = mul(tm, state.ctm)
        height = abs(state.size) * max(abs(trm[2]), abs(trm[3]), 1e-12) if state.size else 0.0
        if state.mode == 3:          # 7 (clip only) shapes later drawing: left alone
            run.reason = "drawn invisibly (text render mode 3)"
        elif height < 0.5:
            run.reason = "drawn at zero or tiny size"
        elif state.mode == 0 and is_white(state.fill_space, state.fill) and not self.under_colour(out, glyphs):
            run.reason = "white text on a white page"
        if not run.reason and is_dict(state.font) and name_of(state.font.get("/Subtype")) == "/Type3":
            out.type3_glyphs += sum(1 for glyph in glyphs if not glyph.hidden_by)
        out.texts.append(run)
        return tm

    @staticmethod
    def under_colour(out: PageContent, glyphs) -> bool:
        box = bbox(p for g in glyphs for p in ((g.box[0], g.box[1]), (g.box[2], g.box[3])))
        return box is None or any(not white and intersect(paint, box) for _o, paint, white in out.paints)

    def draw(self, container, index, name, resources, state: State, out: PageContent, depth, active) -> None:
        xobjects = resources.get("/XObject") if is_dict(resources) else None
        target = xobjects.get(name) if is_dict(xobjects) else None
        if not isinstance(target, pikepdf.Stream):
            return
        subtype = name_of(target.get("/Subtype"))
        if subtype == "/Image":
            shown = intersect(transform_rect(state.ctm, UNIT), state.clip)
            order = self.next()
            out.images.append(ImageUse(out.number, container, index, name, target, state.ctm, shown,
                                       state.exact and axis_aligned(state.ctm), order, resources, state.shape))
            opaque = "/SMask" not in target and "/Mask" not in target and not target.get("/ImageMask", False)
            if shown and opaque:
                out.paints.append((order, shown, False))
        elif subtype == "/Form":
            if depth >= MAX_FORM_DEPTH or target.objgen in active:
                out.problems.append("form XObjects nested too deep or drawing themselves")
                return
            inner = copy.copy(state)
            matrix = numbers(target.get("/Matrix", pikepdf.Array([])))
            if len(matrix) == 6:
                inner.ctm = mul(tuple(matrix), state.ctm)
            form_box = normalise(target.get("/BBox")) if "/BBox" in target else None
            if form_box is not None:
                inner.clip = intersect(inner.clip, transform_rect(inner.ctm, form_box))
                inner.exact = inner.exact and axis_aligned(inner.ctm)
            own = target.get("/Resources")
            self.walk(target, own if is_dict(own) else resources, inner, out, depth + 1, active | {target.objgen})


def glyph_like_outlines(path: PathBuilder, straight: bool = False) -> int:
    """Filled subpaths of letter size with curves: outlined text fills a whole line with one operator.
    `straight`: those without curves instead (letters traced as pixel runs or polygons)."""
    count = 0
    for points, curves in zip(path.subpaths, path.sub_curves):
        box = bbox(points) if (curves < 2 if straight else curves >= 2) else None
        if box is not None and box[2] - box[0] < GLYPH_SIZE and box[3] - box[1] < GLYPH_SIZE:
            count += 1
    return count


def see_through(resources, name, before: bool) -> bool:
    """Whether fills after `name gs` let what is under them show: fill alpha below 1, a soft mask,
    or a blend mode other than Normal (a multiplied highlight). Unknown states keep what was."""
    states = resources.get("/ExtGState") if is_dict(resources) else None
    state = states.get(str(name)) if is_dict(states) else None
    if not is_dict(state):
        return before
    result = before
    if "/ca" in state:
        result = numbers([state.get("/ca")])[:1] != [1.0]
    if name_of(state.get("/SMask")) not in ("", "/None") or is_dict(state.get("/SMask")):
        result = True
    blend = state.get("/BM")
    if blend is not None:
        modes = [name_of(b) for b in blend] if isinstance(blend, pikepdf.Array) else [name_of(blend)]
        result = result or not set(modes[:1]) <= {"/Normal", "/Compatible"}
    return result


def colour_space(resources, name) -> str:
    """The family of a named colour space, with ICC streams told apart by component count."""
    if name is None:
        return ""
    text = str(name)
    if text in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK"):
        return text
    spaces = resources.get("/ColorSpace") if is_dict(resources) else None
    space = spaces.get(text) if is_dict(spaces) else None
    if isinstance(space, pikepdf.Array) and len(space) >= 2 and name_of(space[0]) == "/ICCBased":
        try:
            return f"/ICCBased{int(space[1].get('/N', 0))}"
        except (TypeError, ValueError, AttributeError):
            return ""
    return name_of(space[0]) if isinstance(space, pikepdf.Array) and len(space) else ""


def inherited_resources(page_obj):
    node, hops = page_obj.get("/Parent"), 0
    while is_dict(node) and hops < 64:
        if "/Resources" in node:
            return node["/Resources"]
        node, hops = node.get("/Parent"), hops + 1
    return pikepdf.Dictionary()


def first_pages(pages) -> dict:
    """{image XObject's objgen: the first page that draws it}: where a finding about the image points."""
    out: dict = {}
    for page in pages:
        for use in page.images:
            if isinstance(use.image, pikepdf.Object) and use.image.is_indirect:
                out.setdefault(use.image.objgen, page.number)
    return out
