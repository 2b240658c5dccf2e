"""Source statuses for rules: the normalised URL, DOI and aggregator flag of each source.

The computation lives in :mod:`schemas.sources` (the graph's RDF export needs it too);
this module keeps the name rules and tools import.
"""

from schemas.sources import SourceStatus, host_matches, source_status

__all__ = ["SourceStatus", "host_matches", "source_status"]
