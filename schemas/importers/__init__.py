"""Importers: the release files of occupational taxonomies (O*NET, ESCO) -> catalogue files.

    >>> from schemas.importers import import_onet
    >>> result = import_onet("../shared/data/onet-29.3", "catalogues/onet")
    >>> result.records, result.diagnostics

Each importer streams the release's delimited files, keeps every code a string exactly as
given, reports malformed rows as EV100 diagnostics (file and line) and writes catalogue
files atomically that :func:`schemas.load_catalogue` reads without findings.
"""

from schemas.importers.esco import import_esco
from schemas.importers.onet import import_onet
from schemas.importers.writer import ImportResult

__all__ = ["ImportResult", "import_esco", "import_onet"]
