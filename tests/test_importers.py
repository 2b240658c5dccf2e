"""Importers on excerpts of the real O*NET 29.3 and ESCO 1.2.0 files: round trips, bad rows, codes as strings."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from schemas import load_catalogue
from schemas.importers import import_esco, import_onet
from schemas.importers.writer import MANIFEST, scalar, slugify, unique_slugs
from schemas.yamlread import read_yaml

FIXTURES = Path(__file__).parent / "fixtures"
ONET = FIXTURES / "onet-excerpt"
ESCO = FIXTURES / "esco-excerpt"


def rows(path: Path, delimiter: str = "\t") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


@pytest.fixture(scope="module")
def onet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("onet")
    result = import_onet(ONET, out)
    assert result.diagnostics == []
    return out


@pytest.fixture(scope="module")
def esco(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("esco")
    result = import_esco(ESCO, out)
    assert result.diagnostics == []
    return out


# O*NET round trip ----------------------------------------------------------------------

def test_onet_catalogue_loads_without_findings(onet: Path) -> None:
    catalogue = load_catalogue(onet)
    assert catalogue.diagnostics == []
    source = rows(ONET / "Occupation Data.txt")
    assert len(catalogue.occupations) == len(source) == 7
    assert len(catalogue.tasks) == len(rows(ONET / "Task Statements.txt"))


def test_onet_codes_titles_and_descriptions_are_kept_exactly(onet: Path) -> None:
    catalogue = load_catalogue(onet)
    by_code = {o.codes.onet: o for o in catalogue.occupations.values()}
    for row in rows(ONET / "Occupation Data.txt"):
        occupation = by_code[row["O*NET-SOC Code"]]
        assert occupation.title == row["Title"]
        assert occupation.description == row["Description"]
        assert occupation.codes.soc == row["O*NET-SOC Code"][:7]
    scientists = by_code["15-2051.00"]
    assert scientists.id == "data-scientists"
    assert scientists.family == "Computer and Mathematical"
    assert scientists.codes.onet == "15-2051.00" and isinstance(scientists.codes.onet, str)


def test_onet_ratings_round_trip(onet: Path) -> None:
    catalogue = load_catalogue(onet)
    by_code = {o.codes.onet: o for o in catalogue.occupations.values()}
    for name, category in (("Skills.tsv", "skill"), ("Knowledge.tsv", "knowledge")):
        for row in rows(ONET / name):
            occupation = by_code[row["O*NET-SOC Code"]]
            links = {catalogue.skills[link.skill].title: link for link in occupation.skill_links()
                     if catalogue.skills[link.skill].category == category}
            link = links[row["Element Name"]]
            value = link.importance if row["Scale ID"] == "IM" else link.level
            assert value == float(row["Data Value"])
    # "Mathematics" is a skill and a knowledge area: two records, told apart by category
    assert catalogue.skills["mathematics"].category == "skill"
    assert catalogue.skills["mathematics-knowledge"].category == "knowledge"
    assert catalogue.skills["mathematics"].description  # from Content Model Reference


def test_onet_job_zones_tasks_tools_and_titles(onet: Path) -> None:
    catalogue = load_catalogue(onet)
    by_code = {o.codes.onet: o for o in catalogue.occupations.values()}
    for row in rows(ONET / "Job Zones.txt"):
        assert by_code[row["O*NET-SOC Code"]].job_zone == int(row["Job Zone"])
    assert by_code["15-1299.00"].job_zone is None  # no job zone in the release: none invented
    for row in rows(ONET / "Task Statements.txt"):
        task = catalogue.tasks[f"task-{row['Task ID']}"]
        assert task.title == row["Task"]
        assert task.occupation == by_code[row["O*NET-SOC Code"]].id
        assert task.category == (row["Task Type"] or None)
    for row in rows(ONET / "Technology Skills.txt"):
        tools = {catalogue.skills[link.skill].title for link in by_code[row["O*NET-SOC Code"]].skill_links()}
        assert row["Example"] in tools
    for row in rows(ONET / "Alternate Titles.tsv"):
        assert row["Alternate Title"] in by_code[row["O*NET-SOC Code"]].aliases
    for row in rows(ONET / "Sample of Reported Titles.txt"):
        occupation = by_code[row["O*NET-SOC Code"]]
        assert row["Reported Job Title"] in occupation.aliases or row["Reported Job Title"].casefold() in {
            a.casefold() for a in occupation.aliases} | {occupation.title.casefold()}


def test_onet_quoted_task_statements_keep_their_quotes(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ONET, source)
    with (source / "Task Statements.txt").open("a", encoding="utf-8") as handle:
        handle.write('15-2041.00\tStatisticians\t99999\t"Conduct ""head counts"" of votes."\tCore\t95.0\t08/2023\tAnalyst\n')
    assert import_onet(source, tmp_path / "out").diagnostics == []
    assert load_catalogue(tmp_path / "out").tasks["task-99999"].title == 'Conduct "head counts" of votes.'


# ESCO round trip -----------------------------------------------------------------------

def test_esco_catalogue_loads_and_keeps_uris_and_isco_codes(esco: Path) -> None:
    catalogue = load_catalogue(esco)
    assert catalogue.diagnostics == []
    source = rows(ESCO / "occupations_en.csv", ",")
    by_uri = {o.codes.esco: o for o in catalogue.occupations.values()}
    assert len(by_uri) == len(source) == 7
    for row in source:
        occupation = by_uri[row["conceptUri"]]
        assert occupation.codes.isco == row["iscoGroup"]
        assert occupation.title == row["preferredLabel"]
        assert set(occupation.aliases) == {a.strip() for a in row["altLabels"].split("\n") if a.strip()} - {row["preferredLabel"]}


def test_esco_isco_code_with_a_leading_zero_stays_a_string(esco: Path) -> None:
    officer = load_catalogue(esco).occupations["armed-forces-officer"]
    assert officer.codes.isco == "0110"
    assert officer.family == "Commissioned armed forces officers"
    text = next((esco / "occupations").glob("isco-0-*.yaml")).read_text()
    assert 'isco: "0110"' in text  # quoted, so no YAML tool reads it as 110 (or octal)


def test_esco_skills_keep_their_relation(esco: Path) -> None:
    catalogue = load_catalogue(esco)
    by_uri = {o.codes.esco: o for o in catalogue.occupations.values()}
    titles = {sid: skill.title for sid, skill in catalogue.skills.items()}
    expected: dict[tuple[str, str], str] = {}
    for row in rows(ESCO / "occupation_skill_relations_from_profiles.tsv"):
        key = (row["occupationUri"], row["skillLabel"].strip())  # a few labels end with a space
        if expected.get(key) != "essential":  # the release lists a few skills twice: essential wins
            expected[key] = row["relationType"]
    found = {(uri, titles[link.skill]): link.relation for uri, o in by_uri.items() for link in o.skill_links()}
    assert found == expected


# Output: deterministic, atomic, re-importable ----------------------------------------------

def test_imports_are_byte_identical(tmp_path: Path) -> None:
    for importer, source in ((import_onet, ONET), (import_esco, ESCO)):
        first, second = tmp_path / f"{source.name}-1", tmp_path / f"{source.name}-2"
        importer(source, first)
        importer(source, second)
        files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
        assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
        for name in files:
            assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_reimport_removes_only_its_own_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    import_onet(ONET, out)
    (out / "occupations" / "99-old-group.yaml").write_text("occupations: []\n")
    (out / "pages.yaml").write_text("pages: []\n")  # the editor's own file
    manifest = (out / MANIFEST).read_text()
    (out / MANIFEST).write_text(manifest.replace('"files": [', '"files": [\n    "occupations/99-old-group.yaml",'))
    import_onet(ONET, out)
    assert not (out / "occupations" / "99-old-group.yaml").exists()
    assert (out / "pages.yaml").exists()


def test_yaml_scalars_and_slugs() -> None:
    assert scalar("Chief Executives") == "Chief Executives"
    assert scalar("null") == '"null"' and scalar("0110") == '"0110"' and scalar("a: b") == '"a: b"'
    awkward = 'tab\there, quote " and back\\slash\x7f'
    assert read_yaml("x: " + scalar(awkward) + "\n") == {"x": awkward}
    assert slugify("C++") == "c-plus-plus" and slugify("C#") == "c-sharp" and slugify("Nurse's Aide") == "nurses-aide"
    assert unique_slugs([("b", "Same"), ("a", "Same")]) == {"a": "same", "b": "same-2"}


# Malformed input ---------------------------------------------------------------------------

def broken_onet(tmp_path: Path, name: str, extra: str) -> Path:
    source = tmp_path / "src"
    shutil.copytree(ONET, source, dirs_exist_ok=True)
    with (source / name).open("a", encoding="utf-8") as handle:
        handle.write(extra)
    return source


@pytest.mark.parametrize("name, extra, message", [
    ("Skills.tsv", "15-2041.00\tStatisticians\t2.A.1.a\tReading Comprehension\tIM\n", "the row has 5 fields, the header 15"),
    ("Skills.tsv", "15-2041.00\tStatisticians\t2.A.1.z\tX\tIM\tImportance\tfour\t8\t0\t0\t0\tN\t\t08/2023\tAnalyst\n", "IM value of 2.A.1.z 'four' is not a number"),
    ("Job Zones.txt", "15-2041.00\tStatisticians\t9\t08/2023\tAnalyst\n", "job zone '9' of 15-2041.00 is not one of 1-5"),
    ("Job Zones.txt", "1.52041E+1\tStatisticians\t4\t08/2023\tAnalyst\n", "'1.52041E+1' is not an O*NET-SOC code (like 15-2051.00)"),
    ("Task Statements.txt", "99-9999.00\tNobody\t1\tDo things.\tCore\t1\t08/2023\tAnalyst\n", "O*NET-SOC code '99-9999.00' is not in Occupation Data"),
    ("Occupation Data.txt", "15-2041.00\tStatisticians again\tDuplicate.\n", "O*NET-SOC code 15-2041.00 is defined twice"),
])
def test_onet_malformed_rows_are_reported_with_file_and_line(tmp_path: Path, name: str, extra: str, message: str) -> None:
    source = broken_onet(tmp_path, name, extra)
    line = (source / name).read_text(encoding="utf-8").count("\n")
    result = import_onet(source, tmp_path / "out")
    assert [(d.code, d.file, d.line, d.message) for d in result.diagnostics] == [("EV100", f"{source.as_posix()}/{name}", line, message)]
    assert load_catalogue(tmp_path / "out").diagnostics == []  # the good rows still import


def test_onet_unclosed_quote_and_bad_encoding(tmp_path: Path) -> None:
    source = broken_onet(tmp_path, "Alternate Titles.tsv", '15-2041.00\tStatisticians\t"Unclosed\t\t08\n')
    (source / "Sample of Reported Titles.txt").write_bytes(b"O*NET-SOC Code\tTitle\tReported Job Title\tShown in My Next Move\n15-2041.00\tStatisticians\tStat\xe9\tY\n")
    found = {Path(d.file).name: (d.line, d.message) for d in import_onet(source, tmp_path / "out").diagnostics}
    assert found["Alternate Titles.tsv"] == (157, "not a valid row: unexpected end of data")  # the quote ran to the end
    assert found["Sample of Reported Titles.txt"][1].startswith("not UTF-8 text")


def test_missing_column_and_missing_file(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    result = import_onet(source, tmp_path / "out")
    assert [d.message for d in result.diagnostics] == ["no 'Occupation Data.txt' in the O*NET folder"]
    (source / "Occupation Data.txt").write_text("Code\tTitle\n15-2041.00\tStatisticians\n")
    result = import_onet(source, tmp_path / "out")
    assert result.diagnostics[0].line == 1 and "no column 'O*NET-SOC Code'" in result.diagnostics[0].message


def test_esco_malformed_rows(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ESCO, source)
    with (source / "occupation_skill_relations_from_profiles.tsv").open("a", encoding="utf-8") as handle:
        handle.write("http://data.europa.eu/esco/occupation/nope\tnobody\tessential\tthinking\n")
        handle.write(f"{rows(ESCO / 'occupations_en.csv', ',')[0]['conceptUri']}\tx\trequired\tthinking\n")
    with (source / "occupations_en.csv").open("a", encoding="utf-8") as handle:
        handle.write("Occupation,http://data.europa.eu/esco/occupation/bad,110,bad code,,,released,,,,,,,1\n")
    result = import_esco(source, tmp_path / "out")
    assert sorted(d.message for d in result.diagnostics) == [
        "ISCO group '110' of http://data.europa.eu/esco/occupation/bad is not a four-digit ISCO-08 unit group code",
        "occupation 'http://data.europa.eu/esco/occupation/nope' is not in occupations_en.csv",
        "relation type 'required' is neither essential nor optional",
    ]
    assert all(d.line > 1 for d in result.diagnostics)


# The command -------------------------------------------------------------------------------

def test_import_command(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["import", "onet", str(ONET), "-o", str(tmp_path / "onet")])
    assert result.exit_code == 0, result.output
    assert result.output == f"Imported 7 occupations, {len(load_catalogue(tmp_path / 'onet').skills)} skills, 120 tasks into {tmp_path / 'onet'} (4 files).\n"
    result = runner.invoke(main, ["import", "esco", str(ESCO), "-o", str(tmp_path / "esco")])
    assert result.exit_code == 0, result.output


def test_import_command_exits_1_on_malformed_rows(tmp_path: Path) -> None:
    source = broken_onet(tmp_path, "Job Zones.txt", "15-2041.00\tStatisticians\tfive\t08/2023\tAnalyst\n")
    result = CliRunner().invoke(main, ["import", "onet", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{source.as_posix()}/Job Zones.txt:8:0: EV100 job zone 'five' of 15-2041.00 is not one of 1-5"
    assert "1 malformed rows reported" in result.output


def test_import_command_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["import", "isco", str(ONET), "-o", str(tmp_path)]).exit_code == 2
    assert runner.invoke(main, ["import", "onet", str(tmp_path / "missing"), "-o", str(tmp_path)]).exit_code == 2
    assert runner.invoke(main, ["import", "onet", str(ONET)]).exit_code == 2
