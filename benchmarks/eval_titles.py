"""Does the page lint cry wolf on job titles? Every title of the real O*NET and ESCO releases.

    python benchmarks/eval_titles.py [--onet DIR] [--esco DIR] [--out DIR]

Career-site pages print occupation titles everywhere: headings, related-role lists, cards,
tables. A title is never a statistic and never a template hole, so every figure or hole
the page lint finds in one is a false alarm an editor would see on every page about that
role. This script reads every title the releases give (O*NET 29.3: occupation titles,
alternate titles and their short forms, reported job titles; ESCO 1.2.0: preferred and
alternative labels), puts each in a sentence as a page would ("Related roles: {title}."),
and reports what ``find_statistics`` and ``find_holes`` find in them, with examples.
Results are printed and written to ``OUT/eval_titles.json``.
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


def evaluate(titles: set[str]) -> dict[str, object]:
    """What the lint finds in each title, set in a sentence of a page."""
    statistics: list[tuple[str, str]] = []
    holes: collections.Counter[str] = collections.Counter()
    hole_examples: list[tuple[str, str, str]] = []
    for title in sorted(titles):
        sentence = f"Related roles: {title}."
        statistics.extend((title, found.text) for found in find_statistics(sentence))
        for hole in find_holes(sentence):
            holes[hole.pattern] += 1
            hole_examples.append((title, hole.pattern, hole.text))
    return {"titles": len(titles), "with a statistic": len({title for title, _ in statistics}),
            "statistics": statistics, "with a hole": len({title for title, _, _ in hole_examples}),
            "holes by pattern": dict(sorted(holes.items())), "holes": hole_examples}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=DATA / "onet-29.3")
    parser.add_argument("--esco", type=Path, default=DATA / "esco-1.2.0")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    results = {"O*NET 29.3": evaluate(onet_titles(args.onet)), "ESCO 1.2.0": evaluate(esco_titles(args.esco))}
    for name, found in results.items():
        print(f"{name}: {found['titles']:,} titles; {found['with a statistic']} with a statistic, "
              f"{found['with a hole']} with a template hole")
        for title, figure in found["statistics"][:10]:  # type: ignore[index]
            print(f"  statistic {figure!r} in {title!r}")
        for title, pattern, text in found["holes"][:10]:  # type: ignore[index]
            print(f"  {pattern} {text!r} in {title!r}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "eval_titles.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
