#!/usr/bin/env python3
"""Time on text without sentence punctuation: a table or a PDF dumped to text must cost time
linear in its length.

    python benchmarks/long_text.py                      # 8,000, 32,000 and 128,000 words
    python benchmarks/long_text.py --words 2000,4000,8000 --layout rows
    python benchmarks/long_text.py --profile 20         # cProfile the largest text

Each text is made of list-like records ('at least 12 people killed in the Kalomi area',
'thousands residents displaced in the Vizepu area'): numbers in digits and in words, vague
amounts, qualifiers and the people they count, with no full stop anywhere. ``--layout run``
(the default) joins the records with spaces, one run of text as a PDF's extraction gives it;
``rows`` puts each on its own line, as a table dumped to text; ``both`` times each. The text is
built before it is timed. For each size the script prints the figures found, the seconds
``stats.extract`` took (the best of ``--runs``), the words per second, and the ratio of the time
to that of the size before it: linear time gives the ratio of the sizes (4x the words: about 4x
the time); the acceptance is under 5x for 4x the words and under 20 s at 32,000 words.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import stats  # noqa: E402

QUALIFIERS = ["at least", "more than", "about", "nearly", "up to", "some", "over", ""]
NUMBERS = ["12", "1,250", "three", "4.5 million", "twenty-five", "300", "forty", "two thousand",
           "dozens", "hundreds", "thousands", "tens of thousands"]
COUNTED = ["people killed", "people injured", "residents displaced", "homes destroyed",
           "people missing", "civilians dead", "families evacuated", "refugees arrived"]
SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "ze", "pu", "ha"]


def build(words: int, layout: str, seed: int = 0) -> str:
    rng = random.Random(seed)
    records, n = [], 0
    while n < words:
        number = rng.choice(NUMBERS)
        qualifier = "" if number in ("dozens", "hundreds", "thousands", "tens of thousands") \
            else rng.choice(QUALIFIERS)
        area = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()   # rows rarely repeat
        record = f"{qualifier} {number} {rng.choice(COUNTED)} in the {area} area".strip()
        records.append(record)
        n += len(record.split())
    return ("\n" if layout == "rows" else " ").join(records)


def timed(text: str, runs: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(runs):
        t0 = time.perf_counter()
        found = len(stats.extract(text))
        best = min(best, time.perf_counter() - t0)
    return best, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", default="8000,32000,128000", help="comma-separated sizes in words")
    ap.add_argument("--layout", choices=("run", "rows", "both"), default="run")
    ap.add_argument("--runs", type=int, default=2, help="runs per size; the best is reported")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--profile", type=int, metavar="TOP", default=0,
                    help="cProfile the largest size and print the TOP functions by cumulative time")
    args = ap.parse_args()
    sizes = [int(w) for w in args.words.split(",")]
    stats.extract("At least 12 people were killed.")      # lexicons loaded before the timing
    layouts = ("run", "rows") if args.layout == "both" else (args.layout,)
    for layout in layouts:
        print(f"layout: {layout}")
        print(f"{'words':>8} {'chars':>9} {'figures':>8} {'seconds':>8} {'words/s':>9} {'x time':>7} {'x words':>8}")
        prev = None
        for words in sizes:
            text = build(words, layout, args.seed)
            seconds, found = timed(text, args.runs)
            ratio = f"{seconds / prev[1]:7.2f}" if prev else f"{'':>7}"
            growth = f"{words / prev[0]:8.1f}" if prev else f"{'':>8}"
            print(f"{words:>8} {len(text):>9} {found:>8} {seconds:>8.2f} {words / seconds:>9.0f} {ratio} {growth}",
                  flush=True)
            prev = (words, seconds)
    if args.profile:
        text = build(sizes[-1], layouts[-1], args.seed)
        prof = cProfile.Profile()
        prof.runcall(stats.extract, text)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
