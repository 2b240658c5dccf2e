"""What the data is: record models, the catalogue loader and the diagnostic type.

``schemas`` imports nothing from the other packages of the project.
"""

from schemas.catalogue import Catalogue, Origin
from schemas.config import Config
from schemas.diagnostics import Diagnostic
from schemas.loader import CatalogueNotFound, load_catalogue
from schemas.models import KINDS

__all__ = ["Catalogue", "CatalogueNotFound", "Config", "Diagnostic", "KINDS", "Origin", "load_catalogue"]
