"""The figure evaluator on its own: every operation, task aggregates, and every way it refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from evidence.figures import Evaluator, FigureError, shown, task_field, task_index
from schemas.catalogue import Catalogue
from schemas.models import Derivation, Figure, Occupation, Source, Task, TaskAggregate

SEED = [  # (time share, exposure) of the eight ML engineer tasks on seeds/002
    ("12", "82"), ("16", "78"), ("10", "72"), ("12", "64"),
    ("14", "54"), ("12", "31"), ("16", "28"), ("8", "18"),
]


def make_catalogue(tasks: list[dict] | None = None, occupations: list[dict] | None = None) -> Catalogue:
    catalogue = Catalogue(root="mem")
    for raw in occupations or []:
        occupation = Occupation.model_validate(raw)
        catalogue.occupations[occupation.id] = occupation
    for raw in tasks or []:
        task = Task.model_validate(raw)
        catalogue.tasks[task.id] = task
    return catalogue


def seed_catalogue() -> Catalogue:
    tasks = [
        {"id": f"t{n}", "title": f"Task {n}", "occupation": "ml-engineer", "time_share": share, "exposure": exposure,
         "category": "core" if n <= 4 else "support", "scores": {"resistance": str(n)}}
        for n, (share, exposure) in enumerate(SEED, start=1)
    ]
    return make_catalogue(tasks, [{"id": "ml-engineer", "title": "ML engineer"}])


def figures(*raw: dict) -> dict[str, Figure]:
    return {f.id: f for f in (Figure.model_validate(r) for r in raw)}


def derivation(raw: dict) -> Derivation:
    return Derivation.model_validate(raw)


def evaluate(raw: dict, *known: dict, catalogue: Catalogue | None = None) -> tuple[Decimal, str]:
    return Evaluator(catalogue or make_catalogue(), figures(*known)).derive(derivation(raw))


# -- the four operations ------------------------------------------------------------------

@pytest.mark.parametrize("raw, value, text", [
    ({"sum": ["1", "2", "3.5"]}, Decimal("6.5"), "1 + 2 + 3.5"),
    ({"sum": ["170", "-92"]}, Decimal("78"), "170 + -92"),
    ({"sum": ["7"]}, Decimal("7"), "7"),
    ({"product": ["3.75", "1.36", "1.06", "1.10"]}, Decimal("5.9466"), "3.75 x 1.36 x 1.06 x 1.1"),
    ({"difference": ["10", "4"]}, Decimal("6"), "10 - 4"),
    ({"difference": ["4", "10"]}, Decimal("-6"), "4 - 10"),
    ({"quotient": ["1", "4"]}, Decimal("0.25"), "1 / 4"),
    ({"quotient": ["5.4066", "7.93"]}, Decimal("5.4066") / Decimal("7.93"), "5.4066 / 7.93"),
])
def test_operations(raw: dict, value: Decimal, text: str) -> None:
    assert evaluate(raw) == (value, text)


def test_nested_jobzone_score() -> None:
    """(3.75 x 1.36 x 1.06 x 1.10 - 0.54) / 7.93 x 100 = 68.18, printed 68.2 on seeds/001."""
    raw = {"product": [{"quotient": [{"difference": [{"figure": "raw"}, "0.54"]}, "7.93"]}, "100"]}
    known = {"id": "raw", "value": "5.9466", "derive": {"product": ["3.75", "1.36", "1.06", "1.10"]}}
    value, text = evaluate(raw, known)
    assert value.quantize(Decimal("0.0001")) == Decimal("68.1791")
    assert text == "((raw - 0.54) / 7.93) x 100"


def test_operands_are_exact_decimals() -> None:
    value, _ = evaluate({"sum": ["0.1", "0.2"]})
    assert value == Decimal("0.3")


# -- figure references -----------------------------------------------------------------------

def test_reference_to_a_stated_figure_uses_its_value() -> None:
    evaluator = Evaluator(make_catalogue(), figures({"id": "base", "value": "40"}))
    assert evaluator.figure("base") == Decimal("40")
    assert evaluator.derive(derivation({"product": [{"figure": "base"}, "2"]})) == (Decimal("80"), "base x 2")


def test_reference_to_a_derived_figure_uses_the_recomputed_value() -> None:
    evaluator = Evaluator(make_catalogue(), figures({"id": "d", "value": "99", "derive": {"sum": ["1", "2"]}}))
    assert evaluator.figure("d") == Decimal("3")
    assert evaluator.derive(derivation({"sum": [{"figure": "d"}, "1"]}))[0] == Decimal("4")


def test_figure_results_are_memoised() -> None:
    known = figures({"id": "d", "value": "0", "derive": {"sum": ["1", "2"]}})
    evaluator = Evaluator(make_catalogue(), known)
    assert evaluator.figure("d") == Decimal("3")
    known["d"] = Figure.model_validate({"id": "d", "value": "0", "derive": {"sum": ["5"]}})
    assert evaluator.figure("d") == Decimal("3")


def test_unknown_figure() -> None:
    evaluator = Evaluator(make_catalogue(), {})
    with pytest.raises(FigureError, match="no figure has id 'ghost'"):
        evaluator.figure("ghost")
    with pytest.raises(FigureError, match="no figure has id 'ghost'"):
        evaluator.derive(derivation({"sum": ["1", {"figure": "ghost"}]}))


def test_self_cycle() -> None:
    evaluator = Evaluator(make_catalogue(), figures({"id": "a", "value": "1", "derive": {"sum": [{"figure": "a"}, "1"]}}))
    with pytest.raises(FigureError, match="figure 'a' depends on itself"):
        evaluator.figure("a")


def test_two_figure_cycle_and_recovery() -> None:
    evaluator = Evaluator(make_catalogue(), figures(
        {"id": "a", "value": "1", "derive": {"sum": [{"figure": "b"}, "1"]}},
        {"id": "b", "value": "1", "derive": {"product": [{"figure": "a"}, "2"]}},
        {"id": "c", "value": "1", "derive": {"sum": ["2", "3"]}},
    ))
    with pytest.raises(FigureError, match="depends on itself"):
        evaluator.figure("a")
    with pytest.raises(FigureError, match="depends on itself"):
        evaluator.figure("b")
    # a failed evaluation leaves nothing marked as in progress
    assert evaluator._active == set()
    assert evaluator.figure("c") == Decimal("5")


def test_diamond_is_not_a_cycle() -> None:
    evaluator = Evaluator(make_catalogue(), figures(
        {"id": "base", "value": "2", "derive": {"sum": ["1", "1"]}},
        {"id": "left", "value": "0", "derive": {"sum": [{"figure": "base"}, "1"]}},
        {"id": "right", "value": "0", "derive": {"product": [{"figure": "base"}, "10"]}},
        {"id": "top", "value": "0", "derive": {"sum": [{"figure": "left"}, {"figure": "right"}]}},
    ))
    assert evaluator.figure("top") == Decimal("23")


# -- arithmetic refusals ---------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    {"quotient": ["1", "0"]},
    {"quotient": ["0", "0"]},
    {"quotient": ["1", {"difference": ["3", "3"]}]},
    {"sum": ["1", {"quotient": ["2", "0.0"]}]},
])
def test_division_by_zero(raw: dict) -> None:
    with pytest.raises(FigureError, match="^division by zero$"):
        evaluate(raw)


def test_division_by_a_zero_figure() -> None:
    with pytest.raises(FigureError, match="division by zero"):
        evaluate({"quotient": ["1", {"figure": "z"}]}, {"id": "z", "value": "0"})


@pytest.mark.parametrize("raw", [
    {"product": ["1e999999", "1e999999"]},
    {"sum": ["9e999999", "9e999999"]},
])
def test_overflow_is_a_figure_error(raw: dict) -> None:
    """A result outside Decimal's range is an unevaluable figure, never an uncaught decimal.Overflow."""
    with pytest.raises(FigureError):
        evaluate(raw)


def test_overflow_in_a_task_aggregate_is_a_figure_error() -> None:
    catalogue = make_catalogue(
        [{"id": f"t{n}", "title": "T", "occupation": "o", "scores": {"x": "9e999999"}} for n in (1, 2)],
        [{"id": "o", "title": "O"}])
    with pytest.raises(FigureError):
        evaluate({"tasks": {"occupation": "o", "field": "scores.x", "aggregate": "sum"}}, catalogue=catalogue)


# -- task aggregates -------------------------------------------------------------------------

def test_weighted_mean_of_the_seed() -> None:
    value, text = evaluate({"tasks": {"occupation": "ml-engineer", "field": "exposure", "aggregate": "weighted_mean",
                                      "weight": "time_share"}}, catalogue=seed_catalogue())
    assert value == Decimal("54.4")
    assert text == "time_share-weighted mean of exposure over 8 tasks of ml-engineer"


@pytest.mark.parametrize("spec, value, text", [
    ({"field": "exposure"}, Decimal("427"), "sum of exposure over 8 tasks of ml-engineer"),
    ({"field": "time_share", "aggregate": "sum"}, Decimal("100"), "sum of time_share over 8 tasks of ml-engineer"),
    ({"field": "exposure", "aggregate": "mean"}, Decimal("53.375"), "mean of exposure over 8 tasks of ml-engineer"),
    ({"field": "exposure", "aggregate": "mean", "where": {"category": "core"}}, Decimal("74"),
     "mean of exposure over 4 tasks of ml-engineer with category core"),
    ({"field": "exposure", "aggregate": "weighted_mean", "weight": "time_share", "where": {"category": "support"}},
     Decimal("1720") / Decimal("50"), "time_share-weighted mean of exposure over 4 tasks of ml-engineer with category support"),
    ({"field": "scores.resistance", "aggregate": "sum"}, Decimal("36"), "sum of scores.resistance over 8 tasks of ml-engineer"),
    ({"field": "exposure", "aggregate": "weighted_mean", "weight": "scores.resistance"},
     Decimal(sum(int(e) * n for n, (_, e) in enumerate(SEED, start=1))) / Decimal(36),
     "scores.resistance-weighted mean of exposure over 8 tasks of ml-engineer"),
    ({"field": "exposure", "aggregate": "sum", "where": {"category": "core", "time_share": "12"}}, Decimal("146"),
     "sum of exposure over 2 tasks of ml-engineer with category core with time_share 12"),
])
def test_aggregates(spec: dict, value: Decimal, text: str) -> None:
    assert evaluate({"tasks": {"occupation": "ml-engineer", **spec}}, catalogue=seed_catalogue()) == (value, text)


def test_tasks_listed_on_the_occupation_and_naming_it_count_once() -> None:
    catalogue = make_catalogue(
        [{"id": "listed", "title": "L", "exposure": "10"},
         {"id": "both", "title": "B", "occupation": "o", "exposure": "20"},
         {"id": "naming", "title": "N", "occupation": "o", "exposure": "30"},
         {"id": "other", "title": "O", "occupation": "p", "exposure": "100"}],
        [{"id": "o", "title": "O", "tasks": ["listed", "both"]}, {"id": "p", "title": "P"}])
    assert [t.id for t in task_index(catalogue)["o"]] == ["both", "listed", "naming"]
    assert task_index(catalogue).get("nobody", []) == []
    assert evaluate({"tasks": {"occupation": "o", "field": "exposure"}}, catalogue=catalogue)[0] == Decimal("60")


def test_task_field() -> None:
    task = Task.model_validate({"id": "t", "title": "T", "time_share": "12", "exposure": "82.5",
                                "category": "core", "scores": {"resistance": "3.75"}})
    assert task_field(task, "time_share") == Decimal("12")
    assert task_field(task, "exposure") == Decimal("82.5")
    assert task_field(task, "category") == "core"
    assert task_field(task, "scores.resistance") == Decimal("3.75")
    assert task_field(task, "scores.missing") is None
    assert task_field(task, "no_such_field") is None
    assert task_field(task, "model_fields") is None  # attribute names that are not fields are no backdoor


@pytest.mark.parametrize("spec, message", [
    ({"occupation": "nobody", "field": "exposure"}, "'nobody' names no occupation"),
    ({"occupation": "ml-engineer", "source": "nobody", "field": "exposure"}, "'nobody' names no source"),
    ({"occupation": "empty", "field": "exposure", "aggregate": "mean"},
     "no task of occupation 'empty' matches: a mean of nothing is undefined"),
    ({"occupation": "ml-engineer", "field": "exposure", "aggregate": "mean", "where": {"category": "nothing"}},
     "no task of occupation 'ml-engineer' matches with category nothing: a mean of nothing is undefined"),
    ({"occupation": "ml-engineer", "field": "exposure", "aggregate": "weighted_mean", "weight": "time_share",
      "where": {"exposure": {"gt": 100}}},
     "no task of occupation 'ml-engineer' matches with exposure > 100: a mean of nothing is undefined"),
    ({"occupation": "ml-engineer", "field": "category"}, "task 't1' has no numeric category"),
    ({"occupation": "ml-engineer", "field": "scores.missing"}, "task 't1' has no numeric scores.missing"),
    ({"occupation": "ml-engineer", "field": "exposure", "aggregate": "weighted_mean", "weight": "scores.missing"},
     "task 't1' has no numeric scores.missing"),
    ({"occupation": "ml-engineer", "field": "exposure", "aggregate": "weighted_mean", "weight": "category"},
     "task 't1' has no numeric category"),
])
def test_aggregate_errors(spec: dict, message: str) -> None:
    catalogue = seed_catalogue()
    catalogue.occupations["empty"] = Occupation(id="empty", title="Empty")
    with pytest.raises(FigureError) as caught:
        evaluate({"tasks": spec}, catalogue=catalogue)
    assert str(caught.value) == message


@pytest.mark.parametrize("spec, value, text", [
    ({"occupation": "empty", "field": "exposure"}, Decimal(0), "sum of exposure over 0 tasks of empty"),
    ({"occupation": "ml-engineer", "field": "exposure", "where": {"category": "nothing"}}, Decimal(0),
     "sum of exposure over 0 tasks of ml-engineer with category nothing"),
    ({"occupation": "empty", "aggregate": "count"}, Decimal(0), "count of 0 tasks of empty"),
])
def test_aggregates_over_no_task(spec: dict, value: Decimal, text: str) -> None:
    """A sum or a count over no task is 0; only a mean of nothing is an error."""
    catalogue = seed_catalogue()
    catalogue.occupations["empty"] = Occupation(id="empty", title="Empty")
    assert evaluate({"tasks": spec}, catalogue=catalogue) == (value, text)


@pytest.mark.parametrize("where, count, described", [
    ({"exposure": {"gte": 64}}, 4, "exposure >= 64"),
    ({"exposure": {"gt": 64}}, 3, "exposure > 64"),
    ({"exposure": {"lt": 31}}, 2, "exposure < 31"),
    ({"exposure": {"lte": 31}}, 3, "exposure <= 31"),
    ({"exposure": {"eq": 54}}, 1, "exposure = 54"),
    ({"exposure": {"ne": 54}}, 7, "exposure != 54"),
    ({"exposure": {"gt": 30, "lt": 70}}, 3, "exposure > 30 and < 70"),
    ({"scores.resistance": {"gte": "7.5"}}, 1, "scores.resistance >= 7.5"),
    ({"category": {"gte": 1}}, 0, "category >= 1"),  # a comparison never matches a text field
    ({"time_share": "12", "category": "core"}, 2, "time_share 12 with category core"),
    ({"category": "core", "exposure": {"gte": 70}}, 3, "category core with exposure >= 70"),
])
def test_count_with_where_comparisons(where: dict, count: int, described: str) -> None:
    value, text = evaluate({"tasks": {"occupation": "ml-engineer", "aggregate": "count", "where": where}},
                           catalogue=seed_catalogue())
    assert value == Decimal(count)
    assert text == f"count of {count} tasks of ml-engineer with {described}"


def test_comparison_needs_a_bound() -> None:
    with pytest.raises(ValidationError, match="at least one of"):
        TaskAggregate.model_validate({"occupation": "o", "where": {"exposure": {}}})


def test_source_keeps_one_decomposition() -> None:
    catalogue = make_catalogue(
        [{"id": "a1", "title": "A1", "occupation": "o", "source": "site-a", "time_share": "60", "exposure": "50"},
         {"id": "a2", "title": "A2", "occupation": "o", "source": "site-a", "time_share": "40", "exposure": "100"},
         {"id": "b1", "title": "B1", "occupation": "o", "source": "site-b", "time_share": "100", "exposure": "10"}],
        [{"id": "o", "title": "O"}])
    for sid in ("site-a", "site-b"):
        source = Source(id=sid, title=sid)
        catalogue.sources[sid] = source
    spec = {"occupation": "o", "field": "exposure", "aggregate": "weighted_mean", "weight": "time_share"}
    assert evaluate({"tasks": {**spec, "source": "site-a"}}, catalogue=catalogue) == (
        Decimal("70"), "time_share-weighted mean of exposure over 2 tasks of o (from site-a)")
    assert evaluate({"tasks": {**spec, "source": "site-b"}}, catalogue=catalogue)[0] == Decimal("10")
    assert evaluate({"tasks": spec}, catalogue=catalogue)[0] == Decimal("40")


def test_weights_totalling_zero() -> None:
    catalogue = make_catalogue(
        [{"id": "a", "title": "A", "occupation": "o", "exposure": "10", "time_share": "0"},
         {"id": "b", "title": "B", "occupation": "o", "exposure": "20", "time_share": "0"}],
        [{"id": "o", "title": "O"}])
    with pytest.raises(FigureError, match=r"the weights \(time_share\) of 2 tasks of o total zero"):
        evaluate({"tasks": {"occupation": "o", "field": "exposure", "aggregate": "weighted_mean", "weight": "time_share"}},
                 catalogue=catalogue)


# -- the models that describe derivations -----------------------------------------------------

@pytest.mark.parametrize("raw", [
    {},
    {"sum": ["1"], "product": ["2"]},
    {"difference": ["1"]},
    {"difference": ["1", "2", "3"]},
    {"quotient": ["1"]},
    {"sum": ["one"]},
    {"sum": [{"figure": "Not A Slug"}]},
    {"sum": [{"expression": "1+1"}]},
    {"sum": ["NaN"]},
    {"tasks": {"occupation": "o", "field": "exposure", "aggregate": "median"}},
    {"tasks": {"occupation": "o", "field": "exposure", "aggregate": "weighted_mean"}},
])
def test_derivations_the_model_refuses(raw: dict) -> None:
    with pytest.raises(ValidationError):
        Derivation.model_validate(raw)


def test_task_aggregate_defaults() -> None:
    spec = TaskAggregate.model_validate({"occupation": "o"})
    assert (spec.field, spec.aggregate, spec.weight, spec.source, spec.where) == ("time_share", "sum", None, None, {})


@pytest.mark.parametrize("value, tolerance, expected", [
    ("68.2", None, Decimal("0.05")),
    ("68", None, Decimal("0.5")),
    ("68.20", None, Decimal("0.005")),
    ("5.9466", None, Decimal("0.00005")),
    ("187,500", None, Decimal("0.5")),
    ("52", "1", Decimal("1")),
    ("52.4", "0", Decimal("0")),
])
def test_rounding_is_half_a_unit_of_the_last_written_digit(value: str, tolerance: str | None, expected: Decimal) -> None:
    raw = {"id": "f", "value": value}
    if tolerance is not None:
        raw["tolerance"] = tolerance
    assert Figure.model_validate(raw).rounding() == expected


def test_figure_value_parsing() -> None:
    assert Figure.model_validate({"id": "f", "value": " 187,500 "}).value == Decimal("187500")
    with pytest.raises(ValidationError, match="is not a number"):
        Figure.model_validate({"id": "f", "value": "about 40"})


@pytest.mark.parametrize("value, like, text", [
    (Decimal("54.4"), Decimal("52"), "54.4"),
    (Decimal("5.9466"), Decimal("5.94"), "5.947"),
    (Decimal("74"), Decimal("53.4"), "74"),
    (Decimal("68.17906683480453972257250946"), Decimal("68.3"), "68.18"),
    (Decimal("0.3333333333333333333333333333"), Decimal("0.34"), "0.333"),
])
def test_shown_prints_one_more_decimal_than_stated(value: Decimal, like: Decimal, text: str) -> None:
    assert shown(value, like) == text


def test_shown_survives_values_wider_than_the_decimal_context() -> None:
    """A recomputed 1e30 against a stated integer: the message must still print, not raise."""
    assert Decimal(shown(Decimal("1E+30"), Decimal("1"))) == Decimal("1E+30")
