"""The compiled page scanner (``_scan.pyx``), or None where it was not built.

The extension is optional at install (no C compiler: no extension). Every module that
uses it imports it from here as ``_scan`` and falls back to its own Python definition
when it is None: the regular expressions of statistics, holes and bare URLs, the tree
walk of HTML pages. Tests set a module's ``_scan`` to None to run that definition.
"""

from __future__ import annotations

try:
    from evidence.lint import _scan as scan
except ImportError:  # pragma: no cover - built without a C compiler
    scan = None  # type: ignore[assignment]
