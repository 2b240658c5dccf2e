"""``evidence query`` and ``evidence push``: SPARQL on the catalogue, locally or on a server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from cli.errors import library_errors

RESULT_FORMATS = ("table", "csv", "tsv", "json")  # graph.results.RESULT_FORMATS


def _fail(message: str) -> None:
    """Report and leave at once: a query still running in the engine cannot be cancelled otherwise."""
    click.echo(f"Error: {message}", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(1)


@click.command()
@click.argument("args", nargs=-1, metavar="[CATALOGUE] [QUERY]")
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False), help="Read the query from a .rq file (see queries/).")
@click.option("--endpoint", metavar="URL", help="Ask a SPARQL 1.1 endpoint instead of the embedded store.")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="SELECT/ASK results; CONSTRUCT/DESCRIBE print Turtle (table) or N-Triples.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds before the query is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True, help="Rows (or triples) at most; the output says when it cut.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE clauses (network calls from the engine).")
@click.option("--allow-dataset", is_flag=True, help="Allow FROM and FROM NAMED.")
@click.option("--no-cache", is_flag=True, help="Rebuild the store even if the catalogue did not change.")
def query(args: tuple[str, ...], query_file: str | None, endpoint: str | None, fmt: str, timeout: float,
          max_rows: int, allow_service: bool, allow_dataset: bool, no_cache: bool) -> None:
    """Run a read-only SPARQL query on CATALOGUE (default: data) or on --endpoint.

    The prefixes ev, schema, cito, prov, skos, dcterms, rdf, rdfs, xsd, owl and sh are
    predeclared. Every data file's statements are in the default graph. Updates are
    refused; SERVICE, FROM and FROM NAMED are refused unless allowed. The store is cached
    per catalogue content: a second query on an unchanged catalogue opens it at once.

    \b
    Examples:
      evidence query -f queries/claims-without-primary-url.rq
      evidence query data 'SELECT ?c WHERE { ?c a ev:Claim } LIMIT 5' --format csv
      evidence query --endpoint http://127.0.0.1:7878/query -f queries/claims-per-design.rq
    """
    if query_file:
        if len(args) > 1:
            raise click.UsageError("with -f, give at most the CATALOGUE")
        catalogue, text = (args[0] if args else "data"), Path(query_file).read_text(encoding="utf-8")
    elif len(args) == 2:
        catalogue, text = args
    elif len(args) == 1:
        catalogue, text = "data", args[0]
    else:
        raise click.UsageError("give a QUERY or -f FILE.rq")
    from graph.results import render_result
    from graph.sparql import QueryTimeout, check_query, run_local

    with library_errors():
        form = check_query(text, allow_service=allow_service, allow_dataset=allow_dataset, use_cache=not no_cache)
        try:
            if endpoint:
                from graph.remote import EndpointError, run_remote

                try:
                    result = run_remote(endpoint, text, form, timeout=timeout, max_rows=max_rows)
                except EndpointError as exc:
                    raise click.ClickException(str(exc)) from None
            else:
                from graph.store import open_store

                store, _ = open_store(catalogue, use_cache=not no_cache)
                result = run_local(store, text, form, timeout=timeout, max_rows=max_rows)
        except QueryTimeout as exc:
            if endpoint:  # nothing runs here: a clean error is enough
                raise click.ClickException(str(exc)) from None
            _fail(str(exc))
    click.echo(render_result(result, fmt), nl=False)
    if result.truncated:
        click.echo(f"cut at {max_rows} {'rows' if form == 'SELECT' else 'triples'} (--max-rows)", err=True)


@click.command()
@click.argument("catalogue", default="data", metavar="[CATALOGUE]")
@click.option("--endpoint", required=True, metavar="URL", help="The Graph Store Protocol endpoint (Oxigraph: http://host:7878/store).")
@click.option("--graph", "graph_iri", metavar="IRI", help="Put everything in this one graph instead of a graph per data file.")
def push(catalogue: str, endpoint: str, graph_iri: str | None) -> None:
    """Push CATALOGUE to a SPARQL server through the SPARQL 1.1 Graph Store Protocol.

    Each data file's statements replace that file's named graph (and the provenance the
    default graph), so pushing after an edit also removes what the edit removed. Works
    with Oxigraph server, Apache Jena Fuseki, Virtuoso, QLever and GraphDB.

    \b
    Example:
      evidence push data --endpoint http://127.0.0.1:7878/store
      evidence query --endpoint http://127.0.0.1:7878/query -f queries/claims-per-design.rq
    """
    from graph.rdf import statements
    from graph.remote import EndpointError
    from graph.remote import push as push_statements
    from schemas import load_catalogue

    with library_errors():
        loaded = load_catalogue(catalogue)
        try:
            sent = push_statements(statements(loaded), endpoint, graph=graph_iri)
        except EndpointError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"pushed {sum(sent.values())} triples in {len(sent)} graph{'s' if len(sent) != 1 else ''} to {endpoint}")
