"""``evidence``: check a catalogue of claims before publishing, rank its evidence, list its rules."""

from __future__ import annotations

import json

import click

from cli.errors import library_errors

FORMATS = ("text", "json", "github")  # evidence.render.FORMATS; the library is imported when a command runs
CATALOGUE = click.argument("catalogue", default="data", metavar="[CATALOGUE]")


def _codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="evidence")
def main() -> None:
    """Keep a catalogue of claims honest: every claim traced to a primary URL, evidence ranked
    by study design (RCT > panel > survey > vendor).

    \b
    Start with:
      evidence check data          check the shipped catalogue (exit 1 when a claim cannot be published)
      evidence rules               every rule code, its severity and what it finds
      evidence rank --page ID      a page's claims, strongest evidence first
    """


@main.command()
@CATALOGUE
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: path:line:col: CODE message; json: one object; github: Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (EV2,EV301). Repeatable.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes. Repeatable.")
@click.option("--no-cache", is_flag=True, help="Recheck even if no file changed since the last run.")
@click.option("--online", is_flag=True, help="Also verify sources over the network: URLs, DOIs, retractions, quotes (EV401-EV407).")
@click.option("--refresh", is_flag=True, help="With --online: ask the servers again instead of the HTTP cache.")
@click.option("--timeout", type=click.FloatRange(min=0.1, max=600), metavar="SECONDS",
              help="With --online: connect and read timeout of every request (default: evidence.toml, else 5 and 15).")
@click.option("--allow-private", is_flag=True, help="Accept private, loopback and link-local hosts (an intranet catalogue).")
@click.option("--per-host", type=click.IntRange(1, 64), metavar="N", help="With --online: requests in flight to one host (default 4).")
@click.option("--jobs", "-j", type=click.IntRange(1, 512), metavar="N", help="With --online: requests in flight in all (default 32).")
def check(catalogue: str, fmt: str, strict: bool, select: tuple[str, ...], ignore: tuple[str, ...], no_cache: bool,
          online: bool, refresh: bool, timeout: float | None, allow_private: bool, per_host: int | None, jobs: int | None) -> None:
    """Check CATALOGUE (default: data) and refuse what must not be published.

    Exit status: 0 nothing blocks publishing (warnings allowed), 1 errors found (or, with
    --strict, warnings) or no claim was checked, 2 usage error or no such catalogue.

    \b
    Examples:
      evidence check data
      evidence check data --select EV2 --format github
      evidence check data --ignore EV305 --strict
      evidence check data --online --timeout 10
    """
    import os
    import sys
    from typing import Any

    import evidence
    from evidence.online import OnlineOptions
    from evidence.online.report import render_online

    if not online and (refresh or timeout is not None or per_host is not None or jobs is not None):
        raise click.UsageError("--refresh, --timeout, --per-host and --jobs need --online")
    options = OnlineOptions(refresh=refresh, timeout=timeout, per_host=per_host, workers=jobs) if online else None
    bars: list[Any] = []  # a progress bar on a terminal only: not in CI, not under --format json

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label="Verifying sources online", file=sys.stderr))
        bars[0].update(done - bars[0].pos)

    show = online and fmt != "json" and not os.environ.get("CI") and sys.stderr.isatty()
    with library_errors():
        report = evidence.check(catalogue, select=_codes(select), ignore=_codes(ignore), use_cache=not no_cache,
                                online=options or False, allow_private=allow_private, progress=progress if show else None)
    if bars:
        bars[0].render_finish()
    click.echo(render_online(report, fmt), nl=False)
    raise SystemExit(report.exit_code(strict))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every rule: its code, severity and what it finds."""
    import evidence  # noqa: F401  (registers every rule)
    from evidence.registry import RULES

    if fmt == "json":
        payload = [{"code": r.code, "severity": r.severity, "summary": r.summary} for r in RULES.values()]
        click.echo(json.dumps(sorted(payload, key=lambda r: r["code"]), indent=2))
        return
    for code in sorted(RULES):
        rule = RULES[code]
        click.echo(f"{code}  {rule.severity:<7}  {rule.summary}")


@main.command()
@CATALOGUE
@click.option("--occupation", metavar="ID", help="Claims about this occupation.")
@click.option("--page", metavar="ID", help="Claims this page shows (with their position on the page).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rank(catalogue: str, occupation: str | None, page: str | None, fmt: str) -> None:
    """List claims strongest evidence first, each with its design and primary URL.

    Without --occupation or --page, every claim of the catalogue is ranked.

    \b
    Example:
      evidence rank data --page empathy-for-ml-engineer
    """
    if occupation and page:
        raise click.UsageError("give --occupation or --page, not both")
    import evidence
    from schemas import load_catalogue

    with library_errors():
        ranked = evidence.rank_claims(load_catalogue(catalogue), occupation=occupation, page=page)
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in ranked], indent=2, sort_keys=True, ensure_ascii=False))
        return
    if not ranked:
        click.echo("no claims")
        return
    for number, item in enumerate(ranked, start=1):
        s = item.strength
        design = f"{s.design} (rank {s.rank})" if s.rank is not None else "no known design"
        url = s.url.text if s.url else "NO PRIMARY URL"
        shown = f"  [shown #{item.shown_at}]" if item.shown_at else ""
        click.echo(f"{number:>3}. {item.claim.id}: {design}, {url}{shown}")
        click.echo(f"     {item.claim.text}")


from cli.export import export  # noqa: E402  (commands in their own modules)
from cli.query import push, query  # noqa: E402

main.add_command(export)
main.add_command(query)
main.add_command(push)


from cli.lint import lint  # noqa: E402  (a command of its own module, added after the others)
main.add_command(lint)

from cli.related import related  # noqa: E402

main.add_command(related)

from cli.importer import import_command  # noqa: E402

main.add_command(import_command)
