#!/usr/bin/env python3
"""report.html: its weight and how long headless Chromium takes to load it.

    python benchmarks/report_render.py                 # the shared news set, tracked into a temporary folder
    python benchmarks/report_render.py /tmp/news_out   # a folder written by 'track' (tracked first if absent)
    python benchmarks/report_render.py OUT --corpus DIR --loads 5

Writes OUT/report.html with ``python -m stats report OUT`` (timed too) unless ``--keep`` and it
is there, then opens it ``--loads`` times in a fresh page of Debian's chromium through
Playwright and prints the bytes of the page and the median (min, max) time to the load event
and to network idle (no request for 500 ms: Playwright's 'networkidle', which includes that
wait), with the rendered DOM's claim rows. Not a test.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWS = HERE.parent.parent / "shared" / "corpus" / "news"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def stats_command(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stats", *args], cwd=HERE.parent, check=True)
    return time.perf_counter() - started


def loads(page_path: Path, n: int) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("no chromium on PATH (Debian: apt-get install chromium)")
    load, idle, rows, errors, off_page = [], [], 0, [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        for _ in range(n):
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: off_page.append(r.url)
                    if not r.url.startswith(("file:", "data:")) else None)
            started = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="load")
            load.append(time.perf_counter() - started)
            page.wait_for_load_state("networkidle")
            idle.append(time.perf_counter() - started)
            rows = page.locator("tr.claim-row").count()
            page.close()
        browser.close()
    return {"load": load, "idle": idle, "rows": rows, "errors": errors, "off_page": off_page}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, help="a folder written by 'track' (default: a temporary one)")
    ap.add_argument("--corpus", type=Path, default=NEWS, help=f"what to track when OUT is absent (default {NEWS})")
    ap.add_argument("--loads", type=int, default=5, help="page loads timed (default 5)")
    ap.add_argument("--keep", action="store_true", help="use OUT/report.html as it is, if there")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        out = args.out or Path(tmp) / "out"
        if not (out / "claims.csv").exists():
            took = stats_command("track", str(args.corpus), "-o", str(out), "-q")
            print(f"track {args.corpus} -> {out}: {took:.1f} s", file=sys.stderr)
        page_path = out / "report.html"
        if not (args.keep and page_path.exists()):
            took = stats_command("report", str(out))
            print(f"python -m stats report: {took:.2f} s (whole process)")
        size = page_path.stat().st_size
        got = loads(page_path.resolve(), args.loads)

    def line(name, xs):
        return (f"{name}: median {statistics.median(xs):.3f} s (min {min(xs):.3f}, "
                f"max {max(xs):.3f}, {len(xs)} loads)")

    print(f"report.html: {size:,} bytes ({size / 1e6:.2f} MB)")
    print(line("load event", got["load"]))
    print(line("network idle", got["idle"]))
    print(f"claim rows rendered: {got['rows']}; console errors: {len(got['errors'])}; "
          f"requests off the page: {len(got['off_page'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
