"""stats.metadata: title, date, outlet and URL as the article text gives them, and the
manifest that records what the text supports but the guesser should not take on its own."""
import csv
from pathlib import Path

import pytest

from stats.metadata import (canonical_outlet, guess_metadata, merge, outlet_from_url,
                            read_manifest)

CORPUS = Path(__file__).resolve().parents[1] / "stats" / "data" / "corpus" / "idlib"


def _text(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# what the guesser must find in each bundled article on its own
BUNDLED = {
    "000": {"title": "Russia declares 'ceasefire' as Syrians try to storm border post",
            "date": "", "outlet": "", "url": ""},      # "told Reuters", "according to AFP": sources
    "001": {"title": "Russia declares unilateral ceasefire in Idlib as Syrians storm Turkish border",
            "date": "", "outlet": "", "url": ""},      # Interfax, Anadolu, Al Jazeera are quoted
    "002": {"title": "Russia announces ceasefire in Syria\u2019s Idlib from Saturday",
            "date": "", "outlet": "Reuters", "url": ""},
    "003": {"title": "Russian-led air strikes suspended in Idlib after ceasefire",
            "date": "2020-01-12", "outlet": "The Moscow Times",
            "url": "https://www.themoscowtimes.com/2020/01/12/"
                   "russian-led-air-strikes-suspended-in-idlib-after-ceasefire-a68869"},
    "004": {"title": "Erdogan, Putin announce Idlib ceasefire after Moscow meeting",
            "date": "", "outlet": "Al Jazeera", "url": ""},   # March 5, 2020 is in a caption
}


@pytest.mark.parametrize("prefix", sorted(BUNDLED))
def test_bundled_articles(prefix):
    assert guess_metadata(_text(prefix)) == BUNDLED[prefix]


def test_broken_url_is_rejoined_and_related_links_ignored():
    got = guess_metadata(_text("003"))
    assert "\n" not in got["url"] and got["url"].endswith("ceasefire-a68869")
    assert "2024" not in got["url"]


def test_manifest_reads_and_overrides():
    rows = read_manifest(CORPUS)
    ids = {p.stem for p in CORPUS.glob("*.txt")}
    assert set(rows) == ids
    assert rows["003_9902f22a36a9c5de"] == {
        "date": "2020-01-12", "outlet": "The Moscow Times",
        "url": "https://www.themoscowtimes.com/2020/01/12/"
               "russian-led-air-strikes-suspended-in-idlib-after-ceasefire-a68869"}
    assert rows["004_7cd8635b9329f358"] == {"date": "2020-03-05", "outlet": "Al Jazeera"}
    assert rows["000_19b8293dde1b687b"] == {"date": "2019-08-30", "outlet": "Al Jazeera"}
    assert rows["002_8b4533b8271eb4d2"] == {"outlet": "Reuters"}
    assert rows["001_3e3324fbc864f3b6"] == {}
    merged = merge(guess_metadata(_text("004")), rows["004_7cd8635b9329f358"])
    assert merged == {"title": "Erdogan, Putin announce Idlib ceasefire after Moscow meeting",
                      "date": "2020-03-05", "outlet": "Al Jazeera", "url": ""}


def test_manifest_agrees_with_what_the_guesser_finds():
    rows = read_manifest(CORPUS)
    for aid, row in rows.items():
        guessed = guess_metadata((CORPUS / f"{aid}.txt").read_text(encoding="utf-8"))
        for key, value in guessed.items():
            if value and key in row:
                assert row[key] == value, (aid, key)


def test_manifest_file_is_plain_csv():
    with (CORPUS / "manifest.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["id", "date", "outlet", "url"]
    assert all(len(r) == 4 for r in rows)


SYNTHETIC = [
    ("By Jane Doe, Reuters\nKHARTOUM, Sudan, June 3, 2023 (Reuters) - Fighting raged in the capital "
     "for a seventh week, residents said.\n",
     {"title": "", "date": "2023-06-03", "outlet": "Reuters", "url": ""}),
    ("Sudan army and RSF agree truce\n\nKHARTOUM, June 3, 2023 (AFP) - The warring sides agreed on "
     "Saturday to a 24-hour truce.\n",
     {"title": "Sudan army and RSF agree truce", "date": "2023-06-03", "outlet": "AFP", "url": ""}),
    ("Quake toll passes 20,000 \u2013 BBC News\nPublished on 8 February 2023\nRescuers in Turkey "
     "and Syria said on Monday ...\n",
     {"title": "Quake toll passes 20,000", "date": "2023-02-08", "outlet": "BBC News", "url": ""}),
    ("Aid trucks enter Gaza through Rafah | The Guardian\nUpdated: Oct 21, 2023 10:15 GMT\n"
     "Twenty lorries crossed on Saturday.\n",
     {"title": "Aid trucks enter Gaza through Rafah", "date": "2023-10-21",
      "outlet": "The Guardian", "url": ""}),
    ("Thousands flee shelling\nThursday, 5 March 2020\n\nThe shelling began on 1 March 2020.\n",
     {"title": "Thousands flee shelling", "date": "2020-03-05", "outlet": "", "url": ""}),
    # a date in the body is not the publication date; quoting an outlet is not being it
    ("Siege deepens in the north\n\nThe siege began on March 5, 2020, and has not lifted, "
     "a resident told Al Jazeera.\n",
     {"title": "Siege deepens in the north", "date": "", "outlet": "", "url": ""}),
    # a dated URL anywhere in the text: the one matching the title wins over related links
    ("Kyiv hit by drones overnight\n\nText.\nhttps://kyivindependent.com/2022/05/01/other-story\n"
     "https://kyivindependent.com/2023/05/28/kyiv-hit-by-drones-overnight/\n",
     {"title": "Kyiv hit by drones overnight", "date": "2023-05-28", "outlet": "The Kyiv Independent",
      "url": "https://kyivindependent.com/2023/05/28/kyiv-hit-by-drones-overnight/"}),
    # an unknown domain is kept as the domain
    ("Floods displace thousands\nOriginal url: https://www.example-news.org/2024/09/02/floods\n",
     {"title": "Floods displace thousands", "date": "2024-09-02", "outlet": "example-news.org",
      "url": "https://www.example-news.org/2024/09/02/floods"}),
    ("Home News World Erdogan meets Putin in Sochi \u2013 Al Jazeera English\n\n"
     "Erdogan meets Putin in Sochi \u2013 Al Jazeera English\n\n10 min read\n",
     {"title": "Erdogan meets Putin in Sochi", "date": "", "outlet": "Al Jazeera", "url": ""}),
    ("MORE ON SYRIA'S WAR\n23 hours ago\nRelated: Something else\nShelling kills 12 in Ariha\nBody.\n",
     {"title": "Shelling kills 12 in Ariha", "date": "", "outlet": "", "url": ""}),
    ("Truce holds in Idlib\nSource: UNHCR\n",              # a data source is not an outlet
     {"title": "Truce holds in Idlib", "date": "", "outlet": "", "url": ""}),
]


@pytest.mark.parametrize("text,expected", SYNTHETIC, ids=[t.split("\n")[0][:30] for t, _ in SYNTHETIC])
def test_synthetic_headers(text, expected):
    assert guess_metadata(text) == expected


@pytest.mark.parametrize("text", [
    "", "   \n\n", "\x00\x01\ufffd", "https://", "Original url:\n", "\n".join(["x"] * 10000),
    "a" * 200000, None, 42, b"bytes title\nbody",
    "Original url:\nhttps://www.themoscowtimes.com/2020/99/99/bad-date\n",
])
def test_never_raises(text):
    got = guess_metadata(text)
    assert set(got) == {"title", "date", "outlet", "url"}
    assert all(isinstance(v, str) for v in got.values())


def test_outlet_names():
    assert canonical_outlet("Reuters news agency") == "Reuters"
    assert canonical_outlet("Al Jazeera English") == "Al Jazeera"
    assert outlet_from_url("https://edition.cnn.com/2023/10/07/x") == "CNN"
    assert outlet_from_url("https://www.themoscowtimes.com/2020/01/12/x") == "The Moscow Times"
    assert outlet_from_url("not a url") == ""


def test_read_manifest_variants(tmp_path):
    assert read_manifest(tmp_path) == {}
    (tmp_path / "manifest.csv").write_text(
        "id,title,date\na.txt,A title,5 March 2020\nb,,\n,orphan,2020-01-01\nc,,someday\n",
        encoding="utf-8")
    with pytest.warns(UserWarning):
        rows = read_manifest(tmp_path)
    assert rows == {"a": {"title": "A title", "date": "2020-03-05"}, "b": {}, "c": {}}
    (tmp_path / "manifest.csv").write_text("name,date\nx,2020-01-01\n", encoding="utf-8")
    with pytest.warns(UserWarning):
        assert read_manifest(tmp_path) == {}


def test_merge_manifest_wins_but_not_with_blanks():
    guessed = {"title": "T", "date": "2020-01-01", "outlet": "X", "url": ""}
    assert merge(guessed, {"date": "2020-02-02", "outlet": "", "url": "u"}) == \
        {"title": "T", "date": "2020-02-02", "outlet": "X", "url": "u"}
    assert merge(guessed, None) == guessed
    assert merge(guessed, {}) is not guessed


def test_fast_enough():
    import time
    text = _text("000")
    guess_metadata(text)
    t = time.perf_counter()
    for _ in range(20):
        guess_metadata(text)
    assert (time.perf_counter() - t) / 20 < 0.05
