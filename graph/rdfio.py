"""Reading RDF safely: the formats the exports write, plus RDF/XML, with hostile input refused.

No JSON-LD context is ever fetched (remote or ``file:``): pyoxigraph has no document
loader unless one is given, and none is. RDF/XML with a DOCTYPE or entity declarations is
refused before parsing (entity expansion is the billion-laughs and file-disclosure vector).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class RdfInputError(ValueError):
    """RDF input that is refused or cannot be parsed; the message says which and why."""


def parse_rdf(data: bytes, fmt: str) -> list[ox.Quad]:
    """Parse RDF bytes in one of :data:`FORMATS` into quads, or raise :class:`RdfInputError`."""
    if fmt not in FORMATS:
        raise RdfInputError(f"unknown RDF format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "rdfxml" and _DOCTYPE.search(data):
        raise RdfInputError("RDF/XML with a DOCTYPE or entity declarations is refused")
    try:
        return list(ox.parse(data, format=FORMATS[fmt]))
    except SyntaxError as exc:
        message = str(exc)
        if "LoadDocumentCallback" in message:
            message = "a JSON-LD document names a remote or file: context; contexts are never fetched"
        raise RdfInputError(f"not valid {fmt}: {message}") from None
