"""One place where library errors become command-line errors (exit 2, a message, no traceback)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import click

from evidence import NotInCatalogue, UnknownRule
from schemas import CatalogueNotFound


class UsageError(click.UsageError):
    """A usage error (exit 2) whose message needs no extra hint line."""


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn the library's refusals into clean command-line errors with exit status 2."""
    try:
        yield
    except CatalogueNotFound as exc:
        raise click.UsageError(f"{exc}: pass the folder that holds your catalogue (default: data)") from None
    except (UnknownRule, NotInCatalogue) as exc:
        raise click.UsageError(str(exc)) from None
