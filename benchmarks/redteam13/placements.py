"""Red team 13: the ways a lecturer (or PowerPoint for them) puts a picture on a slide.

Each placement writes one planted picture into a DeckEdit and returns the name of the form it took
(with its modifiers: transform, crop, effect, grouping), so a leak names its form. A placement the host
cannot carry (no notes, no chart, no SmartArt) falls back to a plain picture and says so in its name.
"""
from __future__ import annotations

import random

from deck_edit import A, DeckEdit, P, fragment

EFFECTS = {
    "grayscl": "<a:grayscl/>",
    "duotone": '<a:duotone><a:prstClr val="black"/><a:srgbClr val="D9C3A5"/></a:duotone>',
    "lum70": '<a:lum bright="70000"/>',
    "alpha5": '<a:alphaModFix amt="5000"/>',
    "bilevel": '<a:biLevel thresh="50000"/>',
}


class Plant:
    """One picture being placed: its image part, boxes, and the slide chosen for it."""

    def __init__(self, edit: DeckEdit, rng: random.Random, media: str, size: tuple[int, int], boxes: list):
        self.edit, self.rng, self.media, self.size, self.boxes = edit, rng, media, size, boxes
        self.slides = edit.slides()
        self.slide = rng.choice(self.slides)
        self.sw, self.sh = edit.slide_size()
        self.form: list[str] = []

    def rid(self, part: str) -> str:
        return self.edit.add_rel(part, self.media)

    def frame(self, scale: float | None = None) -> tuple[int, int, int, int]:
        w, h = self.size
        cx = int(self.sw * (scale if scale is not None else self.rng.uniform(0.3, 0.6)))
        cy = int(cx * h / w)
        if cy > self.sh * 0.9:
            cy = int(self.sh * 0.9)
            cx = int(cy * w / h)
        return (self.rng.randint(0, max(1, self.sw - cx)), self.rng.randint(0, max(1, self.sh - cy)), cx, cy)

    def crop_away(self) -> dict:
        return cut_away(self.size, self.boxes)

    def blip(self, rid: str, effect: str | None = None) -> str:
        inner = EFFECTS[effect] if effect else ""
        return f'<a:blip r:embed="{rid}">{inner}</a:blip>'

    def src_rect(self, cut: dict | None) -> str:
        if not cut:
            return ""
        attrs = " ".join(f'{k}="{int(v * 100000)}"' for k, v in cut.items() if v)
        return f"<a:srcRect {attrs}/>"


def cut_away(size, boxes) -> dict:
    """srcRect sides (fractions) that leave every identifier box outside what is shown."""
    w, h = size
    cut = {"l": 0.0, "t": 0.0, "r": 0.0, "b": 0.0}
    for x0, y0, x1, y1, _ in boxes:
        options = {"t": (y1 + 3) / h, "b": (h - y0 + 3) / h, "l": (x1 + 3) / w, "r": (w - x0 + 3) / w}
        side = min(options, key=options.get)
        cut[side] = max(cut[side], options[side])
    if cut["l"] + cut["r"] > 0.9 or cut["t"] + cut["b"] > 0.9:
        return {"t": 0.5}
    return cut


def xfrm(x, y, cx, cy, rot=0, flip="", group=None) -> str:
    attrs = (f' rot="{rot}"' if rot else "") + (f' {flip}="1"' if flip else "")
    child = f'<a:chOff x="{group[0]}" y="{group[1]}"/><a:chExt cx="{group[2]}" cy="{group[3]}"/>' if group else ""
    return f'<a:xfrm{attrs}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>{child}</a:xfrm>'


def sp_xml(sid: int, name: str, sp_pr: str, body: str = "", text_box: bool = False) -> str:
    """A p:sp: its id and name, its shape properties, and (when given) its paragraphs."""
    tx = ' txBox="1"' if text_box else ""
    text = f"<p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody>" if body else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name} {sid}"/><p:cNvSpPr{tx}/><p:nvPr/></p:nvSpPr>'
            f"<p:spPr>{sp_pr}</p:spPr>{text}</p:sp>")


RECT = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'


def pic_xml(plant: Plant, part: str, frame, *, cut=None, fill="", effect=None, rot=0, flip="",
            hidden=False, geom="rect") -> str:
    sid = plant.edit.new_id()
    hide = ' hidden="1"' if hidden else ""
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{sid}" name="Picture {sid}"{hide}/><p:cNvPicPr>'
            f'<a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill>{plant.blip(plant.rid(part), effect)}{plant.src_rect(cut)}'
            f'<a:stretch><a:fillRect{fill}/></a:stretch></p:blipFill>'
            f'<p:spPr>{xfrm(*frame, rot=rot, flip=flip)}<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom></p:spPr>'
            f'</p:pic>')


def modifiers(plant: Plant) -> dict:
    """A random mix of what lecturers do to a picture: size, stretch, turn, flip, effect, hide."""
    rng, mods = plant.rng, {}
    roll = rng.random()
    if roll < 0.15:
        mods["frame"] = plant.frame(rng.uniform(0.02, 0.05))
        plant.form.append("tiny")
    elif roll < 0.3:
        x, y, cx, cy = plant.frame()
        mods["frame"] = (x, y, int(cx * rng.choice((0.4, 2.2))), cy)
        plant.form.append("stretched")
    if rng.random() < 0.25:
        mods["rot"] = rng.choice((5400000, 10800000, 16200000))
        plant.form.append(f"rot{mods['rot'] // 60000}")
    if rng.random() < 0.2:
        mods["flip"] = rng.choice(("flipH", "flipV"))
        plant.form.append(mods["flip"])
    if rng.random() < 0.3:
        mods["effect"] = rng.choice(sorted(EFFECTS))
        plant.form.append(mods["effect"])
    return mods


def plain(plant: Plant, part=None, **extra) -> None:
    part = part or plant.slide
    mods = modifiers(plant)
    frame = mods.pop("frame", None) or plant.frame()
    plant.edit.append_shape(part, fragment(pic_xml(plant, part, frame, **mods, **extra)))


def place_plain(plant):
    plain(plant)


def place_crop_off(plant):
    """The identifier cropped off with srcRect: the stored pixels keep it."""
    plain(plant, cut=plant.crop_away())


def place_crop_negative(plant):
    """A crop with negative sides (white margin) and the identifier cut on the other sides."""
    cut = plant.crop_away()
    for side in ("l", "t", "r", "b"):
        if not cut.get(side):
            cut[side] = -plant.rng.uniform(0.02, 0.2)
    plain(plant, cut=cut)


def place_fill_rect(plant):
    """stretch/fillRect pushing the identifier side out of the frame (negative inset): clipped, kept."""
    cut = plant.crop_away()
    side = max(cut, key=cut.get)
    span = cut[side] / max(1e-6, 1 - cut[side])
    plain(plant, fill=f' {side}="{-int(span * 100000) - 2000}"')


def place_hidden_shape(plant):
    plain(plant, hidden=True)


def place_hidden_slide(plant):
    plant.edit.xml(plant.slide).set("show", "0")
    plain(plant)


def place_off_slide(plant):
    x, y, cx, cy = plant.frame()
    if plant.rng.random() < 0.5:
        frame = (plant.sw + plant.rng.randint(10000, 900000), y, cx, cy)
        plant.form.append("fully")
    else:        # the identifier side hangs off the slide's top or left edge
        cut = plant.crop_away()
        side = max(cut, key=cut.get)
        off = int((cut[side] + 0.02) * (cy if side in "tb" else cx))
        frame = {"t": (x, -off, cx, cy), "l": (-off, y, cx, cy), "b": (x, plant.sh - cy + off, cx, cy),
                 "r": (plant.sw - cx + off, y, cx, cy)}[side]
        plant.form.append(f"partly-{side}")
    plant.edit.append_shape(plant.slide, fragment(pic_xml(plant, plant.slide, frame)))


def place_covered(plant):
    x, y, cx, cy = frame = plant.frame()
    plant.edit.append_shape(plant.slide, fragment(pic_xml(plant, plant.slide, frame)))
    sid = plant.edit.new_id()
    plant.edit.append_shape(plant.slide, fragment(sp_xml(
        sid, "Rectangle", f'{xfrm(x - 20000, y - 20000, cx + 40000, cy + 40000)}{RECT}'
        '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>')))


def place_group(plant):
    """The picture two or three groups deep, each group scaling and moving its children."""
    part, rng = plant.slide, plant.rng
    x, y, cx, cy = plant.frame()
    inner = pic_xml(plant, part, (1000, 2000, cx, cy), cut=plant.crop_away() if rng.random() < 0.4 else None,
                    rot=rng.choice((0, 0, 10800000)))
    depth = rng.randint(2, 3)
    plant.form.append(f"depth{depth}")
    for level in range(depth):
        sid = plant.edit.new_id()
        scale = rng.choice((0.5, 1.0, 2.0))
        child = (1000, 2000, cx, cy) if level == 0 else (0, 0, cx, cy)
        outer = (0, 0, int(cx * scale), int(cy * scale)) if level < depth - 1 else (x, y, cx, cy)
        inner = (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{sid}" name="Group {sid}"/><p:cNvGrpSpPr/><p:nvPr/>'
                 f'</p:nvGrpSpPr><p:grpSpPr>{xfrm(*outer, group=child)}</p:grpSpPr>{inner}</p:grpSp>')
        cx, cy = outer[2], outer[3]
    plant.edit.append_shape(part, fragment(inner))


GEOMETRIES = {
    "rect": '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>',
    "ellipse": '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>',
    "roundRect": '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom>',
    "cust-apex-up": '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
                    '<a:pathLst><a:path w="100" h="100"><a:moveTo><a:pt x="50" y="0"/></a:moveTo><a:lnTo>'
                    '<a:pt x="100" y="100"/></a:lnTo><a:lnTo><a:pt x="0" y="100"/></a:lnTo><a:close/></a:path>'
                    '</a:pathLst></a:custGeom>',
    "cust-band": '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
                 '<a:pathLst><a:path w="100" h="100"><a:moveTo><a:pt x="0" y="0"/></a:moveTo><a:lnTo>'
                 '<a:pt x="100" y="0"/></a:lnTo><a:lnTo><a:pt x="100" y="100"/></a:lnTo><a:lnTo><a:pt x="0" y="60"/>'
                 '</a:lnTo><a:close/></a:path></a:pathLst></a:custGeom>',
}


def blip_fill(plant: Plant, part: str, cut=None, tile=False) -> str:
    mode = '<a:tile tx="0" ty="0" sx="100000" sy="100000" flip="none" algn="tl"/>' if tile else \
        "<a:stretch><a:fillRect/></a:stretch>"
    return f'<a:blipFill rotWithShape="1">{plant.blip(plant.rid(part))}{plant.src_rect(cut)}{mode}</a:blipFill>'


def place_shape_fill(plant):
    rng = plant.rng
    geom = rng.choice(sorted(GEOMETRIES))
    cut = plant.crop_away() if rng.random() < 0.4 else None
    tile = rng.random() < 0.2
    plant.form += [geom] + (["crop"] if cut else []) + (["tile"] if tile else [])
    sid = plant.edit.new_id()
    sp_pr = f'{xfrm(*plant.frame())}{GEOMETRIES[geom]}{blip_fill(plant, plant.slide, cut, tile)}'
    plant.edit.append_shape(plant.slide, fragment(sp_xml(sid, "Shape", sp_pr,
                                                         '<a:p><a:endParaRPr lang="en-GB"/></a:p>')))


def place_table_cell(plant):
    x, y, cx, cy = plant.frame()
    sid = plant.edit.new_id()
    cut = plant.crop_away() if plant.rng.random() < 0.3 else None
    plant.form += ["crop"] if cut else []
    plant.edit.append_shape(plant.slide, fragment(
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{sid}" name="Table {sid}"/><p:cNvGraphicFramePr>'
        f'<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></p:xfrm><a:graphic>'
        f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr/>'
        f'<a:tblGrid><a:gridCol w="{cx}"/></a:tblGrid><a:tr h="{cy}"><a:tc><a:txBody><a:bodyPr/><a:lstStyle/>'
        f'<a:p><a:endParaRPr lang="en-GB"/></a:p></a:txBody><a:tcPr>{blip_fill(plant, plant.slide, cut)}</a:tcPr>'
        f'</a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>'))


def set_background(plant: Plant, part: str, cut=None):
    c_sld = plant.edit.xml(part).find(f"{{{P}}}cSld")
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    c_sld.insert(0, fragment(f'<p:bg><p:bgPr>{blip_fill(plant, part, cut)}<a:effectLst/></p:bgPr></p:bg>'))


def place_background(plant):
    cut = plant.crop_away() if plant.rng.random() < 0.3 else None
    plant.form += ["crop"] if cut else []
    set_background(plant, plant.slide, cut)


def place_layout(plant):
    layout = plant.edit.layout_of(plant.slide)
    where = layout if plant.rng.random() < 0.6 else plant.edit.master_of(layout)
    plant.form.append("layout" if where == layout else "master")
    if plant.rng.random() < 0.3:
        plant.form.append("background")
        set_background(plant, where)
    else:
        plain(plant, part=where)


def place_notes(plant):
    notes = plant.edit.notes_of(plant.slide) or next(
        (n for s in plant.slides if (n := plant.edit.notes_of(s))), None)
    if notes is None:
        plant.form.append("no-notes-fallback")
        return plain(plant)
    plain(plant, part=notes)


def place_shared_crops(plant):
    """One image part used twice with different crops that each cut the identifier off."""
    cut = plant.crop_away()
    other = dict(cut)
    free = [s for s in ("l", "r", "t", "b") if not other.get(s)]
    if free:
        other[plant.rng.choice(free)] = plant.rng.uniform(0.1, 0.3)
    plain(plant, cut=cut)
    second = plant.rng.choice(plant.slides)
    plant.edit.append_shape(second, fragment(pic_xml(plant, second, plant.frame(), cut=other)))


def place_bullet(plant):
    x, y, _, _ = plant.frame()
    sid = plant.edit.new_id()
    rid = plant.rid(plant.slide)
    plant.edit.append_shape(plant.slide, fragment(sp_xml(
        sid, "TextBox", f"{xfrm(x, y, 3000000, 600000)}{RECT}",
        f'<a:p><a:pPr marL="342900" indent="-342900"><a:buBlip><a:blip r:embed="{rid}"/></a:buBlip></a:pPr>'
        f'<a:r><a:rPr lang="en-GB" sz="2400"/><a:t>Findings</a:t></a:r></a:p>', text_box=True)))


def place_text_fill(plant):
    """The picture as the fill of text letters (WordArt-style picture fill)."""
    x, y, _, _ = plant.frame()
    sid = plant.edit.new_id()
    plant.edit.append_shape(plant.slide, fragment(sp_xml(
        sid, "TextBox", f"{xfrm(x, y, 4000000, 900000)}{RECT}",
        f'<a:p><a:r><a:rPr lang="en-GB" sz="6000" b="1">{blip_fill(plant, plant.slide)}</a:rPr><a:t>ANATOMY</a:t>'
        '</a:r></a:p>', text_box=True)))


def host_part(plant, folder: str, stem: str, what: str):
    """One of the host's parts of a kind (chart, SmartArt drawing), or None after a plain picture instead."""
    parts = plant.edit.parts_like(folder, stem)
    if not parts:
        plant.form.append(f"no-{what}-fallback")
        plain(plant)
        return None
    return plant.rng.choice(parts)


def place_chart(plant):
    chart = host_part(plant, "ppt/charts/", "chart", "chart")
    if chart is None:
        return
    root = plant.edit.xml(chart)
    C = root.nsmap.get("c") or "http://schemas.openxmlformats.org/drawingml/2006/chart"
    target = root.find(f".//{{{C}}}plotArea") if plant.rng.random() < 0.5 else root
    plant.form.append("plot-area" if target is not root else "chart-space")
    for old in target.findall(f"{{{C}}}spPr"):
        target.remove(old)
    sp_pr = fragment(f'<c:spPr xmlns:c="{C}">{blip_fill(plant, chart, plant.crop_away() if plant.rng.random() < 0.3 else None)}</c:spPr>')
    anchor = target.find(f"{{{C}}}chart") if target is root else None
    if anchor is not None:
        anchor.addnext(sp_pr)
    else:
        after = [c for c in target if c.tag.split("}")[-1] in ("layout",) or c.tag.endswith("Chart")
                 or c.tag.endswith("Ax") or c.tag.endswith("dTable")]
        (after[-1].addnext(sp_pr) if after else target.append(sp_pr))


def place_smartart(plant):
    drawing = host_part(plant, "ppt/diagrams/", "drawing", "smartart")
    if drawing is None:
        return
    root = plant.edit.xml(drawing)
    sp_prs = [e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("}spPr")
              and e.find(f"{{{A}}}xfrm") is not None]
    if not sp_prs:
        plant.form.append("no-shape-fallback")
        return plain(plant)
    sp_pr = plant.rng.choice(sp_prs)
    for child in list(sp_pr):
        if child.tag.split("}")[-1] in ("solidFill", "gradFill", "noFill", "pattFill", "blipFill", "grpFill"):
            sp_pr.remove(child)
    geom = next((c for c in sp_pr if c.tag.split("}")[-1] in ("prstGeom", "custGeom")), sp_pr.find(f"{{{A}}}xfrm"))
    geom.addnext(fragment(blip_fill(plant, drawing)))


PLACEMENTS = {
    "plain": (place_plain, 3), "crop-off": (place_crop_off, 4), "crop-negative": (place_crop_negative, 2),
    "fill-rect": (place_fill_rect, 2), "hidden-shape": (place_hidden_shape, 1), "hidden-slide": (place_hidden_slide, 1),
    "off-slide": (place_off_slide, 2), "covered": (place_covered, 1), "group": (place_group, 2),
    "shape-fill": (place_shape_fill, 3), "table-cell": (place_table_cell, 2), "background": (place_background, 2),
    "layout": (place_layout, 2), "notes": (place_notes, 1), "shared-crops": (place_shared_crops, 2),
    "bullet": (place_bullet, 1), "text-fill": (place_text_fill, 1), "chart": (place_chart, 1),
    "smartart": (place_smartart, 1),
}


def place(edit: DeckEdit, rng: random.Random, media: str, size, boxes) -> str:
    names = sorted(PLACEMENTS)
    name = rng.choices(names, weights=[PLACEMENTS[n][1] for n in names])[0]
    plant = Plant(edit, rng, media, size, boxes)
    PLACEMENTS[name][0](plant)
    return "+".join([name] + plant.form)


def place_metafile(edit: DeckEdit, rng: random.Random, image, boxes) -> str:
    """The picture pasted as an enhanced metafile (one bitmap), whole or behind a clip rectangle that
    leaves the identifier undrawn (opt-in: run.py --with-metafile; seeds without it are unchanged)."""
    from fixtures.metafile_bitmap import emf_with_bitmap

    w, h = image.size
    clipped = rng.random() < 0.6
    cut = cut_away((w, h), boxes) if clipped else {}
    clip = (int(cut.get("l", 0) * w), int(cut.get("t", 0) * h), w - int(cut.get("r", 0) * w),
            h - int(cut.get("b", 0) * h)) if clipped else None
    media = edit.add_image(emf_with_bitmap(image, clip=clip), "emf", "image/x-emf")
    plant = Plant(edit, rng, media, (w, h), boxes)
    edit.append_shape(plant.slide, fragment(pic_xml(plant, plant.slide, plant.frame())))
    return "metafile+" + ("clip" if clipped else "whole")
