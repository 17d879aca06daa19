"""report.html in a real browser: headless Chromium (Debian's chromium) driven by Playwright.

A small corpus of made-up flood reporting, one article hostile (markup in its title and
sentences), goes through ``track_to``; the page it gives is opened from disk and read back
from the rendered DOM."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

import stats
from stats import report

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

ARTICLES = {
    "2031-04-02_flood_a.txt": """Floods kill 23 in Malawi's Lunzeni valley

LUNZENI, Malawi, April 2, 2031 — Flash floods swept through the Lunzeni valley in southern Malawi overnight, killing at least 23 people and injuring 140 others, the Department of Disaster Management said on Wednesday.

Rescue teams were searching for survivors in villages cut off by the swollen Mwera river, officials said.
""",
    "2031-04-03_flood_b.txt": """Malawi flood toll rises to 31 as rescuers reach cut-off villages

BLANTYRE, Malawi, April 3, 2031 — The death toll from floods in Malawi's Lunzeni valley has risen to 31, with 210 people injured, the Department of Disaster Management said on Thursday.

Heavy rain had pushed the Mwera river over its banks late on Tuesday, destroying homes and bridges, officials said.
""",
    "2031-04-04_flood_c.txt": """Lunzeni floods: hospitals stretched as Malawi toll reaches 38

LUNZENI, Malawi, April 4, 2031 — At least 38 people have been killed and about 260 injured in the floods that hit Malawi's Lunzeni valley this week, the Department of Disaster Management said on Friday.

Aid groups said clean water was running short in the camps set up for those who fled.
""",
    "2031-04-04_flood_hostile.txt": """Malawi floods <script>window.__hostile = 1; document.title = "owned"</script> toll at 38

LUNZENI, Malawi, April 4, 2031 — At least 38 people were killed <img src=x onerror="window.__hostile = 2"> in the floods in Malawi's Lunzeni valley, and 250 were injured, the Department of Disaster Management said <script>window.__hostile = 3</script> on Friday.
""",
}


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    stats.track_to(out, [folder])
    if not (out / "report.html").exists():     # until track writes the report itself
        report.write_report(out)
    claims = pd.read_csv(out / "claims.csv", keep_default_na=False)
    return out, claims[claims["articles"] >= 2]


@pytest.fixture
def opened(browser, run):
    out, claims = run
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((out / "report.html").as_uri())
    page.wait_for_load_state("networkidle")
    yield page, out, claims, errors, requests
    page.close()


def visible_claims(page) -> list[str]:
    return page.eval_on_selector_all(
        "tr.claim-row", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.claim)")


def test_one_row_per_claim_and_the_filters_narrow_them(opened):
    page, out, claims, errors, requests = opened
    assert len(claims) >= 2 and claims["category"].nunique() >= 2     # the corpus gives both
    assert sorted(visible_claims(page)) == sorted(claims["claim"])
    assert page.inner_text("#filter-count") == f"{len(claims)} of {len(claims)} claims shown"

    injured = sorted(claims.loc[claims["category"] == "injured", "claim"])
    assert 0 < len(injured) < len(claims)
    page.select_option("#filter-category", "injured")
    assert sorted(visible_claims(page)) == injured
    # the claims' detail sections narrow with them
    details = page.eval_on_selector_all(
        "article.claim", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.category)")
    assert set(details) == {"injured"} and len(details) == len(injured)

    place = claims["location"].iloc[0]
    page.select_option("#filter-category", "")
    page.select_option("#filter-place", place)
    assert sorted(visible_claims(page)) == sorted(claims.loc[claims["location"] == place, "claim"])
    page.click("#filter-reset")
    assert len(visible_claims(page)) == len(claims)

    assert errors == []
    assert requests and all(u.startswith(("file:", "data:")) for u in requests), requests

    page.screenshot(path=str(out / "report.png"), full_page=True)
    artifacts = REPO / ".artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copyfile(out / "report.png", artifacts / "report.png")
    assert (out / "report.png").stat().st_size > 10_000


def test_hostile_article_shows_as_text_and_runs_nothing(opened):
    page, out, claims, errors, requests = opened
    body = page.inner_text("body")
    assert '<script>window.__hostile = 1; document.title = "owned"</script>' in body
    assert '<img src=x onerror="window.__hostile = 2">' in body     # its sentence, in a mention
    assert page.evaluate("window.__hostile") is None
    assert page.title() != "owned" and "owned" not in page.title()
    assert page.evaluate("document.querySelectorAll('img[onerror], [onerror], [onload]').length") == 0
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("[...document.images].every(i => i.src.startsWith('data:'))")
    assert errors == []


def test_without_javascript_every_claim_shows(browser, run):
    out, claims = run
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((out / "report.html").as_uri())
    assert sorted(visible_claims_nojs(page)) == sorted(claims["claim"])
    assert not page.is_visible("#filters")          # the filters need the script
    context.close()


def visible_claims_nojs(page) -> list[str]:
    # the page's own script is off, Playwright's evaluation still reads the DOM
    return [r.get_attribute("data-claim") for r in page.query_selector_all("tr.claim-row")
            if r.is_visible()]
