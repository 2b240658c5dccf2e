"""``evidence lint``: check rendered pages before they go out, in the same CI step as ``evidence check``."""

from __future__ import annotations

import click

from cli.errors import library_errors

FORMATS = ("text", "json", "github")  # evidence.render.FORMATS; the library is imported when the command runs


@click.command()
@click.argument("pages", nargs=-1, required=True, metavar="PAGE...", type=click.Path(exists=True))
@click.option("--catalogue", metavar="DIR", type=click.Path(),
              help="Resolve attributions and cited URLs against this catalogue; check claim order (EV301).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: path:line:col: CODE message; json: one object; github: Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
              help="Processes to lint with; 0: one per CPU (runs of fewer than 64 pages use one). "
                   "The output is the same whatever N.")
@click.option("--skip", "skips", multiple=True, metavar="CSS",
              help="Leave out of HTML pages the elements this CSS selector matches, as hidden ones are: "
                   "a comments section, ads, a newsletter box (repeatable: '--skip \"#comments\" --skip .ad').")
def lint(pages: tuple[str, ...], catalogue: str | None, fmt: str, strict: bool, jobs: int,
         skips: tuple[str, ...]) -> None:
    """Lint rendered PAGEs (.html, .md, .txt files, or folders of them): uncited statistics
    (EV601), template holes (EV602), cited URLs that are not primary sources (EV603), claims
    in weaker-before-stronger order (EV301, with --catalogue).

    Exit status: 0 every page may go out (warnings allowed), 1 errors found (or, with
    --strict, warnings), 2 usage error, or a page or catalogue that does not exist.
    Silence a finding with <!-- evidence: ignore[EV601] --> in the page; the summary
    lists every finding silenced.

    \b
    Examples:
      evidence lint site/ --catalogue data
      evidence lint page.html --format github
      evidence lint site/ --skip "#comments" --skip ".newsletter, .ad"
      evidence lint site/ --jobs 1
    """
    from evidence.lint import lint as lint_pages
    from evidence.render import render

    with library_errors():
        report = lint_pages(pages, catalogue=catalogue, jobs=jobs, skip=", ".join(skips) if skips else None)
    click.echo(render(report, fmt), nl=False)
    raise SystemExit(report.exit_code(strict))
