"""Command line: a thin layer over the Python API (stats.track)."""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from . import __version__, table
from .articles import MAX_BYTES
from .pipeline import track_to


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m stats",
        description="Find every figure (killed, displaced, refugees, ...) in a folder of news "
                    "articles, with its bounds and context, and track it across articles.",
    )
    parser.add_argument("--version", action="version", version=f"stats {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    t = sub.add_parser(
        "track", help="extract figures from articles and write the tables",
        description="Read every article under CORPUS (folders are searched recursively for .txt, .html, "
                    ".htm, .jsonl, .json and .csv files; '-' reads standard input) and write "
                    "OUT/figures.csv (one row per figure), OUT/articles.csv (one row per article), "
                    "OUT/claims.csv (one row per claim), OUT/charts/*.png, and OUT/texts/<id>.txt for "
                    "articles whose text is not a .txt file (HTML, records), which the offsets refer "
                    "to. With no CORPUS, the bundled Idlib corpus is used. A manifest.csv beside the "
                    "articles (id,date,outlet,url) overrides what is guessed. Exits 0 when every "
                    "article was read, 1 when some could not be (reasons on stderr).",
    )
    t.add_argument("corpus", nargs="*", metavar="CORPUS",
                   help="article files or folders, or - for standard input (default: bundled corpus)")
    t.add_argument("--text-column", metavar="NAME",
                   help="field holding the text in .jsonl/.json/.csv collections (default: text, body or content)")
    t.add_argument("--max-mb", type=float, default=MAX_BYTES / 1e6, metavar="MB",
                   help=f"files larger than this are reported and skipped (default {MAX_BYTES / 1e6:g}; 0: no limit)")
    t.add_argument("-o", "--out", required=True, type=Path, metavar="OUT", help="output folder (created if missing)")
    t.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="processes to spread articles over (default 0: all cores); output is the same as -j 1")
    t.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where the per-article work runs: local processes (-j) or a Dask cluster "
                        "(needs the 'dask' extra: pip install 'newsfigures[dask]')")
    t.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a local cluster")
    t.add_argument("--format", choices=("csv", "parquet"), default="csv",
                   help="also write OUT/figures.parquet (with --format parquet); figures.csv is always written")
    t.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no progress bar)")
    c = sub.add_parser(
        "chart", help="redraw the charts of an existing output folder",
        description="Read OUT/figures.csv, OUT/articles.csv and OUT/claims.csv (written by track) and "
                    "redraw the PNG charts under OUT/charts/.",
    )
    c.add_argument("out", type=Path, metavar="OUT", help="a folder written by 'track'")
    r = sub.add_parser(
        "report", help="write the HTML report of an existing output folder",
        description="Read OUT/figures.csv, OUT/articles.csv, OUT/claims.csv and "
                    "OUT/charts/history/*.png (written by track) and write OUT/report.html: one "
                    "self-contained page (nothing fetched from the network) of the claims of 2+ "
                    "articles, their history and mentions, and the articles.",
    )
    r.add_argument("out", type=Path, metavar="OUT", help="a folder written by 'track'")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "track":
        return _track(args)
    if args.command == "chart":
        return _chart(args.out)
    if args.command == "report":
        return _report(args.out)
    return 2


def _report(out: Path) -> int:
    import pandas as pd

    from . import report

    missing = [name for name in ("figures.csv", "articles.csv", "claims.csv")
               if not (out / name).is_file()]
    if missing:
        print(f"ERROR: {out}: not the output of a track run (no {', '.join(missing)})",
              file=sys.stderr)
        return 2
    try:
        path = report.write_report(out)
    except (OSError, ValueError, KeyError, pd.errors.ParserError) as err:
        print(f"ERROR: {out}: cannot read the tables of a track run ({err})", file=sys.stderr)
        return 2
    print(path, file=sys.stderr)
    return 0


def _chart(out: Path) -> int:
    import pandas as pd

    try:
        figures = table.read_figures(out / "figures.csv")
        articles, claims = (pd.read_csv(out / f"{name}.csv", keep_default_na=False, na_values=[""])
                            for name in ("articles", "claims"))
    except (OSError, ValueError, pd.errors.ParserError) as err:
        print(f"ERROR: {out}: cannot read the tables of a track run ({err})", file=sys.stderr)
        return 2
    from . import charts   # matplotlib: only when drawing

    paths = charts.draw_all(figures, articles, claims, out / "charts")
    for p in paths:
        print(p, file=sys.stderr)
    main = {out / "charts" / name for name in charts.CHART_FILES}
    return 0 if main <= set(paths) else 1     # the three main charts (histories besides)


def _track(args: argparse.Namespace) -> int:
    if args.scheduler and args.engine != "dask":
        print("ERROR: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    # Ctrl-C only raises a flag, checked between files and before the outputs are moved into
    # place: libraries that swallow KeyboardInterrupt in bare excepts cannot lose it
    interrupted = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: interrupted.set())
    try:
        corpus = [c if c == "-" else str(Path(c).resolve()) for c in args.corpus] or None  # workers may be elsewhere
        written = track_to(args.out, corpus, jobs=args.jobs, progress=not args.quiet,
                           text_column=args.text_column, max_bytes=int(args.max_mb * 1e6) or None,
                           engine=args.engine, scheduler=args.scheduler,
                           parquet=args.format == "parquet", cancelled=interrupted.is_set)
    except KeyboardInterrupt:
        print(f"interrupted: {args.out} left as it was", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, previous)
    articles = written.articles
    failed = articles[articles["error"].astype(bool)]
    for path, error in zip(failed["path"], failed["error"]):
        print(f"ERROR: {path}: {error}", file=sys.stderr)
    if not args.quiet:
        print(f"{written.figures} figures from {len(articles) - len(failed)} articles "
              f"-> {args.out}", file=sys.stderr)
    return 1 if len(failed) else 0
