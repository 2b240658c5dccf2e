"""EV501, EV502: the health of the internal link graph (pages and occupations).

The link graph is :mod:`graph.links`' declared links: pages' ``links``, occupations'
``adjacent`` and the page-occupation ``about`` relation. Proposed related roles are not
part of it: these rules check what editors declared and a site renders without the
engine.
"""

from __future__ import annotations

from typing import Iterator

from evidence.context import Context
from evidence.registry import rule
from graph.links import declared_links, inbound
from schemas.diagnostics import Diagnostic

_WHAT = {"pages": "page", "occupations": "occupation"}


@rule("EV501", "warning", "a page or occupation has no inbound internal link (orphan)")
def orphans(ctx: Context) -> Iterator[Diagnostic]:
    """Pages and occupations no other page or occupation links to."""
    for (kind, rid), count in inbound(ctx.catalogue).items():
        if count:
            continue
        how = ("no page links to it" if kind == "pages" else
               "no page links to it or is about it, and no occupation declares it adjacent")
        yield ctx.catalogue.diagnostic("EV501", "warning", f"{_WHAT[kind]} '{rid}' has no inbound internal link: {how}", kind, rid)


@rule("EV502", "error", "an internal link points to no page or occupation, or to itself")
def dangling_or_self_links(ctx: Context) -> Iterator[Diagnostic]:
    """Entries of ``links`` and ``adjacent`` that name nothing, or the record itself."""
    for link in declared_links(ctx.catalogue):
        if link.kind == "about":
            continue  # a page's occupation is a reference (EV102), not a link it prints
        what = f"{_WHAT[link.source_kind]} '{link.source}'"
        if link.target_kind is None:
            expected = "page or occupation" if link.kind == "links" else "occupation"
            message = f"{what} links to '{link.target}', which is no {expected}"
        elif link.is_self:
            message = f"{what} links to itself"
        else:
            continue
        yield ctx.catalogue.diagnostic("EV502", "error", message, link.source_kind, link.source, *link.path)
