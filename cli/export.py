"""``evidence export``: the catalogue as RDF, or as the internal link graph."""

from __future__ import annotations

import click

from cli.errors import library_errors
from schemas.files import write_atomic

RDF_FORMATS = ("turtle", "ntriples", "jsonld", "trig", "nquads")  # graph.export.RDF_FORMATS
LINK_FORMATS = ("links-json", "graphml")


def _render(catalogue_path: str, fmt: str) -> str:
    from graph.export import export_text
    from schemas import load_catalogue

    catalogue = load_catalogue(catalogue_path)
    if fmt in RDF_FORMATS:
        return export_text(catalogue, fmt)
    from graph import links  # the internal link graph (related roles)

    return links.links_json(catalogue) if fmt == "links-json" else links.graphml(catalogue)


@click.command()
@click.argument("catalogue", default="data", metavar="[CATALOGUE]")
@click.option("--format", "fmt", type=click.Choice(RDF_FORMATS + LINK_FORMATS), required=True,
              help="RDF: turtle, ntriples, jsonld, trig, nquads (trig/nquads: one named graph per data file). "
                   "Link graph: links-json, graphml.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here (atomically) instead of stdout.")
def export(catalogue: str, fmt: str, output: str | None) -> None:
    """Export CATALOGUE (default: data) as RDF or as the internal link graph.

    Output is deterministic: the same catalogue gives the same bytes, whatever the order
    of its files. With -o the file is replaced atomically, never left half-written.

    \b
    Examples:
      evidence export data --format turtle -o evidence.ttl
      evidence export data --format nquads | oxigraph load --location store --format nq
    """
    with library_errors():
        text = _render(catalogue, fmt)
    if output:
        write_atomic(output, text)
        click.echo(f"wrote {output} ({fmt}, {len(text.encode())} bytes)", err=True)
    else:
        click.echo(text, nl=False)
