"""Benchmark of ``evidence check --online`` against a sequential requests loop, in one run.

A child process serves 20 hosts (127.0.0.1 ... 127.0.0.20, each its own HTTP server) that
answer every request after 50 ms; the catalogue has 2,000 sources spread over them. Three
measurements, side by side:

- **baseline**: a sequential loop, one ``requests.Session().head(url)`` per source URL
  (keep-alive, no checks at all: the least a link checker can do);
- **first**: ``evidence.check(catalogue, online=...)`` with an empty HTTP cache (HEAD per
  URL, the soft-404 probe per host, the verdicts);
- **cached**: the same check again, answered from the HTTP cache (the server must see no
  new request).

Targets (ISSUE #5): first at least 10x faster than the baseline while no host ever has
more requests in flight than the per-host limit (counted by the servers themselves), and
cached at most 5% of first. Exit status 0 when all are met, 1 when one is missed.

    .venv/bin/python benchmarks/bench_online.py                 # 2,000 sources, ~2 minutes
    .venv/bin/python benchmarks/bench_online.py --sources 400   # quicker
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
sys.path.insert(0, str(ROOT))

PAGE = b"<!doctype html><html><head><title>A study</title></head><body><p>Findings.</p></body></html>"


def serve(hosts: int, latency: float, pipe: Connection) -> None:
    """The child process: one server per loopback address, 50 ms per answer, stats on request."""
    lock = threading.Lock()
    in_flight: dict[str, int] = {}
    peak: dict[str, int] = {}
    served: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _answer(self, with_body: bool) -> None:
            host = self.server.server_address[0]  # type: ignore[index]
            with lock:
                in_flight[host] = in_flight.get(host, 0) + 1
                peak[host] = max(peak.get(host, 0), in_flight[host])
                served[host] = served.get(host, 0) + 1
            try:
                time.sleep(latency)
                found = self.path.startswith("/paper/")
                body = PAGE if found else b"not found"
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(body)
            finally:
                with lock:
                    in_flight[host] -= 1

        def do_HEAD(self) -> None:
            self._answer(False)

        def do_GET(self) -> None:
            self._answer(True)

    servers = []
    for n in range(1, hosts + 1):
        server = ThreadingHTTPServer((f"127.0.0.{n}", 0), Handler)
        server.daemon_threads = True
        server.request_queue_size = 128
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    pipe.send([":".join(map(str, s.server_address[:2])) for s in servers])
    while True:
        command = pipe.recv()
        if command == "stats":
            with lock:
                pipe.send({"served": sum(served.values()), "peak": dict(peak)})
                peak.clear()
        else:
            break
    for server in servers:
        server.shutdown()
        server.server_close()


def write_catalogue(folder: Path, netlocs: list[str], sources: int) -> Path:
    """A YAML catalogue of ``sources`` sources, one claim each, spread round the hosts."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["sources:"]
    for n in range(sources):
        lines += [f"  - id: s{n:05d}", f"    title: Study {n}", f"    url: http://{netlocs[n % len(netlocs)]}/paper/{n}",
                  "    design: survey"]
    lines.append("claims:")
    for n in range(sources):
        lines += [f"  - id: c{n:05d}", f"    text: Finding {n}.", f"    cites: [s{n:05d}]"]
    (folder / "catalogue.yaml").write_text("\n".join(lines) + "\n")
    (folder / "evidence.toml").write_text("allow_private_hosts = true\n")
    return folder


def baseline(urls: list[str], timeout: float) -> float:
    """Seconds a sequential loop of one HEAD per URL takes (requests, keep-alive)."""
    import requests

    session = requests.Session()
    session.trust_env = False
    started = time.perf_counter()
    for url in urls:
        session.head(url, timeout=timeout).raise_for_status()
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def online_check(catalogue: Path, per_host: int, workers: int) -> tuple[float, Any]:
    """Seconds one ``evidence.check(..., online=...)`` takes, and its report."""
    import evidence
    from evidence.online import OnlineOptions

    options = OnlineOptions(per_host=per_host, workers=workers, timeout=30)
    started = time.perf_counter()
    report = evidence.check(catalogue, online=options, select=["EV4"])
    return time.perf_counter() - started, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds the server waits before each answer")
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--workers", type=int, default=32)
    args = parser.parse_args()

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    server = context.Process(target=serve, args=(args.hosts, args.latency, theirs), daemon=True)
    server.start()
    try:
        netlocs: list[str] = ours.recv()
        with tempfile.TemporaryDirectory(prefix="bench-online-") as tmp:
            os.environ["EVIDENCE_CACHE_DIR"] = str(Path(tmp) / "cache")
            catalogue = write_catalogue(Path(tmp) / "catalogue", netlocs, args.sources)
            urls = [f"http://{netlocs[n % len(netlocs)]}/paper/{n}" for n in range(args.sources)]

            base = baseline(urls, timeout=30)
            ours.send("stats")
            base_stats = ours.recv()
            first, report = online_check(catalogue, args.per_host, args.workers)
            ours.send("stats")
            first_stats = ours.recv()
            cached, again = online_check(catalogue, args.per_host, args.workers)
            ours.send("stats")
            cached_stats = ours.recv()
    finally:
        ours.send("stop")
        server.join(timeout=10)

    verdicts = report.online_totals()
    peak = max(first_stats["peak"].values(), default=0)
    speedup = base / first
    online_first, online_cached = report.online_seconds, again.online_seconds
    cached_share = online_cached / online_first
    command_share = cached / first
    new_requests = cached_stats["served"] - first_stats["served"]
    checks = {
        "first >= 10x faster than the sequential loop": speedup >= 10,
        f"no host above {args.per_host} requests in flight": peak <= args.per_host,
        "cached verification <= 5% of the first": cached_share <= 0.05,
        "cached run sends nothing": new_requests == 0,
        "every URL alive": verdicts["alive"] == args.sources,
    }
    results = {
        "sources": args.sources, "hosts": args.hosts, "latency_s": args.latency, "per_host": args.per_host,
        "workers": args.workers, "baseline_s": round(base, 3), "first_s": round(first, 3), "cached_s": round(cached, 3),
        "online_first_s": round(online_first, 3), "online_cached_s": round(online_cached, 3),
        "speedup": round(speedup, 1), "cached_share": round(cached_share, 4), "command_cached_share": round(command_share, 4),
        "server_peak_in_flight": peak,
        "requests": {"baseline": base_stats["served"], "first": first_stats["served"] - base_stats["served"],
                     "cached": new_requests},
        "checks": checks,
    }
    print(f"{args.sources} sources on {args.hosts} hosts, {args.latency * 1000:.0f} ms per answer, "
          f"per-host limit {args.per_host}, {args.workers} workers")
    print(f"  baseline (sequential requests loop, HEAD each URL): {base:8.2f} s  {results['requests']['baseline']} requests")
    print(f"  evidence check --online, empty HTTP cache:          {first:8.2f} s  "
          f"{results['requests']['first']} requests  {speedup:.1f}x faster than the baseline")
    print(f"  evidence check --online, again (HTTP cache):        {cached:8.2f} s  "
          f"{new_requests} requests  {command_share:.1%} of the first run")
    print(f"  of which online verification: first {online_first:.2f} s, cached {online_cached:.3f} s "
          f"({cached_share:.1%}); the rest is loading the catalogue and the offline work of a check")
    print(f"  most requests in flight to one host (server count): {peak}")
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'}  {name}")
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_online.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
