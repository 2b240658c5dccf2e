"""Remote SPARQL: the SPARQL 1.1 Protocol for queries and the Graph Store Protocol for pushing.

The path for catalogues that outgrow one process: push the same graph to Oxigraph server,
Apache Jena Fuseki, Virtuoso, QLever or GraphDB, and query it there. Endpoints are the
user's own servers, so private and loopback hosts are allowed here (unlike source URLs);
credentials in the URL are refused, and every request has connect and read timeouts.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests

from graph.rdf import Statement
from graph.sparql import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryResult, QueryTimeout, _collect
from schemas.errors import UsageProblem
from schemas.vocab import PREFIXES

USER_AGENT = "evidence-graph (+https://evidence.example/)"
ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples",
    "DESCRIBE": "application/n-triples",
}


class EndpointError(Exception):
    """An endpoint that cannot be reached or answers with an error; the message says which."""


def check_endpoint(url: str) -> str:
    """An http(s) endpoint URL without credentials, or :class:`UsageProblem`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageProblem(f"the endpoint {url!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise UsageProblem("the endpoint URL carries credentials; they never go on a command line")
    return url


def _post(url: str, **kwargs: object) -> requests.Response:
    try:
        response = requests.request(**{"method": "POST", "url": url, **kwargs})  # type: ignore[arg-type]
    except requests.Timeout:
        raise QueryTimeout(f"{url} did not answer within the time limit") from None
    except requests.RequestException as exc:
        raise EndpointError(f"cannot reach {url}: {exc.__class__.__name__}") from None
    if response.status_code >= 400:
        raise EndpointError(f"{url} answered {response.status_code}: {response.text[:300].strip()}")
    return response


def with_prefixes(text: str) -> str:
    """The query with the predeclared prefixes declared in it, for servers that do not know them.

    A query's own PREFIX lines come later and win (SPARQL lets a prologue redeclare a prefix).
    """
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items()) + text


def run_remote(endpoint: str, text: str, form: str, *, timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
    """Send a checked query to a SPARQL 1.1 endpoint and read its answer like a local one."""
    started = time.perf_counter()
    response = _post(check_endpoint(endpoint), data=with_prefixes(text).encode(), timeout=(min(10.0, timeout), timeout),
                     headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT[form], "User-Agent": USER_AGENT})
    results: Any
    try:
        if form in ("CONSTRUCT", "DESCRIBE"):
            results = (q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        else:
            results = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        result = _collect(results, form, max_rows)
    except SyntaxError as exc:
        raise EndpointError(f"{endpoint} answered something that is not SPARQL results: {exc}") from None
    result.seconds = time.perf_counter() - started
    return result


def push(statements: list[Statement], endpoint: str, *, graph: str | None = None, timeout: float = 300.0) -> dict[str, int]:
    """PUT the catalogue through the SPARQL 1.1 Graph Store Protocol; returns triples per graph.

    With ``graph``, every statement goes into that one graph. Without it, each data
    file's statements replace its own named graph and the provenance replaces the default
    graph, so pushing again after an edit removes what the edit removed.
    """
    check_endpoint(endpoint)
    groups: dict[str, set[str]] = {}
    for g, line in statements:
        groups.setdefault(graph if graph is not None else g, set()).add(line)
    sent: dict[str, int] = {}
    for name in sorted(groups):
        body = ("\n".join(sorted(groups[name])) + "\n").encode()
        params = {"graph": name} if name else {"default": ""}
        try:
            response = requests.put(endpoint, params=params, data=body, timeout=(10.0, timeout),
                                    headers={"Content-Type": "application/n-triples", "User-Agent": USER_AGENT})
        except requests.RequestException as exc:
            raise EndpointError(f"cannot reach {endpoint}: {exc.__class__.__name__}") from None
        if response.status_code >= 400:
            raise EndpointError(f"{endpoint} refused graph {name or '(default)'}: {response.status_code} {response.text[:300].strip()}")
        sent[name] = len(groups[name])
    return sent
