"""track_to (what the command line runs) streams figure rows to disk and fills in the claims
afterwards: its files must hold exactly the tables track() returns in memory."""
import shutil

import pandas as pd
import pytest

import stats
from stats import table
from stats.articles import bundled_corpus
from stats.pipeline import track_to


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The bundled corpus with its manifest, one article copied into a second folder (its id is
    made unique, so its rows are rewritten), prose whose sentences hold commas, quotes and line
    breaks, an HTML page and a JSONL record."""
    root = tmp_path_factory.mktemp("streaming")
    shutil.copytree(bundled_corpus(), root / "idlib")
    (root / "again").mkdir()
    first = sorted((root / "idlib").glob("000_*.txt"))[0]
    shutil.copy(first, root / "again" / first.name)
    (root / "again" / "quake.txt").write_text(
        'HERAT, Afghanistan - "At least 2,445 people,\nmost of them women and children, were '
        'killed," a spokesman said on Sunday.\r\nMore than 1,300 homes were destroyed in Zinda '
        "Jan, officials said, and 9,240 people were injured.\n", encoding="utf-8")
    (root / "again" / "flood.html").write_text(
        "<html><head><title>Floods in Sylhet</title></head><body><article><p>Floods have "
        "displaced nearly 200,000 people in Sylhet, the disaster ministry said.</p></article>"
        "</body></html>", encoding="utf-8")
    (root / "feed.jsonl").write_text(
        '{"id": "k1", "date": "2023-10-09", "text": "At least 2,000 people were killed in '
        'Herat, officials said."}\n', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def both(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    written = track_to(out, [corpus], parquet=True, charts=False)
    return stats.track([corpus]), written, out


def test_files_hold_the_tables_track_returns(both):
    result, written, out = both
    assert written.figures == len(result.figures) > 100
    pd.testing.assert_frame_equal(table.read_figures(out / "figures.csv"), result.figures)
    pd.testing.assert_frame_equal(pd.read_parquet(out / "figures.parquet"), result.figures,
                                  check_dtype=False)
    pd.testing.assert_frame_equal(written.articles, result.articles)
    pd.testing.assert_frame_equal(written.claims, result.claims)
    for article_id, text in result.texts.items():
        assert (out / "texts" / f"{table.safe_name(article_id)}.txt").read_text(encoding="utf-8") == text


def test_rows_survive_quotes_commas_line_breaks_and_renamed_ids(both):
    result, _, out = both
    figures = table.read_figures(out / "figures.csv")
    quake = figures[figures.article == "quake"]
    assert {"At least 2,445", "More than 1,300", "9,240"} <= set(quake.surface)
    assert any('"' in s and "," in s for s in quake.sentence)    # quoted in the CSV
    copies = [a for a in result.articles.id if a.startswith("000_")]
    assert len(copies) == 2 and copies[0] != copies[1]
    assert (figures.article == copies[1]).sum() == (figures.article == copies[0]).sum() > 10
    # the copy is one claim with its original: the same figures, in another article
    claims = figures[(figures.article == copies[1]) & (figures.claim != "")]
    assert len(claims) and claims.claim.isin(figures[figures.article == copies[0]].claim).all()


def test_an_interrupted_run_leaves_the_folder_as_it_was(corpus, tmp_path):
    (tmp_path / "figures.csv").write_text("earlier run\n", encoding="utf-8")
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 3
    with pytest.raises(KeyboardInterrupt):
        track_to(tmp_path, [corpus], charts=False, cancelled=cancelled)
    assert (tmp_path / "figures.csv").read_text(encoding="utf-8") == "earlier run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures.csv"]
