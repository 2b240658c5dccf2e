"""One place where library errors become command-line errors (exit 2, a message, no traceback)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import click

from schemas.errors import CatalogueNotFound, UsageProblem


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn the library's refusals of a request into clean command-line errors with exit status 2.

    Every such refusal subclasses :class:`schemas.errors.UsageProblem`.
    """
    try:
        yield
    except CatalogueNotFound as exc:
        raise click.UsageError(f"{exc}: pass the folder that holds your catalogue (default: data)") from None
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
