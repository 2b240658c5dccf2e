"""RDF exports: golden files, parsing back to the same graph, determinism, atomic writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from cli.main import main
from graph.export import RDF_FORMATS, SUFFIXES, export, export_text
from graph.rdfio import RdfInputError, parse_rdf
from schemas import load_catalogue

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("EVIDENCE_REGENERATE_GOLDEN") == "1"
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}


@pytest.fixture
def catalogue(clean_catalogue: Path):  # type: ignore[no-untyped-def]
    # run from the catalogue's parent so file IRIs do not depend on tmp paths
    return load_catalogue(clean_catalogue)


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_golden_files(catalogue, fmt: str) -> None:  # type: ignore[no-untyped-def]
    text = export_text(catalogue, fmt)
    golden = GOLDEN / f"clean{SUFFIXES[fmt]}"
    if REGENERATE:
        golden.write_text(text)
    expected = golden.read_text()
    if fmt == "turtle":
        assert isomorphic(rdflib.Graph().parse(data=text, format="turtle"), rdflib.Graph().parse(data=expected, format="turtle"))
    else:
        assert text == expected, f"run with EVIDENCE_REGENERATE_GOLDEN=1 and review the diff of {golden.name}"


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_every_export_parses_back_to_the_same_graph(catalogue, fmt: str) -> None:  # type: ignore[no-untyped-def]
    reference = {q.triple for q in parse_rdf(export_text(catalogue, "ntriples").encode(), "ntriples")}
    quads = parse_rdf(export_text(catalogue, fmt).encode(), fmt)
    assert {q.triple for q in quads} == reference
    # and an independent parser (rdflib) agrees on the triple count
    if fmt in ("trig", "nquads"):
        ds = rdflib.Dataset()
        ds.parse(data=export_text(catalogue, fmt), format=RDFLIB_FORMATS[fmt])
        assert len({(s, p, o) for s, p, o, _ in ds.quads()}) == len(reference)
    else:
        assert len(rdflib.Graph().parse(data=export_text(catalogue, fmt), format=RDFLIB_FORMATS[fmt])) == len(reference)


def test_named_graph_per_data_file(catalogue) -> None:  # type: ignore[no-untyped-def]
    quads = parse_rdf(export_text(catalogue, "nquads").encode(), "nquads")
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    base = "https://evidence.example/id/"
    assert graphs == {base + "ladder", base + "file/claims/writing.yaml", base + "file/occupations.yaml",
                      base + "file/pages.csv", base + "file/sources.yaml"}
    provenance = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph) and q.subject.value == base + "file/pages.csv"]
    predicates = {q.predicate.value.rsplit("#", 1)[-1] for q in provenance}
    assert {"path", "sha256", "type"} <= predicates


def test_export_is_independent_of_file_order_and_location(tmp_path: Path, clean_catalogue: Path) -> None:
    other = tmp_path / "elsewhere" / "copy"
    files = sorted(p for p in clean_catalogue.rglob("*") if p.is_file())
    for path in reversed(files):
        target = other / path.relative_to(clean_catalogue)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    for fmt in RDF_FORMATS:
        assert export_text(load_catalogue(other), fmt) == export_text(load_catalogue(clean_catalogue), fmt)


def test_primary_url_and_aggregator_provenance(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "sources:\n"
        "  - id: study\n    title: S\n    url: https://journal.example.org/a\n    design: rct\n"
        "  - id: blog\n    title: B\n    url: https://medium.com/@x/post\n    design: vendor\n"
        "  - id: bad\n    title: X\n    url: http://127.0.0.1/x\n    design: survey\n"
        "claims:\n  - id: c\n    text: t\n    cites: [study, blog, bad]\n"
    )
    nt = export_text(load_catalogue(tmp_path), "ntriples")
    claim = "<https://evidence.example/id/claim/c>"
    assert f"{claim} <http://www.w3.org/ns/prov#hadPrimarySource> <https://journal.example.org/a> ." in nt
    assert f"{claim} <http://www.w3.org/ns/prov#wasDerivedFrom> <https://medium.com/@x/post> ." in nt
    assert '<https://evidence.example/id/source/bad> <https://evidence.example/ns#rawUrl> "http://127.0.0.1/x" .' in nt
    assert "<http://127.0.0.1/x>" not in nt


def test_base_iri_from_config(tmp_path: Path, clean_catalogue: Path) -> None:
    (clean_catalogue / "evidence.toml").write_text('base_iri = "https://careers.example.com/kg/"\n')
    nt = export_text(load_catalogue(clean_catalogue), "ntriples")
    assert "<https://careers.example.com/kg/claim/writing-time>" in nt
    assert "https://evidence.example/id/" not in nt


def test_cli_export_writes_atomically(clean_catalogue: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "out.ttl"
    out.write_text("old")
    result = CliRunner().invoke(main, ["export", str(clean_catalogue), "--format", "turtle", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("@prefix cito:")
    assert [p.name for p in out.parent.iterdir()] == ["out.ttl"]  # no temporary left behind
    result = CliRunner().invoke(main, ["export", str(clean_catalogue), "--format", "yaml"])
    assert result.exit_code == 2


def test_hostile_rdf_is_refused() -> None:
    xml = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    with pytest.raises(RdfInputError, match="DOCTYPE"):
        parse_rdf(xml, "rdfxml")
    for context in ("http://127.0.0.1:9/context.jsonld", "file:///etc/passwd"):
        doc = ('{"@context": "%s", "@id": "http://a.example/", "name": "x"}' % context).encode()
        with pytest.raises(RdfInputError, match="never fetched"):
            parse_rdf(doc, "jsonld")
    with pytest.raises(RdfInputError, match="not valid turtle"):
        parse_rdf(b"<a> <b> .", "turtle")
