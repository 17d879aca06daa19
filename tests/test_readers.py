"""The reading stage: readers by file type, bad input as error Articles, stdin, unique ids."""
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stats
from stats import articles as A
from stats.records import Article

DATA = Path(__file__).parent / "data"
PAGE = DATA / "derna_page.html"

TITLE = "Airstrike on market kills at least 12 civilians in northwest Syria"
PARAGRAPHS = [
    "An airstrike on a crowded vegetable market in the town of Maarat al-Numan killed at least 12 "
    "civilians on Monday morning, rescue workers said.",
    "At least 12 civilians, including five children, were killed and more than 30 people were wounded, "
    "according to the White Helmets civil defence group.",
    "The United Nations says nearly 900,000 people have fled their homes in Idlib province since early "
    "December, most of them women and children.",
    "Turkey, which already hosts 3.6 million Syrian refugees, has said it cannot take in any more people.",
    "Local officials said hundreds of families had left the town overnight, heading north toward the "
    "border with Turkey.",
]
BOILERPLATE = ["cookie", "Cookie", "Subscribe", "Related stories", "230,000", "1,227", "80,000",
               "4,512", "Shared", "Facebook", "Twitter", "Copyright", "Live: 24 hours", "Middle East",
               "By Staff Reporter", "dataLayer", "14 partners"]
CP1252_TEXT = ("Caf\u00e9 owners in Bogot\u00e1 said \u201cat least 40\u201d people were injured \u2013 "
               "the mayor\u2019s office confirmed on Sunday.\n")
CAP = 20_000


def by_id(arts):
    return {a.id: a for a in arts}


def figures(text):
    return [(f.value, f.qualifier, f.category) for f in stats.extract(text)]


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    # good single documents
    (root / "plain.txt").write_text(f"{TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (root / "legacy.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    shutil.copy(PAGE, root / "page.html")
    # collections
    recs = [
        {"id": "a1", "title": "Quake toll rises", "date": "2023-02-08", "outlet": "Reuters",
         "text": "The death toll rose to more than 11,000 people, officials said."},
        {"title": "No body here", "url": "https://example.org/x"},
        {"body": "Nearly 2,000 people were injured in the blast, the ministry said.",
         "published": "March 3, 2021"},
    ]
    (root / "export.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    (root / "sheet.csv").write_text(
        "title,date,outlet,text\n"
        "Floods,2023-09-12,Al Jazeera,\"Floods in Derna killed at least 5,300 people, officials said.\"\n"
        "Camp,,,\"Some 40,000 people are sheltering in the camp, the UN said.\"\n", encoding="utf-8")
    (root / "sources.csv").write_text("name,country\nReuters,UK\n", encoding="utf-8")
    # metadata and documentation beside the articles: never read as articles
    (root / "manifest.csv").write_text("id,date,outlet\nplain,2020-02-17,The Daily Wire Service\n",
                                       encoding="utf-8")
    (root / "README.md").write_text("# notes: 99 articles\n", encoding="utf-8")
    # bad input
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "truncated.html").write_text("<html><body><p>At least 40 peo", encoding="utf-8")
    (root / "big.txt").write_text("At least 3 people were killed. " * 1000, encoding="utf-8")   # 31 KB > CAP
    (root / "zz_gone.txt").write_text("Nine people were killed.\n", encoding="utf-8")
    return root


def test_find_files_by_suffix_without_manifest_readme_or_hidden(corpus):
    (corpus / ".ipynb_checkpoints").mkdir()
    (corpus / ".ipynb_checkpoints" / "plain-checkpoint.txt").write_text("x", encoding="utf-8")
    names = [f.name for f in A.find_files([corpus])]
    assert names == sorted(names)
    assert set(names) == {"plain.txt", "legacy.txt", "page.html", "export.jsonl", "sheet.csv", "sources.csv",
                          "empty.txt", "binary.txt", "truncated.html", "big.txt", "zz_gone.txt"}
    assert A.find_files([corpus / "manifest.csv", corpus / "plain.txt", corpus / "plain.txt"]) == \
        [corpus / "plain.txt"]
    assert A.find_files(["-"]) == [Path("-")]


def test_mixed_corpus(corpus):
    it = A.read_articles([corpus], max_bytes=CAP)
    first = next(it)                                   # the folder has been listed by now
    (corpus / "zz_gone.txt").unlink()                  # ... and a file disappears mid-run
    arts = by_id([first, *it])
    assert len(arts) == 14

    good = {k: a for k, a in arts.items() if a.ok}
    assert set(good) == {"plain", "legacy", "page", "a1", "export#3", "sheet#1", "sheet#2"}
    for a in good.values():
        assert a.text.strip() and not a.error

    # each bad one: empty text and a one-line reason that names it
    reasons = {
        "empty": "empty file",
        "binary": "binary file",
        "truncated": "truncated HTML",
        "big": "file too large (31 KB > 20 KB cap)",
        "zz_gone": "file not found",
        "sources": "no text column (text, body, content; columns: name, country)",
        "export#2": "record 2 (line 2): no text field",
    }
    for aid, reason in reasons.items():
        assert arts[aid].text == "" and "\n" not in arts[aid].error
        assert reason in arts[aid].error, (aid, arts[aid].error)
    assert not ({"manifest", "README"} & set(arts))

    # .txt in a legacy encoding is decoded, not refused
    assert arts["legacy"].text == CP1252_TEXT
    # a manifest beside the files overrides the guesses
    assert arts["plain"].date == "2020-02-17" and arts["plain"].outlet == "The Daily Wire Service"
    # record fields override guesses; dates normalised to ISO
    a1 = arts["a1"]
    assert (a1.title, a1.date, a1.outlet) == ("Quake toll rises", "2023-02-08", "Reuters")
    assert arts["export#3"].date == "2021-03-03" and arts["export#3"].text.startswith("Nearly 2,000")
    assert arts["sheet#1"].outlet == "Al Jazeera" and arts["sheet#1"].date == "2023-09-12"
    assert arts["sheet#2"].text.startswith("Some 40,000")
    assert all(a.path.startswith(str(corpus)) for a in arts.values())


def test_html_main_text_and_metadata():
    a = A.read_article(PAGE)
    assert a.ok and a.id == "derna_page"
    assert a.text == f"{TITLE}\n\n" + "\n\n".join(PARAGRAPHS)
    assert (a.title, a.date, a.outlet) == (TITLE, "2020-02-17", "The Daily Wire Service")
    assert a.url == "https://news.example.org/world/2020/02/17/airstrike-market-maarat-civilians"
    for junk in BOILERPLATE:
        assert junk not in a.text, junk


def test_same_article_as_txt_and_html_gives_same_figures(tmp_path):
    txt = tmp_path / "story.txt"
    txt.write_text(f"{TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    from_txt, from_html = A.read_article(txt), A.read_article(PAGE)
    got = figures(from_html.text)
    assert got == figures(from_txt.text)
    assert (12.0, "at_least", "killed") in got and (5.0, "exact", "killed") in got
    assert (3600000.0, "exact", "refugees") in got
    for f in stats.extract(from_html.text):             # every offset checks against the kept text
        assert from_html.text[f.start:f.end] == f.surface


def test_html_in_a_legacy_charset_and_fragments(tmp_path):
    page = PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("rescue workers said.", "rescue workers said \u2013 \u201cit was carnage\u201d.")
    (tmp_path / "legacy.html").write_bytes(page.encode("cp1252"))
    a = A.read_article(tmp_path / "legacy.html")
    assert a.ok and "\u2013 \u201cit was carnage\u201d." in a.text
    (tmp_path / "fragment.html").write_text(
        "<p>At least 7 people were killed in the shelling of the village, medics said.</p>", encoding="utf-8")
    assert A.read_article(tmp_path / "fragment.html").text.startswith("At least 7 people")
    (tmp_path / "nothing.html").write_text("<html><head><title>x</title></head><body></body></html>",
                                           encoding="utf-8")
    assert A.read_article(tmp_path / "nothing.html").error == "no article text found in the HTML"


def test_stdin_text_html_and_bytes(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("At least 12 civilians were killed overnight.\n"))
    [a] = A.read_articles(["-"])
    assert (a.id, a.path, a.text) == ("stdin", "-", "At least 12 civilians were killed overnight.\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PAGE.read_text(encoding="utf-8")))
    a = A.read_article("-")
    assert a.ok and a.title == TITLE and "cookie" not in a.text.lower()
    raw = io.TextIOWrapper(io.BytesIO(CP1252_TEXT.encode("cp1252")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", raw)             # undecodable as UTF-8: read as bytes, detected
    assert A.read_article("-").text == CP1252_TEXT
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    assert A.read_article("-").error == "empty input"
    monkeypatch.setattr(sys, "stdin", io.StringIO("x" * 50))
    assert A.read_article("-", max_bytes=10).error == "input too large (over the 10 bytes cap)"


def test_ids_unique_within_a_run(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text("Five people were killed.\n", encoding="utf-8")
    (tmp_path / "b" / "dup.jsonl").write_text(
        '{"id": "x", "text": "Two people died."}\n{"id": "x", "text": "Three people died."}\n'
        '{"id": "x", "text": "Four people died."}\n', encoding="utf-8")
    ids = [a.id for a in A.read_articles([tmp_path / "a", tmp_path / "b"])]
    assert ids == ["report", "x", "x@b", "x@b~2", "report@b"]


def test_jsonl_record_level_errors(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_bytes(b'{"text": "Ten people were killed."}\n'
                  b'{"text": "broken\n'
                  b'\n'
                  b'["not", "an", "object"]\n'
                  b'{"text": 42}\n'
                  b'{"text": "   "}\n'
                  b'{"text": "Caf\xe9 owners said 40 people were hurt."}\n'      # one line in cp1252
                  b'{"content": "\xe2\x80\x9cEight\xe2\x80\x9d people died."}\n')
    arts = list(A.read_articles([p]))
    assert [a.id for a in arts] == [f"feed#{n}" for n in range(1, 8)]
    assert arts[0].ok and arts[0].text == "Ten people were killed."
    assert arts[1].error.startswith("record 2 (line 2): invalid JSON")
    assert arts[2].error == "record 3 (line 4): not a JSON object"
    assert arts[3].error == "record 4 (line 5): text is not a string ('text' is int)"
    assert arts[4].error == "record 5 (line 6): empty text"
    assert arts[5].text == "Caf\u00e9 owners said 40 people were hurt."
    assert arts[6].text == "\u201cEight\u201d people died."       # UTF-8 lines stay UTF-8


def test_json_array_object_and_text_column(tmp_path):
    (tmp_path / "arr.json").write_text(json.dumps([{"text": "Six people died."}, {"body": "Seven died."}]),
                                       encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"title": "T", "text": "Eight people died."}), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"meta": {}, "articles": [{"id": 7, "content": "Nine."}]}),
                                           encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"text": ', encoding="utf-8")
    (tmp_path / "lines.json").write_text('{"text": "A."}\n{"text": "B."}\n', encoding="utf-8")
    arts = by_id(A.read_articles([tmp_path]))
    assert arts["arr#1"].text == "Six people died." and arts["arr#2"].text == "Seven died."
    assert arts["one"].text == "Eight people died." and arts["one"].title == "T"
    assert arts["7"].text == "Nine."
    assert arts["bad"].error.startswith("invalid JSON (line 1")
    assert arts["lines#2"].text == "B."
    (tmp_path / "story.csv").write_text("id;story\nk1;Ten people died.\n", encoding="utf-8")
    arts = by_id(A.read_articles([tmp_path / "story.csv"], text_column="Story"))
    assert arts["k1"].text == "Ten people died."
    assert "no text column (text, body, content; columns: id, story)" in by_id(A.read_articles([tmp_path / "story.csv"]))["story"].error


def test_read_article_refuses_collections_and_reads_named_files(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"text": "A."}\n', encoding="utf-8")
    assert "read_articles" in A.read_article(tmp_path / "x.jsonl").error
    (tmp_path / "notes.md").write_text("Eleven people died.\n", encoding="utf-8")
    assert [a.text for a in A.read_articles([tmp_path / "notes.md"])] == ["Eleven people died.\n"]
    assert A.read_article(tmp_path / "missing.txt").error == "file not found"
    with pytest.raises(ValueError):
        A.read_article(tmp_path / "notes.md", max_bytes=0)


def test_decoding_rules():
    assert A.decode("caf\u00e9".encode("utf-8-sig")) == "caf\u00e9"
    assert A.decode("Twelve people died.".encode("utf-16")) == "Twelve people died."
    assert A.decode("Espa\u00f1a: 40 ni\u00f1os heridos.".encode("cp1252")) == "Espa\u00f1a: 40 ni\u00f1os heridos."
    assert A.decode("\u0412 \u0418\u0434\u043b\u0438\u0431\u0435 \u043f\u043e\u0433\u0438\u0431\u043b\u0438 "
                    "12 \u043c\u0438\u0440\u043d\u044b\u0445 \u0436\u0438\u0442\u0435\u043b\u0435\u0439, "
                    "\u0441\u043e\u043e\u0431\u0449\u0438\u043b\u0438 \u0441\u043f\u0430\u0441\u0430\u0442"
                    "\u0435\u043b\u0438.".encode("cp1251")).startswith("\u0412 \u0418\u0434\u043b\u0438\u0431\u0435")
    for data, reason in [(b"%PDF-1.7\n...", "binary file (PDF)"), (b"PK\x03\x04\x14\x00", "binary file (zip/docx)"),
                         (b"\n \t", "empty file"), (bytes(range(1, 32)) * 50, "binary file")]:
        with pytest.raises(A.ReadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
            A.decode(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".json", ".csv"]))
def test_any_bytes_never_crash(tmp_path, data, suffix):
    p = tmp_path / f"f{suffix}"
    p.write_bytes(data)
    arts = list(A.read_articles([p]))
    assert arts and all(isinstance(a, Article) for a in arts)
    for a in arts:
        assert a.ok or (a.text == "" and a.error and "\n" not in a.error)


def test_bundled_corpus_reads_as_before():
    arts = list(A.read_articles())
    assert len(arts) == 5 and all(a.ok for a in arts)
    for a in arts:
        assert a.text == Path(a.path).read_bytes().decode("utf-8-sig")
