"""Against a real Oxigraph server on 127.0.0.1: push the catalogue, query it, compare with the local answer."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from graph.export import export_text
from schemas import load_catalogue
from tests.oxigraph_server import oxigraph_server

REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPO / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        result = CliRunner().invoke(main, ["push", str(REPO / "data"), "--endpoint", base + "/store"])
        assert result.exit_code == 0, result.output
        yield base


def answer(*args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, ["query", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def rows(payload: dict) -> list:  # type: ignore[type-arg]
    return sorted(json.dumps(b, sort_keys=True) for b in payload["results"]["bindings"])


def test_push_reports_graphs_and_triples(server: str) -> None:
    result = CliRunner().invoke(main, ["push", str(REPO / "data"), "--endpoint", server + "/store"])
    assert result.exit_code == 0
    assert result.output.startswith("pushed ") and "graphs to " in result.output


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_remote_answers_equal_local_answers(server: str, path: Path) -> None:
    # the server keeps each file in its own named graph: ask it over the union, as the local store does
    text = path.read_text()
    local = answer(str(REPO / "data"), text)
    remote = answer("--endpoint", server + "/query?union-default-graph", text)
    assert rows(remote) == rows(local)


def test_remote_ask_and_construct(server: str) -> None:
    result = CliRunner().invoke(main, ["query", "--endpoint", server + "/query?union-default-graph", "ASK { ?c a ev:Claim }"])
    assert (result.exit_code, result.output) == (0, "true\n")
    construct = "CONSTRUCT { ?c prov:hadPrimarySource ?u } WHERE { ?c prov:hadPrimarySource ?u }"
    remote = CliRunner().invoke(main, ["query", "--endpoint", server + "/query?union-default-graph", construct, "--format", "csv"])
    local = CliRunner().invoke(main, ["query", str(REPO / "data"), construct, "--format", "csv"])
    assert remote.exit_code == local.exit_code == 0
    assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())
    assert len(local.output.splitlines()) == 18  # the claims with a primary URL (data/ has 62 claims, 38 without)


def test_each_data_file_is_a_named_graph_on_the_server(server: str) -> None:
    payload = answer("--endpoint", server + "/query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    graphs = [b["g"]["value"] for b in payload["results"]["bindings"]]
    files = {p.relative_to(REPO / "data").as_posix() for p in (REPO / "data").rglob("*.yaml")}
    assert {g.split("/file/", 1)[1] for g in graphs if "/file/" in g} == files


def test_push_to_one_graph_and_repush_replaces(tmp_path: Path, clean_catalogue: Path) -> None:
    with oxigraph_server(tmp_path / "db") as base:
        graph = "https://careers.example.com/graphs/catalogue"
        result = CliRunner().invoke(main, ["push", str(clean_catalogue), "--endpoint", base + "/store", "--graph", graph])
        assert result.exit_code == 0, result.output
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        before = int(answer("--endpoint", base + "/query", count)["results"]["bindings"][0]["n"]["value"])
        expected = len(export_text(load_catalogue(clean_catalogue), "ntriples").splitlines())
        assert before == expected
        (clean_catalogue / "claims" / "writing.yaml").unlink()
        CliRunner().invoke(main, ["push", str(clean_catalogue), "--endpoint", base + "/store", "--graph", graph])
        after = int(answer("--endpoint", base + "/query", count)["results"]["bindings"][0]["n"]["value"])
        assert after == len(export_text(load_catalogue(clean_catalogue), "ntriples").splitlines()) < before


def test_unreachable_endpoint_is_a_clean_error(tmp_path: Path) -> None:
    from tests.oxigraph_server import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(main, ["query", "--endpoint", url, "ASK {}"])
    assert result.exit_code == 1 and "cannot reach" in result.output + (result.stderr if result.stderr_bytes else "")
    result = CliRunner().invoke(main, ["query", "--endpoint", "http://user:pw@127.0.0.1:1/q", "ASK {}"])
    assert result.exit_code == 2 and "credentials" in result.output


def test_rapper_reads_the_exports_with_the_same_triple_count(tmp_path: Path) -> None:
    rapper = shutil.which("rapper")
    assert rapper, "rapper (Debian raptor2-utils) is installed by the README's test command"
    catalogue = load_catalogue(REPO / "data")
    expected = len(export_text(catalogue, "ntriples").splitlines())
    for fmt, name in (("turtle", "turtle"), ("ntriples", "ntriples")):
        path = tmp_path / f"data.{fmt}"
        path.write_text(export_text(catalogue, fmt))
        proc = subprocess.run([rapper, "-i", name, "-c", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert f"returned {expected} triples" in proc.stderr
