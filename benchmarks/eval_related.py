"""How relevant are the related roles? An honest evaluation on the real O*NET and ESCO data.

    python benchmarks/eval_related.py [--onet DIR] [--esco DIR] [--out DIR]

There is no expert list of related occupations here (O*NET's "Related Occupations" file
is held back on purpose: the result is judged against it). So this script measures what
the data at hand can say, and says what each measure is worth:

1. **Known pairs** (both taxonomies): pairs any career site would link, written down by
   hand in this file (Data Scientists / Statisticians, Software Developers / Computer
   Programmers, ...). Reported: the rank of each side in the other's list, hit@10, MRR.
   A small, subjective list: a sanity check, not a benchmark.
2. **Held-out ESCO hierarchy**: ESCO places many occupations under a broader occupation
   (``broaderRelationsOccPillar_en.csv``), which the importer does not import and the
   engine never sees. For every occupation with a sibling, is a sibling in its top 10?
3. **Taxonomy groups with the taxonomy switched off**: with the codes-and-family signal
   at weight 0, do roles of the same SOC broad occupation (O*NET) or ISCO unit group
   (ESCO) find each other from content alone? (With the signal on the figure would be
   circular, so it is not reported.)

Every measure is given for the engine (all signals), the engine without taxonomy
(content only), and the baseline the speed benchmark uses: Jaccard overlap of skill
sets, as ``networkx.jaccard_coefficient`` computes it (here through scipy, same values).
Results are printed and written to ``OUT/eval_related.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from graph.related import Engine  # noqa: E402
from schemas import Catalogue, load_catalogue  # noqa: E402
from schemas.importers import import_esco, import_onet  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"
ONET_PAIRS = [
    ("Data Scientists", "Statisticians"), ("Software Developers", "Computer Programmers"),
    ("Registered Nurses", "Licensed Practical and Licensed Vocational Nurses"), ("Lawyers", "Paralegals and Legal Assistants"),
    ("Pharmacists", "Pharmacy Technicians"), ("Dentists, General", "Dental Hygienists"), ("Chefs and Head Cooks", "Cooks, Restaurant"),
    ("Civil Engineers", "Civil Engineering Technologists and Technicians"),
    ("Financial and Investment Analysts", "Personal Financial Advisors"), ("Heavy and Tractor-Trailer Truck Drivers", "Light Truck Drivers"),
    ("Kindergarten Teachers, Except Special Education", "Elementary School Teachers, Except Special Education"),
    ("Police and Sheriff's Patrol Officers", "Detectives and Criminal Investigators"),
    ("Family Medicine Physicians", "General Internal Medicine Physicians"), ("Graphic Designers", "Art Directors"),
    ("Market Research Analysts and Marketing Specialists", "Marketing Managers"), ("Human Resources Specialists", "Human Resources Managers"),
    ("Database Administrators", "Database Architects"), ("Information Security Analysts", "Penetration Testers"),
    ("Web Developers", "Web and Digital Interface Designers"), ("Accountants and Auditors", "Budget Analysts"),
    ("Actuaries", "Statisticians"), ("Paramedics", "Emergency Medical Technicians"), ("Carpenters", "Cabinetmakers and Bench Carpenters"),
]
ESCO_PAIRS = [
    ("data scientist", "statistician"), ("software developer", "ICT application developer"),
    ("nurse responsible for general care", "nurse assistant"), ("lawyer", "legal assistant"), ("pharmacist", "pharmacy technician"),
    ("specialist dentist", "dental hygienist"), ("chef", "cook"), ("civil engineer", "civil engineering technician"),
    ("police officer", "police detective"), ("database administrator", "database designer"), ("accountant", "accounting assistant"),
    ("human resources manager", "human resources officer"), ("graphic designer", "art director"),
    ("marketing manager", "digital marketing manager"), ("user interface designer", "user interface developer"),
    ("general veterinarian", "veterinary nurse"), ("physiotherapist", "physiotherapy assistant"), ("electrician", "building electrician"),
    ("economist", "statistician"), ("bus driver", "trolley bus driver"),
]


def jaccard_scores(catalogue: Catalogue, ids: list[str]) -> np.ndarray:
    """All-pairs Jaccard of skill sets (the baseline's values), self excluded (-1)."""
    column: dict[str, int] = {}
    rows, cols = [], []
    for r, oid in enumerate(ids):
        for link in catalogue.occupations[oid].skill_links():
            rows.append(r)
            cols.append(column.setdefault(link.skill, len(column)))
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(ids), len(column)))
    matrix.data[:] = 1.0
    shared = np.asarray((matrix @ matrix.T).todense())
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - shared
    scores = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    np.fill_diagonal(scores, -1.0)
    return scores


def engine_scores(catalogue: Catalogue, weights: dict[str, float] | None = None) -> np.ndarray:
    """The engine's score of every pair (self -1), exactly as ``related_roles`` ranks them."""
    engine = Engine(catalogue, weights)
    rows = np.arange(len(engine.roles))
    return np.vstack([engine.scores(rows[s:s + 512]) for s in range(0, len(rows), 512)])


def ranks(scores: np.ndarray) -> np.ndarray:
    """rank[i, j]: 1-based position of j in i's list (score descending, ties by index)."""
    n = len(scores)
    order = np.lexsort((np.broadcast_to(np.arange(n), scores.shape), -scores), axis=1)
    out = np.empty_like(order)
    np.put_along_axis(out, order, np.broadcast_to(np.arange(1, n + 1), scores.shape), axis=1)
    return out


def known_pairs(rank: np.ndarray, index: dict[str, int], pairs: list[tuple[str, str]]) -> dict[str, object]:
    """Rank of b in a's list and of a in b's, for each pair; hit@10 and MRR over both directions."""
    found = [(a, b) for a, b in pairs if a in index and b in index]
    directed = [rank[index[a], index[b]] for a, b in found] + [rank[index[b], index[a]] for a, b in found]
    return {"pairs": len(found), "missing": [p for p in pairs if p not in found],
            "hit@10": float(np.mean([r <= 10 for r in directed])), "mrr": float(np.mean([1.0 / r for r in directed])),
            "ranks": {f"{a} / {b}": [int(rank[index[a], index[b]]), int(rank[index[b], index[a]])] for a, b in found}}


def group_recovery(rank: np.ndarray, groups: list[str | None]) -> dict[str, object]:
    """For roles with a group-mate: is one in the top 10 (hit@10), reciprocal rank of the first, precision@10."""
    labels = np.array([g or "" for g in groups])
    hits, reciprocal, precision = [], [], []
    for i, group in enumerate(groups):
        if not group:
            continue
        mates = np.flatnonzero((labels == group) & (np.arange(len(labels)) != i))
        if not len(mates):
            continue
        first = rank[i, mates].min()
        hits.append(first <= 10)
        reciprocal.append(1.0 / first)
        top = np.flatnonzero(rank[i] <= 10)
        precision.append(float(np.isin(top, mates).mean()))
    return {"roles": len(hits), "hit@10": float(np.mean(hits)), "mrr": float(np.mean(reciprocal)), "precision@10": float(np.mean(precision))}


def esco_siblings(folder: Path, catalogue: Catalogue, ids: list[str]) -> list[str | None]:
    """Each role's broader ESCO occupation (held out from the catalogue), or None."""
    by_uri = {catalogue.occupations[oid].codes.esco: n for n, oid in enumerate(ids)}
    parent: list[str | None] = [None] * len(ids)
    with (folder / "broaderRelationsOccPillar_en.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["conceptType"] == "Occupation" and row["broaderType"] == "Occupation" and row["conceptUri"] in by_uri:
                parent[by_uri[row["conceptUri"]]] = row["broaderUri"]
    return parent


def evaluate(name: str, catalogue: Catalogue, pairs: list[tuple[str, str]], groups: dict[str, list[str | None]]) -> dict[str, object]:
    """Every measure for the engine, the engine without taxonomy, and the Jaccard baseline."""
    ids = sorted(catalogue.occupations)
    by_title = {catalogue.occupations[oid].title: n for n, oid in enumerate(ids)}
    variants = {"engine": lambda: engine_scores(catalogue), "engine, no taxonomy": lambda: engine_scores(catalogue, {"taxonomy": 0.0}),
                "Jaccard baseline": lambda: jaccard_scores(catalogue, ids)}
    result: dict[str, object] = {}
    for variant, compute in variants.items():
        started = time.perf_counter()
        rank = ranks(compute())
        entry: dict[str, object] = {"seconds": round(time.perf_counter() - started, 2), "known pairs": known_pairs(rank, by_title, pairs)}
        for group_name, labels in groups.items():
            if variant != "engine" or group_name.startswith("held-out"):
                entry[group_name] = group_recovery(rank, labels)
        result[variant] = entry
    return {name: result}


def show(results: dict[str, dict[str, dict[str, object]]]) -> None:
    for taxonomy, variants in results.items():
        print(f"\n## {taxonomy}\n")
        print(f"| measure | {' | '.join(variants)} |")
        print(f"| --- |{' --- |' * len(variants)}")
        measures = sorted({m for v in variants.values() for m in v if m != "seconds"}, key=lambda m: (m != "known pairs", m))
        for measure in measures:
            for key in ("hit@10", "mrr", "precision@10"):
                cells = []
                for values in variants.values():
                    figure = values.get(measure, {})
                    cells.append(f"{figure[key]:.3f}" if isinstance(figure, dict) and key in figure else "-")
                if any(c != "-" for c in cells):
                    print(f"| {measure}: {key} | {' | '.join(cells)} |")
        pairs = variants["engine"]["known pairs"]["ranks"]  # type: ignore[index]
        print("\nKnown pairs, rank of each in the other's list (engine | baseline):")
        base = variants["Jaccard baseline"]["known pairs"]["ranks"]  # type: ignore[index]
        for pair, (forward, backward) in pairs.items():
            print(f"  {pair}: {forward}, {backward} | {base[pair][0]}, {base[pair][1]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=DATA / "onet-29.3")
    parser.add_argument("--esco", type=Path, default=DATA / "esco-1.2.0")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, dict[str, object]]] = {}
    onet_dir, esco_dir = args.out / "related" / "onet", args.out / "related" / "esco"
    import_onet(args.onet, onet_dir)
    import_esco(args.esco, esco_dir)
    onet = load_catalogue(onet_dir)
    ids = sorted(onet.occupations)
    broad = [onet.occupations[oid].codes.soc[:6] if onet.occupations[oid].codes.soc else None for oid in ids]
    minor = [onet.occupations[oid].codes.soc[:5] if onet.occupations[oid].codes.soc else None for oid in ids]
    results.update(evaluate("O*NET 29.3", onet, ONET_PAIRS, {"SOC broad occupation (no taxonomy)": broad, "SOC minor group (no taxonomy)": minor}))
    esco = load_catalogue(esco_dir)
    ids = sorted(esco.occupations)
    unit = [esco.occupations[oid].codes.isco for oid in ids]
    results.update(evaluate("ESCO 1.2.0", esco, ESCO_PAIRS, {"held-out broader ESCO occupation": esco_siblings(args.esco, esco, ids),
                                                               "ISCO unit group (no taxonomy)": unit}))
    show(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "eval_related.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
