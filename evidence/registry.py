"""The rule registry: every code with its severity, one-line explanation and check function.

Codes are stable and never renumbered. Rules whose findings come from loading (EV100,
EV101, EV103) are registered too, so ``evidence rules``, ``--select`` and ``--ignore``
treat every code alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from schemas.diagnostics import Diagnostic, Severity
from schemas.errors import UsageProblem

if TYPE_CHECKING:
    from evidence.context import Context

Check = Callable[["Context"], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """A code, its severity, what it finds, and the function that finds it (None: the loader does)."""

    code: str
    severity: Severity
    summary: str
    check: Check | None = None


RULES: dict[str, Rule] = {}


def register(code: str, severity: Severity, summary: str, check: Check | None = None) -> Rule:
    """Add a rule to the registry; a code can be registered once."""
    if code in RULES:
        raise ValueError(f"rule {code} is registered twice")
    RULES[code] = Rule(code, severity, summary, check)
    return RULES[code]


def rule(code: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    """Decorator form of :func:`register` for check functions."""

    def decorate(check: Check) -> Check:
        register(code, severity, summary, check)
        return check

    return decorate


class UnknownRule(UsageProblem, ValueError):
    """A --select or --ignore entry that names no rule code or prefix."""


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def selected(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """The rules a run uses: all, or those whose code starts with a ``select`` entry, minus ``ignore``.

    Raises :class:`UnknownRule` for an entry that matches no registered code.
    """
    select = [p.strip() for p in select if p.strip()]
    ignore = [p.strip() for p in ignore if p.strip()]
    for pattern in select + ignore:
        if not any(code.startswith(pattern.upper()) for code in RULES):
            raise UnknownRule(f"'{pattern}' matches no rule code (see `evidence rules`)")
    chosen = [r for code, r in sorted(RULES.items()) if not select or _matches(code, select)]
    return [r for r in chosen if not _matches(r.code, ignore)]
