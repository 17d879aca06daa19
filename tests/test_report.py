"""report.html from composed tables: escaping, highlighting, order, old tables, caps, the CLI."""
import base64
import os
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from stats import cli, report
from stats.records import FIGURE_COLUMNS
from stats.table import safe_name, umask_mode

HOSTILE_TITLE = 'Flood <script>window.__pwned = 1</script> "toll" rises'
HOSTILE_SENTENCE = ("Rescuers said <img src=x onerror=\"window.__pwned=2\"> at least 41 people "
                    "drowned & 'dozens' more were missing.")
HOSTILE_PLACE = 'Lower "Vale" <b onmouseover=\'x()\'>'


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and its text."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []       # what a reader sees: not the style's, not the script's
        self._open: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data):
        if not {"style", "script"} & set(self._open):
            self.text.append(data)

    def all(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def article(aid, title, date, outlet, path="", figures=1, error="", reprint_of=""):
    return {"id": aid, "title": title, "date": date, "outlet": outlet, "url": "",
            "path": path, "characters": 900, "figures": figures, "error": error,
            "reprint_of": reprint_of, "copied_share": 0.0}


def figure(aid, claim, surface, value, sentence, *, low=None, high=None, qualifier="exact",
           category="killed", location="Vale", attribution="", start=0):
    row = dict.fromkeys(FIGURE_COLUMNS, "")
    row.update(article=aid, start=start, end=start + len(surface), surface=surface, value=value,
               low=low, high=high, qualifier=qualifier, unit="people", category=category,
               subject="people", location=location, attribution=attribution,
               sentence=sentence, claim=claim)
    return row


def claim(cid, category, location, articles, sources, best, *, disputed=False, trend="rising",
          low=None, high=None, ids=()):
    return {"claim": cid, "category": category, "subject": "people", "location": location,
            "period": "", "articles": articles, "outlets": articles, "sources": sources,
            "low": low if low is not None else best, "high": high if high is not None else best,
            "spread": 1.0, "first_date": "2031-03-02", "last_date": "2031-03-05",
            "article_ids": ";".join(ids), "mentions": articles, "unit": "people",
            "readings": sources, "best": best, "best_low": best, "best_high": best,
            "first_value": best, "latest_value": best, "latest_date": "2031-03-05",
            "trend": trend, "disputed": disputed, "attributions": "civil defence"}


@pytest.fixture
def tables():
    """A flood in a made-up valley: a death toll, an injured count and a missing count
    (disputed), reported by three articles, one of them hostile; and a claim of one article."""
    articles = pd.DataFrame([
        article("a1", "Floods sweep the Vale, 12 dead", "2031-03-02", "Valley Post"),
        article("a2", "Vale flood toll climbs to 41", "2031-03-05", "River Wire"),
        article("a3", HOSTILE_TITLE, "2031-03-04", "<i>Hostile</i> Times"),
    ])
    figures = pd.DataFrame([
        figure("a1", "killed-vale-1", "at least 12", 12, "The floods killed at least 12 people, officials said.",
               low=12, qualifier="at_least", attribution="officials", start=40),
        figure("a2", "killed-vale-1", "41", 41, "The toll climbed to 41 on Tuesday.", start=10),
        figure("a3", "killed-vale-1", "at least 41", 41, HOSTILE_SENTENCE, low=41,
               qualifier="at_least", attribution='the "civil" defence', start=5),
        figure("a1", "injured-vale-1", "about 300", 300, "About 300 were hurt, and about 300 homes lost.",
               category="injured", qualifier="approx", start=90),
        figure("a2", "injured-vale-1", "1,250", 1250, "Some 1,250 people were injured in total.",
               category="injured", start=60),
        figure("a2", "missing-place-1", "between 20 and 30", 20, "Between 20 and 30 are missing.",
               low=20, high=30, qualifier="range", category="missing", location=HOSTILE_PLACE),
        figure("a3", "missing-place-1", "nine", 9, "Only nine are missing, the army said.",
               category="missing", location=HOSTILE_PLACE),
        figure("a1", "displaced-vale-1", "2,000", 2000, "2,000 fled.", category="displaced"),
    ])
    claims = pd.DataFrame([
        claim("injured-vale-1", "injured", "Vale", 2, 2, 1250, trend="rising", low=300, high=1250,
              ids=("a1", "a2")),
        claim("killed-vale-1", "killed", "Vale", 3, 3, 41, trend="rising", low=12, high=41,
              ids=("a1", "a2", "a3")),
        claim("missing-place-1", "missing", HOSTILE_PLACE, 2, 2, 9, disputed=True, trend="falling",
              low=9, high=30, ids=("a2", "a3")),
        claim("displaced-vale-1", "displaced", "Vale", 1, 1, 2000, ids=("a1",)),
    ])
    return figures, articles, claims


def claim_rows(page: str) -> list[dict]:
    return Elements(page).all("tr", **{"class": "claim-row"})


def test_hostile_text_is_escaped_everywhere(tables):
    page = report.render(*tables)
    doc = Elements(page)
    # one script, ours, and no element from the article's markup
    scripts = [a for t, a in doc.tags if t == "script"]
    assert len(scripts) == 1 and "__pwned" not in page.split("<script>")[-1]
    assert not doc.all("img")          # no history chart given, and the article's <img> is text
    assert not any(k.startswith("on") for _, a in doc.tags for k in a)
    assert not doc.all("b") and not doc.all("i")
    text = "".join(doc.text)
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned=2">' in text
    assert "<i>Hostile</i> Times" in text
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=" in page
    # quotes inside attributes do not break out of them: the attribute reads back whole
    places = {a["data-place"] for a in claim_rows(page)}
    assert HOSTILE_PLACE in places
    assert {a["value"] for a in doc.all("option")} >= {HOSTILE_PLACE, "Vale", "killed"}


def test_page_fetches_nothing(tables):
    page = report.render(*tables)
    doc = Elements(page)
    for tag, attrs in doc.tags:
        for name in ("src", "href", "action", "srcset"):
            if name in attrs:
                assert re.match(r"(#|data:|file:|texts/|charts/)", attrs[name]), (tag, attrs)
    assert "http://" not in page and "https://" not in page and "@import" not in page
    csp = doc.all("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp


def test_figure_words_highlighted_within_their_sentence(tables):
    page = report.render(*tables)
    assert "The floods killed <mark>at least 12</mark> people, officials said." in page
    # escaped on both sides of the mark
    assert ("Rescuers said &lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt; "
            "<mark>at least 41</mark> people drowned &amp; &#39;dozens&#39; more") in page
    # the first occurrence of the words
    assert "<mark>About 300</mark>" not in page
    assert report.split_sentence("About 300 were hurt, and about 300 homes lost.", "about 300") == (
        "About 300 were hurt, and ", "about 300", " homes lost.")


def test_split_sentence_without_the_words_and_long_sentences():
    assert report.split_sentence("Nine died.", "ten") == ("Nine died.", "", "")
    assert report.split_sentence("Nine died.", "") == ("Nine died.", "", "")
    long = "word " * 400 + "at least 7 died " + "then " * 400
    before, surface, after = report.split_sentence(long, "at least 7", context=100)
    assert surface == "at least 7"
    assert before.startswith("…") and len(before) <= 102 and before.endswith("word ")
    assert after.endswith("…") and len(after) <= 102 and after.startswith(" died")


def test_claims_of_two_articles_disputed_first_then_sources_then_best(tables):
    figures, articles, claims = tables
    shown, total = report.shown_claims(claims)
    assert shown["claim"].tolist() == ["missing-place-1", "killed-vale-1", "injured-vale-1"]
    assert total == 3
    page = report.render(figures, articles, claims)
    rows = claim_rows(page)
    assert [r["data-category"] for r in rows] == ["missing", "killed", "injured"]
    assert "displaced" not in {r["data-category"] for r in rows}
    more = pd.concat([claims, pd.DataFrame([
        claim("killed-hill-1", "killed", "Hill", 2, 3, 7, ids=("a1", "a2")),
        claim("affected-vale-1", "affected", "Vale", 4, 3, 90_000, ids=("a1", "a2"))])])
    assert report.shown_claims(more)[0]["claim"].tolist() == [
        "missing-place-1", "affected-vale-1", "killed-vale-1", "killed-hill-1", "injured-vale-1"]


def test_numbers_marks_and_dates_as_words(tables):
    page = report.render(*tables)
    text = " ".join(Elements(page).text)
    assert "1,250" in text and "2,000" not in text       # the one-article claim is not shown
    assert "⚠ disputed" in text and "▲ rising" in text and "▼ falling" in text
    assert "20 to 30" in text                            # a range's bounds
    assert "2031-03-02 to 2031-03-05" in text
    assert report.number(1_234_567.0) == "1,234,567" and report.number(7.5) == "7.5"
    assert report.number(33_824.75) == "33,825"          # a median of counts, whole
    assert report.number(float("nan")) == "" and report.number("") == ""


def test_old_claims_without_standing_columns_render_blank(tables):
    figures, articles, claims = tables
    old = claims.drop(columns=["readings", "best", "best_low", "best_high", "first_value",
                               "latest_value", "latest_date", "trend", "disputed", "attributions"])
    page = report.render(figures, articles, old)
    rows = claim_rows(page)
    assert len(rows) == 3
    # sources then articles decide without 'disputed' and 'best'
    assert [r["data-category"] for r in rows] == ["killed", "injured", "missing"]
    assert "has no standing columns" in page
    text = " ".join(Elements(page).text)
    assert not any(w in text for w in ("⚠ disputed", "not disputed", "rising", "falling"))
    best_cells = re.findall(r'<td class="num best">(.*?)</td>', page)
    assert best_cells == ["", "", ""]


def test_caps_on_claims_mentions_and_articles(tables):
    figures, articles, claims = tables
    page = report.render(figures, articles, claims, max_claims=2, max_mentions=2, max_articles=1)
    assert len(claim_rows(page)) == 2
    assert "Showing the first 2 of 3 claims" in page
    # the killed claim has 3 mentions: the first (2031-03-02) and the latest (2031-03-05)
    killed = page.split('id="claim-1"')[1].split("</article>")[0]
    assert "Showing 2 of 3 mentions" in killed
    assert "<mark>at least 12</mark>" in killed and "<mark>41</mark>" in killed
    assert "<mark>at least 41</mark>" not in killed
    assert "Showing 1 of 3 articles" in page
    assert len(re.findall(r'<code class="id">', page)) == 1


def test_history_charts_embedded_within_their_budget(tables, tmp_path):
    figures, articles, claims = tables
    history = tmp_path / "charts" / "history"
    history.mkdir(parents=True)
    png = b"\x89PNG\r\n\x1a\n" + os.urandom(600)
    for cid in ("missing-place-1", "killed-vale-1"):
        (history / f"{safe_name(cid)}.png").write_bytes(png)
    page = report.render(figures, articles, claims, charts_dir=tmp_path / "charts")
    images = Elements(page).all("img")
    assert [i["src"] for i in images] == ["data:image/png;base64," + base64.b64encode(png).decode()] * 2
    small = report.render(figures, articles, claims, charts_dir=tmp_path / "charts", chart_bytes=1000)
    assert len(Elements(small).all("img")) == 1
    assert 'href="charts/history/killed-vale-1.png"' in small
    # by default the charts fill what the page's weight leaves
    bare = len(report.render(figures, articles, claims).encode())
    limit = bare + 150 * 3 + 900        # room for one chart (812 bytes of base64)
    tight = report.render(figures, articles, claims, charts_dir=tmp_path / "charts", page_bytes=limit)
    assert len(Elements(tight).all("img")) == 1 and len(tight.encode()) <= limit


def test_article_links_to_its_text(tables, tmp_path):
    figures, articles, claims = tables
    articles = articles.assign(path=[str(tmp_path / "a1.txt"), "", "/feeds/batch.jsonl"])
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a2.txt").write_text("The toll climbed to 41 on Tuesday.", encoding="utf-8")
    links = {a["href"] for a in Elements(report.render(figures, articles, claims,
                                                        texts_base=tmp_path)).all("a")}
    assert (tmp_path / "a1.txt").as_uri() in links
    assert "texts/a2.txt" in links
    assert "file:///feeds/batch.jsonl" in links


def write_run(out, figures, articles, claims):
    out.mkdir(parents=True, exist_ok=True)
    figures[list(FIGURE_COLUMNS)].to_csv(out / "figures.csv", index=False)
    articles.to_csv(out / "articles.csv", index=False)
    claims.to_csv(out / "claims.csv", index=False)


def test_write_report_reads_the_folder_in_chunks(tables, tmp_path):
    figures, articles, claims = tables
    write_run(tmp_path, figures, articles, claims)
    path = report.write_report(tmp_path, chunksize=2)
    assert path == tmp_path / "report.html"
    page = path.read_text(encoding="utf-8")
    assert [r["data-category"] for r in claim_rows(page)] == ["missing", "killed", "injured"]
    assert "<mark>at least 12</mark>" in page and "<mark>nine</mark>" in page
    assert "2,000 fled" not in page            # a figure of an unshown claim is not read in
    assert "&lt;script&gt;window.__pwned" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.csv", "claims.csv",
                                                          "figures.csv", "report.html"]
    assert path.stat().st_mode & 0o777 == umask_mode()


def test_write_report_of_an_old_run_and_of_no_claims(tables, tmp_path):
    figures, articles, claims = tables
    old = claims[["claim", "category", "subject", "location", "period", "articles", "outlets",
                  "sources", "low", "high", "spread", "first_date", "last_date", "article_ids"]]
    write_run(tmp_path / "old", figures, articles, old)
    assert len(claim_rows(report.write_report(tmp_path / "old").read_text())) == 3
    write_run(tmp_path / "none", figures.iloc[:0], articles, claims.iloc[:0])
    page = report.write_report(tmp_path / "none").read_text()
    assert claim_rows(page) == [] and "No claim is reported by two articles or more" in page


def test_cli_report(tables, tmp_path, capsys):
    figures, articles, claims = tables
    write_run(tmp_path / "run", figures, articles, claims)
    assert cli.main(["report", str(tmp_path / "run")]) == 0
    assert len(claim_rows((tmp_path / "run" / "report.html").read_text())) == 3
    (tmp_path / "empty").mkdir()
    assert cli.main(["report", str(tmp_path / "empty")]) == 2
    err = capsys.readouterr().err
    assert "ERROR" in err and "figures.csv" in err
    assert not (tmp_path / "empty" / "report.html").exists()


def test_figure_words_found_as_whole_words():
    sentence = "BLANTYRE, April 3, 2031 — The toll has risen to 31, officials said."
    assert report.split_sentence(sentence, "31") == (
        "BLANTYRE, April 3, 2031 — The toll has risen to ", "31", ", officials said.")
    # as part of a word only: still marked where it is
    assert report.split_sentence("The 2031 floods", "31")[1] == "31"


def test_capped_mentions_keep_the_first_the_latest_and_those_in_best():
    dates = ["2031-01-01", "2031-01-10", "2031-02-01", "2031-02-03"]
    articles = pd.DataFrame([article(f"b{i}", f"Quake report {i}", d, f"Outlet {i}")
                             for i, d in enumerate(dates, 1)])
    figures = pd.DataFrame([figure(f"b{i}", "killed-ridge-1", str(v), v, f"The quake killed {v} people.")
                            for i, v in enumerate((5, 8, 20, 22), 1)])
    claims = pd.DataFrame([claim("killed-ridge-1", "killed", "Ridge", 4, 4, 21,
                                 ids=[f"b{i}" for i in range(1, 5)])])
    page = report.render(figures, articles, claims, max_mentions=3)
    marked = re.findall(r"<mark>(\d+)</mark>", page)
    assert marked == ["5", "20", "22"]          # in time order; the 10 January report left out
    rows = page.split('<table class="mentions">')[1].split("</table>")[0].split("<tr>")[2:]
    assert ["✓ in best" in r for r in rows] == [False, True, True]
    assert "Showing 3 of 4 mentions" in page


def test_track_writes_the_report_the_report_command_writes_again(tmp_path):
    import stats

    out = tmp_path / "out"
    stats.track_to(out, charts=False)           # the bundled corpus
    written = (out / "report.html").read_bytes()
    assert b"Claims reported by two articles or more" in written
    (out / "report.html").unlink()
    assert cli.main(["report", str(out)]) == 0
    assert (out / "report.html").read_bytes() == written   # from memory = from the tables on disk
