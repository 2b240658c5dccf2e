"""EV304 and EV305: figures that do not add up, and figures the quotes do not contain."""

from __future__ import annotations

import re
from decimal import Decimal, DecimalException
from typing import Iterator

from evidence.context import Context
from evidence.figures import Evaluator, FigureError, shown, task_index
from evidence.registry import rule
from schemas.diagnostics import Diagnostic
from schemas.models import Figure, Task

HUNDRED = Decimal(100)
SHARE_TOLERANCE = Decimal("0.5")


@rule("EV304", "error", "a figure the catalogue can recompute (shares totalling 100%, a time-weighted mean, a product of factors) differs from the stated one beyond rounding")
def figures_that_do_not_add_up(ctx: Context) -> Iterator[Diagnostic]:
    cat = ctx.catalogue
    figures: dict[str, Figure] = {}
    owner: dict[str, tuple[str, int]] = {}
    for cid, claim in cat.claims.items():
        for index, figure in enumerate(claim.figures):
            figures.setdefault(figure.id, figure)
            owner.setdefault(figure.id, (cid, index))
    occupation_tasks = task_index(cat)
    evaluator = Evaluator(cat, figures, occupation_tasks)
    for fid, figure in figures.items():
        if figure.derive is None:
            continue
        cid, index = owner[fid]
        try:
            value, how = evaluator.derive(figure.derive)
        except FigureError as exc:
            yield cat.diagnostic("EV304", "error", f"figure '{fid}' cannot be recomputed: {exc}", "claims", cid, "figures", index, "derive")
            continue
        try:
            off = abs(value - figure.value) > figure.rounding()
        except DecimalException:
            yield cat.diagnostic("EV304", "error", f"figure '{fid}' cannot be compared: its value is out of range", "claims", cid, "figures", index, "value")
            continue
        if off:
            unit = figure.unit or ""
            yield cat.diagnostic(
                "EV304", "error",
                f"figure '{fid}' states {_plain(figure.value)}{unit} but {how} gives {shown(value, figure.value)}{unit}",
                "claims", cid, "figures", index, "value")
    # every task decomposition (an occupation's tasks from one source) whose tasks all
    # declare a time share must account for all the working time
    for oid in cat.occupations:
        groups: dict[str | None, list[Task]] = {}
        for task in occupation_tasks.get(oid, []):
            groups.setdefault(task.source, []).append(task)
        for source, tasks in sorted(groups.items(), key=lambda item: item[0] or ""):
            shares = [t.time_share for t in tasks if t.time_share is not None]
            if len(shares) == len(tasks):
                total = sum(shares, Decimal(0))
                if abs(total - HUNDRED) > SHARE_TOLERANCE:
                    origin = f" from source '{source}'" if source else ""
                    yield cat.diagnostic("EV304", "error", f"the time shares of the {len(tasks)} task{'s' if len(tasks) != 1 else ''} of occupation '{oid}'{origin} total {_plain(total)}%, not 100%", "occupations", oid)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_NUMBER = re.compile(r"(?<![\w.])(?<!\w-)[-+]?[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent\b|per cent\b|pp\b|k\b|K\b|M\b|bn\b|x\b))?")
_YEAR = re.compile(r"^(19|20)\d\d$")


def numbers_in(text: str) -> set[str]:
    """The figures of a text in a comparable form: '$187,500' -> '187500', '40 %' -> '40%'; bare years skipped."""
    found = set()
    for match in _NUMBER.finditer(text):
        token = match.group(0).replace("per cent", "%").replace("percent", "%")
        token = token.replace(",", "").replace(" ", "").lstrip("+$€£").rstrip(".")
        if _YEAR.match(token):
            continue
        found.add(token)
    return found


@rule("EV305", "warning", "a figure in a claim's text appears in none of the quotes it cites")
def figures_missing_from_quotes(ctx: Context) -> Iterator[Diagnostic]:
    for cid, claim in ctx.catalogue.claims.items():
        quotes = [c.quote for c in claim.citations() if c.quote]
        if not quotes:
            continue
        quoted = set().union(*(numbers_in(q) for q in quotes))
        for number in sorted(numbers_in(claim.text)):
            if number not in quoted:
                yield ctx.catalogue.diagnostic("EV305", "warning", f"claim '{cid}' states {number}, which none of its quotes contains", "claims", cid, "text")
