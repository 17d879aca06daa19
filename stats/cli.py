"""Command line: a thin layer over the Python API (stats.track)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, charts, table
from .pipeline import track


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
        description="Read every article under CORPUS (folders are searched recursively; .txt files) "
                    "and write OUT/figures.csv (one row per figure) and OUT/articles.csv (one row per "
                    "article). With no CORPUS, the bundled Idlib corpus is used. Exits 0 when every "
                    "article was read, 1 when some could not be (reasons on stderr).",
    )
    t.add_argument("corpus", nargs="*", metavar="CORPUS", help="article files or folders (default: bundled corpus)")
    t.add_argument("-o", "--out", required=True, type=Path, metavar="OUT", help="output folder (created if missing)")
    t.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "track":
        return _track(args)
    return 2


def _track(args: argparse.Namespace) -> int:
    result = track(args.corpus or None)
    table.write_csv(result.figures, args.out / "figures.csv")
    table.write_csv(result.articles, args.out / "articles.csv")
    table.write_csv(result.claims, args.out / "claims.csv")
    charts.draw_all(result.figures, result.articles, result.claims, args.out / "charts")
    failed = result.articles[result.articles["error"].astype(bool)]
    for _, row in failed.iterrows():
        print(f"ERROR: {row['path']}: {row['error']}", file=sys.stderr)
    if not args.quiet:
        print(f"{len(result.figures)} figures from {len(result.articles) - len(failed)} articles "
              f"-> {args.out}", file=sys.stderr)
    return 1 if len(failed) else 0
