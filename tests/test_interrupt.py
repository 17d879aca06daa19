"""Killing a run with SIGINT midway leaves the previous outputs (or none), never a half-written table."""
import shutil
import signal
import subprocess
import sys
import time

import pytest

from stats.articles import bundled_corpus


@pytest.mark.parametrize("jobs, after", [("1", 4.0), ("2", 3.0)])
def test_sigint_leaves_previous_outputs(tmp_path, jobs, after):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(60):
        for f in bundled_corpus().glob("*.txt"):
            shutil.copy(f, corpus / f"{copy}_{f.name}")
    out = tmp_path / "out"
    out.mkdir()
    previous = {"figures.csv": b"article,start,end\nold,0,1\n", "articles.csv": b"id\nold\n"}
    for name, data in previous.items():
        (out / name).write_bytes(data)
    proc = subprocess.Popen([sys.executable, "-m", "stats", "track", str(corpus), "-o", str(out), "-j", jobs, "-q"],
                            stderr=subprocess.PIPE)
    time.sleep(after)       # start-up done, extraction under way
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    for name, data in previous.items():
        assert (out / name).read_bytes() == data
    assert not (out / "claims.csv").exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
