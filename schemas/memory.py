"""Pausing Python's cyclic garbage collector while large acyclic structures are built.

Loading a career-site catalogue allocates millions of small objects (trees, models,
diagnostics) that never form reference cycles. The generational collector still walks
them, again and again, as they survive into older generations: measured on the
generated catalogue, a third of the load time. Reference counting frees them as usual;
only the cycle search is paused, and it resumes (and runs) when the block ends.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore its previous state after."""
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
