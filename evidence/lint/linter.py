"""``evidence lint``: check rendered pages (HTML, Markdown, plain text) before they go out.

    >>> from evidence.lint import lint
    >>> report = lint(["site/empathy.html"], catalogue="data")
    >>> report.exit_code(), [d.code for d in report.diagnostics]

Each page is read into blocks of text (:mod:`evidence.lint.page`), its statistics,
template holes and bare URLs are found in one scan of the page text (:func:`scan_text`),
and each block holding a statistic is asked whether it is cited
(:mod:`evidence.lint.citations`). Diagnostics are the checker's own type, their file and
line pointing into the page, sorted by place.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, NamedTuple, TypeVar

from evidence.lint.native import scan as _scan
from evidence.lint.citations import BlockEvidence, PageCitations, bare_urls, doi_places, first_use
from evidence.lint.findings import Finding, figures_finding, hole_finding, order_finding, url_finding
from evidence.lint.holes import Hole, find_holes
from evidence.lint.htmlpage import check_skip, extract_html
from evidence.lint.index import SourceIndex, UrlVerdict
from evidence.lint.markdownpage import extract_markdown
from evidence.lint.order import misordered
from evidence.lint.page import Page, sentences
from evidence.lint.report import LintReport, Suppressed, Unused
from evidence.lint.statistics import Statistic, statistic_spans
from evidence.lint.suppress import find_suppressions
from evidence.lint.textpage import extract_text
from schemas.catalogue import Catalogue
from schemas.errors import UsageProblem
from schemas.loader import load_catalogue
from schemas.memory import collector_paused

FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown",
           ".mdown": "markdown", ".txt": "text", ".text": "text"}
RULE_CODES = ["EV301", "EV601", "EV602", "EV603"]
_NOT_BEFORE_HTML = frozenset((".", os.sep, os.altsep or os.sep))
"""What may not stand before a ``.html`` that :func:`_extension` takes for the suffix at once."""
T = TypeVar("T", bound=tuple[Any, ...])
_NOT_PRIMARY = frozenset(("aggregator", "unknown", "invalid"))
"""The verdicts on a cited URL that make an EV603 finding."""


class PageNotFound(UsageProblem, FileNotFoundError):
    """A page path that does not exist (a usage error on the command line, exit 2)."""


@dataclass
class PageResult:
    """What linting one page found: diagnostics, what comments silenced, and the cited URLs."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)
    statistics: int = 0
    cited: int = 0
    urls: list[tuple[int, UrlVerdict]] = field(default_factory=list)
    """Every cited URL checked, with its offset in the page text, in page order."""
    page: Page | None = None

    def url_lines(self) -> list[tuple[int, UrlVerdict]]:
        """The cited URLs with the source line each stands on (worked out on demand)."""
        assert self.page is not None
        return [(self.page.position(offset)[0], verdict) for offset, verdict in self.urls]


def _extension(path: str) -> str:
    """``os.path.splitext(path)[1].lower()``, in a few steps (it is asked once a page)."""
    if path.endswith(".html") and len(path) > 5 and path[-6] not in _NOT_BEFORE_HTML:
        return ".html"  # the usual page: a name that is not all dots, then ".html"
    start = max(path.rfind(os.sep), path.rfind(os.altsep) if os.altsep else -1) + 1
    dot = path.rfind(".")
    return path[dot:].lower() if dot > start and path[start:dot].strip(".") else ""


def page_format(path: str | os.PathLike[str], source: str = "") -> str:
    """``html``, ``markdown`` or ``text``, by file suffix, else by a look at the content."""
    fmt = FORMATS.get(_extension(os.fspath(path)))
    if fmt is None:
        head = source[:512].lstrip().lower()
        fmt = "html" if head.startswith(("<!doctype html", "<html", "<body", "<head")) else "text"
    return fmt


def extract(source: str, fmt: str, skip: str | None = None) -> Page:
    """The page of ``source`` read as ``fmt``, without the HTML elements the CSS selector
    ``skip`` matches (in HTML pages and Markdown's raw HTML)."""
    if fmt == "html":
        page = extract_html(source, skip=skip)
        assert page is not None
        return page
    if fmt == "markdown":
        return extract_markdown(source, skip)
    return extract_text(source)


def scan_text(text: str) -> tuple[list[tuple[int, int, str, str | None]], list[tuple[int, int, str, str]],
                                  list[tuple[int, int]], list[int]]:
    """A page text's statistics (start, end, kind, text), template holes and bare URL
    spans, as plain tuples, and where ``doi:`` stands in it: one call of the compiled
    scanner when it is built (one pass for all). A statistic's text is always
    ``text[start:end].rstrip()``; the compiled scanner leaves it None, for
    :func:`_statistic` to make only for the few a finding quotes."""
    if _scan is not None:
        return _scan.scan_page(text, False)  # type: ignore[no-any-return]
    return (statistic_spans(text), [tuple(h) for h in find_holes(text)], bare_urls(text),  # type: ignore[return-value]
            doi_places(text))


def _statistic(text: str, found: tuple[int, int, str, str | None]) -> Statistic:
    """A statistic of :func:`scan_text` with its text."""
    start, end, kind, written = found
    return Statistic(start, end, kind, written if written is not None else text[start:end].rstrip())


def _outside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect_right(starts, offset) - 1
    return i < 0 or offset >= spans[i][1]


def _outside_spans(found: list[T], spans: list[tuple[int, int]]) -> list[T]:
    """The items of ``found`` (tuples whose first item is an offset, in order) outside every
    span of ``spans`` (bare URLs, by start; see :func:`_outside`); ``found`` itself when
    none is inside."""
    if not spans or not found:
        return found
    if _scan is not None:
        return _scan.outside_spans(found, spans)  # type: ignore[no-any-return]
    starts = [s for s, _ in spans]
    kept = [item for item in found if _outside(spans, starts, item[0])]
    return found if len(kept) == len(found) else kept


def _by_block(found: list[tuple[int, int, str, str | None]], starts: list[int]) -> dict[int, list[tuple[int, int, str, str | None]]]:
    """Statistics (in page order) by the block they stand in."""
    if _scan is not None:
        return _scan.group_by_block(found, starts)  # type: ignore[no-any-return]
    groups: dict[int, list[tuple[int, int, str, str | None]]] = {}
    for statistic in found:
        groups.setdefault(bisect_right(starts, statistic[0]) - 1, []).append(statistic)
    return groups


def _checked_urls(checked: dict[int, UrlVerdict]) -> tuple[list[tuple[int, UrlVerdict]], list[tuple[int, UrlVerdict]]]:
    """The cited URLs checked (by offset) in page order, and those of them whose verdict
    makes an EV603 finding (:data:`_NOT_PRIMARY`)."""
    if _scan is not None:
        return _scan.checked_urls(checked, _NOT_PRIMARY)  # type: ignore[no-any-return]
    urls = sorted(checked.items())
    return urls, [item for item in urls if item[1].status in _NOT_PRIMARY]


def _catalogue_uses(checked: dict[int, UrlVerdict], uses: dict[str, int]) -> set[str]:
    """The ids of the sources the checked URLs are, and each primary URL's first offset
    put in ``uses`` (:func:`first_use`): what EV301 takes from them."""
    if _scan is not None:
        return _scan.catalogue_uses(checked, uses)  # type: ignore[no-any-return]
    for offset, verdict in checked.items():
        if verdict.status == "primary":
            first_use(uses, verdict.url, offset)
    return {v.source for v in checked.values() if v.source}


def lint_page(source: str, file: str, fmt: str, index: SourceIndex, skip: str | None = None) -> PageResult:
    """Lint one page's text; ``file`` is the name diagnostics print; ``skip``, a CSS selector
    of the HTML elements to leave out (a comments section, ads: see :func:`lint`)."""
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    page = extract(source, fmt, skip)
    result = PageResult(file, [], [], [], 0, 0, [], None)
    statistics, holes, url_spans, dois = scan_text(page.text)
    citations = PageCitations(page, index, url_spans, dois)
    spans = citations.url_spans()
    statistics = _outside_spans(statistics, spans)  # figures inside a bare URL are not figures
    by_block = _by_block(statistics, page.starts)
    checked: dict[int, UrlVerdict] = {}  # every cited URL's verdict, by its offset
    # each primary URL's first use by a statistic (url -> offset), for EV301: kept only with a catalogue
    uses: dict[str, int] | None = {} if index.catalogue is not None else None
    evidence_seen: list[BlockEvidence] = []
    findings = result.findings
    # the common cases first: a link or URL in the block itself, or in its credit line, cites its figures
    cited, rest = citations.cite_by_own_links(by_block, checked, uses, credits=True)
    for block in rest:
        found = by_block[block]
        own = citations.own(block)
        evidence = [own]
        if not own.cited and (credit := citations.credit(block, by_block)) is not None:
            evidence.append(credit)
        if not any(item.cited for item in evidence) and (around := citations.surroundings(block, by_block)) is not None:
            evidence.append(around)  # a table's caption or source line, a list's lead-in, a heading's paragraph
        evidence_seen.extend(evidence)
        any_cited = False
        for item in evidence:
            any_cited = any_cited or item.cited
            for offset, verdict in item.urls:
                if offset not in checked:
                    checked[offset] = verdict
                if uses is not None and verdict.status == "primary":
                    first_use(uses, verdict.url, found[0][0])
        if any_cited:
            cited += len(found)
            continue
        own_names, credited = own.attributions, [a for item in evidence[1:] for a in item.attributions]
        for start, end in sentences(page.text, page.starts[block], page.ends[block]):
            here = [_statistic(page.text, s) for s in found if start <= s[0] < end]
            if here:
                named = [a for a in own_names if start <= a.start < end] or credited
                findings.append(figures_finding(page, file, block, here, named, index))
    result.cited = cited
    citations.footnotes()
    if citations.reference_blocks:
        citations.check_urls(sorted(citations.reference_blocks), checked)
    result.urls, flagged = _checked_urls(checked)
    for offset, verdict in flagged:  # the finding is the URL's block's
        findings.append(url_finding(page, file, page.block_at(offset), offset, verdict))
    for hole in _outside_spans(holes, spans):  # nor holes
        findings.append(hole_finding(page, file, Hole._make(hole)))
    if uses is not None:  # a catalogue
        sources = _catalogue_uses(checked, uses)  # and each primary URL's first place in uses
        sources.update(a.sources[0] for item in evidence_seen for a in item.attributions if len(a.sources) == 1)
        for later, earlier in misordered(page, index, sources, uses):
            findings.append(order_finding(page, file, later, earlier))
    result.statistics = len(statistics)
    result.page = page
    _suppress(page, result)
    return result


def _suppress(page: Page, result: PageResult) -> None:
    comments = find_suppressions(page)
    if not comments.comments:
        return
    kept = []
    for finding in result.findings:
        d = finding.diagnostic
        comment = comments.find(d.code, finding.block)
        if comment is None:
            kept.append(finding)
            continue
        comment.used += 1
        result.suppressed.append(Suppressed(d.code, d.file, d.line, d.column, d.message, comment.line))
    result.findings = kept
    result.unused = [Unused(result.file, c.line, c.text) for c in comments.comments if not c.used]


def _suffix(name: str) -> str:
    """``PurePath(name).suffix.lower()``: from the last dot, unless the name starts or ends there."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Whether a folder entry is a file, or a link to one (False where it cannot be told)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def folder_pages(folder: str) -> list[tuple[str, ...]]:
    """The pages in ``folder`` and its subfolders, as paths relative to it (a tuple of
    names each), in order: what ``sorted(p.relative_to(folder).parts for p in
    Path(folder).rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)`` gives, and
    as ``rglob`` does, folders behind symbolic links are not entered and unreadable ones
    are skipped. Read with :func:`os.scandir`, whose entries tell a file from a folder
    without a ``stat`` each (``is_file`` asked ``stat`` once a page)."""
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(folder, ())]
    while pending:
        current, parts = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        for entry in entries:
            try:
                inside = entry.is_dir(follow_symlinks=False)
            except OSError:
                inside = False
            if inside:
                pending.append((entry.path, (*parts, entry.name)))
            elif _suffix(entry.name) in FORMATS and _is_file(entry):
                found.append((*parts, entry.name))
    found.sort()
    return found


def _pages(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[str, str, int]]:
    """(name shown, path, size or -1) of every page: the files given, with the size their
    ``stat`` gave (so reading them needs no ``fstat``), and the pages in the folders given
    (:func:`folder_pages`); one ``stat`` a path given."""
    found: list[tuple[str, str, int]] = []
    for raw in paths:
        shown = os.fspath(raw)
        try:
            info = os.stat(shown)
        except (OSError, ValueError):
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            prefix = shown.rstrip("/")
            for parts in folder_pages(shown):
                found.append((f"{prefix}/{'/'.join(parts)}", os.path.join(shown, *parts), -1))
        elif info is not None and stat.S_ISREG(info.st_mode):
            found.append((shown, shown, info.st_size))
        else:
            raise PageNotFound(f"no page at {shown!r}")
    return found


PARALLEL_PAGES = 64
"""Below this many pages a run stays in one process: starting workers would cost more than it saves."""


class _Outcome(NamedTuple):
    """What one page contributes to the report (small, so workers send it back cheaply; a
    named tuple: one is made a page)."""

    diagnostics: list[Any]
    suppressed: list[Suppressed]
    unused: list[Unused]
    statistics: int
    cited: int
    urls: int


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)
"""How a page is opened: read only, and on Windows without newline translation (asking
``os`` for ``O_BINARY`` on every page cost 1.6 µs where it is missing)."""


def read_bytes(path: str | os.PathLike[str], size: int = -1) -> bytes:
    """A file's bytes in four system calls (``open``, ``fstat``, one ``read`` of its size
    and one byte more, ``close``) where ``open(path, "rb").read()`` makes nine (it also asks
    whether the file is a terminal, seeks twice, looks at its size again, and reads once
    more to see the end): the five saved were 4% to 7% of linting a benchmark page. Given
    the ``size`` a ``stat`` of the path just gave, in three (no ``fstat``). A file that
    grew meanwhile is read to its end; one that shrank, to its end too."""
    fd = os.open(path, _READ_FLAGS)
    try:
        if size < 0:
            size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)  # a short read of a regular file is its end
        if len(data) > size:  # it grew, or it is not a regular file: read on to the end
            chunks = [data]
            while more := os.read(fd, 1 << 16):
                chunks.append(more)
            data = b"".join(chunks)
    finally:
        os.close(fd)
    return data


def _lint_file(shown: str, path: str, size: int, index: SourceIndex, skip: str | None) -> _Outcome:
    source = read_bytes(path, size).decode("utf-8", errors="replace").removeprefix("\ufeff")
    result = lint_page(source, shown, page_format(path, source), index, skip)
    return _Outcome([f.diagnostic for f in result.findings], result.suppressed, result.unused, result.statistics,
                    result.cited, len(result.urls))


_WORKER: tuple[SourceIndex, str | None] | None = None
"""The source index and skip selector a forked worker inherited from the process that started it."""


def _lint_chunk(chunk: list[tuple[str, str, int]]) -> list[_Outcome]:
    assert _WORKER is not None
    index, skip = _WORKER
    with collector_paused():
        return [_lint_file(shown, path, size, index, skip) for shown, path, size in chunk]


def jobs_for(jobs: int | None, pages: int) -> int:
    """How many processes lint ``pages`` pages: ``jobs`` if given (0 or None: one per CPU),
    but one for fewer than :data:`PARALLEL_PAGES` pages or where processes cannot be forked."""
    if jobs is not None and jobs < 0:
        raise UsageProblem(f"--jobs must be 0 (one per CPU) or more, not {jobs}")
    wanted = jobs or os.cpu_count() or 1
    if wanted <= 1 or pages < PARALLEL_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(wanted, pages // (PARALLEL_PAGES // 2))


def _outcomes(pages: list[tuple[str, str, int]], index: SourceIndex, jobs: int,
              skip: str | None = None) -> Iterator[_Outcome]:
    """Each page's outcome, in page order, from this process or from ``jobs`` forked workers."""
    global _WORKER
    if jobs <= 1:
        with collector_paused():  # pages make many short-lived objects and no cycles worth a collection
            for shown, path, size in pages:
                yield _lint_file(shown, path, size, index, skip)
        return
    size = max(1, -(-len(pages) // (jobs * 4)))
    chunks = [pages[i:i + size] for i in range(0, len(pages), size)]
    _WORKER = (index, skip)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for outcomes in pool.imap(_lint_chunk, chunks):  # in order: the report is the same as one process's
                yield from outcomes
    finally:
        _WORKER = None


def lint(paths: Iterable[str | os.PathLike[str]], catalogue: str | os.PathLike[str] | Catalogue | None = None,
         jobs: int | None = 1, skip: str | None = None) -> LintReport:
    """Lint rendered pages (files, or folders of ``.html``, ``.md`` and ``.txt`` files).

    With a ``catalogue`` (a loaded one, or its folder), attributions are resolved to its
    sources, cited URLs must be its primary sources (EV603) and claim order is checked
    (EV301). ``jobs`` processes share the pages (0 or None: one per CPU; see
    :func:`jobs_for`); the report is the same whatever the number. ``skip``: a CSS selector
    of the elements of HTML pages to leave out, as hidden ones are (a comments section, ads,
    a newsletter box: ``"#comments, .ad"``). Raises :class:`PageNotFound` for a missing page,
    :class:`schemas.CatalogueNotFound` for a missing catalogue folder and
    :class:`schemas.errors.UsageProblem` for a ``skip`` lexbor cannot read.
    """
    check_skip(skip)
    if catalogue is not None and not isinstance(catalogue, Catalogue):
        catalogue = load_catalogue(catalogue)
    index = SourceIndex.build(catalogue)
    pages = _pages(paths)
    workers = jobs_for(jobs, len(pages))
    report = LintReport(catalogue.root if catalogue is not None else "", [], {}, list(RULE_CODES), files=len(pages))
    diagnostics, suppressed, unused = report.diagnostics, report.suppressed, report.unused
    statistics = cited = urls = 0
    for found, silenced, unused_here, statistics_here, cited_here, urls_here in _outcomes(pages, index, workers, skip):
        diagnostics.extend(found)
        if silenced:
            suppressed.extend(silenced)
        if unused_here:
            unused.extend(unused_here)
        statistics += statistics_here
        cited += cited_here
        urls += urls_here
    report.counts = {"pages": len(pages), "statistics": statistics, "cited": cited, "urls": urls}
    report.diagnostics.sort(key=lambda d: d.sort_key())
    report.suppressed.sort(key=lambda s: (s.file, s.line, s.column, s.code))
    return report
