"""Hiding place: extension payloads of unknown URIs (p:ext, a:ext, c:ext... inside any extLst).

Every OOXML element list may end in an extLst whose ext elements carry whatever an application or
add-in wants to keep (a PACS exporter's case record, an add-in's state, round-trip data), named only
by a URI. Readers that do not know a URI ignore it, so removing one changes nothing a viewer shows.
The extensions Office itself writes are kept (their contents are judged by the steps that own them
and by the final sweep); every ext of another URI is removed, with the relationships only it used.
"""

from __future__ import annotations

from slidesan.deck.drawing import drop_unused_rels, local, quote, referenced_rids
from slidesan.deck.relcut import remove_element, where, xml_root
from slidesan.report.model import INFO

# Extension URIs Office writes in presentations, upper case: MS-PPTX section 2.2 (PowerPoint), MS-ODRAWXML
# (DrawingML: local DPI, image properties, SVG, creation ids, decorative flag, hidden fill/line/effects,
# Mac text-box flag), the chart extensions (c14, c15, c16) and the SmartArt drawing reference.
KNOWN_URIS = frozenset(u.upper() for u in """
    {DAA4B4D4-6D71-4841-9C94-3DE7FCFB9230} {2FDB2607-1784-4EEB-B798-7EB5836EED8A} {3AFAAA56-56D3-431D-BCD4-E75A35582382}
    {521415D9-36F7-43E2-AB2F-B90AF26B5E84} {F99C55AA-B7CB-42B0-86F8-08522FDF87E8} {EC167BDD-8182-4AB7-AECC-EB403E3ABB37}
    {3A86A75C-4F4B-4683-9AE1-C65F6400EC91} {E180D4A7-C9FB-4DFB-919C-405C955672EB} {E76CE94A-603C-4142-B9EB-6D1370010A27}
    {D31A062A-798A-4329-ABDD-BBA856620510} {4599F94E-CEE6-441E-89CC-EB005ECD8F06} {D42A27DB-BD31-4B8C-83A1-F6EECF244321}
    {BB962C8B-B14F-4D97-AF65-F5344CB8AC3E} {19B8F6BF-5375-455C-9EA6-DF929625EA0E} {C676402C-5697-4E1C-873F-D02D1690AC5C}
    {6950BFC3-D8DA-4A85-94F7-54DA5524770B} {EFAFB233-063F-42B5-8137-9DF3F51BA10A} {2D200454-40CA-4A62-9FC3-DE9A4176ACB9}
    {DCECCB84-F9BA-43D5-87BE-67443E8EF086} {27BBF7A9-308A-43DC-89C8-2F10F3537804} {56416CCD-93CA-4268-BC5B-53C4BB910035}
    {620B2872-D7B9-4A21-9093-7833F8D536E1} {FD5EFAAD-0ECE-453E-9831-46B23BE46B34} {42D2F446-02D8-4167-A562-619A0277C38B}
    {1BD7E111-0CB8-44D6-8891-C1BB2F81B7CC} {386F3935-93C4-4BCD-93E2-E3B085C9AB24} {1162E1C5-73C7-4A58-AE30-91384D911F3F}
    {E7BDC344-281C-4309-B0C6-D0EE65EED2A8} {E3EDB536-0D56-4F60-86BA-61A60CA02DAB}
    {28A0092B-C50C-407E-A947-70E740481C1C} {BEBA8EAE-BF5A-486C-A8C5-ECC9F3942E4B} {96DAC541-7B7A-43D3-8B79-37D633B846F1}
    {FF2B5EF4-FFF2-40B4-BE49-F238E27FC236} {C183D7F6-B498-43B3-948B-1728B52AA6E4} {63B3BB69-23CF-44E3-9099-C40C66FF867C}
    {909E8E84-426E-40DD-AFC4-6F175D3DCCD1} {91240B29-F687-4F45-9708-019B960494DF} {AF507438-7753-43E0-B8FC-AC1667EBCBE1}
    {53640926-AAD7-44D8-BBD7-CCE9431645EC} {C572A759-6A51-4108-AA02-DFA0A04FC94B}
    {05A4C25C-085E-4340-85A3-A5531E510DB2} {C3380CC4-5D6E-409C-BE32-E72D297353CC} {56B9EC1D-385E-4148-901F-78D8002777C0}
    {02D57815-91ED-43CB-92C2-25804820EDAC} {CE6537A1-D6FC-4F65-9D91-7224C49458BB} {781A3756-C4B2-4CAC-9D66-4F8BD8637D16}
    {E28EC0CA-F0BB-4C9C-879D-F8772B89E7AC}
    HTTP://SCHEMAS.MICROSOFT.COM/OFFICE/DRAWING/2008/DIAGRAM
""".split())


def unknown_extensions(deck):
    """(part, ext element) of every extension whose URI Office does not write."""
    for part in deck.parts():
        root = xml_root(deck, part)
        if root is None or part.content_type.lower().endswith("svg+xml"):
            continue
        for node in root.iter():
            if local(node.tag) == "ext" and node.getparent() is not None and \
                    local(node.getparent().tag) == "extLst" and (node.get("uri") or "").upper() not in KNOWN_URIS:
                yield part, node


def payload(node) -> str:
    said = [t.strip() for t in node.itertext() if t.strip()]
    said += [v for el in node.iter() for v in el.attrib.values() if v.strip()]
    return "; ".join(dict.fromkeys(said))


def scrub(deck, ctx) -> None:
    found: dict[object, list] = {}
    for part, node in list(unknown_extensions(deck)):
        found.setdefault(part, []).append(node)
    for part, nodes in found.items():
        rids = set()
        said = []
        for node in nodes:
            rids |= referenced_rids(node)
            said.append(f"{node.get('uri', '?')}: {payload(node)}")
            remove_element(node)
        drop_unused_rels(deck, part, rids)
        ctx.add("extension", INFO, "removed", f"{len(nodes)} extension(s) of unknown URI removed",
                text=quote(" | ".join(said), 300), **where(deck, part))


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: extension {node.get('uri')}" for part, node in unknown_extensions(deck)]
