"""Time the importers and the related-role engine on the whole O*NET and ESCO releases.

    python benchmarks/bench_related.py [--onet DIR] [--esco DIR] [--repeat 3]

Measured in one run, interleaved (baseline, then ours, round after round), so machine
noise hits both alike; each figure is the median of ``--repeat`` rounds:

* **import**: ``import_onet`` / ``import_esco`` of the whole release into
  ``benchmarks/out/related/``, against the floor of any importer: reading the same files
  row by row with ``csv.reader`` and doing nothing else;
* **load**: ``load_catalogue`` of the imported catalogue (reported, no baseline);
* **related**: the top 10 related roles of every occupation, with scores and reasons
  (``related_roles(catalogue, k=10)``, catalogue already loaded), against the naive
  baseline: a networkx graph of occupations and their skills, ``nx.jaccard_coefficient``
  over all pairs of occupations, then the 10 best per occupation.

The target of issue #4: the engine ranks all ESCO occupations in under 2 seconds (wall
clock; CPU seconds are shown too, as the machine is shared). Results go to
``benchmarks/out/bench_related.json``. Exit status 0 when the target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import itertools
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import networkx as nx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from graph.related import related_roles  # noqa: E402
from schemas import Catalogue, load_catalogue  # noqa: E402
from schemas.importers import import_esco, import_onet  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"
OUT = HERE / "out"
TARGET_SECONDS = 2.0


def timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds of one call, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def read_only(folder: Path) -> int:
    """The floor of an import: every delimited file of the release read row by row, nothing kept."""
    csv.field_size_limit(1 << 20)
    rows = 0
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".tsv", ".csv") and path.name != "Read Me.txt":
            with path.open(encoding="utf-8", newline="") as handle:
                rows += sum(1 for _ in csv.reader(handle, delimiter="," if path.suffix == ".csv" else "\t"))
    return rows


def networkx_jaccard(catalogue: Catalogue, k: int = 10) -> dict[str, list[str]]:
    """The naive baseline: all-pairs Jaccard of skill sets with networkx, top ``k`` per occupation."""
    graph = nx.Graph()
    occupations = sorted(catalogue.occupations)
    graph.add_nodes_from(("o", oid) for oid in occupations)
    for oid in occupations:
        graph.add_edges_from((("o", oid), ("s", link.skill)) for link in catalogue.occupations[oid].skill_links())
    best: dict[str, list[tuple[float, str]]] = {oid: [] for oid in occupations}
    pairs = itertools.combinations([("o", oid) for oid in occupations], 2)
    for (_, a), (_, b), score in nx.jaccard_coefficient(graph, pairs):
        if score > 0:
            for mine, other in ((a, b), (b, a)):
                heap = best[mine]
                item = (score, other)
                if len(heap) < k:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heapreplace(heap, item)
    return {oid: [other for _score, other in sorted(found, reverse=True)] for oid, found in best.items()}


def measure(name: str, source: Path, importer: Callable[[Path, Path], object], repeat: int) -> dict[str, object]:
    out = OUT / "related" / name
    rounds: dict[str, list[tuple[float, float]]] = {key: [] for key in ("read", "import", "load", "networkx", "engine")}
    catalogue: Catalogue | None = None
    for number in range(repeat):
        wall, cpu, _ = timed(lambda: read_only(source))
        rounds["read"].append((wall, cpu))
        wall, cpu, _ = timed(lambda: importer(source, out))
        rounds["import"].append((wall, cpu))
        wall, cpu, loaded = timed(lambda: load_catalogue(out))
        rounds["load"].append((wall, cpu))
        catalogue = loaded  # type: ignore[assignment]
        wall, cpu, _ = timed(lambda: networkx_jaccard(catalogue))  # type: ignore[arg-type]
        rounds["networkx"].append((wall, cpu))
        wall, cpu, result = timed(lambda: related_roles(catalogue, k=10))  # type: ignore[arg-type]
        rounds["engine"].append((wall, cpu))
        print(f"  {name} round {number + 1}: " + ", ".join(f"{key} {values[-1][0]:.2f}s" for key, values in rounds.items()), flush=True)
    assert catalogue is not None
    median = {key: (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)) for key, values in rounds.items()}
    return {"occupations": len(catalogue.occupations), "skills": len(catalogue.skills), "tasks": len(catalogue.tasks),
            "links": sum(len(o.skills) for o in catalogue.occupations.values()), "load_findings": len(catalogue.diagnostics),
            "seconds": {key: {"wall": round(w, 3), "cpu": round(c, 3)} for key, (w, c) in median.items()},
            "rounds": {key: [[round(w, 3), round(c, 3)] for w, c in values] for key, values in rounds.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=DATA / "onet-29.3")
    parser.add_argument("--esco", type=Path, default=DATA / "esco-1.2.0")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    results = {"O*NET 29.3": measure("onet", args.onet, import_onet, args.repeat),
               "ESCO 1.2.0": measure("esco", args.esco, import_esco, args.repeat)}
    print(f"\nMedians of {args.repeat} interleaved rounds, wall clock (CPU) seconds; "
          f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}\n")
    print("| workload | O*NET 29.3 | ESCO 1.2.0 |\n| --- | --- | --- |")
    sizes = [f"{r['occupations']} occupations, {r['skills']} skills, {r['tasks']} tasks, {r['links']} skill links" for r in results.values()]
    print(f"| catalogue | {' | '.join(sizes)} |")
    rows = (("read the release (csv floor)", "read"), ("import (ours)", "import"), ("load the catalogue", "load"),
            ("networkx all-pairs Jaccard, top 10 (baseline)", "networkx"), ("related roles, top 10 with reasons (ours)", "engine"))
    for label, key in rows:
        cells = [f"{r['seconds'][key]['wall']:.2f} ({r['seconds'][key]['cpu']:.2f})" for r in results.values()]  # type: ignore[index]
        print(f"| {label} | {' | '.join(cells)} |")
    ratios = []
    for r in results.values():
        s = r["seconds"]
        ratios.append(f"import / csv floor {s['import']['wall'] / s['read']['wall']:.1f} ({s['import']['cpu'] / s['read']['cpu']:.1f}); "  # type: ignore[index]
                      f"engine / networkx {s['engine']['wall'] / s['networkx']['wall']:.2f} ({s['engine']['cpu'] / s['networkx']['cpu']:.2f})")  # type: ignore[index]
    print(f"| ratios, wall (CPU) | {' | '.join(ratios)} |")
    esco = results["ESCO 1.2.0"]["seconds"]["engine"]["wall"]  # type: ignore[index]
    met = esco < TARGET_SECONDS
    print(f"\nTarget: related roles for all ESCO occupations under {TARGET_SECONDS:.0f} s: {esco:.2f} s, {'PASS' if met else 'MISS'}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_related.json").write_text(json.dumps({"results": results, "target_seconds": TARGET_SECONDS, "met": met},
                                                       indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
