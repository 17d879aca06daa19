"""-j N spreads articles over processes with the same output, in the same order, as -j 1."""
import shutil

from stats import cli
from stats.articles import bundled_corpus


def test_parallel_output_is_identical(tmp_path):
    corpus = tmp_path / "corpus"
    for copy in range(4):
        folder = corpus / f"batch{copy}"
        folder.mkdir(parents=True)
        for f in bundled_corpus().glob("*.txt"):
            shutil.copy(f, folder / f"{copy}_{f.name}")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert cli.main(["track", str(corpus), "-o", str(out), "-j", jobs, "-q"]) == 0
        outs.append(out)
    for name in ("figures.csv", "articles.csv", "claims.csv"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
