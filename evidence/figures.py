"""Recompute declared figures from their derivations: sums, products, differences,
quotients and aggregates over an occupation's tasks. Declarative, no ``eval``.

A derivation names its operands; evaluation returns the value and a short explanation an
editor can read ("time-weighted mean of exposure over 8 tasks of ml-engineer").
"""

from __future__ import annotations

from decimal import Decimal, DecimalException
from typing import Callable

from schemas.catalogue import Catalogue
from schemas.models import Comparison, Derivation, Figure, FigureRef, Task, TaskAggregate


class FigureError(ValueError):
    """A derivation that cannot be evaluated: an unknown figure, a cycle, a task without the field."""


def task_index(catalogue: Catalogue) -> dict[str, list[Task]]:
    """Every occupation's tasks (those listed on it and those naming it), in id order.

    Built once per check in one pass over tasks and occupations; asking per occupation
    by scanning every task would be quadratic at career-site scale (3,000 x 60,000).
    """
    found: dict[str, set[str]] = {oid: set(o.tasks) for oid, o in catalogue.occupations.items()}
    for tid, task in catalogue.tasks.items():
        if task.occupation is not None:
            found.setdefault(task.occupation, set()).add(tid)
    tasks = catalogue.tasks
    return {oid: [tasks[tid] for tid in sorted(tids) if tid in tasks] for oid, tids in found.items()}


def task_field(task: Task, name: str) -> Decimal | str | None:
    """A task's ``time_share``, ``exposure``, ``category`` or ``scores.NAME`` value."""
    if name.startswith("scores."):
        return task.scores.get(name.split(".", 1)[1])
    value = getattr(task, name, None) if name in Task.model_fields else None
    return value  # type: ignore[return-value]


class Evaluator:
    """Evaluates figures of one catalogue, memoising results and refusing cycles."""

    def __init__(self, catalogue: Catalogue, figures: dict[str, Figure], tasks: dict[str, list[Task]] | None = None) -> None:
        self.catalogue = catalogue
        self.figures = figures
        self.tasks = task_index(catalogue) if tasks is None else tasks
        self._done: dict[str, Decimal] = {}
        self._active: set[str] = set()

    def figure(self, figure_id: str) -> Decimal:
        """A figure's value: recomputed when it has a derivation, else as stated."""
        if figure_id in self._done:
            return self._done[figure_id]
        figure = self.figures.get(figure_id)
        if figure is None:
            raise FigureError(f"no figure has id '{figure_id}'")
        if figure.derive is None:
            return figure.value
        if figure_id in self._active:
            raise FigureError(f"figure '{figure_id}' depends on itself")
        self._active.add(figure_id)
        try:
            value, _ = self.derive(figure.derive)
        finally:
            self._active.discard(figure_id)
        self._done[figure_id] = value
        return value

    def operand(self, operand: object) -> tuple[Decimal, str]:
        if isinstance(operand, Decimal):
            return operand, _fmt(operand)
        if isinstance(operand, FigureRef):
            return self.figure(operand.figure), operand.figure
        if isinstance(operand, Derivation):
            value, text = self.derive(operand)
            return value, f"({text})"
        raise FigureError(f"cannot evaluate {operand!r}")  # pragma: no cover - the model admits nothing else

    def derive(self, derivation: Derivation) -> tuple[Decimal, str]:
        """The value of a derivation and how it was obtained."""
        try:
            if derivation.tasks is not None:
                return self.aggregate(derivation.tasks)
            for name, combine, sign in _OPERATIONS:
                operands = getattr(derivation, name)
                if operands is not None:
                    values = [self.operand(o) for o in operands]
                    result = values[0][0]
                    for value, _ in values[1:]:
                        result = combine(result, value)
                    return result, f" {sign} ".join(text for _, text in values)
        except ZeroDivisionError:  # DivisionByZero (1/0) and DivisionUndefined (0/0)
            raise FigureError("division by zero") from None
        except DecimalException:
            raise FigureError("a result is out of range") from None
        raise FigureError("empty derivation")  # pragma: no cover

    def aggregate(self, spec: TaskAggregate) -> tuple[Decimal, str]:
        """Count, sum, mean or weighted mean of one task field over an occupation's tasks."""
        if spec.occupation not in self.catalogue.occupations:
            raise FigureError(f"'{spec.occupation}' names no occupation")
        if spec.source is not None and spec.source not in self.catalogue.sources:
            raise FigureError(f"'{spec.source}' names no source")
        tasks = [t for t in self.tasks.get(spec.occupation, [])
                 if (spec.source is None or t.source == spec.source)
                 and all(_passes(task_field(t, k), v) for k, v in spec.where.items())]
        where = "".join(f" with {k} {_describe(v)}" for k, v in spec.where.items())
        source = f" (from {spec.source})" if spec.source else ""
        scope = f"{len(tasks)} tasks of {spec.occupation}{source}{where}"
        if spec.aggregate == "count":
            return Decimal(len(tasks)), f"count of {scope}"
        if not tasks and spec.aggregate == "sum":
            return Decimal(0), f"sum of {spec.field} over {scope}"
        if not tasks:
            raise FigureError(f"no task of occupation '{spec.occupation}'{source} matches{where}: a mean of nothing is undefined")
        values = []
        for task in tasks:
            value = task_field(task, spec.field)
            if not isinstance(value, Decimal):
                raise FigureError(f"task '{task.id}' has no numeric {spec.field}")
            weight: Decimal = Decimal(1)
            if spec.aggregate == "weighted_mean":
                raw = task_field(task, spec.weight or "")
                if not isinstance(raw, Decimal):
                    raise FigureError(f"task '{task.id}' has no numeric {spec.weight}")
                weight = raw
            values.append((value, weight))
        if spec.aggregate == "sum":
            return sum((v for v, _ in values), Decimal(0)), f"sum of {spec.field} over {scope}"
        total_weight = sum((w for _, w in values), Decimal(0))
        if total_weight == 0:
            raise FigureError(f"the weights ({spec.weight}) of {scope} total zero")
        mean = sum((v * w for v, w in values), Decimal(0)) / total_weight
        label = "mean" if spec.aggregate == "mean" else f"{spec.weight}-weighted mean"
        return mean, f"{label} of {spec.field} over {scope}"


def _divide(a: Decimal, b: Decimal) -> Decimal:
    if b == 0:
        raise FigureError("division by zero")
    return a / b


def _passes(value: Decimal | str | None, test: Comparison | str) -> bool:
    if isinstance(test, Comparison):
        return isinstance(value, Decimal) and test.test(value)
    return value is not None and str(value) == test


def _describe(test: Comparison | str) -> str:
    if isinstance(test, str):
        return test
    names = {"eq": "=", "ne": "!=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
    return " and ".join(f"{names[n]} {_fmt(getattr(test, n))}" for n in names if getattr(test, n) is not None)


_OPERATIONS: tuple[tuple[str, Callable[[Decimal, Decimal], Decimal], str], ...] = (
    ("sum", lambda a, b: a + b, "+"),
    ("product", lambda a, b: a * b, "x"),
    ("difference", lambda a, b: a - b, "-"),
    ("quotient", lambda a, b: _divide(a, b), "/"),
)


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def shown(value: Decimal, like: Decimal) -> str:
    """A computed value printed with one more decimal than the stated figure has."""
    exponent = like.as_tuple().exponent
    places = (-exponent if isinstance(exponent, int) and exponent < 0 else 0) + 1
    try:
        return _fmt(value.quantize(Decimal(1).scaleb(-places)))
    except DecimalException:  # wider than the decimal context: print it as it is
        return _fmt(value)
