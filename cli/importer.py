"""``evidence import``: the release files of O*NET or ESCO -> catalogue files."""

from __future__ import annotations

import click

IMPORTERS = ("esco", "onet")


@click.command("import")
@click.argument("taxonomy", type=click.Choice(IMPORTERS), metavar="onet|esco")
@click.argument("source", type=click.Path(exists=True, file_okay=False), metavar="SOURCE_DIR")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=True, file_okay=False),
              metavar="CATALOGUE_DIR", help="Folder to write the catalogue files to (created if missing).")
def import_command(taxonomy: str, source: str, out: str) -> None:
    """Import an O*NET or ESCO release from SOURCE_DIR as catalogue files in CATALOGUE_DIR.

    Malformed rows are reported as `file:line:col: EV100 message` and skipped; the rows
    that are fine are still written. Exit status: 0, 1 when a row was malformed or a
    required file is missing, 2 for a usage error.

    \b
    Examples:
      evidence import onet ../shared/data/onet-29.3 -o catalogues/onet
      evidence import esco ../shared/data/esco-1.2.0 -o catalogues/esco
    """
    from schemas.importers import import_esco, import_onet

    result = (import_onet if taxonomy == "onet" else import_esco)(source, out)
    for problem in result.diagnostics:
        click.echo(f"{problem.file}:{problem.line}:{problem.column}: {problem.code} {problem.message}")
    click.echo(result.summary())
    raise SystemExit(0 if result.ok else 1)
