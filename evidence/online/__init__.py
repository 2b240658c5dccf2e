"""Online verification of sources: are the primary URLs still there, and do they still say it?

    >>> import evidence
    >>> from evidence.online import OnlineOptions
    >>> report = evidence.check("data", online=OnlineOptions(timeout=10))

The modules, from the wire up: :mod:`~evidence.online.guard` (which addresses may be
reached, checked after DNS resolution), :mod:`~evidence.online.politeness` (per-host
limits, Retry-After), :mod:`~evidence.online.httpcache` (requests-cache, SQLite, JSON),
:mod:`~evidence.online.fetch` (one request, one redirect chain), :mod:`~evidence.online.verify`
(URL verdicts, soft 404s), :mod:`~evidence.online.doi` (resolver, Crossref metadata,
retractions), :mod:`~evidence.online.run` (a whole catalogue), :mod:`~evidence.online.rules`
(EV401-EV407) and :mod:`~evidence.online.report`.

Only the light modules are imported here (the rules must be registered at start-up);
the HTTP machinery is imported when an online run starts.
"""

from evidence.online.results import Verification
from evidence.online.rules import ONLINE_CODES, OnlineContext
from evidence.online.settings import OnlineOptions, Progress, Settings, resolve_settings

__all__ = ["ONLINE_CODES", "OnlineContext", "OnlineOptions", "Progress", "Settings", "Verification", "resolve_settings"]
