"""``evidence related``: each occupation's closest roles from the graph, scored and explained."""

from __future__ import annotations

import click

from cli.errors import library_errors


@click.command()
@click.argument("catalogue", default="data", metavar="[CATALOGUE]")
@click.option("--occupation", metavar="ID", help="Only this occupation's related roles.")
@click.option("-k", "k", type=click.IntRange(min=0), default=10, show_default=True, help="Related roles per occupation.")
@click.option("--min-inbound", type=click.IntRange(min=0), default=0, show_default=True,
              help="Make sure every occupation is linked from at least this many others (no orphans).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one block per occupation; json: the list of DESIGN section 7.")
def related(catalogue: str, occupation: str | None, k: int, min_inbound: int, fmt: str) -> None:
    """Propose related roles for every occupation of CATALOGUE, best first, each with its
    score (0-1) and its reasons: shared skills, knowledge, tools, tasks, titles, codes,
    job zone, evidence and declared adjacency.

    Exit status: 0, or 1 when a data file could not be read (the roles that did load are
    still ranked, and the problems are printed to stderr), 2 for a usage error.

    \b
    Examples:
      evidence related data --occupation ml-engineer
      evidence related catalogues/onet -k 5 --min-inbound 2 --format json
    """
    from graph.related import as_json, as_text, related_roles
    from schemas import load_catalogue

    with library_errors():
        loaded = load_catalogue(catalogue)
        entries = related_roles(loaded, k=k, occupation=occupation, min_inbound=min_inbound)
    click.echo(as_json(entries) if fmt == "json" else as_text(entries), nl=False)
    for problem in sorted(loaded.diagnostics, key=lambda d: d.sort_key()):
        click.echo(f"{problem.file}:{problem.line}:{problem.column}: {problem.code} {problem.message}", err=True)
    raise SystemExit(1 if loaded.diagnostics else 0)
