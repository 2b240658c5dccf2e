"""Does the page lint cry wolf on what career sites print about occupations? The real releases.

    python benchmarks/eval_occupations.py [--onet DIR] [--esco DIR] [--out DIR]

Career-site pages print occupation titles everywhere (headings, related-role lists, cards,
tables) and copy the taxonomies' own prose: O*NET's task statements and descriptions,
ESCO's descriptions. A title is never a statistic or a template hole, and this prose
states duties, not findings, so every figure or hole the page lint finds in them is
almost surely a false alarm, one an editor would see on every page about that role.

This script reads every title the releases give (O*NET 29.3: occupation titles, alternate
titles and their short forms, reported job titles; ESCO 1.2.0: preferred and alternative
labels), each put in a sentence as a page would ("Related roles: {title}."), and every
task statement and description, and reports what ``find_statistics`` and ``find_holes``
find in them, with examples. Results are printed and written to ``OUT/eval_occupations.json``.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from evidence.lint.holes import find_holes  # noqa: E402
from evidence.lint.statistics import find_statistics  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"


def onet_titles(folder: Path) -> set[str]:
    """O*NET's occupation, alternate, short and reported titles."""
    titles: set[str] = set()
    with open(folder / "Alternate Titles.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            titles.update(row[column] for column in ("Title", "Alternate Title", "Short Title")
                          if row[column] and row[column] != "n/a")
    with open(folder / "Sample of Reported Titles.txt", encoding="utf-8", newline="") as handle:
        titles.update(row["Reported Job Title"] for row in csv.DictReader(handle, delimiter="\t"))
    return titles


def esco_titles(folder: Path) -> set[str]:
    """ESCO's preferred and alternative labels of occupations."""
    titles: set[str] = set()
    with open(folder / "occupations_en.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            titles.add(row["preferredLabel"])
            titles.update(label.strip() for label in (row["altLabels"] or "").split("\n") if label.strip())
    return titles


def onet_prose(folder: Path) -> list[str]:
    """O*NET's task statements and occupation descriptions."""
    with open(folder / "Task Statements.txt", encoding="utf-8", newline="") as handle:
        texts = [row["Task"] for row in csv.DictReader(handle, delimiter="\t")]
    with open(folder / "Occupation Data.txt", encoding="utf-8", newline="") as handle:
        texts.extend(row["Description"] for row in csv.DictReader(handle, delimiter="\t"))
    return texts


def esco_prose(folder: Path) -> list[str]:
    """ESCO's occupation descriptions."""
    with open(folder / "occupations_en.csv", encoding="utf-8", newline="") as handle:
        return [row["description"] for row in csv.DictReader(handle) if row["description"]]


def evaluate(texts: list[str]) -> dict[str, object]:
    """What the lint finds in each text: (text, figure) and (text, pattern, hole) pairs."""
    statistics: list[tuple[str, str]] = []
    holes: collections.Counter[str] = collections.Counter()
    hole_examples: list[tuple[str, str, str]] = []
    for text in texts:
        statistics.extend((text, found.text) for found in find_statistics(text))
        for hole in find_holes(text):
            holes[hole.pattern] += 1
            hole_examples.append((text, hole.pattern, hole.text))
    return {"texts": len(texts), "with a statistic": len({text for text, _ in statistics}),
            "statistics": statistics, "with a hole": len({text for text, _, _ in hole_examples}),
            "holes by pattern": dict(sorted(holes.items())), "holes": hole_examples}


def titles_in_sentences(titles: set[str]) -> list[str]:
    """Each title as a page prints it in a sentence."""
    return [f"Related roles: {title}." for title in sorted(titles)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=DATA / "onet-29.3")
    parser.add_argument("--esco", type=Path, default=DATA / "esco-1.2.0")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    results = {
        "O*NET 29.3 titles": evaluate(titles_in_sentences(onet_titles(args.onet))),
        "O*NET 29.3 tasks and descriptions": evaluate(onet_prose(args.onet)),
        "ESCO 1.2.0 titles": evaluate(titles_in_sentences(esco_titles(args.esco))),
        "ESCO 1.2.0 descriptions": evaluate(esco_prose(args.esco)),
    }
    for name, found in results.items():
        print(f"{name}: {found['texts']:,} texts; {found['with a statistic']} with a statistic, "
              f"{found['with a hole']} with a template hole")
        for text, figure in found["statistics"][:10]:  # type: ignore[index]
            print(f"  statistic {figure!r} in {text[:100]!r}")
        for text, pattern, hole in found["holes"][:10]:  # type: ignore[index]
            print(f"  {pattern} {hole!r} in {text[:100]!r}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "eval_occupations.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n",
                                                     encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
