"""Where a cold ``evidence check`` spends its time: phases, rules, and a cProfile listing.

    python benchmarks/profile_check.py [--dir DIR] [--top 15] [--skip-phases | --load-only]

Runs in this process (imports are not counted; ``bench_check.py`` counts them):

1. phases without a profiler: ``load_catalogue`` (read + parse + validate), then each
   selected rule on one shared context, in the checker's order (a rule that first touches
   a lazily computed part of the context, such as URL statuses or claim strengths, pays
   for it);
2. ``evidence.check(DIR, use_cache=False)`` under cProfile: the time inside the main
   stages (YAML parsing, the fast reader and its fallback, pydantic validation, rules)
   and the top entries by cumulative time. The profile is saved to
   ``benchmarks/out/check.prof`` for ``python -m pstats`` or snakeviz.

cProfile adds overhead to Python-heavy code (the rules, the fast reader) and almost none
to C code (libyaml, pydantic-core), so read its split as a guide and phase 1 as the truth.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

import evidence
from evidence.context import Context
from evidence.registry import selected
from schemas import load_catalogue

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE / "out" / "catalogue"

# (label, file ending, function name) of the stages worth naming; cumulative times
STAGES = [
    ("load_catalogue (read, parse, validate)", "schemas/loader.py", "load_catalogue"),
    ("  read_yaml (all YAML parsing)", "schemas/yamlread.py", "read_yaml"),
    ("    fast reader (schemas.fastyaml)", "schemas/fastyaml.py", "fast_read"),
    ("    libyaml event reader (fallback)", "schemas/yamlread.py", "_read_yaml_events"),
    ("  pydantic validate_python", "", "validate_python"),
    ("run_rules (every rule)", "evidence/checker.py", "run_rules"),
]


def phases(root: Path) -> None:
    started = time.perf_counter()
    catalogue = load_catalogue(root)
    loaded = time.perf_counter()
    print(f"load_catalogue: {loaded - started:.2f} s ({sum(catalogue.counts().values()) if hasattr(catalogue, 'counts') else '?'} records)")
    context = Context(catalogue)
    timings = []
    for rule in selected():
        if rule.check is None:
            continue
        t0 = time.perf_counter()
        found = sum(1 for _ in rule.check(context))
        timings.append((time.perf_counter() - t0, rule.code, found))
    total = sum(t for t, _, _ in timings)
    print(f"rules: {total:.2f} s in all")
    for seconds, code, found in sorted(timings, reverse=True):
        print(f"  {code}  {seconds:8.3f} s  {found:>7,} findings")


def profile(root: Path, top: int, out: Path, load_only: bool = False) -> None:
    if load_only:
        started = time.perf_counter()
        load_catalogue(root)
        print(f"load_catalogue without a profiler: {time.perf_counter() - started:.2f} s")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    if load_only:
        catalogue = load_catalogue(root)
        summary: object = catalogue.counts()
    else:
        summary = evidence.check(root, use_cache=False).summary()
    profiler.disable()
    elapsed = time.perf_counter() - started
    out.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(out)
    print(f"{'load_catalogue' if load_only else 'evidence.check'} under cProfile: {elapsed:.2f} s; {summary}")
    raw = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for label, ending, name in STAGES:
        cum = [ct for (file, _, func), (_, _, _, ct, _) in raw.items() if func == name and file.endswith(ending)]
        shown = f"{max(cum):8.2f} s" if cum else "   (not called)"
        print(f"  {label:<42} {shown}")
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats("cumulative").print_stats(top)
    text = buffer.getvalue()
    print(text[text.index("   ncalls"):] if "   ncalls" in text else text)
    print(f"profile saved to {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--prof", type=Path, default=HERE / "out" / "check.prof")
    parser.add_argument("--skip-phases", action="store_true", help="only the cProfile run")
    parser.add_argument("--load-only", action="store_true", help="time and profile load_catalogue alone (no rules): quick")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        parser.error(f"no catalogue at {args.dir}: run benchmarks/generate.py {args.dir} first")
    if args.load_only:
        print("== cProfile of load_catalogue(DIR)")
        profile(args.dir, args.top, args.prof, load_only=True)
        return 0
    if not args.skip_phases:
        print("== phases (no profiler)")
        phases(args.dir)
        print()
    print("== cProfile of evidence.check(DIR, use_cache=False)")
    profile(args.dir, args.top, args.prof)
    return 0


if __name__ == "__main__":
    sys.exit(main())
