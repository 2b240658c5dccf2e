"""The record models: what they convert, what they refuse (DESIGN section 3).

The loader hands every scalar over as a string, so the inputs here are strings too,
exactly as a YAML, JSON or CSV file would deliver them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from schemas.models import (
    KINDS,
    Citation,
    Claim,
    Derivation,
    Design,
    Figure,
    FigureRef,
    Occupation,
    Page,
    SkillLink,
    Source,
    Task,
    TaskAggregate,
)


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[tuple[object, ...], str]]:
    return [(e["loc"], e["type"]) for e in exc.value.errors()]


# --- kinds ----------------------------------------------------------------------------


def test_kinds_are_the_design_kinds_in_order() -> None:
    assert list(KINDS) == ["designs", "sources", "claims", "occupations", "skills", "tasks", "pages"]


@pytest.mark.parametrize(
    ("kind", "record"),
    [
        ("designs", {"id": "rct", "rank": "1", "label": "Randomised controlled trial"}),
        ("sources", {"id": "noy-zhang-2023", "title": "Experimental evidence"}),
        ("claims", {"id": "c1", "text": "Writing time fell by 40%"}),
        ("occupations", {"id": "ml-engineer", "title": "ML Engineer"}),
        ("skills", {"id": "python", "title": "Python"}),
        ("tasks", {"id": "t1", "title": "Train models"}),
        ("pages", {"id": "ml-engineer-empathy", "title": "Empathy for ML Engineer"}),
    ],
)
def test_each_kind_accepts_its_required_fields_and_refuses_unknown_ones(kind: str, record: dict[str, str]) -> None:
    model = KINDS[kind]
    assert model.model_validate(record).id == record["id"]
    with pytest.raises(ValidationError) as info:
        model.model_validate({**record, "colour": "blue"})
    assert errors(info) == [(("colour",), "extra_forbidden")]
    without_id = {k: v for k, v in record.items() if k != "id"}
    with pytest.raises(ValidationError) as info:
        model.model_validate(without_id)
    assert errors(info) == [(("id",), "missing")]


def test_records_are_frozen() -> None:
    source = Source.model_validate({"id": "s", "title": "T"})
    with pytest.raises(ValidationError):
        source.title = "changed"  # type: ignore[misc]


# --- slugs ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["a", "0", "ml-engineer", "isco-0110", "2023-report", "a-b-c"])
def test_slug_ids_accepted(slug: str) -> None:
    assert Source.model_validate({"id": slug, "title": "T"}).id == slug


@pytest.mark.parametrize(
    "slug",
    ["", "ML", "Ml-engineer", "-a", "a_b", "a b", "a.b", "café", "a/b", "a\n", " a", "ml–engineer"],
)
def test_slug_ids_refused(slug: str) -> None:
    with pytest.raises(ValidationError) as info:
        Source.model_validate({"id": slug, "title": "T"})
    assert errors(info) == [(("id",), "string_pattern_mismatch")]


def test_references_are_slugs_too() -> None:
    with pytest.raises(ValidationError) as info:
        Claim.model_validate({"id": "c", "text": "x", "occupations": ["ok", "Not OK"], "cites": ["Bad Id"]})
    assert sorted(errors(info)) == [
        (("cites", 0, "source"), "string_pattern_mismatch"),
        (("occupations", 1), "string_pattern_mismatch"),
    ]


# --- scalar conversions ----------------------------------------------------------------------


def test_year_string_becomes_an_int() -> None:
    source = Source.model_validate({"id": "s", "title": "2023", "year": "2023"})
    assert source.year == 2023 and isinstance(source.year, int)
    assert source.title == "2023"


@pytest.mark.parametrize("year", ["2023.5", "soon", "twenty"])
def test_year_must_be_a_whole_number(year: str) -> None:
    with pytest.raises(ValidationError) as info:
        Source.model_validate({"id": "s", "title": "T", "year": year})
    assert [loc for loc, _ in errors(info)] == [("year",)]


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("false", False), ("yes", True), ("no", False)])
def test_aggregator_flag(raw: str, value: bool) -> None:
    assert Source.model_validate({"id": "s", "title": "T", "aggregator": raw}).aggregator is value


def test_aggregator_flag_refuses_anything_else() -> None:
    with pytest.raises(ValidationError) as info:
        Source.model_validate({"id": "s", "title": "T", "aggregator": "maybe"})
    assert errors(info) == [(("aggregator",), "bool_parsing")]


def test_sample_size_cannot_be_negative() -> None:
    with pytest.raises(ValidationError) as info:
        Source.model_validate({"id": "s", "title": "T", "sample_size": "-1"})
    assert errors(info) == [(("sample_size",), "greater_than_equal")]
    assert Source.model_validate({"id": "s", "title": "T", "sample_size": "453"}).sample_size == 453


def test_codes_stay_strings() -> None:
    occupation = Occupation.model_validate(
        {"id": "farmer", "title": "Farmer", "codes": {"isco": "0110", "soc": "45-2092", "onet": "45-2092.00"}}
    )
    assert occupation.codes.isco == "0110"
    assert occupation.codes.onet == "45-2092.00"


def test_design_rank_starts_at_one() -> None:
    assert Design.model_validate({"id": "rct", "rank": "1", "label": "RCT"}).rank == 1
    with pytest.raises(ValidationError) as info:
        Design.model_validate({"id": "rct", "rank": "0", "label": "RCT"})
    assert errors(info) == [(("rank",), "greater_than_equal")]


def test_design_ranks_per_claim_kind() -> None:
    design = Design.model_validate({"id": "survey", "rank": "3", "label": "Survey", "ranks": {"prevalence": "1"}})
    assert design.ranks == {"prevalence": 1}


def test_empty_text_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Claim.model_validate({"id": "c", "text": ""})
    assert errors(info) == [(("text",), "string_too_short")]


# --- cites shorthand ---------------------------------------------------------------------


def test_bare_source_id_is_short_for_a_citation() -> None:
    claim = Claim.model_validate(
        {
            "id": "c",
            "text": "x",
            "cites": ["noy-zhang", {"source": "brynjolfsson", "locator": "Table 2", "quote": "14 percent"}],
        }
    )
    assert claim.citations() == [
        Citation(source="noy-zhang"),
        Citation(source="brynjolfsson", locator="Table 2", quote="14 percent"),
    ]
    assert all(isinstance(c, Citation) for c in claim.cites)


def test_cites_default_to_none() -> None:
    assert Claim.model_validate({"id": "c", "text": "x"}).citations() == []


def test_citation_needs_a_source_and_refuses_unknown_fields() -> None:
    with pytest.raises(ValidationError) as info:
        Claim.model_validate({"id": "c", "text": "x", "cites": [{"locator": "p. 3"}, {"source": "s", "page": "3"}]})
    assert sorted(errors(info)) == [
        (("cites", 0, "source"), "missing"),
        (("cites", 1, "page"), "extra_forbidden"),
    ]


def test_cites_must_be_a_list() -> None:
    with pytest.raises(ValidationError) as info:
        Claim.model_validate({"id": "c", "text": "x", "cites": "noy-zhang"})
    assert errors(info) == [(("cites",), "list_type")]


def test_bare_skill_id_is_short_for_a_skill_link() -> None:
    occupation = Occupation.model_validate(
        {"id": "o", "title": "O", "skills": ["python", {"skill": "sql", "importance": "4.5", "level": "3"}]}
    )
    assert occupation.skill_links() == [SkillLink(skill="python"), SkillLink(skill="sql", importance=4.5, level=3.0)]


def test_job_zone_is_one_to_five() -> None:
    assert Occupation.model_validate({"id": "o", "title": "O", "job_zone": "4"}).job_zone == 4
    with pytest.raises(ValidationError) as info:
        Occupation.model_validate({"id": "o", "title": "O", "job_zone": "6"})
    assert errors(info) == [(("job_zone",), "less_than_equal")]


# --- status ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "published"])
def test_status_values(status: str) -> None:
    assert Claim.model_validate({"id": "c", "text": "x", "status": status}).status == status


def test_status_defaults_to_published() -> None:
    assert Claim.model_validate({"id": "c", "text": "x"}).status == "published"


@pytest.mark.parametrize("status", ["Draft", "PUBLISHED", "archived", "", "true"])
def test_status_refuses_other_values(status: str) -> None:
    with pytest.raises(ValidationError) as info:
        Claim.model_validate({"id": "c", "text": "x", "status": status})
    assert errors(info) == [(("status",), "literal_error")]


# --- figures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value", "rounding"),
    [
        ("68.2", Decimal("68.2"), Decimal("0.05")),
        ("52", Decimal("52"), Decimal("0.5")),
        ("68.20", Decimal("68.20"), Decimal("0.005")),
        ("0.4", Decimal("0.4"), Decimal("0.05")),
        ("-3.25", Decimal("-3.25"), Decimal("0.005")),
        ("1,234.5", Decimal("1234.5"), Decimal("0.05")),
        (" 40 ", Decimal("40"), Decimal("0.5")),
    ],
)
def test_figure_value_and_rounding_follow_the_written_decimals(written: str, value: Decimal, rounding: Decimal) -> None:
    figure = Figure.model_validate({"id": "f", "value": written})
    assert figure.value == value
    assert figure.rounding() == rounding


def test_explicit_tolerance_wins() -> None:
    figure = Figure.model_validate({"id": "f", "value": "68.2", "tolerance": "0.5"})
    assert figure.tolerance == Decimal("0.5")
    assert figure.rounding() == Decimal("0.5")


def test_negative_tolerance_is_refused() -> None:
    # a negative tolerance can never be met: every recomputation would be reported as wrong
    with pytest.raises(ValidationError) as info:
        Figure.model_validate({"id": "f", "value": "68.2", "tolerance": "-0.1"})
    assert [loc for loc, _ in errors(info)] == [("tolerance",)]


@pytest.mark.parametrize("written", ["abc", "40%", "", "NaN", "Infinity", "-inf", "1..2"])
def test_figure_value_must_be_a_finite_number(written: str) -> None:
    with pytest.raises(ValidationError) as info:
        Figure.model_validate({"id": "f", "value": written})
    assert [loc for loc, _ in errors(info)] == [("value",)]


def test_figure_value_error_names_the_text() -> None:
    with pytest.raises(ValidationError) as info:
        Figure.model_validate({"id": "f", "value": "40%"})
    assert "'40%' is not a number" in str(info.value)


def test_claim_figures_are_figures() -> None:
    claim = Claim.model_validate({"id": "c", "text": "x", "figures": [{"id": "f", "value": "68.2", "unit": "score"}]})
    assert claim.figures == [Figure(id="f", value=Decimal("68.2"), unit="score")]


# --- derivations -----------------------------------------------------------------------


@pytest.mark.parametrize("operation", ["sum", "product"])
def test_derivation_with_one_list_operation(operation: str) -> None:
    derivation = Derivation.model_validate({operation: ["26.5", {"figure": "share-b"}, {"difference": ["100", "3"]}]})
    operands = getattr(derivation, operation)
    assert operands[0] == Decimal("26.5") and isinstance(operands[0], Decimal)
    assert operands[1] == FigureRef(figure="share-b")
    assert operands[2] == Derivation(difference=[Decimal("100"), Decimal("3")])


@pytest.mark.parametrize("operation", ["difference", "quotient"])
def test_binary_operations_take_exactly_two_operands(operation: str) -> None:
    assert getattr(Derivation.model_validate({operation: ["6", "3"]}), operation) == [Decimal(6), Decimal(3)]
    for operands in (["6"], ["6", "3", "1"]):
        with pytest.raises(ValidationError) as info:
            Derivation.model_validate({operation: operands})
        assert [loc for loc, _ in errors(info)] == [(operation,)]


def test_derivation_needs_an_operation() -> None:
    with pytest.raises(ValidationError) as info:
        Derivation.model_validate({})
    assert "exactly one of sum, product, difference, quotient, tasks" in str(info.value)
    assert "got none" in str(info.value)


def test_derivation_refuses_two_operations() -> None:
    with pytest.raises(ValidationError) as info:
        Derivation.model_validate({"sum": ["1", "2"], "product": ["3", "4"]})
    assert "exactly one of" in str(info.value)
    assert "['sum', 'product']" in str(info.value)


def test_derivation_refuses_expressions() -> None:
    with pytest.raises(ValidationError):
        Derivation.model_validate({"sum": ["__import__('os').system('true')"]})
    with pytest.raises(ValidationError) as info:
        Derivation.model_validate({"eval": "1 + 1"})
    assert ("eval",) in [loc for loc, _ in errors(info)]


def test_task_aggregate_defaults_to_sum() -> None:
    derivation = Derivation.model_validate({"tasks": {"occupation": "ml-engineer", "field": "time_share"}})
    assert derivation.tasks == TaskAggregate(occupation="ml-engineer", field="time_share", aggregate="sum")


def test_weighted_mean_needs_a_weight() -> None:
    with pytest.raises(ValidationError) as info:
        Derivation.model_validate(
            {"tasks": {"occupation": "ml-engineer", "field": "exposure", "aggregate": "weighted_mean"}}
        )
    assert [loc for loc, _ in errors(info)] == [("tasks",)]
    assert "weighted_mean needs 'weight'" in str(info.value)


def test_weighted_mean_with_a_weight() -> None:
    derivation = Derivation.model_validate(
        {
            "tasks": {
                "occupation": "ml-engineer",
                "field": "exposure",
                "aggregate": "weighted_mean",
                "weight": "time_share",
                "where": {"category": "core"},
            }
        }
    )
    assert derivation.tasks is not None
    assert derivation.tasks.weight == "time_share"
    assert derivation.tasks.where == {"category": "core"}


def test_mean_needs_no_weight() -> None:
    derivation = Derivation.model_validate({"tasks": {"occupation": "o", "field": "exposure", "aggregate": "mean"}})
    assert derivation.tasks is not None and derivation.tasks.aggregate == "mean"


def test_unknown_aggregate_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Derivation.model_validate({"tasks": {"occupation": "o", "field": "exposure", "aggregate": "median"}})
    assert errors(info) == [(("tasks", "aggregate"), "literal_error")]


def test_figure_with_derivation() -> None:
    figure = Figure.model_validate(
        {"id": "total", "value": "100", "derive": {"sum": [{"figure": "a"}, {"figure": "b"}]}}
    )
    assert figure.derive == Derivation(sum=[FigureRef(figure="a"), FigureRef(figure="b")])


# --- tasks -------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "value"), [("0", Decimal(0)), ("12.5", Decimal("12.5")), ("100", Decimal(100))])
def test_time_share_range_accepted(raw: str, value: Decimal) -> None:
    assert Task.model_validate({"id": "t", "title": "T", "time_share": raw}).time_share == value


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("-1", "greater_than_equal"),
        ("-0.01", "greater_than_equal"),
        ("100.5", "less_than_equal"),
        ("101", "less_than_equal"),
        ("NaN", "finite_number"),
        ("a lot", "decimal_parsing"),
    ],
)
def test_time_share_range_refused(raw: str, error: str) -> None:
    with pytest.raises(ValidationError) as info:
        Task.model_validate({"id": "t", "title": "T", "time_share": raw})
    assert errors(info) == [(("time_share",), error)]


def test_exposure_range_and_scores() -> None:
    task = Task.model_validate({"id": "t", "title": "T", "exposure": "55.5", "scores": {"automation": "0.31"}})
    assert task.exposure == Decimal("55.5")
    assert task.scores == {"automation": Decimal("0.31")}
    with pytest.raises(ValidationError) as info:
        Task.model_validate({"id": "t", "title": "T", "exposure": "120"})
    assert errors(info) == [(("exposure",), "less_than_equal")]


# --- pages -------------------------------------------------------------------------------


def test_page_keeps_claim_order() -> None:
    page = Page.model_validate({"id": "p", "title": "P", "claims": ["c3", "c1", "c2"], "links": ["ml-engineer"]})
    assert page.claims == ["c3", "c1", "c2"]
    assert page.links == ["ml-engineer"]
