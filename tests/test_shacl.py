"""SHACL: pySHACL on an export, with the shipped shapes, flags exactly what the checker flags."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyshacl import validate

import evidence
from graph.export import export_text
from schemas import load_catalogue
from schemas.artefacts import SHAPES

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
DATA = Path(__file__).resolve().parent.parent / "data"


def shacl_focus(catalogue_path: Path, code: str) -> set[str]:
    """Ids of the records pySHACL reports with a message of the given rule code."""
    data = rdflib.Graph().parse(data=export_text(load_catalogue(catalogue_path), "ntriples"), format="nt")
    conforms, results, _ = validate(data, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    ids = set()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        if str(results.value(result, SH.resultMessage)).startswith(code + " "):
            ids.add(str(results.value(result, SH.focusNode)).rsplit("/", 1)[-1])
    return ids


def checker_ids(catalogue_path: Path, code: str) -> set[str]:
    return {d.id for d in evidence.check(catalogue_path, use_cache=False).diagnostics if d.code == code and d.id}


FAULTY = (
    "sources:\n"
    "  - id: good\n    title: G\n    url: https://journal.example.org/g\n    design: rct\n"
    "  - id: no-url\n    title: N\n    design: survey\n"
    "  - id: blog\n    title: B\n    url: https://medium.com/@a/b\n    design: vendor\n"
    "  - id: private\n    title: P\n    url: http://192.168.1.10/report\n    design: panel\n"
    "  - id: flagged\n    title: F\n    url: https://agg.example.org/x\n    design: survey\n    aggregator: true\n"
    "  - id: mystery\n    title: M\n    url: https://m.example.org/\n    design: horoscope\n"
    "claims:\n"
    "  - id: fine\n    text: a\n    cites: [good, no-url]\n"
    "  - id: unsourced-url\n    text: b\n    cites: [no-url]\n"
    "  - id: aggregator-only\n    text: c\n    cites: [blog, flagged]\n"
    "  - id: private-only\n    text: d\n    cites: [private]\n"
    "  - id: missing-source\n    text: e\n    cites: [nowhere]\n"
    "  - id: no-cites\n    text: f\n"
    "  - id: odd-design\n    text: g\n    cites: [mystery]\n"
)


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    (tmp_path / "a.yaml").write_text(FAULTY)
    return tmp_path


def test_ev202_same_claims_on_fixtures(faulty: Path) -> None:
    expected = {"unsourced-url", "aggregator-only", "private-only", "missing-source"}
    assert checker_ids(faulty, "EV202") == expected
    assert shacl_focus(faulty, "EV202") == expected


def test_ev202_same_claims_on_data() -> None:
    flagged = checker_ids(DATA, "EV202")
    assert len(flagged) == 38
    assert shacl_focus(DATA, "EV202") == flagged


def test_ev201_and_ev205_shapes(faulty: Path) -> None:
    assert shacl_focus(faulty, "EV201") == checker_ids(faulty, "EV201") == {"no-cites"}
    # EV205 is about sources; SHACL also reports a cited id with no source record (EV102 in the checker)
    assert shacl_focus(faulty, "EV205") == checker_ids(faulty, "EV205") | {"nowhere"}


def test_clean_catalogue_conforms(clean_catalogue: Path) -> None:
    data = rdflib.Graph().parse(data=export_text(load_catalogue(clean_catalogue), "ntriples"), format="nt")
    conforms, _, text = validate(data, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert conforms, text
