"""SPARQL: read-only queries with a time limit and a row cap, on the embedded store or a remote endpoint.

Safety is decided on the parsed query algebra (rdflib's SPARQL parser), never by
pattern-matching the text: SPARQL resolves ``\\u0053ERVICE`` to ``SERVICE`` before
parsing, and so does this check. Refused unless explicitly allowed: updates (INSERT,
DELETE, LOAD, CLEAR, ... — always refused: the tool is read-only), ``SERVICE`` (a query
that makes network calls), and ``FROM`` / ``FROM NAMED`` (a query that picks its own
dataset, which an endpoint may fetch). The verdict is cached per query text, so a repeat
query does not pay for the parser again.

Time limit: pyoxigraph releases the GIL while it evaluates, but cannot cancel a query;
the query runs in a worker thread and :class:`QueryTimeout` is raised when the limit
passes (the command line then exits the process, which stops the engine).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from schemas.digest import cache_dir
from schemas.errors import UsageProblem
from schemas.files import write_atomic
from schemas.vocab import PREFIXES

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000


class QueryRefused(UsageProblem):
    """A query the tool will not run (an update, SERVICE, FROM) or cannot parse."""


class QueryTimeout(Exception):
    """A query that did not finish within its time limit."""


@dataclass(frozen=True)
class Verdict:
    """What the safety check found: the query form, or why it is refused."""

    form: str | None
    refusal: str | None


@dataclass
class QueryResult:
    """The answer to a query: variables and rows, a boolean, or triples; and whether the cap cut it."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    seconds: float = 0.0


def _walk(node: Any) -> Any:
    """Every algebra node below ``node`` (rdflib CompValues, lists, dicts)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):  # CompValue is an OrderedDict subclass
            yield current
            stack.extend(current.values())
        elif isinstance(current, (list, tuple, set)):
            stack.extend(current)


def _analyse(text: str, allow_service: bool, allow_dataset: bool) -> Verdict:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            return Verdict(None, f"not a valid SPARQL query: {exc.msg} (line {exc.lineno}, column {exc.col})")
        return Verdict(None, "updates (INSERT, DELETE, LOAD, CLEAR, DROP, ...) are refused: queries are read-only")
    try:
        query = translateQuery(parsed, initNs=PREFIXES)
    except Exception as exc:  # rdflib raises plain Exceptions for unknown prefixes and the like
        return Verdict(None, f"not a valid SPARQL query: {exc}")
    algebra = query.algebra
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}.get(algebra.name)
    if form is None:
        return Verdict(None, f"unsupported query form {algebra.name}")
    nodes = list(_walk(algebra))
    if not allow_service and any(getattr(n, "name", None) == "ServiceGraphPattern" for n in nodes):
        return Verdict(None, "SERVICE is refused: a query must not make network calls (allow it with --allow-service)")
    # CompValue.get answers a missing key with the key itself; ask the plain dict
    if not allow_dataset and dict.get(algebra, "datasetClause"):
        return Verdict(None, "FROM and FROM NAMED are refused: the dataset is the catalogue (allow them with --allow-dataset)")
    return Verdict(form, None)


def check_query(text: str, *, allow_service: bool = False, allow_dataset: bool = False, use_cache: bool = True) -> str:
    """The form of a query that may run (SELECT, ASK, CONSTRUCT, DESCRIBE); raises :class:`QueryRefused`."""
    key = hashlib.sha256(json.dumps([text, allow_service, allow_dataset, 1]).encode()).hexdigest()
    path = cache_dir() / "queries" / f"{key}.json"
    verdict: Verdict | None = None
    if use_cache:
        try:
            verdict = Verdict(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            verdict = None
    if verdict is None:
        verdict = _analyse(text, allow_service, allow_dataset)
        if use_cache:
            try:
                write_atomic(path, json.dumps({"form": verdict.form, "refusal": verdict.refusal}))
            except OSError:
                pass
    if verdict.refusal or verdict.form is None:
        raise QueryRefused(verdict.refusal or "refused")
    return verdict.form


def _collect(results: Any, form: str, max_rows: int) -> QueryResult:
    result = QueryResult(form)
    if form == "ASK":
        result.boolean = bool(results)
        return result
    if form in ("CONSTRUCT", "DESCRIBE"):
        for triple in results:
            if len(result.triples) == max_rows:
                result.truncated = True
                break
            result.triples.append(triple)
        return result
    result.variables = [v.value for v in results.variables]
    for solution in results:
        if len(result.rows) == max_rows:
            result.truncated = True
            break
        result.rows.append(tuple(solution[v] for v in result.variables))
    return result


def run_local(store: ox.Store, text: str, form: str, *, timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
    """Evaluate a checked query on a store, every data file's graph in the default graph."""
    outcome: dict[str, Any] = {}

    def evaluate() -> None:
        try:
            results = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
            outcome["result"] = _collect(results, form, max_rows)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    started = time.perf_counter()
    worker = threading.Thread(target=evaluate, name="sparql", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"the query did not finish within {timeout:g} s (--timeout)")
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, SyntaxError):
            raise QueryRefused(f"not a valid SPARQL query: {error}") from None
        raise error
    result: QueryResult = outcome["result"]
    result.seconds = time.perf_counter() - started
    return result
