"""The related-role engine: explanations that name real shared skills, determinism, top-k, no orphans."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from graph.related import RelatedRoles, UnknownOccupation, as_json, as_text, related_roles
from graph.text import stem
from graph.text import words as text_words
from schemas import load_catalogue
from schemas.importers import import_esco, import_onet
from rulehelpers import write_catalogue

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def onet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("related") / "onet"
    import_onet(FIXTURES / "onet-excerpt", out)
    return out


def by_id(entries: list[RelatedRoles]) -> dict[str, RelatedRoles]:
    return {entry.id: entry for entry in entries}


def top_skills(code: str, name: str, count: int) -> list[str]:
    """An occupation's most important elements, read straight from the release excerpt."""
    with (FIXTURES / "onet-excerpt" / name).open(encoding="utf-8", newline="") as handle:
        rated = [(float(r["Data Value"]), r["Element Name"]) for r in csv.DictReader(handle, delimiter="\t")
                 if r["O*NET-SOC Code"] == code and r["Scale ID"] == "IM"]
    return [name for _value, name in sorted(rated, key=lambda r: -r[0])[:count]]


# Explanations on real data ----------------------------------------------------------------

def test_nurses_are_each_others_closest_role_and_the_reason_names_real_shared_skills(onet: Path) -> None:
    entries = by_id(related_roles(load_catalogue(onet), k=3))
    nurses = entries["registered-nurses"]
    assert nurses.related[0].id == "licensed-practical-and-licensed-vocational-nurses"
    reasons = nurses.related[0].reasons
    skills = next(r for r in reasons if r.startswith("shares") and "most important skills" in r)
    count, named = int(skills.split()[1]), skills.split(": ", 1)[1].replace(", ...", "").split(", ")
    rn, lpn = top_skills("29-1141.00", "Skills.tsv", 10), top_skills("29-2061.00", "Skills.tsv", 10)
    shared = set(rn) & set(lpn)
    assert count >= len(shared) - 1  # ties at the 10th place may fall either way; nothing else
    assert set(named) <= shared and len(named) == min(count, 4)
    knowledge = next(r for r in reasons if "knowledge areas" in r)
    assert "Medicine and Dentistry" in knowledge
    assert "same SOC major group 29" in reasons


def test_statisticians_and_data_scientists_share_a_minor_group_and_tasks(onet: Path) -> None:
    related = {link.id: link for link in by_id(related_roles(load_catalogue(onet), k=6))["statisticians"].related}
    link = related["data-scientists"]
    assert "same SOC minor group 15-20" in link.reasons
    words = next(r for r in link.reasons if r.startswith("tasks and descriptions share the terms: ")).split(": ", 1)[1].split(", ")
    catalogue = load_catalogue(onet)
    for oid in ("statisticians", "data-scientists"):
        text = " ".join([catalogue.occupations[oid].description or ""] + [t.title for t in catalogue.tasks.values() if t.occupation == oid])
        assert {stem(w) for w in words} <= {stem(w) for w in text_words(text)}, (oid, words)  # "results" may be "resulting" there
    assert any(r.startswith("one job zone down (5 to 4)") for r in link.reasons)


def test_titles_in_common_are_real_titles_of_both(onet: Path) -> None:
    catalogue = load_catalogue(onet)
    for entry in related_roles(catalogue, k=6):
        for link in entry.related:
            for reason in link.reasons:
                if reason.startswith("titles in common: "):
                    names = reason.split(": ", 1)[1].replace(", ...", "").split(", ")
                    for name in names:
                        for oid in (entry.id, link.id):
                            occupation = catalogue.occupations[oid]
                            assert name.casefold() in {t.casefold() for t in [occupation.title, *occupation.aliases]}


def test_esco_reasons_name_shared_skills(tmp_path: Path) -> None:
    import_esco(FIXTURES / "esco-excerpt", tmp_path / "esco")
    catalogue = load_catalogue(tmp_path / "esco")
    link = next(l for l in by_id(related_roles(catalogue, k=6))["data-scientist"].related if l.id == "statistician")
    sentence = next(r for r in link.reasons if r.startswith("shares"))
    mine = {catalogue.skills[s.skill].title for s in catalogue.occupations["data-scientist"].skills}
    theirs = {catalogue.skills[s.skill].title for s in catalogue.occupations["statistician"].skills}
    assert f"shares {len(mine & theirs)} skills" in sentence
    named = sentence.split("among them ", 1)[1].split(" (")[0].split(", ")
    assert set(named) <= mine & theirs


def test_declared_adjacency_and_shared_claims_are_reasons(tmp_path: Path) -> None:
    related = {link.id: link for link in by_id(related_roles(load_catalogue(DATA), k=10))["ml-engineer"].related}
    assert {"ai-research-scientist", "data-scientist", "mlops-engineer"} <= set(related)
    assert "declared adjacent by ml-engineer" in related["data-scientist"].reasons
    assert any(r.startswith("2 claims are about both: ") for r in related["data-scientist"].reasons)
    back = {link.id: link for link in by_id(related_roles(load_catalogue(DATA), k=10))["data-scientist"].related}
    assert back["ml-engineer"].score == related["data-scientist"].score  # every signal is symmetric


# Ranking rules ----------------------------------------------------------------------------

TWINS = """
occupations:
  - {id: zeta, title: Zeta Analyst, skills: [a, b, c]}
  - {id: beta, title: Beta Analyst, skills: [a, b, c]}
  - {id: alpha, title: Alpha Analyst, skills: [a, b, c]}
  - {id: lone, title: Lone Welder, skills: [d]}
skills:
  - {id: a, title: A}
  - {id: b, title: B}
  - {id: c, title: C}
  - {id: d, title: D}
"""


def test_ties_break_by_id_no_self_links_and_k(tmp_path: Path) -> None:
    entries = related_roles(load_catalogue(write_catalogue(tmp_path, TWINS)), k=2)
    assert [e.id for e in entries] == ["alpha", "beta", "lone", "zeta"]
    found = by_id(entries)
    assert [l.id for l in found["zeta"].related] == ["alpha", "beta"]
    assert found["zeta"].related[0].score == found["zeta"].related[1].score
    assert found["lone"].related == ()  # shares nothing: no link rather than a made-up one
    for entry in entries:
        assert entry.id not in {l.id for l in entry.related} and len(entry.related) <= 2
        scores = [l.score for l in entry.related]
        assert scores == sorted(scores, reverse=True)


CHAIN = """
occupations:
  - {id: hub, title: Data Hub, skills: [a, b, c, d]}
  - {id: one, title: Data One, skills: [a, b, c]}
  - {id: two, title: Data Two, skills: [a, b, d]}
  - {id: three, title: Data Three, skills: [b, c, d]}
  - {id: edge, title: Edge Case, skills: [d, e]}
skills:
  - {id: a, title: A}
  - {id: b, title: B}
  - {id: c, title: C}
  - {id: d, title: D}
  - {id: e, title: E}
"""


def inbound(entries: list[RelatedRoles]) -> dict[str, int]:
    counts = {e.id: 0 for e in entries}
    for entry in entries:
        for link in entry.related:
            counts[link.id] += 1
    return counts


def test_min_inbound_leaves_no_orphans(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_catalogue(tmp_path, CHAIN))
    plain = related_roles(catalogue, k=1)
    assert 0 in inbound(plain).values()
    fixed = related_roles(catalogue, k=1, min_inbound=1)
    assert min(inbound(fixed).values()) >= 1
    added = [(e.id, l.id) for e in fixed for l in e.related if any(r.startswith("added so that") for r in l.reasons)]
    assert added and all(len(by_id(fixed)[source].related) >= 1 for source, _ in added)
    assert related_roles(catalogue, k=1, min_inbound=1) == fixed  # deterministic


def test_only_one_occupation_and_empty_catalogues(tmp_path: Path) -> None:
    one = write_catalogue(tmp_path, "occupations:\n  - {id: solo, title: Solo}\n", name="one")
    assert [(e.id, e.related) for e in related_roles(load_catalogue(one))] == [("solo", ())]
    empty = write_catalogue(tmp_path, "skills:\n  - {id: a, title: A}\n", name="empty")
    assert related_roles(load_catalogue(empty)) == []
    with pytest.raises(UnknownOccupation):
        related_roles(load_catalogue(one), occupation="nobody")
    with pytest.raises(ValueError):
        related_roles(load_catalogue(one), weights={"astrology": 1.0})


# Determinism and output ----------------------------------------------------------------------

def test_same_output_whatever_the_order_of_files(onet: Path, tmp_path: Path) -> None:
    first = as_json(related_roles(load_catalogue(onet), k=4, min_inbound=1))
    moved = tmp_path / "moved"
    shutil.copytree(onet, moved)
    groups = sorted((moved / "occupations").glob("*.yaml"))
    groups[0].rename(moved / "zz-last.yaml")  # read last instead of first
    groups[1].rename(moved / "occupations" / "00-first.yaml")
    assert as_json(related_roles(load_catalogue(moved), k=4, min_inbound=1)) == first
    assert as_json(related_roles(load_catalogue(onet), k=4, min_inbound=1)) == first


def test_json_shape_of_design_section_7(onet: Path) -> None:
    payload = json.loads(as_json(related_roles(load_catalogue(onet), k=2)))
    assert [e["id"] for e in payload] == sorted(e["id"] for e in payload)
    for entry in payload:
        assert set(entry) == {"id", "title", "codes", "related"}
        assert set(entry["codes"]) == {"soc", "onet", "isco", "esco"}
        for link in entry["related"]:
            assert set(link) == {"id", "title", "codes", "score", "reasons"}
            assert 0 < link["score"] <= 1 and all(isinstance(r, str) and r for r in link["reasons"])


def test_text_output(tmp_path: Path) -> None:
    text = as_text(related_roles(load_catalogue(write_catalogue(tmp_path, TWINS)), k=1))
    assert text.splitlines()[:4] == ["alpha  Alpha Analyst", "   1. beta  Beta Analyst  1.000",
                                     "        - titles share the words: analyst", "        - shares 3 skills: A, B, C"]
    assert "lone  Lone Welder\n    (no related role: it shares nothing with any other)" in text


def test_related_command(onet: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["related", str(onet), "--occupation", "statisticians", "-k", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [e["id"] for e in payload] == ["statisticians"] and len(payload[0]["related"]) == 3
    assert payload[0]["codes"]["onet"] == "15-2041.00"
    assert runner.invoke(main, ["related", str(onet), "--occupation", "nobody"]).exit_code == 2
    assert runner.invoke(main, ["related", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(main, ["related", str(onet), "-k", "-1"]).exit_code == 2


def test_related_command_exits_1_on_a_broken_file_but_still_ranks(tmp_path: Path) -> None:
    root = write_catalogue(tmp_path, TWINS)
    (root / "broken.yaml").write_text("occupations: [\n")
    result = CliRunner().invoke(main, ["related", str(root), "-k", "1"])
    assert result.exit_code == 1
    assert "alpha  Alpha Analyst" in result.stdout
    assert "broken.yaml:" in result.stderr and "EV100" in result.stderr
