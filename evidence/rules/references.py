"""EV101 and EV102: ids defined twice, references that name no record of the expected kind."""

from __future__ import annotations

from typing import Iterator

from evidence.context import Context
from evidence.registry import rule
from schemas.diagnostics import Diagnostic


@rule("EV101", "error", "an id is defined twice within its kind (figure ids: within the catalogue)")
def duplicate_figure_ids(ctx: Context) -> Iterator[Diagnostic]:
    """Record ids are checked while loading; figure ids, which live inside claims, here."""
    seen: dict[str, str] = {}
    for cid, claim in ctx.catalogue.claims.items():
        for index, figure in enumerate(claim.figures):
            if figure.id in seen:
                yield ctx.catalogue.diagnostic(
                    "EV101", "error", f"figure id '{figure.id}' is defined twice (first in claim '{seen[figure.id]}')",
                    "claims", cid, "figures", index, "id")
            else:
                seen[figure.id] = cid


def _refs(ctx: Context) -> Iterator[tuple[str, str, tuple[object, ...], str, tuple[str, ...]]]:
    """(kind, id, path, target id, kinds it may name) for every reference in the catalogue."""
    cat = ctx.catalogue
    for cid, claim in cat.claims.items():
        for i, c in enumerate(claim.citations()):
            yield "claims", cid, ("cites", i), c.source, ("sources",)
        for field, kind in (("occupations", "occupations"), ("skills", "skills"), ("tasks", "tasks")):
            for i, target in enumerate(getattr(claim, field)):
                yield "claims", cid, (field, i), target, (kind,)
    for oid, occupation in cat.occupations.items():
        for i, link in enumerate(occupation.skill_links()):
            yield "occupations", oid, ("skills", i), link.skill, ("skills",)
        for i, target in enumerate(occupation.tasks):
            yield "occupations", oid, ("tasks", i), target, ("tasks",)
        for i, target in enumerate(occupation.adjacent):
            yield "occupations", oid, ("adjacent", i), target, ("occupations",)
    for tid, task in cat.tasks.items():
        if task.occupation is not None:
            yield "tasks", tid, ("occupation",), task.occupation, ("occupations",)
        if task.source is not None:
            yield "tasks", tid, ("source",), task.source, ("sources",)
    for pid, page in cat.pages.items():
        if page.occupation is not None:
            yield "pages", pid, ("occupation",), page.occupation, ("occupations",)
        if page.skill is not None:
            yield "pages", pid, ("skill",), page.skill, ("skills",)
        for i, target in enumerate(page.claims):
            yield "pages", pid, ("claims", i), target, ("claims",)
        for i, target in enumerate(page.links):
            yield "pages", pid, ("links", i), target, ("pages", "occupations")


@rule("EV102", "error", "a reference names no record of the expected kind")
def dangling_references(ctx: Context) -> Iterator[Diagnostic]:
    records = ctx.catalogue.records
    known: dict[tuple[str, ...], object] = {}  # each kind's ids, or the union for page links
    for kind, rid, path, target, kinds in _refs(ctx):
        ids = known.get(kinds)
        if ids is None:
            ids = known[kinds] = records[kinds[0]] if len(kinds) == 1 else set().union(*(records[k] for k in kinds))
        if target not in ids:  # type: ignore[operator]
            expected = " or ".join(k[:-1] for k in kinds)
            yield ctx.catalogue.diagnostic("EV102", "error", f"'{target}' names no {expected}", kind, rid, *path)
