"""Hiding place: optional-content layers that are off.

A layer switched off by default (`/OCProperties /D /OFF`, or a /BaseState of /OFF) is not drawn,
yet its content is all there: an exported "answers" layer, the unredacted original under a
redaction layer, a CAD layer with the requester's name. Content marked with an off layer
(`/OC /name BDC … EMC`), XObjects and annotations tagged with one, lose their drawing operators
(the graphics state they set is kept, so what follows looks the same); the layers themselves
leave /OCProperties. Layers that are on stay as they are.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.content import Interpreter
from slidesan.pdf.objects import gut, is_dict, keep_annotations, name_of, text_of
from slidesan.pdf.rewrite import Edits, without_painting

MAX_CONTAINERS = 100_000


def off_groups(doc) -> dict[tuple, str]:
    """objgen -> name of every optional-content group that is off in the default configuration."""
    props = doc.pdf.Root.get("/OCProperties")
    if not is_dict(props):
        return {}
    groups = [g for g in (props.get("/OCGs") or []) if is_dict(g) and g.is_indirect]
    config = props.get("/D")
    if not is_dict(config):
        return {}
    on = {g.objgen for g in (config.get("/ON") or []) if is_dict(g) and g.is_indirect}
    off = {g.objgen for g in (config.get("/OFF") or []) if is_dict(g) and g.is_indirect}
    base_off = name_of(config.get("/BaseState")) == "/OFF"
    return {g.objgen: text_of(g.get("/Name")) or "unnamed" for g in groups
            if g.objgen in off or (base_off and g.objgen not in on)}


def hidden(oc, off: dict) -> bool:
    """Whether an /OC value (a group or a membership dictionary) is off."""
    if not is_dict(oc):
        return False
    if name_of(oc.get("/Type")) != "/OCMD":
        return oc.is_indirect and oc.objgen in off
    members = oc.get("/OCGs")
    members = list(members) if isinstance(members, pikepdf.Array) else [members] if is_dict(members) else []
    states = [not (is_dict(m) and m.is_indirect and m.objgen in off) for m in members]
    if not states:
        return False
    policy = name_of(oc.get("/P")) or "/AnyOn"
    return not {"/AllOn": all(states), "/AnyOff": not all(states), "/AllOff": not any(states)}.get(policy, any(states))


def containers(doc):
    """Pages and every form XObject reachable from their resources (each once)."""
    seen = set()
    for page in doc.pages:
        yield page.obj, page.obj.get("/Resources")
    for obj in doc.streams():
        if name_of(obj.get("/Subtype")) == "/Form" and obj.objgen not in seen and len(seen) < MAX_CONTAINERS:
            seen.add(obj.objgen)
            yield obj, obj.get("/Resources")


def hidden_ops(interpreter, container, resources, off) -> list[int]:
    """Indexes of operators inside marked content of an off layer, or drawing an off XObject."""
    props = resources.get("/Properties") if is_dict(resources) else None
    xobjects = resources.get("/XObject") if is_dict(resources) else None
    out, depth_hidden, stack = [], 0, []
    for index, op in enumerate(interpreter.ops(container)):
        name = str(op.operator)
        if name in ("BDC", "BMC"):
            operands = list(op.operands)
            is_off = False
            if name == "BDC" and len(operands) == 2 and str(operands[0]) == "/OC":
                value = operands[1]
                oc = props.get(str(value)) if isinstance(value, pikepdf.Name) and is_dict(props) else value
                is_off = hidden(oc, off)
            stack.append(is_off)
            depth_hidden += is_off
        elif name == "EMC":
            if stack:
                depth_hidden -= stack.pop()
        elif depth_hidden:
            out.append(index)
        elif name == "Do" and op.operands and is_dict(xobjects):
            target = xobjects.get(str(op.operands[0]))
            if is_dict(target) and hidden(target.get("/OC"), off):
                out.append(index)
    return out


def scrub(doc, ctx) -> None:
    off = off_groups(doc)
    if not off:
        return
    interpreter = Interpreter(doc)
    edits = Edits(interpreter)
    removed = 0
    for container, resources in list(containers(doc)):
        try:
            indexes = hidden_ops(interpreter, container, resources, off)
        except pikepdf.PdfError as exc:
            ctx.add("optional-content", "review", "not-inspected", f"content cannot be read ({exc})")
            continue
        ops = interpreter.ops(container)
        for index in indexes:
            edits.replace(container, index, without_painting(ops[index]))
        removed += len(indexes)
    edits.apply(doc)
    for page in doc.pages:
        for annot in keep_annotations(page, lambda a: not hidden(a.get("/OC"), off)):
            gut(annot)
    drop_groups(doc, off)
    for objgen in off:                    # still named from resources (/Properties) or elsewhere
        gut(doc.pdf.get_object(objgen))
    ctx.add("optional-content", "high", "removed",
            f"{len(off)} layer(s) switched off removed with {removed} drawing operator(s)",
            text=", ".join(sorted(off.values()))[:300])


def drop_groups(doc, off) -> None:
    props = doc.pdf.Root["/OCProperties"]

    def keep(items):
        out = []
        for item in items:
            if isinstance(item, pikepdf.Array):
                out.append(pikepdf.Array(keep(item)))
            elif not (is_dict(item) and item.is_indirect and item.objgen in off):
                out.append(item)
        return out

    props["/OCGs"] = pikepdf.Array(keep(props.get("/OCGs") or []))
    if "/Configs" in props:
        del props["/Configs"]
    config = props.get("/D")
    if is_dict(config):
        for key in list(config.keys()):
            if isinstance(config[key], pikepdf.Array):
                config[key] = pikepdf.Array(keep(config[key]))
        if name_of(config.get("/BaseState")) == "/OFF":
            config["/BaseState"] = pikepdf.Name("/ON")


def residue(doc, options) -> list[str]:
    off = off_groups(doc)
    return [f"layer {name!r} is off but still present" for name in off.values()]
