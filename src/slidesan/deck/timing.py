"""Removing an animation time node without leaving the timing tree invalid.

A time node (p:par, p:seq, p:set, p:cmd, p:audio...) that plays a removed clip, or that carries text
nobody should keep, goes with every container its removal leaves empty: an empty p:childTnLst is
invalid, so emptiness climbs up to p:timing itself when nothing animated is left on the slide.
"""

from __future__ import annotations

from slidesan.deck.package import NS

P = NS["p"]
TIME_CONTAINERS = {f"{{{P}}}{n}" for n in ("par", "seq", "excl", "video", "audio", "anim", "animClr",
                                           "animEffect", "animMotion", "animRot", "animScale", "cmd", "set")}
CHILD_TN_LST, TN_LST = f"{{{P}}}childTnLst", f"{{{P}}}tnLst"


def detach(el) -> None:
    if el is not None and el.getparent() is not None:
        el.getparent().remove(el)


def remove_time_node(el) -> None:
    """Remove the time node that holds `el`, then any container left with no children."""
    node = el
    while node is not None and not (node.tag in TIME_CONTAINERS and node.getparent() is not None
                                    and node.getparent().tag in (CHILD_TN_LST, TN_LST, f"{{{P}}}subTnLst")):
        node = node.getparent()
    while node is not None:
        lst = node.getparent()
        detach(node)
        if lst is None or len(lst) > 0:
            return
        if lst.tag == TN_LST:
            detach(lst.getparent())                          # p:timing
            return
        owner = lst.getparent()                             # p:cTn
        node = owner.getparent() if owner is not None else None
        if lst.tag == f"{{{P}}}subTnLst":
            detach(lst)
            return
