#!/usr/bin/env python3
"""The whole command, as a user runs it: ``python -m stats track CORPUS -o OUT -j N``.

    python benchmarks/track_scale.py                          # 2,000 articles, -j 1 and -j 2, 3 runs
    python benchmarks/track_scale.py --articles 20000 --jobs 2 --runs 1
    python benchmarks/track_scale.py --corpus /tmp/c2000      # a corpus written before

For each job count it runs the command ``--runs`` times (after ``--warmup`` runs that are not
counted) and reports the median wall time (min and max beside it), the CPU time and the peak
resident memory of the largest single process (the parent or a worker: ``os.wait4`` gives the
child's own peak or its children's, whichever is larger). It then checks that every job count
wrote the same figures.csv, articles.csv and claims.csv, byte for byte, and prints the speed-up
of each job count over the first.

The corpus is ``bench.py --write-corpus``'s (deterministic from ``--seed``), written once into a
temporary folder unless ``--corpus`` names one.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUTS = ("figures.csv", "articles.csv", "claims.csv")


def run_once(corpus: Path, out: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "stats", "track", str(corpus), "-o", str(out), "-j", str(jobs), "-q"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=HERE.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {code}:\n{err}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


def measure(corpus: Path, jobs: list[int], runs: int, warmup: int, work: Path) -> dict[int, list[dict]]:
    results: dict[int, list[dict]] = {j: [] for j in jobs}
    for _ in range(warmup):
        for j in jobs:
            run_once(corpus, work / f"j{j}", j)             # not counted: file cache, .pyc
    for _ in range(runs):
        for j in jobs:                                      # interleaved, so drift hits all alike
            results[j].append(run_once(corpus, work / f"j{j}", j))
    return results


def same_outputs(work: Path, jobs: list[int]) -> bool:
    first = work / f"j{jobs[0]}"
    return all((first / name).read_bytes() == (work / f"j{j}" / name).read_bytes()
               for j in jobs[1:] for name in OUTPUTS)


def report(results: dict[int, list[dict]], articles: int, identical: bool) -> None:
    base = None
    print(f"python -m stats track on {articles} articles ({os.cpu_count()} cores)")
    print("| -j | wall s, median (min-max) | CPU s | peak RSS MiB (largest process) | speed-up |")
    print("|---|---|---|---|---|")
    for j, rows in results.items():
        walls = [r["wall"] for r in rows]
        med = statistics.median(walls)
        base = base or med
        print(f"| {j} | {med:.1f} ({min(walls):.1f}-{max(walls):.1f}) "
              f"| {statistics.median(r['cpu'] for r in rows):.1f} "
              f"| {max(r['rss_mib'] for r in rows):.0f} | {base / med:.2f}x |")
    print(f"outputs identical across job counts: {identical}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", default="1,2", help="comma-separated job counts (default 1,2)")
    ap.add_argument("--runs", type=int, default=3, help="counted runs of each job count (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="runs of each not counted, first (default 1)")
    ap.add_argument("--corpus", type=Path, help="an existing corpus folder (default: write one)")
    args = ap.parse_args(argv)
    jobs = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="stats-scale-") as tmp:
        work = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            subprocess.run([sys.executable, str(HERE / "bench.py"), "--articles", str(args.articles),
                            "--seed", str(args.seed), "--write-corpus", str(corpus)], check=True,
                           stdout=subprocess.DEVNULL)
        articles = sum(1 for _ in corpus.rglob("*.txt"))
        results = measure(corpus, jobs, args.runs, args.warmup, work)
        report(results, articles, same_outputs(work, jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
