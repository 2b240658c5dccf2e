"""The catalogue loader on hostile and broken input (DESIGN sections 3, 4 and 9).

Every test writes a small catalogue below ``tmp_path``, loads it by the relative path
``cat`` (so diagnostics name files as ``cat/<name>``) and asserts the exact code, file,
line, column and the meaningful words of each diagnostic.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas import Catalogue, CatalogueNotFound, Diagnostic, load_catalogue
from schemas.models import Source
from schemas.tree import YMap
from schemas.yamlread import read_yaml

SKILL = "skills:\n  - id: k\n    title: K\n"


@pytest.fixture
def cat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty catalogue directory, reachable as the relative path ``cat``."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "cat"
    root.mkdir()
    return root


def write(root: Path, name: str, content: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load(root: Path) -> Catalogue:
    return load_catalogue(root.name)


def only(catalogue: Catalogue) -> Diagnostic:
    """The one diagnostic a catalogue must carry."""
    assert len(catalogue.diagnostics) == 1, catalogue.diagnostics
    return catalogue.diagnostics[0]


def place(d: Diagnostic) -> tuple[str, str, str, int, int]:
    return (d.code, d.severity, d.file, d.line, d.column)


def nothing_loaded(catalogue: Catalogue) -> bool:
    return all(not records for records in catalogue.records.values())


# --- YAML safety ------------------------------------------------------------------------


def test_python_tag_is_refused_and_never_executed(cat: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write(cat, "a.yaml", f"sources:\n  - id: a\n    title: !!python/object/apply:os.system ['touch {marker}']\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 3, 12)
    assert "tags are not allowed" in d.message
    assert "python/object/apply:os.system" in d.message
    assert not marker.exists()
    assert nothing_loaded(catalogue)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("sources:\n  - id: a\n    title: !!str 2023\n", 3, 12, "tags are not allowed"),
        ("sources:\n  - id: a\n    title: !local x\n", 3, 12, "(!local)"),
    ],
    ids=["core-tag", "local-tag"],
)
def test_every_tag_is_refused(cat: Path, text: str, line: int, column: int, words: str) -> None:
    write(cat, "a.yaml", text)
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", line, column)
    assert words in d.message


def test_anchor_is_refused(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: &t Title\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 3, 12)
    assert "anchors are not allowed (&t)" in d.message


def test_anchor_on_a_record_is_refused(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - &rec\n    id: a\n    title: T\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 2, 5)
    assert "anchors are not allowed (&rec)" in d.message


def test_alias_is_refused_even_without_an_anchor_in_the_file(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: *t\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert d.code == "EV100" and d.file == "cat/a.yaml"
    assert d.line == 3


def test_billion_laughs_is_refused_at_the_first_anchor(cat: Path) -> None:
    lines = ['a: &a ["lol","lol"]'] + [f"{c}: &{c} [*{p},*{p},*{p}]" for p, c in zip("abcdefgh", "bcdefghi")]
    write(cat, "a.yaml", "\n".join(lines) + "\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 1, 4)
    assert "anchors are not allowed (&a)" in d.message


# --- duplicate keys: EV103 at the second key -------------------------------------------


def test_duplicate_yaml_key_points_at_the_second_key(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: T\n    year: 2020\n    title: U\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV103", "error", "cat/a.yaml", 5, 5)
    assert "duplicate key 'title'" in d.message
    assert "first at line 3" in d.message
    assert nothing_loaded(catalogue)


def test_duplicate_top_level_kind_in_yaml(cat: Path) -> None:
    write(cat, "a.yaml", SKILL + "skills:\n  - id: j\n    title: J\n")
    d = only(load(cat))
    assert place(d) == ("EV103", "error", "cat/a.yaml", 4, 1)
    assert "duplicate key 'skills'" in d.message and "first at line 1" in d.message


def test_duplicate_key_differing_only_in_quoting_is_still_a_duplicate(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: T\n    \"title\": U\n")
    d = only(load(cat))
    assert place(d) == ("EV103", "error", "cat/a.yaml", 4, 5)


def test_duplicate_json_key_points_at_the_second_key(cat: Path) -> None:
    write(cat, "a.json", '{"sources": [\n  {"id": "a",\n   "title": "T",\n   "title": "U"}\n]}\n')
    d = only(load(cat))
    assert place(d) == ("EV103", "error", "cat/a.json", 4, 4)
    assert "duplicate key 'title'" in d.message
    assert "first at line 3" in d.message


def test_duplicate_csv_column(cat: Path) -> None:
    write(cat, "sources.csv", "id,title,year,title\na,T,2020,U\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV103", "error", "cat/sources.csv", 1, 4)
    assert "column 'title' appears twice" in d.message
    assert nothing_loaded(catalogue)


# --- unknown fields and wrong types: EV100 at the field ----------------------------------


def test_unknown_field_points_at_itself_with_a_suggestion(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: T\n    year: 2020\n      \n    pubisher: Science\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 6, 5)
    assert (d.kind, d.id) == ("sources", "a")
    assert "unknown field 'pubisher'" in d.message
    assert "did you mean 'publisher'?" in d.message
    assert "a" not in catalogue.sources  # never silently dropped


def test_unknown_field_in_json_points_at_itself(cat: Path) -> None:
    write(cat, "a.json", '{"skills": [\n  {"id": "k",\n   "titel": "K"}\n]}\n')
    diagnostics = load(cat).diagnostics
    unknown = [d for d in diagnostics if "unknown field" in d.message]
    assert len(unknown) == 1
    assert place(unknown[0]) == ("EV100", "error", "cat/a.json", 3, 4)
    assert "'titel'" in unknown[0].message and "did you mean 'title'?" in unknown[0].message


def test_capitalised_unknown_field_is_named_and_placed(cat: Path) -> None:
    # "Year:" for "year:" is the commonest typo an editor makes
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: T\n    Year: 2020\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 4, 5)
    assert "unknown field 'Year'" in d.message
    assert "did you mean 'year'?" in d.message


def test_unknown_field_inside_a_citation_points_at_itself(cat: Path) -> None:
    write(
        cat,
        "a.yaml",
        "sources:\n  - id: s\n    title: T\nclaims:\n  - id: c\n    text: X\n    cites:\n      - source: s\n        qoute: hi\n",
    )
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 9, 9)
    assert (d.kind, d.id) == ("claims", "c")
    assert "unknown field 'cites.0.qoute'" in d.message
    assert "s" in catalogue.sources and "c" not in catalogue.claims


def test_wrong_type_points_at_the_field(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: T\n    year: soon\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 4, 5)
    assert (d.kind, d.id) == ("sources", "a")
    assert "field 'year'" in d.message and "valid integer" in d.message


def test_wrong_type_in_a_list_item_points_at_the_item(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: T\n    authors:\n      - Noy\n      - [Zhang]\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 6, 9)
    assert "field 'authors.1'" in d.message


def test_missing_required_field_points_at_the_record(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    year: 2020\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 2, 5)
    assert "missing required field 'title'" in d.message


def test_bad_slug_id_is_refused(cat: Path) -> None:
    write(cat, "a.yaml", "skills:\n  - id: Machine_Learning\n    title: ML\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 2, 5)
    assert "field 'id'" in d.message
    assert not catalogue.skills


def test_only_the_bad_record_is_dropped(cat: Path) -> None:
    write(cat, "a.yaml", "skills:\n  - id: a\n    title: A\n  - id: b\n    title: [B]\n  - id: c\n    title: C\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 5, 5)
    assert d.id == "b"
    assert list(catalogue.skills) == ["a", "c"]


# --- scalars stay strings until the model converts them ----------------------------------


def test_scalars_are_kept_as_written(cat: Path) -> None:
    write(
        cat,
        "a.yaml",
        "sources:\n"
        "  - id: a\n"
        "    title: 2023\n"
        "    year: 2023\n"
        "    publisher: NO\n"
        "    note: 1.10\n"
        "occupations:\n"
        "  - id: farmer\n"
        "    title: Farmer\n"
        "    family: off\n"
        "    codes:\n"
        "      isco: 0110\n"
        "      soc: 45-2092\n"
        "      onet: 45-2092.00\n",
    )
    catalogue = load(cat)
    assert catalogue.diagnostics == []
    source = catalogue.sources["a"]
    assert source.title == "2023"
    assert source.year == 2023 and isinstance(source.year, int)
    assert source.publisher == "NO"
    assert source.note == "1.10"
    occupation = catalogue.occupations["farmer"]
    assert occupation.family == "off"
    assert occupation.codes.isco == "0110"
    assert occupation.codes.soc == "45-2092"
    assert occupation.codes.onet == "45-2092.00"


def test_json_numbers_keep_their_written_form(cat: Path) -> None:
    write(
        cat,
        "a.json",
        '{"claims": [{"id": "c", "text": "68.20", "year": 2023,\n'
        '  "figures": [{"id": "f", "value": 68.20}]}],\n'
        ' "occupations": [{"id": "o", "title": 1.0, "codes": {"isco": "0110"}}]}\n',
    )
    catalogue = load(cat)
    assert catalogue.diagnostics == []
    claim = catalogue.claims["c"]
    assert claim.year == 2023
    assert claim.figures[0].value == Decimal("68.20")
    assert claim.figures[0].rounding() == Decimal("0.005")
    assert catalogue.occupations["o"].title == "1.0"
    assert catalogue.occupations["o"].codes.isco == "0110"


def test_explicit_null_and_quoted_null(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: \"null\"\n    publisher: ~\n    note:\n")
    catalogue = load(cat)
    assert catalogue.diagnostics == []
    assert catalogue.sources["a"].title == "null"
    assert catalogue.sources["a"].publisher is None
    assert catalogue.sources["a"].note is None


# --- caps ---------------------------------------------------------------------------


def test_file_size_cap_from_evidence_toml(cat: Path) -> None:
    write(cat, "evidence.toml", "[limits]\nmax_file_bytes = 100\n")
    big = "sources:\n" + "".join(f"  - id: s{i}\n    title: Source {i}\n" for i in range(10))
    assert len(big.encode()) > 100
    write(cat, "big.yaml", big)
    write(cat, "small.yaml", SKILL)
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/big.yaml", 0, 0)
    assert f"{len(big.encode())} bytes" in d.message
    assert "limit of 100" in d.message and "max_file_bytes" in d.message
    assert not catalogue.sources
    assert list(catalogue.skills) == ["k"]


def test_nesting_depth_cap_from_evidence_toml(cat: Path) -> None:
    write(cat, "evidence.toml", "[limits]\nmax_depth = 4\n")
    # root, sources list, record, note mapping: 4 levels; the mapping under 'a' is the fifth
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: T\n    note:\n      a:\n        b:\n          c: d\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 6, 9)
    assert "nesting deeper than 4 levels" in d.message


def test_default_nesting_depth_cap(cat: Path) -> None:
    prefix = "sources:\n  - id: a\n    title: T\n    note: "
    write(cat, "a.yaml", prefix + "[" * 200 + "]" * 200 + "\n")
    d = only(load(cat))
    # three containers are open before the brackets; the 62nd bracket is the 65th level
    assert place(d) == ("EV100", "error", "cat/a.yaml", 4, len("    note: ") + 62)
    assert "nesting deeper than 64 levels" in d.message


def test_deep_json_is_refused_without_crashing(cat: Path) -> None:
    write(cat, "a.json", '{"skills": [{"id": "k", "title": "K", "note": ' + "[" * 100_000 + "]" * 100_000 + "}]}")
    write(cat, "b.yaml", "skills:\n  - id: j\n    title: J\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert (d.code, d.file) == ("EV100", "cat/a.json")
    assert "nesting" in d.message
    assert list(catalogue.skills) == ["j"]


# --- unreadable or empty files ------------------------------------------------------------


def test_non_utf8_file_points_at_the_bad_byte(cat: Path) -> None:
    write(cat, "a.yaml", b"sources:\n  - id: a\n    title: caf\xe9\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 3, 15)
    assert "not UTF-8" in d.message and "0xe9" in d.message
    assert nothing_loaded(catalogue)


def test_utf8_byte_order_mark_is_accepted(cat: Path) -> None:
    write(cat, "a.yaml", "\ufeff" + SKILL)
    catalogue = load(cat)
    assert catalogue.diagnostics == []
    assert list(catalogue.skills) == ["k"]


@pytest.mark.parametrize(
    "text",
    ["", "\n\n  \n", "# nothing here yet\n\n   # still nothing\n"],
    ids=["empty", "blank-lines", "comments-only"],
)
def test_empty_or_comment_only_file(cat: Path, text: str) -> None:
    write(cat, "a.yaml", text)
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.yaml", 0, 0)
    assert "the file is empty" in d.message


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.yaml", "- id: a\n  title: T\n"),
        ("a.json", '[{"id": "a", "title": "T"}]'),
        ("a.yaml", "just words\n"),
    ],
    ids=["yaml-list", "json-list", "yaml-scalar"],
)
def test_top_level_must_be_a_mapping_of_kinds(cat: Path, name: str, text: str) -> None:
    write(cat, name, text)
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", f"cat/{name}", 1, 1)
    assert "a catalogue file is a mapping of kinds" in d.message
    assert "sources" in d.message and "pages" in d.message
    assert nothing_loaded(catalogue)


def test_unknown_kind_with_suggestion(cat: Path) -> None:
    write(cat, "a.yaml", SKILL + "source:\n  - id: a\n    title: T\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 4, 1)
    assert "unknown kind 'source'" in d.message
    assert "did you mean 'sources'?" in d.message
    assert list(catalogue.skills) == ["k"]


def test_kind_holding_a_mapping_instead_of_a_list(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  id: a\n  title: T\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 1, 1)
    assert d.kind == "sources"
    assert "'sources' holds a list of records" in d.message
    assert nothing_loaded(catalogue)


def test_record_that_is_a_scalar(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - just-an-id\n  - id: b\n    title: T\n  - [x]\n")
    catalogue = load(cat)
    assert [place(d) for d in catalogue.diagnostics] == [
        ("EV100", "error", "cat/a.yaml", 2, 5),
        ("EV100", "error", "cat/a.yaml", 5, 5),
    ]
    first, second = catalogue.diagnostics
    assert first.kind == "sources" and "each entry of 'sources' is a mapping of fields, not a value" in first.message
    assert "not a list" in second.message
    assert list(catalogue.sources) == ["b"]


# --- ids ----------------------------------------------------------------------------


def test_duplicate_id_across_files_names_the_first(cat: Path) -> None:
    write(cat, "a.yaml", "# first\nsources:\n  - id: x\n    title: First\n")
    write(cat, "b.yaml", "skills:\n  - id: x\n    title: Same id, other kind\nsources:\n  - id: y\n    title: Y\n  - id: x\n    title: Second\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV101", "error", "cat/b.yaml", 7, 5)
    assert (d.kind, d.id) == ("sources", "x")
    assert "source id 'x' is defined twice" in d.message
    assert "first at cat/a.yaml:3" in d.message
    assert catalogue.sources["x"].title == "First"
    assert catalogue.where("sources", "x") == ("cat/a.yaml", 3, 5)
    assert "x" in catalogue.skills  # ids are unique within their kind only


def test_duplicate_id_within_one_file(cat: Path) -> None:
    write(cat, "a.yaml", "skills:\n  - id: k\n    title: K\n  - title: K again\n    id: k\n")
    d = only(load(cat))
    assert place(d) == ("EV101", "error", "cat/a.yaml", 5, 5)
    assert "first at cat/a.yaml:2" in d.message


# --- evidence.toml ---------------------------------------------------------------------


def test_invalid_toml_is_reported_and_records_still_load(cat: Path) -> None:
    write(cat, "evidence.toml", "[limits\nmax_depth = 8\n")
    write(cat, "a.yaml", SKILL)
    catalogue = load(cat)
    d = only(catalogue)
    assert (d.code, d.severity, d.file) == ("EV100", "error", "cat/evidence.toml")
    assert "not valid TOML" in d.message and "line 1" in d.message
    assert list(catalogue.skills) == ["k"]
    assert catalogue.config.limits.max_depth == 64


@pytest.mark.parametrize(
    ("toml", "setting"),
    [
        ("[limits]\nmax_file_byte = 100\n", "limits.max_file_byte"),
        ("base_irl = 'https://example.org/id/'\n", "base_irl"),
        ("[rulez]\nselect = ['EV2']\n", "rulez"),
    ],
)
def test_unknown_setting_is_reported(cat: Path, toml: str, setting: str) -> None:
    write(cat, "evidence.toml", toml)
    write(cat, "a.yaml", SKILL)
    catalogue = load(cat)
    d = only(catalogue)
    assert (d.code, d.severity, d.file) == ("EV100", "error", "cat/evidence.toml")
    assert f"setting '{setting}'" in d.message
    assert list(catalogue.skills) == ["k"]


def test_wrong_setting_type_is_reported(cat: Path) -> None:
    write(cat, "evidence.toml", "[limits]\nmax_depth = 'deep'\n")
    d = only(load(cat))
    assert (d.code, d.file) == ("EV100", "cat/evidence.toml")
    assert "setting 'limits.max_depth'" in d.message


def test_evidence_toml_is_not_a_data_file(cat: Path) -> None:
    write(cat, "evidence.toml", "base_iri = 'https://example.org/id/'\n")
    write(cat, "a.yaml", SKILL)
    catalogue = load(cat)
    assert catalogue.diagnostics == []
    assert catalogue.files == ["cat/a.yaml"]
    assert catalogue.config.base_iri == "https://example.org/id/"


# --- the catalogue path -----------------------------------------------------------------


def test_missing_catalogue_raises(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(CatalogueNotFound) as info:
        load_catalogue(missing)
    assert "nowhere" in str(info.value)
    assert isinstance(info.value, FileNotFoundError)


def test_a_file_is_not_a_catalogue(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", SKILL)
    with pytest.raises(CatalogueNotFound):
        load_catalogue(str(path))


def test_empty_catalogue_loads_nothing_and_says_nothing(cat: Path) -> None:
    catalogue = load(cat)
    assert catalogue.diagnostics == [] and catalogue.files == []
    assert nothing_loaded(catalogue)


# --- CSV ----------------------------------------------------------------------------


def test_csv_row_with_too_few_fields(cat: Path) -> None:
    write(cat, "sources.csv", "id,title,year\na,T,2020\nb,U\n")
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/sources.csv", 3, 1)
    assert "the row has 2 fields, the header 3" in d.message


def test_csv_row_with_too_many_fields_after_a_quoted_newline(cat: Path) -> None:
    write(cat, "sources.csv", 'id,title,year\na,"two\nlines",2020\n\nb,U,2021,extra\n')
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/sources.csv", 5, 1)
    assert "the row has 4 fields, the header 3" in d.message


def test_csv_lists_and_dotted_headers(cat: Path) -> None:
    write(
        cat,
        "occupations-extra.csv",
        "id, title ,codes.isco,codes.onet,skills,adjacent,aliases\n"
        'ml-engineer,ML Engineer,0110,15-1221.00,python; statistics ;,data-scientist;software-engineer,"ML Eng; AI Engineer"\n'
        "farmer,Farmer,6111,,,,\n",
    )
    write(cat, "claims.csv", "id,text,cites,year\nc1,Writing got faster,noy-zhang;brynjolfsson,2023\n")
    catalogue = load(cat)
    assert catalogue.diagnostics == []
    ml = catalogue.occupations["ml-engineer"]
    assert ml.title == "ML Engineer"
    assert ml.codes.isco == "0110" and ml.codes.onet == "15-1221.00"
    assert [link.skill for link in ml.skill_links()] == ["python", "statistics"]
    assert ml.adjacent == ["data-scientist", "software-engineer"]
    assert ml.aliases == ["ML Eng", "AI Engineer"]
    farmer = catalogue.occupations["farmer"]
    assert farmer.codes.isco == "6111" and farmer.codes.onet is None and farmer.skills == []
    claim = catalogue.claims["c1"]
    assert [c.source for c in claim.citations()] == ["noy-zhang", "brynjolfsson"]
    assert claim.year == 2023
    assert catalogue.where("occupations", "farmer") == ("cat/occupations-extra.csv", 3, 1)


def test_csv_wrong_type_points_at_row_and_field_number(cat: Path) -> None:
    write(cat, "sources.csv", "id,title,year\na,T,2020\nb,U,soon\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/sources.csv", 3, 3)
    assert (d.kind, d.id) == ("sources", "b")
    assert "field 'year'" in d.message
    assert list(catalogue.sources) == ["a"]


def test_csv_unknown_column_has_a_suggestion(cat: Path) -> None:
    write(cat, "skills.csv", "id,titel\nk,K\n")
    diagnostics = load(cat).diagnostics
    unknown = [d for d in diagnostics if "unknown field" in d.message]
    assert len(unknown) == 1
    assert place(unknown[0]) == ("EV100", "error", "cat/skills.csv", 2, 2)
    assert "did you mean 'title'?" in unknown[0].message


def test_csv_column_and_dotted_column_of_the_same_name_conflict(cat: Path) -> None:
    # 'codes' and 'codes.isco' both fill the same field: one of them must not vanish silently
    write(cat, "occupations.csv", "id,title,codes,codes.isco\nml,ML,X,0110\n")
    catalogue = load(cat)
    assert [d.code for d in catalogue.diagnostics] == ["EV100"], catalogue.diagnostics
    d = catalogue.diagnostics[0]
    assert d.file == "cat/occupations.csv"
    assert "codes" in d.message


@pytest.mark.parametrize("name", ["people.csv", "source.csv", "notes-sources.csv"])
def test_csv_named_after_no_kind(cat: Path, name: str) -> None:
    write(cat, name, "id,title\na,T\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", f"cat/{name}", 0, 0)
    assert "a CSV file is named after its kind" in d.message and "sources.csv" in d.message
    assert nothing_loaded(catalogue)


def test_csv_unterminated_quote(cat: Path) -> None:
    write(cat, "sources.csv", 'id,title\na,"unterminated\n')
    d = only(load(cat))
    assert (d.code, d.file) == ("EV100", "cat/sources.csv")
    assert "not valid CSV" in d.message


# --- JSON ---------------------------------------------------------------------------


def test_json_syntax_error_with_line_and_column(cat: Path) -> None:
    write(cat, "a.json", '{"sources": [\n  {"id": "a",\n   "title": "T",}\n]}\n')
    d = only(load(cat))
    assert place(d) == ("EV100", "error", "cat/a.json", 3, 17)
    assert "not valid JSON" in d.message and "property name" in d.message


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_non_standard_constants_are_refused(cat: Path, constant: str) -> None:
    write(cat, "a.json", '{"sources": [\n  {"id": "a",\n   "title": ' + constant + "}\n]}\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert (d.code, d.file, d.line) == ("EV100", "cat/a.json", 3)
    assert "a" not in catalogue.sources


def test_json_positions_survive_escaped_astral_characters(cat: Path) -> None:
    # json.dumps(ensure_ascii=True), Python's default, writes an emoji as a surrogate pair
    write(
        cat,
        "a.json",
        '{"sources": [\n'
        '  {"id": "a",\n'
        '   "title": "Rocket \\ud83d\\ude80 report",\n'
        '   "year": "soon"}\n'
        "]}\n",
    )
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.json", 4, 4)
    assert "field 'year'" in d.message


# --- documents and isolation -------------------------------------------------------------


def test_multiple_yaml_documents_are_refused(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: T\n---\nskills:\n  - id: k\n    title: K\n")
    catalogue = load(cat)
    d = only(catalogue)
    assert place(d) == ("EV100", "error", "cat/a.yaml", 4, 1)
    assert "one YAML document" in d.message
    assert nothing_loaded(catalogue)


def test_one_explicit_document_is_fine(cat: Path) -> None:
    write(cat, "a.yaml", "---\n" + SKILL + "...\n")
    catalogue = load(cat)
    assert catalogue.diagnostics == []
    assert list(catalogue.skills) == ["k"]


def test_broken_yaml_does_not_stop_other_files(cat: Path) -> None:
    write(cat, "a.yaml", "sources:\n  - id: a\n    title: [unclosed\n")
    write(cat, "b.yaml", SKILL)
    write(cat, "c.json", '{"sources": [{"id": "c", "title": "C"}]}')
    catalogue = load(cat)
    d = only(catalogue)
    assert (d.code, d.severity, d.file, d.line) == ("EV100", "error", "cat/a.yaml", 4)
    assert "not valid YAML" in d.message
    assert list(catalogue.skills) == ["k"]
    assert list(catalogue.sources) == ["c"]
    assert catalogue.files == ["cat/a.yaml", "cat/b.yaml", "cat/c.json"]


def test_every_broken_file_is_reported_in_one_run(cat: Path) -> None:
    write(cat, "a.yaml", "skills: [\n")
    write(cat, "b.json", "{")
    write(cat, "c.yaml", "skills:\n  - id: k\n    title: K\n    title: L\n")
    write(cat, "d.yaml", "skills:\n  - id: m\n    title: M\n")
    catalogue = load(cat)
    assert [(d.file, d.code) for d in catalogue.diagnostics] == [
        ("cat/a.yaml", "EV100"),
        ("cat/b.json", "EV100"),
        ("cat/c.yaml", "EV103"),
    ]
    assert list(catalogue.skills) == ["m"]


# --- discovery ----------------------------------------------------------------------


def test_hidden_files_and_directories_are_skipped(cat: Path) -> None:
    write(cat, ".git/x.yaml", "skills:\n  - id: git\n    title: G\n")
    write(cat, ".draft.yaml", "skills:\n  - id: draft\n    title: D\n")
    write(cat, "sub/.cache/y.yaml", "skills:\n  - id: cached\n    title: C\n")
    write(cat, "sub/z.yml", "skills:\n  - id: z\n    title: Z\n")
    write(cat, "notes.txt", "not data")
    catalogue = load(cat)
    assert catalogue.diagnostics == []
    assert list(catalogue.skills) == ["z"]
    assert catalogue.files == ["cat/sub/z.yml"]


def _write_tree(root: Path, order: list[str]) -> None:
    texts = {
        "b.yaml": "skills:\n  - id: b1\n    title: B\n  - id: shared\n    title: from b\n",
        "a.yaml": "skills:\n  - id: a1\n    title: A\n",
        "sub/c.yml": "skills:\n  - id: c1\n    title: C\n  - id: shared\n    title: from c\n",
        "a/z.json": '{"skills": [{"id": "z1", "title": "Z"}, {"id": "shared", "title": "from a/z"}]}',
        "skills-2.csv": "id,title\ns2,S\n",
    }
    for name in order:
        write(root, name, texts[name])


def test_file_order_does_not_depend_on_creation_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = ["b.yaml", "a.yaml", "sub/c.yml", "a/z.json", "skills-2.csv"]
    results = []
    for index, order in enumerate([names, list(reversed(names)), sorted(names)]):
        root = tmp_path / f"cat{index}"
        root.mkdir()
        _write_tree(root, order)
        catalogue = load_catalogue(root.name)
        results.append(
            (
                [f.split("/", 1)[1] for f in catalogue.files],
                list(catalogue.skills),
                catalogue.skills["shared"].title,
                [(d.code, d.file.split("/", 1)[1], d.line) for d in catalogue.diagnostics],
            )
        )
    assert results[0] == results[1] == results[2]
    files, ids, shared_title, diagnostics = results[0]
    assert files == ["a.yaml", "a/z.json", "b.yaml", "skills-2.csv", "sub/c.yml"]
    assert ids == ["a1", "z1", "shared", "b1", "s2", "c1"]
    assert shared_title == "from a/z"
    assert diagnostics == [("EV101", "b.yaml", 4), ("EV101", "sub/c.yml", 4)]


def test_absolute_catalogue_path_names_files_below_it(tmp_path: Path) -> None:
    root = tmp_path / "abs"
    write(root, "a.yaml", "skills:\n  - id: k\n    title: [K]\n")
    d = only(load_catalogue(root))
    assert d.file == f"{root.as_posix()}/a.yaml"
    assert os.path.isfile(d.file)


# --- property: plain scalars stay the text that was written ----------------------------


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A[A-Za-z0-9_][A-Za-z0-9._+~-]{0,15}\Z").filter(lambda t: t not in {"null", "Null", "NULL"}))
def test_plain_scalars_stay_strings(token: str) -> None:
    tree = read_yaml(f"sources:\n  - id: a\n    title: {token}\n")
    assert isinstance(tree, YMap)
    assert tree["sources"][0]["title"] == token
    assert Source.model_validate(tree["sources"][0]).title == token


def test_a_diagnostic_is_a_frozen_record_of_its_fields() -> None:
    import dataclasses
    import pickle

    from schemas.diagnostics import Diagnostic

    full = Diagnostic("EV301", "error", "m", "f.html", 3, 4, "claims", "c1")
    assert full.as_dict() == {"code": "EV301", "severity": "error", "message": "m", "file": "f.html", "line": 3,
                              "column": 4, "kind": "claims", "id": "c1"}
    short = Diagnostic("EV100", "warning", "m", "f.yaml")
    assert (short.line, short.column, short.kind, short.id) == (0, 0, None, None)
    assert full == Diagnostic("EV301", "error", "m", "f.html", 3, 4, "claims", "c1") != short
    assert hash(full) == hash(Diagnostic("EV301", "error", "m", "f.html", 3, 4, "claims", "c1"))
    assert pickle.loads(pickle.dumps(full)) == full  # what forked lint workers send back
    assert dataclasses.replace(full, line=9).line == 9 and full.line == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        full.line = 5  # type: ignore[misc]
