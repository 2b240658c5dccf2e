"""Time ``evidence check`` on a career-site-scale catalogue against plain PyYAML, side by side.

    python benchmarks/bench_check.py [--dir DIR] [--scale 1.0] [--seed 1] [--repeat 3]

Generates the catalogue first when DIR (default ``benchmarks/out/catalogue``) does not
exist, then measures, interleaved in one run so machine noise hits every figure alike:

* baseline: read every YAML file of the catalogue and ``yaml.load(text, Loader=yaml.CSafeLoader)``
  (PyYAML with libyaml), in this process;
* cold: ``evidence check DIR`` as a child process with an empty result cache (a fresh
  ``EVIDENCE_CACHE_DIR``), so interpreter start-up and imports are counted;
* repeat: ``evidence check DIR`` again on unchanged files with that same (now warm) cache;
* peak memory: the maximum resident set size of the cold child (``os.wait4``).

Each time is the median of ``--repeat`` runs. The table gives seconds and ratios to the
baseline, checked against DESIGN section 8's targets (cold <= 0.5x baseline, repeat <=
0.1x baseline, peak memory < 2 GiB). Results go to ``benchmarks/out/bench_check.json``.
Exit status 0 when every target is met, 1 otherwise, 2 when a check run failed.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
DEFAULT_DIR = OUT / "catalogue"
GIB = 2**30
TARGETS = {"cold": 0.5, "repeat": 0.1}
MEMORY_TARGET = 2 * GIB


PACKAGES = ("schemas", "graph", "evidence", "cli")


def snapshot(dest: Path) -> Path:
    """Copy the project's packages to ``dest``, so edits made while the benchmark runs
    (the checkout is shared) neither change the code measured nor invalidate the result
    cache, whose key includes the code's files."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for package in PACKAGES:
        source = HERE.parent / package
        if source.is_dir():
            shutil.copytree(source, dest / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # compiled up front, as an installed package is, so the first cold run does not pay for it
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest)], check=True)
    return dest


def evidence_command(code: Path | None = None) -> list[str]:
    """How to run the CLI as a child: ``python -m cli`` if it can, else the console script."""
    if code is not None:
        if (code / "cli" / "__main__.py").exists():
            return [sys.executable, "-m", "cli"]
        return [sys.executable, "-c", "import sys; from cli.main import main; sys.exit(main())"]
    if importlib.util.find_spec("cli.__main__") is not None:
        return [sys.executable, "-m", "cli"]
    script = Path(sys.executable).with_name("evidence")
    if script.exists():
        return [str(script)]
    found = shutil.which("evidence")
    if found:
        return [found]
    raise SystemExit("cannot find the evidence command: install the project (pip install -e .)")


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def baseline(files: list[Path]) -> float:
    """Seconds to read and load every file with PyYAML's libyaml loader."""
    started = time.perf_counter()
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


class Run:
    """One ``evidence check`` child: wall time, exit code, peak RSS, output."""

    def __init__(self, command: list[str], catalogue: Path, cache: Path, timeout: float, code: Path | None = None) -> None:
        env = dict(os.environ, EVIDENCE_CACHE_DIR=str(cache))
        if code is not None:  # PYTHONPATH comes before the editable install's finder
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.perf_counter()
            # with a snapshot, run from inside it: `python -m` puts the working directory first on sys.path
            proc = subprocess.Popen([*command, "check", str(catalogue)], stdout=out, stderr=err, env=env, cwd=code)
            fired = threading.Event()

            def kill() -> None:
                fired.set()
                proc.kill()

            timer = threading.Timer(timeout, kill)
            timer.start()
            try:
                # wait4, not wait: it gives this child's own rusage (RUSAGE_CHILDREN is a running max)
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
            self.timed_out = fired.is_set()
            self.seconds = time.perf_counter() - started
            proc.returncode = self.exit_code = os.waitstatus_to_exitcode(status)
            self.max_rss = usage.ru_maxrss * 1024  # KiB on Linux
            out.seek(0)
            err.seek(0)
            self.stdout = out.read().decode("utf-8", "replace")
            self.stderr = err.read().decode("utf-8", "replace")
        lines = self.stdout.rstrip("\n").splitlines()
        self.summary = next((line for line in reversed(lines) if line.startswith("Checked")), lines[-1] if lines else "")
        self.diagnostics = max(0, len(lines) - 1)
        self.cached = self.summary.endswith("(cached)")
        # the output without the summary's "(cached)" mark, to compare a repeat run with the cold one
        self.body = self.stdout.replace(" (cached)\n", "\n")

    @property
    def ok(self) -> bool:
        return self.exit_code in (0, 1)  # 1: the catalogue has errors, as the generated one does

    def fail(self, what: str) -> None:
        how = f"exit status {self.exit_code}"
        if self.exit_code < 0:
            how = "killed after --timeout" if self.timed_out else f"killed by signal {-self.exit_code} from outside"
        sys.stderr.write(f"{what} run failed ({how}):\n{self.stderr[-3000:]}\n")
        raise SystemExit(2)


def verdict(value: float, limit: float) -> str:
    return "PASS" if value <= limit else "MISS"


def git_state(root: Path) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        return head + ("+uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="catalogue to check (generated if missing)")
    parser.add_argument("--scale", type=float, default=1.0, help="scale for a catalogue generated here")
    parser.add_argument("--seed", type=int, default=1, help="seed for a catalogue generated here")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median reported)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before a check run is killed")
    parser.add_argument("--json", type=Path, default=OUT / "bench_check.json", help="where to write the results")
    parser.add_argument("--no-snapshot", action="store_true",
                        help="run the checkout's code live instead of a copy taken at the start (edits during the run then spoil the repeat figure)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    catalogue: Path = args.dir.resolve()
    generated = None
    if not catalogue.exists():
        sys.path.insert(0, str(HERE))
        from generate import generate

        print(f"generating a catalogue at scale {args.scale} (seed {args.seed}) in {catalogue} ...", flush=True)
        generated = generate(catalogue, args.scale, args.seed)
        print(f"  {generated['total_records']:,} records, {generated['files']} files, {generated['bytes'] / 1e6:.1f} MB in {generated['seconds']} s", flush=True)
    files = yaml_files(catalogue)
    size = sum(p.stat().st_size for p in files)
    code = None if args.no_snapshot else snapshot(OUT / "snapshot")
    command = evidence_command(code)
    print(f"catalogue: {catalogue} ({len(files)} YAML files, {size / 1e6:.1f} MB); command: {' '.join(command)} check"
          + (f" (code copied to {code} at {git_state(HERE.parent)})" if code else ""), flush=True)

    base_s: list[float] = []
    cold: list[Run] = []
    warm: list[Run] = []
    context = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "pyyaml": yaml.__version__, "libyaml": getattr(yaml, "__with_libyaml__", False)},
        "project": git_state(HERE.parent),
        "catalogue": {"dir": str(catalogue), "yaml_files": len(files), "bytes": size, "generated": generated},
        "command": [*command, "check", str(catalogue)],
        "code_snapshot": str(code) if code else None,
        "repeat": args.repeat,
    }
    for i in range(args.repeat):
        # one round = baseline, cold, repeat: interleaved so load on the shared machine hits all three
        base_s.append(baseline(files))
        cache = Path(tempfile.mkdtemp(prefix="evidence-bench-cache-"))
        try:
            run = Run(command, catalogue, cache, args.timeout, code)
            if not run.ok:
                run.fail("cold")
            cold.append(run)
            again = Run(command, catalogue, cache, args.timeout, code)
            if not again.ok:
                again.fail("repeat")
            warm.append(again)
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        same = "same output" if again.body == run.body and again.exit_code == run.exit_code else "OUTPUT DIFFERS from the cold run"
        same += ", served from the cache" if again.cached else ", NOT served from the cache"
        print(f"round {i + 1}/{args.repeat}: baseline {base_s[-1]:.2f} s, cold {run.seconds:.2f} s "
              f"({run.max_rss / 2**20:.0f} MiB), repeat {again.seconds:.2f} s ({same})", flush=True)
        # written after every round, so a run cut short still leaves its figures
        result = results(context, base_s, cold, warm, complete=i + 1 == args.repeat)
        write_json(args.json, result)

    b, c, w = result["baseline"]["median_s"], result["cold"]["median_s"], result["repeat_check"]["median_s"]
    peak = result["peak_memory"]["bytes"]
    rows = [
        ("baseline: PyYAML CSafeLoader, all files", b, 1.0, "", ""),
        ("evidence check, cold (empty cache)", c, c / b, f"<= {TARGETS['cold']}x", verdict(c / b, TARGETS["cold"])),
        ("evidence check, repeat (warm cache)", w, w / b, f"<= {TARGETS['repeat']}x", verdict(w / b, TARGETS["repeat"])),
    ]
    print()
    print(f"{'measurement (median of ' + str(args.repeat) + ')':<42} {'seconds':>9} {'x baseline':>11}  {'target':<9} result")
    for name, seconds, ratio, target, verdict_text in rows:
        print(f"{name:<42} {seconds:>9.2f} {ratio:>10.3f}x  {target:<9} {verdict_text}")
    print(f"{'peak memory, cold check (max RSS)':<42} {peak / GIB:>8.2f}G {'':>11}  {'< 2 GiB':<9} {verdict(peak, MEMORY_TARGET - 1)}")
    print()
    print(f"evidence check said: {cold[-1].summary}")
    print(f"({cold[-1].diagnostics:,} diagnostic lines, exit status {cold[-1].exit_code})")
    print(f"results written to {args.json}")
    return 0 if result["all_targets_met"] else 1


def results(context: dict, base_s: list[float], cold: list[Run], warm: list[Run], complete: bool) -> dict:  # type: ignore[type-arg]
    """The JSON document: medians, every run, per-round ratios, verdicts."""
    b = statistics.median(base_s)
    c = statistics.median(r.seconds for r in cold)
    w = statistics.median(r.seconds for r in warm)
    peak = max(r.max_rss for r in cold)
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        **context,
        "rounds_done": len(cold),
        "complete": complete,
        "baseline": {"what": "yaml.load(text, Loader=yaml.CSafeLoader) on every file", "median_s": b, "runs_s": base_s},
        "cold": {"median_s": c, "runs_s": [r.seconds for r in cold], "ratio": c / b, "target_ratio": TARGETS["cold"],
                 "pass": c / b <= TARGETS["cold"], "max_rss_bytes": [r.max_rss for r in cold],
                 "ratio_per_round": [r.seconds / x for r, x in zip(cold, base_s)]},
        "repeat_check": {"median_s": w, "runs_s": [r.seconds for r in warm], "ratio": w / b, "target_ratio": TARGETS["repeat"],
                         "pass": w / b <= TARGETS["repeat"], "max_rss_bytes": [r.max_rss for r in warm],
                         "ratio_per_round": [r.seconds / x for r, x in zip(warm, base_s)],
                         "same_output_as_cold": all(x.body == y.body and x.exit_code == y.exit_code for x, y in zip(cold, warm)),
                         "served_from_cache": all(r.cached for r in warm)},
        "peak_memory": {"bytes": peak, "target_bytes": MEMORY_TARGET, "pass": peak < MEMORY_TARGET},
        "summary_line": cold[-1].summary,
        "exit_code": cold[-1].exit_code,
        "all_targets_met": c / b <= TARGETS["cold"] and w / b <= TARGETS["repeat"] and peak < MEMORY_TARGET,
    }


def write_json(path: Path, result: dict) -> None:  # type: ignore[type-arg]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    sys.exit(main())
