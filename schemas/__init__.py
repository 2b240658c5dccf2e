"""What the data is: record models, the catalogue loader and the diagnostic type.

``schemas`` imports nothing from the other packages of the project. Names are imported
lazily (PEP 562), so a command that needs only a light module does not pay for pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Catalogue": "schemas.catalogue",
    "Origin": "schemas.catalogue",
    "CatalogueNotFound": "schemas.loader",
    "load_catalogue": "schemas.loader",
    "Config": "schemas.config",
    "Diagnostic": "schemas.diagnostics",
    "KINDS": "schemas.models",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from schemas.catalogue import Catalogue, Origin
    from schemas.config import Config
    from schemas.diagnostics import Diagnostic
    from schemas.loader import CatalogueNotFound, load_catalogue
    from schemas.models import KINDS


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'schemas' has no attribute {name!r}")
