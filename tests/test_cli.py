"""The command line is a thin layer over stats.track: tested without a shell where possible."""
import subprocess
import sys

import pandas as pd
import pytest

from stats import cli
from stats.records import FIGURE_COLUMNS

CONTRACT = ["article", "start", "end", "surface", "value", "low", "high", "qualifier", "unit",
            "category", "subject", "location", "period", "attribution", "sentence", "claim"]


def test_parse_args():
    ns = cli.parse_args(["track", "a", "b", "-o", "OUT"])
    assert ns.command == "track" and ns.corpus == ["a", "b"] and str(ns.out) == "OUT"
    with pytest.raises(SystemExit):
        cli.parse_args(["track"])          # -o is required


def test_track_writes_contract_tables(tmp_path):
    assert cli.main(["track", "-o", str(tmp_path), "-q"]) == 0
    figures = pd.read_csv(tmp_path / "figures.csv")
    assert list(figures.columns)[:len(CONTRACT)] == CONTRACT
    assert set(CONTRACT) <= set(FIGURE_COLUMNS)
    articles = pd.read_csv(tmp_path / "articles.csv", keep_default_na=False)
    assert len(articles) == 5 and set(articles.figures) != {0}


def test_bad_file_is_reported_and_skipped(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Floods in Libya's Derna have killed at least 5,300 people, officials said.\n",
                                     encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "latin1.txt").write_bytes("Caf\xe9 owners said 40 people were injured.".encode("latin-1"))
    out = tmp_path / "out"
    code = cli.main(["track", str(corpus), "-o", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "empty.txt" in err
    figures = pd.read_csv(out / "figures.csv")
    assert "at least 5,300" in set(figures.surface)
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False).set_index("id")
    assert articles.loc["empty", "error"] and not articles.loc["good", "error"]


def test_help_explains_every_command():
    out = subprocess.run([sys.executable, "-m", "stats", "track", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for word in ("CORPUS", "--out", "figures.csv", "articles.csv", "bundled"):
        assert word in out.stdout


def test_track_writes_claims_and_charts_and_chart_redraws(tmp_path):
    assert cli.main(["track", "-o", str(tmp_path), "-q"]) == 0
    claims = pd.read_csv(tmp_path / "claims.csv")
    assert {"claim", "category", "articles", "sources", "low", "high", "spread"} <= set(claims.columns)
    pngs = sorted(p.name for p in (tmp_path / "charts").glob("*.png"))
    assert pngs == ["claims_compared.png", "overview.png", "timeline.png"]
    for p in (tmp_path / "charts").glob("*.png"):
        p.unlink()
    assert cli.main(["chart", str(tmp_path)]) == 0
    assert len(list((tmp_path / "charts").glob("*.png"))) == 3
    assert cli.main(["chart", str(tmp_path / "missing")]) == 2


def test_mixed_corpus_texts_written_for_offsets(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "quake.jsonl").write_text(
        '{"id": "q1", "text": "The earthquake killed more than 2,000 people in Herat, officials said."}\n'
        '{"id": "q2", "title": "a record without its text"}\n', encoding="utf-8")
    (corpus / "flood.html").write_text(
        "<html><head><title>Floods in Sylhet</title></head><body><nav>Home | World</nav><article>"
        "<p>Floods have displaced nearly 200,000 people in Sylhet, the disaster ministry said on Monday.</p>"
        "<p>At least 18 people have died since the rains began last week, officials said.</p>"
        "</article><footer>Share 1,024 times</footer></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["track", str(corpus), "-o", str(out), "-q"]) == 1      # one record has no text
    assert "quake.jsonl" in capsys.readouterr().err
    figures = pd.read_csv(out / "figures.csv", keep_default_na=False)
    assert {"more than 2,000", "nearly 200,000", "At least 18"} <= set(figures.surface)
    assert "1,024" not in set(figures.surface)
    for row in figures.itertuples():
        text = (out / "texts" / f"{row.article}.txt").read_text(encoding="utf-8")
        assert text[row.start:row.end] == row.surface
