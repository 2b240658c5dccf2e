"""RDF export and SPARQL at career-site scale, each against a baseline measured in the same run.

    python benchmarks/bench_sparql.py [--dir DIR] [--scale 1.0] [--rdflib-timeout 120]

1. Export: `evidence`'s N-Triples and Turtle exports (from the loaded catalogue) against
   `oxigraph convert` of the same N-Triples into the same format. Target: at most 3x.
2. Saved queries (queries/*.rq) on the embedded pyoxigraph store against rdflib's
   in-memory Graph holding the same triples; each rdflib query runs in a child process
   with a time limit, so a plan that never finishes is reported, not waited for.
3. A second `evidence query` on the unchanged catalogue (store cached) against
   `oxigraph query` on a store holding the same quads. Target: at most 1.5x.

Figures are medians of --repeat runs; ratios are what to read (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

EVIDENCE = str(Path(sys.executable).with_name("evidence"))
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def, type-arg]
    return subprocess.run(cmd, check=True, capture_output=True, **kwargs)


RDFLIB_CHILD = r"""
import sys, time, rdflib
from schemas.vocab import PREFIXES
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
print("loaded", flush=True)
query = open(sys.argv[2]).read()
start = time.perf_counter()
rows = list(g.query(query, initNs=PREFIXES))
print(time.perf_counter() - start, len(rows), flush=True)
"""


def rdflib_query_times(nt: Path, queries: list[Path], timeout: float) -> dict[str, str]:
    """Each query in its own child (the load is paid each time, the query is timed alone)."""
    out = {}
    for q in queries:
        try:
            proc = subprocess.run([sys.executable, "-c", RDFLIB_CHILD, str(nt), str(q)], capture_output=True,
                                  text=True, timeout=timeout, cwd=REPO)
            lines = proc.stdout.split()
            out[q.stem] = lines[-2] if proc.returncode == 0 else f"error: {proc.stderr.strip()[-200:]}"
        except subprocess.TimeoutExpired:
            out[q.stem] = f">{timeout:g} (load + query did not finish)"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=HERE / "out" / "catalogue")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=180.0)
    parser.add_argument("--skip-rdflib", action="store_true")
    args = parser.parse_args()
    if not args.dir.is_dir():
        run([sys.executable, str(HERE / "generate.py"), str(args.dir), "--scale", str(args.scale)])

    from graph.export import export_text, ntriples_text, nquads_text, turtle_text
    from graph.rdf import statements
    from graph.sparql import check_query, run_local
    from graph.store import build_store
    from schemas import load_catalogue

    work = Path(tempfile.mkdtemp(prefix="bench-sparql-"))
    env = {**os.environ, "EVIDENCE_CACHE_DIR": str(work / "cache")}
    results: dict[str, object] = {}

    start = time.perf_counter()
    catalogue = load_catalogue(args.dir)
    results["load_s"] = time.perf_counter() - start
    stmts = statements(catalogue)
    nt_path, nq_path = work / "catalogue.nt", work / "catalogue.nq"
    nt_path.write_text(ntriples_text(stmts))
    nq_path.write_text(nquads_text(stmts))
    triples = sum(1 for _ in open(nt_path))
    print(f"catalogue {args.dir}: {sum(catalogue.counts().values())} records, {triples} triples, loaded in {results['load_s']:.1f} s")

    # 1. export vs oxigraph convert
    exports = {}
    for fmt, ext in (("ntriples", "nt"), ("turtle", "ttl")):
        ours = timed(lambda: export_text(catalogue, fmt), args.repeat)
        base = timed(lambda: run([OXIGRAPH, "convert", "--from-file", str(nt_path), "--to-file", str(work / f"out.{ext}")]), args.repeat)
        exports[fmt] = {"evidence_s": ours, "oxigraph_convert_s": base, "ratio": ours / base}
        print(f"export {fmt:9}: evidence {ours:6.2f} s   oxigraph convert {base:6.2f} s   ratio {ours / base:4.2f}x (target <= 3x)")
    results["export"] = exports

    # 2. saved queries: pyoxigraph vs rdflib
    queries = sorted((REPO / "queries").glob("*.rq"))
    store = build_store(nq_path.read_text())
    ox_times = {}
    for q in queries:
        text = q.read_text()
        form = check_query(text, use_cache=False)
        run_local(store, text, form, timeout=600)  # the first query on a fresh store is slower: warm up
        ox_times[q.stem] = timed(lambda: run_local(store, text, form, timeout=600), args.repeat)
    rd_times = {} if args.skip_rdflib else rdflib_query_times(nt_path, queries, args.rdflib_timeout)
    results["queries"] = {}
    for q in queries:
        rd = rd_times.get(q.stem, "skipped")
        try:
            ratio = f"{float(rd) / ox_times[q.stem]:8.1f}x"
        except ValueError:
            ratio = "     n/a"
        print(f"query {q.stem:36} pyoxigraph {ox_times[q.stem] * 1000:9.1f} ms   rdflib {rd:>12}   rdflib/pyoxigraph {ratio}")
        results["queries"][q.stem] = {"pyoxigraph_s": ox_times[q.stem], "rdflib_s": rd}

    # 3. second evidence query (cached store) vs oxigraph query on the same quads
    run([OXIGRAPH, "load", "--location", str(work / "oxstore"), "--file", str(nq_path)])
    second = {}
    for name in ("claims-per-design", "claims-without-primary-url"):
        q = REPO / "queries" / f"{name}.rq"
        run([EVIDENCE, "query", str(args.dir), "-f", str(q), "--format", "csv"], env=env)  # builds and caches the store
        ours = timed(lambda: run([EVIDENCE, "query", str(args.dir), "-f", str(q), "--format", "csv"], env=env), args.repeat)
        prefixed = work / f"{name}.rq"
        from schemas.vocab import PREFIXES
        prefixed.write_text("".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + q.read_text())
        base = timed(lambda: run([OXIGRAPH, "query", "--location", str(work / "oxstore"), "--query-file", str(prefixed),
                                  "--results-format", "csv", "--union-default-graph"]), args.repeat)
        second[name] = {"evidence_s": ours, "oxigraph_query_s": base, "ratio": ours / base}
        print(f"second query {name:28}: evidence {ours:5.2f} s   oxigraph query {base:5.2f} s   ratio {ours / base:4.2f}x (target <= 1.5x)")
    results["second_query"] = second

    out = HERE / "out" / "bench_sparql.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
