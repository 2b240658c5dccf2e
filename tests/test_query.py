"""SPARQL on the embedded store: results, formats, refusals, time limit, row cap, store cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from graph.sparql import QueryRefused, QueryTimeout, check_query, run_local
from graph.store import build_store, open_store

REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPO / "queries").glob("*.rq"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["query", *args])
    return result.exit_code, result.output


def test_select_table_and_csv(clean_catalogue: Path) -> None:
    query = "SELECT ?design (COUNT(?s) AS ?n) WHERE { ?s ev:design/skos:notation ?design } GROUP BY ?design ORDER BY ?design"
    code, out = run(str(clean_catalogue), query)
    assert code == 0
    assert out.splitlines() == ["design  n", "------  -", "panel   1", "rct     1", "survey  1", "3 rows"]
    result = CliRunner().invoke(main, ["query", str(clean_catalogue), query, "--format", "csv"])
    assert result.stdout_bytes == b"design,n\r\npanel,1\r\nrct,1\r\nsurvey,1\r\n"  # SPARQL CSV results use CRLF


def test_json_results_and_ask(clean_catalogue: Path) -> None:
    code, out = run(str(clean_catalogue), "SELECT ?c WHERE { ?c prov:hadPrimarySource <https://survey.example.org/report?edition=2025> }", "--format", "json")
    assert code == 0
    assert json.loads(out) == {"head": {"vars": ["c"]}, "results": {"bindings": [
        {"c": {"type": "uri", "value": "https://evidence.example/id/claim/employer-survey"}}]}}
    code, out = run(str(clean_catalogue), "ASK { ?c a ev:Claim ; ev:status 'draft' }")
    assert (code, out) == (0, "false\n")


def test_construct_prints_rdf(clean_catalogue: Path) -> None:
    code, out = run(str(clean_catalogue), "CONSTRUCT { ?c prov:hadPrimarySource ?u } WHERE { ?c prov:hadPrimarySource ?u }", "--format", "tsv")
    assert code == 0
    assert len(out.splitlines()) == 3 and all(line.endswith(" .") for line in out.splitlines())


@pytest.mark.parametrize("query", [
    "INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "DELETE WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://169.254.169.254/> { ?s ?p ?o } } }",
    "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?s WHERE { ?s nope:x ?o }",
    "this is not SPARQL",
])
def test_refused_queries_exit_2_and_run_nothing(clean_catalogue: Path, query: str) -> None:
    code, out = run(str(clean_catalogue), query)
    assert code == 2
    assert "Traceback" not in out
    with pytest.raises(QueryRefused):
        check_query(query, use_cache=False)


def test_service_and_dataset_can_be_allowed_explicitly() -> None:
    assert check_query("SELECT * WHERE { SERVICE <http://e.example/> { ?s ?p ?o } }", allow_service=True, use_cache=False) == "SELECT"
    assert check_query("SELECT * FROM <http://e.example/g> WHERE { ?s ?p ?o }", allow_dataset=True, use_cache=False) == "SELECT"


def test_refusal_verdict_is_cached_and_still_refused(clean_catalogue: Path) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    for _ in range(2):
        with pytest.raises(QueryRefused):
            check_query(query)


def test_row_cap_says_it_cut(clean_catalogue: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(clean_catalogue), "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "5", "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[:1] == ["s"] and "cut at 5 rows (--max-rows)" in result.output
    assert len([l for l in result.output.splitlines() if l.startswith("http")]) == 5


def test_time_limit_stops_a_slow_query() -> None:
    lines = "".join(f"<http://e.example/s{i}> <http://e.example/p> \"{i % 50}\" .\n" for i in range(20000))
    store = build_store(lines)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a <http://e.example/p> ?x . ?b <http://e.example/p> ?x . ?c <http://e.example/p> ?x }"
    with pytest.raises(QueryTimeout):
        run_local(store, slow, "SELECT", timeout=0.5)


def test_cli_time_limit_exits_1(tmp_path: Path) -> None:
    rows = "".join(f"  - id: s{i}\n    title: T{i % 40}\n" for i in range(3000))
    (tmp_path / "a.yaml").write_text("sources:\n" + rows)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a dcterms:title ?t . ?b dcterms:title ?t . ?c dcterms:title ?t }"
    proc = subprocess.run([sys.executable, "-m", "cli", "query", str(tmp_path), slow, "--timeout", "1"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "did not finish within 1 s" in proc.stderr


def test_second_query_reuses_the_cached_store(clean_catalogue: Path) -> None:
    _, first = open_store(clean_catalogue)
    del _
    store, second = open_store(clean_catalogue)
    assert (first, second) == (False, True)
    assert bool(store.query("ASK { ?c a <https://evidence.example/ns#Claim> }", use_default_graph_as_union=True))
    (clean_catalogue / "claims" / "more.yaml").write_text("claims:\n  - id: extra\n    text: x\n    cites: [skills-survey]\n")
    _, third = open_store(clean_catalogue)
    assert third is False  # an edit is a new catalogue


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_saved_queries_run_on_data(path: Path) -> None:
    code, out = run(str(REPO / "data"), "-f", str(path), "--format", "json")
    assert code == 0, out
    assert "results" in json.loads(out)


def test_saved_queries_answer_the_editors_questions() -> None:
    def ids(name: str, var: str) -> set[str]:
        _, out = run(str(REPO / "data"), "-f", str(REPO / "queries" / name), "--format", "json")
        return {b[var]["value"].rsplit("/", 1)[-1] for b in json.loads(out)["results"]["bindings"] if var in b}

    import evidence
    ev202 = {d.id for d in evidence.check(REPO / "data", use_cache=False).diagnostics if d.code == "EV202"}
    assert ids("claims-without-primary-url.rq", "claim") == ev202
    assert "ml-engineer" not in ids("occupations-without-experiments.rq", "occupation")  # Noy & Zhang is an RCT about it
    assert "data-scientist" in ids("occupations-without-experiments.rq", "occupation")


def test_documented() -> None:
    text = (REPO / "docs" / "queries.md").read_text()
    for path in QUERIES:
        assert f"queries/{path.name}" in text, f"{path.name} is not documented in docs/queries.md"
