"""What each page shows of the navigation, so that a partial build rebuilds only the
pages whose navigation really changed.

Material with ``navigation.prune`` (``partials/nav-item.html``) renders, on a page:

- every top-level item (and every tab): a section that is not on the page's path is
  pruned to one link, its title and the URL of its first page (``render_pruned``);
- for each section on the page's path (its ancestors): every child, a page as its
  title and URL, a section either pruned as above or, when it is the next ancestor,
  open in turn;
- the footer's previous and next pages (``navigation.footer``): their titles and URLs.

A page's *view* is a digest of exactly that, taken from the navigation configuration
(titles given there) and the pages' front matter and first heading (``shown``: the
title MkDocs takes for an entry without one). A page outside the navigation shows the
top level only. Comparing two builds' views tells which pages a change of titles or of
the set of pages reaches: a retitled session its siblings and neighbours, not the other
years. What the views leave out, the plan adds: the tag listings (every page's title
and tags) and the static pages (404 and sitemap).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Label = tuple[str, str, bool]  # title (or what it comes from), first page, has children


@dataclass
class Node:
    title: str | None
    path: str | None = None  # the page's docs path; None for a section
    children: list[Node] = field(default_factory=list)


def nodes(items: Any) -> list[Node]:
    """The tree of a navigation configuration: paths, {title: path}, {title: [items]}."""
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(Node(None, item))
        elif isinstance(item, Mapping):
            for title, value in item.items():
                if isinstance(value, str):
                    out.append(Node(str(title), value))
                else:
                    out.append(Node(str(title), None, nodes(value)))
    return out


def _first(node: Node) -> Node:
    while node.children:
        node = node.children[0]
    return node


def _label(node: Node, shown: Mapping[str, str]) -> Label:
    first = _first(node)
    title = node.title if node.title is not None else shown.get(node.path or "", "")
    return title, first.path or "", bool(node.children)


def _walk(
    items: list[Node], trail: list[list[Node]], found: dict[str, list[list[Node]]]
) -> list[Node]:
    """Every page of the tree in order; ``found`` gets, by path, the lists of siblings on
    its way (the top level first)."""
    leaves = []
    for node in items:
        if node.children:
            leaves += _walk(node.children, [*trail, node.children], found)
        elif node.path is not None:
            found.setdefault(node.path, [*trail])
            leaves.append(node)
    return leaves


def views(nav: Any, shown: Mapping[str, str], pages: list[str]) -> dict[str, str]:
    """Each page's view of the navigation (see the module's doc), as a digest, by path."""
    top = nodes(nav)
    trails: dict[str, list[list[Node]]] = {}
    leaves = _walk(top, [top], trails)
    neighbours: dict[str, tuple[Label | None, Label | None]] = {}
    for i, leaf in enumerate(leaves):
        before = _label(leaves[i - 1], shown) if i > 0 else None
        after = _label(leaves[i + 1], shown) if i + 1 < len(leaves) else None
        neighbours.setdefault(leaf.path or "", (before, after))
    top_view = [_label(n, shown) for n in top]
    out = {}
    for path in pages:
        trail = trails.get(path, [top])
        seen = [[_label(n, shown) for n in level] for level in trail]
        text = json.dumps([top_view, seen, neighbours.get(path)], default=str)
        out[path] = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return out


def top_level(nav: Any, shown: Mapping[str, str]) -> str:
    """What a page outside the navigation (404.html) shows of it."""
    return json.dumps([_label(n, shown) for n in nodes(nav)], default=str)
