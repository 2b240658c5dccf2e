"""Page lint: check rendered pages (HTML, Markdown, plain text) before they go out.

    >>> from evidence.lint import lint
    >>> report = lint(["site/page.html"], catalogue="data")    # -> LintReport

Importing this package registers the page-lint codes (EV601-EV603) in the rule registry,
without a catalogue check function: ``evidence rules`` lists them, ``evidence check``
does not run them. The linter itself (and the HTML and Markdown parsers it uses) is
imported on first use, so ``evidence check`` does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from evidence.registry import register

if TYPE_CHECKING:
    from evidence.lint.linter import PageNotFound, PageResult, lint, lint_page
    from evidence.lint.report import LintReport

PAGE_CODES = frozenset(("EV601", "EV602", "EV603"))
"""The codes only ``evidence lint`` reports; the catalogue check leaves them out."""

register("EV601", "error", "(page lint) a statistic on a page carries no citation")
register("EV602", "error", "(page lint) a template hole: a figure left empty (\"Adds k-k\", \"above .\")")
register("EV603", "error", "(page lint) a cited URL is not a primary source of the catalogue")

__all__ = ["PAGE_CODES", "LintReport", "PageNotFound", "PageResult", "lint", "lint_page"]


def __getattr__(name: str) -> Any:
    """Import the linter lazily (PEP 562)."""
    if name in ("lint", "lint_page", "PageNotFound", "PageResult"):
        from evidence.lint import linter

        return getattr(linter, name)
    if name == "LintReport":
        from evidence.lint.report import LintReport

        return LintReport
    raise AttributeError(f"module 'evidence.lint' has no attribute {name!r}")
