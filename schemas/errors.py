"""Library errors that mean "the request is wrong", which the command line reports as usage errors.

Kept in a module with no heavy imports, so the command line can catch them without loading
the whole library.
"""

from __future__ import annotations


class UsageProblem(Exception):
    """A refusal of the request itself (a path that is not a catalogue, an unknown id or code)."""


class CatalogueNotFound(UsageProblem, FileNotFoundError):
    """The catalogue path does not exist or is not a directory (a usage error, exit 2)."""
