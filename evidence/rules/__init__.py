"""The checker's rules, one small unit each, grouped by what they look at.

Importing this package registers every rule in :mod:`evidence.registry`.
"""

import evidence.lint  # noqa: F401  (registers the page-lint codes EV601-EV603, which `evidence lint` runs)
from evidence.registry import register
from evidence.rules import citations, figures, links, pages, references, urls

register("EV100", "error", "a data file cannot be read or a record does not fit its schema (file:line)")
register("EV104", "error", "no claim was checked: a run over a catalogue without claims fails instead of passing")
register("EV103", "error", "a YAML or JSON mapping (or a CSV header) has the same key twice")

__all__ = ["citations", "figures", "links", "pages", "references", "urls"]
