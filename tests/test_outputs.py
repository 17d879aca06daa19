"""Outputs as users expect them: modes the umask allows, no library warning on stderr, --version."""
import importlib.metadata
import os
import stat
import subprocess
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

import stats
from stats import articles, table

# a flood report whose header dates carry zone abbreviations dateutil does not know
HOSTILE = """<!DOCTYPE html>
<html><head><title>Floodwaters cut off river towns as thousands flee</title>
<meta property="article:published_time" content="2019-07-14 06:30 PKT">
<meta name="date" content="2019-07-14 06:30 IST">
</head><body><article>
<h1>Floodwaters cut off river towns as thousands flee</h1>
<p class="date">Published 14 July 2019 06:30 AEST</p>
<p>At least 23 people were killed and about 4,000 were displaced after the river burst its
banks on Saturday, officials said.</p>
<p>Rescue teams searched for 11 villagers who remain missing, a spokesman for the disaster
agency said on Sunday. More than 600 homes were destroyed.</p>
</article></body></html>
"""

STORIES = {
    "quake.txt": "Quake flattens hill villages\n\nA strong earthquake killed at least 41 people and "
                 "injured more than 300 on Tuesday, the health ministry said.\n",
    "ferry.txt": "Ferry capsizes on crowded lake\n\nMore than 30 passengers are missing after a ferry "
                 "capsized on Wednesday, police said. Eight bodies were recovered.\n",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "flood.html").write_text(HOSTILE, encoding="utf-8")
    return folder


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def modes(out: Path) -> dict[str, int]:
    """Permission bits of everything under ``out`` (and ``out``), by relative path."""
    found = {".": stat.S_IMODE(out.stat().st_mode)}
    for p in out.rglob("*"):
        found[p.relative_to(out).as_posix()] = stat.S_IMODE(p.lstat().st_mode)
    return found


def assert_modes(out: Path, mask: int) -> None:
    found = modes(out)
    expected_files = {"figures.csv", "articles.csv", "claims.csv", "texts/flood.txt",
                      "charts/timeline.png", "charts/overview.png", "charts/claims_compared.png"}
    assert expected_files <= set(found), sorted(found)
    assert not [p for p in found if p.startswith(".stats-staging") or "/." in p or p.startswith(".") and p != "."]
    for path, mode in found.items():
        want = (0o777 if (out / path).is_dir() else 0o666) & ~mask
        assert mode == want, f"{path}: {mode:o}, not {want:o}"


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_umask_mode_follows_the_umask_and_leaves_it(mask):
    with umask(mask):
        assert table.umask_mode() == 0o666 & ~mask
        assert table.umask_mode(directory=True) == 0o777 & ~mask
        assert os.umask(mask) == mask        # still the umask set


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_write_csv_has_the_umask_mode(tmp_path, mask):
    path = tmp_path / "t.csv"
    with umask(mask):
        table.write_csv(pd.DataFrame({"a": [1, 2]}), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_staged_gives_private_files_the_umask_mode(tmp_path):
    out = tmp_path / "out"
    with umask(0o022):
        with table.staged(out) as stage:
            (stage / "deep" / "er").mkdir(parents=True)
            (stage / "deep").chmod(0o700)
            fd = os.open(stage / "deep" / "er" / "report.html", os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
            (stage / "top.csv").write_text("a\n")
            (stage / "top.csv").chmod(0o400)
    assert modes(out) == {".": 0o755, "deep": 0o755, "deep/er": 0o755,
                          "deep/er/report.html": 0o644, "top.csv": 0o644}


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_track_to_outputs_have_the_umask_mode(corpus, tmp_path, mask):
    out = tmp_path / "out"
    with umask(mask):
        written = stats.track_to(out, corpus, jobs=1)
        again = stats.track_to(out, corpus, jobs=1)     # replacing an earlier run: the same
    assert written.figures == again.figures > 0
    assert_modes(out, mask)


def test_command_outputs_have_the_umask_mode_and_stderr_is_quiet(corpus, tmp_path):
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        run = subprocess.run([sys.executable, "-m", "stats", "track", str(corpus), "-o", str(out),
                              "-q", "-j", jobs], capture_output=True, text=True, umask=0o022)
        assert run.returncode == 0, run.stderr
        assert run.stderr == "" and run.stdout == ""
        assert_modes(out, 0o022)
        out = tmp_path / f"loud{jobs}"
        run = subprocess.run([sys.executable, "-m", "stats", "track", str(corpus), "-o", str(out),
                              "-j", jobs], capture_output=True, text=True, umask=0o002)
        assert run.returncode == 0, run.stderr
        # not a terminal: no progress bar; the summary line alone
        assert run.stderr.splitlines() == [f"{len(pd.read_csv(out / 'figures.csv'))} figures "
                                           f"from 3 articles -> {out}"]
        assert_modes(out, 0o002)


def test_the_page_is_hostile_to_dateutil():
    """The fixture does make dateutil warn (else the tests below could not fail)."""
    from dateutil.parser import UnknownTimezoneWarning, parse

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parse("2019-07-14 06:30 PKT")
    assert [w.category for w in caught] == [UnknownTimezoneWarning]


def test_zone_abbreviations_in_dates_raise_no_warning_and_keep_the_day():
    page = HOSTILE.replace("06:30", "07:45")       # htmldate caches what it parsed: a new string
    before = list(warnings.filters)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, meta = articles.extract_html(page)
    assert [str(w.message) for w in caught] == []
    assert meta["date"] == "2019-07-14"
    assert warnings.filters == before                 # no filter left behind


def test_a_warning_of_another_kind_is_not_hidden(monkeypatch):
    """Only dateutil's time-zone warning is silenced around the extraction."""
    traf = articles._trafilatura()
    real = traf.bare_extraction

    def noisy(*args, **kwargs):
        warnings.warn("something else", UserWarning)
        return real(*args, **kwargs)

    monkeypatch.setattr(traf, "bare_extraction", noisy)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles.extract_html(HOSTILE)
    assert [str(w.message) for w in caught] == ["something else"]


def test_version():
    run = subprocess.run([sys.executable, "-m", "stats", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout.split()[-1] == stats.__version__ == importlib.metadata.version("newsfigures")
