"""stats.metadata: title, date, outlet and URL as the article text gives them, and the
manifest that records what the text supports but the guesser should not take on its own."""
import csv
from pathlib import Path

import pytest

from stats.metadata import (canonical_outlet, guess_metadata, lede_title, merge, outlet_from_url,
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


# headers composed in the style of real pages: (text, the fields the guess must give)
HEADERS = [
    # wire datelines
    ("Flood waters recede in Sylhet\n\nDHAKA, Bangladesh, June 21, 2022 (AFP) - Flood waters began to "
     "recede on Tuesday.\n", {"title": "Flood waters recede in Sylhet", "date": "2022-06-21", "outlet": "AFP"}),
    ("Cyclone toll rises in Myanmar\n\nYANGON, May 16. /TASS/. The toll from the cyclone that made landfall "
     "on May 14, 2023 has risen to 145, state media said.\n",
     {"title": "Cyclone toll rises in Myanmar", "date": "2023-05-16", "outlet": "TASS"}),
    # a dateline without a year and no full date in the text: the year cannot be known
    ("Floods cut off northern towns\n\nNAIROBI, Nov 3 (Reuters) - Floods have cut off three towns, the Red "
     "Cross said on Friday.\n", {"title": "Floods cut off northern towns", "date": "", "outlet": "Reuters"}),
    ("Manila, Philippines (CNN) Typhoon Haikui forced 12,000 people from their homes on Sunday.\n",
     {"title": "", "date": "", "outlet": "CNN"}),
    # date stamps near the top
    ("Wildfires force thousands from homes\n\n12 August 2021 - 09:30 By ANNA PETROVA and JOHN OKAFOR\n\n"
     "Fires spread across the hills overnight.\n",
     {"title": "Wildfires force thousands from homes", "date": "2021-08-12", "outlet": ""}),
    ("Lava flows reach the sea\nA second village was evacuated\nTue, 9 Feb, 2021 - 07:10\nJane Roe, "
     "Science Correspondent\n\nLava reached the coast on Monday.\n",
     {"title": "Lava flows reach the sea", "date": "2021-02-09"}),
    ("Lava flows reach the sea\nMon, 9 Feb, 2021 - 07:10\n\nLava reached the coast.\n",   # 9 Feb 2021 was a Tuesday
     {"title": "Lava flows reach the sea", "date": ""}),
    ("Friday, March 1, 2024\nLa Prensa\n\nWORLD | 04-05-2016 11:20\n\nFort McMurray fire forces 80,000 to "
     "flee\n\nThe fire grew overnight.\n",          # day-month-year stamp; the top line is today's date
     {"title": "Fort McMurray fire forces 80,000 to flee", "date": "2016-05-04"}),
    ("Monday, January 8, 2024\n\nCholera cases climb in Lusaka camps\n\nHealth officials said on Friday "
     "that 400 cases had been recorded.\n", {"title": "Cholera cases climb in Lusaka camps", "date": ""}),
    ("date 2021-07-15\nGermany floods kill at least 100\n\nRescuers searched for the missing.\n",
     {"title": "Germany floods kill at least 100", "date": "2021-07-15"}),
    ("Heatwave deaths mount in Andalusia\n\nUPDATED 19 July 2022 14:05 CEST\n\nThe toll rose to 510.\n",
     {"title": "Heatwave deaths mount in Andalusia", "date": "2022-07-19"}),
    # 'Published' and 'Updated' lines, bylines
    ("Mudslide buries homes in Petropolis\n\nBy The Associated Press\nPublished: Feb. 16, 2022 at 6:02 AM "
     "EST|Updated: 2 hours ago\nRescuers dug through mud on Wednesday.\n",
     {"title": "Mudslide buries homes in Petropolis", "date": "2022-02-16", "outlet": "Associated Press"}),
    ("Refugee arrivals in Chad top 500,000\n\nReuters |\nPublished: 01.15.22 , 14:05\nArrivals rose again.\n",
     {"title": "Refugee arrivals in Chad top 500,000", "date": "2022-01-15", "outlet": "Reuters"}),
    ("Aid ship docks in Aden\n\nby: Xinhua |\nADEN \u2013 An aid ship docked on Sunday, port officials "
     "said.\n", {"title": "Aid ship docks in Aden", "date": "", "outlet": "Xinhua"}),
    ("Dengue cases double in Dhaka\n\nPosted 03/04/2021\n\nHospitals are full.\n",   # 3 April or 4 March?
     {"title": "Dengue cases double in Dhaka", "date": ""}),
    ("Quake shakes Lombok again\nPublished 2021-08-05 | Updated 2021-08-06\nBuildings fell.\n",
     {"title": "Quake shakes Lombok again", "date": "2021-08-05"}),
    ("Dam burst floods valley\nSchools shut\n\nPOSTED: 4:10 am PDT Oct 3, 2009\nUPDATED: 9:45 am PDT Oct 3, 2009"
     "\n\nKATHMANDU -- The dam burst overnight.\n", {"title": "Dam burst floods valley", "date": "2009-10-03"}),
    ("Get the latest alerts right in your browser\n\n. Last Updated: 07/29/2015\n\nMonsoon floods maroon "
     "villages\n\nPATNA, India -- Rains continued on Sunday.\n",      # the site's line, not the article's
     {"title": "Monsoon floods maroon villages", "date": ""}),
    ("Open menu icon\nSearch form\nCountry profile\n\nAgency warns of new influx into Chad\n\nArchive\n\n"
     "Agency warns of new influx into Chad\n\nThe refugee agency said on Friday it was concerned.\n"
     "12 March 2004\n", {"title": "Agency warns of new influx into Chad", "date": "2004-03-12"}),
    ("Aid agency says 9,000 registered in camps\n\nAmina Yusuf March 2, 2016\nSome 9,000 people have "
     "registered. PHOTO: FILE\n\nMAIDUGURI: Officials registered more families on Wednesday.\n",
     {"title": "Aid agency says 9,000 registered in camps", "date": "2016-03-02"}),
    # a page store's stamp before the page's first line
    (" date 2019-04-02 Sections\nHome / World / Cyclone survivors wait for aid in Beira\n\nCyclone survivors "
     "wait for aid in Beira\n\nAid has yet to reach several districts, officials said on Monday.\n",
     {"title": "Cyclone survivors wait for aid in Beira", "date": "2019-04-02"}),
    ("This story is from May 4, 2015\n\nNepal quake toll passes 7,000\n\nKATHMANDU: The toll rose again.\n",
     {"title": "Nepal quake toll passes 7,000", "date": "2015-05-04"}),
    ("\n".join(["Home", "World", "Sports", "Video", "Menu", "Photos", "Trending", "Explainers", "Opinion",
                "Business", "Science", "ADVERTISEMENT"]) + "\nHomeworldasia\n\nHeavy snow strands 3,000 "
     "on mountain pass\n\nTravellers spent the night in their cars.\n\n(Published 9 January 2022, 08:30 IST)\n",
     {"title": "Heavy snow strands 3,000 on mountain pass", "date": "2022-01-09"}),
    # menus, an edition's name, wire bylines of syndicated copy
    ("Weather Desk\nMilitary Matters\nHometown Heroes Awards\nLegal Break\nJobs\nAdvertisement\n\nTornado "
     "flattens homes in Joplin; toll rises to 89\n\nBy MARY ROE\nPublished: May. 23, 2011 at 6:10 AM CDT\n\n"
     "JOPLIN, Mo. (AP) \u2014 Rescuers searched on Monday.\n",
     {"title": "Tornado flattens homes in Joplin; toll rises to 89", "date": "2011-05-23",
      "outlet": "Associated Press"}),
    ("The Daily Herald Edition\n\nEurope\n\nFerry fire forces 300 into lifeboats\n\nBy The Associated Press\n"
     "\nATHENS - Passengers were taken off on Sunday.\n",
     {"title": "Ferry fire forces 300 into lifeboats", "outlet": "Associated Press"}),
    ("Hailstorm damages 2,000 homes in Calgary\n\nThe storm lasted 40 minutes on Saturday evening\n\nVia AP "
     "news wire\nMonday 15 June 2020 09:20\nInsurers expect claims to climb.\n",
     {"title": "Hailstorm damages 2,000 homes in Calgary", "date": "2020-06-15", "outlet": "Associated Press"}),
    ("Storm kills 4 in Sicily\nby The Associated Press\nPosted Nov 3, 2018 5:27 am EST\nROME \u2014 Four people "
     "died.\nThe Associated Press\n", {"title": "Storm kills 4 in Sicily", "date": "2018-11-03",
                                         "outlet": "Associated Press"}),
    ("Rescuers dig through the night in Herat\n\nReuters\nOct 08, 2023 / 06:16 AM IST\n\nThe toll rose.\n",
     {"title": "Rescuers dig through the night in Herat", "date": "2023-10-08", "outlet": "Reuters"}),
    ("Oct. 8 (UPI) \u2014 The toll from the earthquake rose on Sunday as rescuers searched.\n",
     {"date": "", "outlet": "UPI"}),
    ("Bridge collapse kills 12\n\nGENOA \u2014 Twelve people died, officials said.\n\nAFP\n", {"outlet": "AFP"}),
    # sign-offs, copyright and credit lines, the outlet's name before the lede, source lines
    ("Kabul clinic treats 300 after blast\n\nISTANBUL \u2013 A clinic treated 300 people, officials said.\n\n"
     "More aid is expected. (Anadolu)\n", {"outlet": "Anadolu Agency"}),
    ("Floods in Assam\n\nMore than 40 people have died, officials said.\n(With inputs from AFP and PTI.)\n",
     {"outlet": ""}),
    ("Landslide in Kerala kills 19\n\nNineteen people died, officials said.\n\nCopyright 2019 Dhaka "
     "Tribune. All rights reserved.\n", {"outlet": "Dhaka Tribune"}),
    ("Landslide in Kerala kills 19\n\nNineteen people died.\n\nCopyright \u00a9 Getty Images\n", {"outlet": ""}),
    ("Snowstorm cuts power to 50,000\n\nCrews worked overnight.\n\n\u00a9 Provided by Xinhua\n", {"outlet": "Xinhua"}),
    ("Eleven dead in Lagos building collapse\n\nLAGOS \u2014 Eleven people died, police said. (Reporting by "
     "Ade Bello; Editing by Mary Stone)\n", {"outlet": "Reuters", "date": ""}),
    ("Daily Courier - Heavy rains have displaced 4,000 families in the valley, officials said.\n",
     {"title": "", "outlet": "Daily Courier"}),
    ("Kabul - Heavy rains have displaced 4,000 families in the valley, officials said.\n",
     {"title": "", "outlet": ""}),
    ("Watch Sky News\n\nStorm leaves 200,000 homes without power\n\nThe storm hit overnight.\n",
     {"title": "Storm leaves 200,000 homes without power", "outlet": "Sky News"}),
    ("Oil spill reaches beaches\nSource: Kuwait News Agency\n", {"outlet": "Kuwait News Agency"}),
    ("Oil spill reaches beaches\nSource: Ministry of Health\n", {"outlet": ""}),
    ("Ferry sinks off Sulawesi\n\nMAKASSAR \u2014 A ferry sank, a survivor told The Associated Press.\n",
     {"outlet": ""}),
    # the news day of the lede, written out in full elsewhere in the text
    ("UN says 2 million have fled Sudan\n\nGENEVA (AP) - Two million people have fled, the U.N. said "
     "Tuesday.\n\nRefugees wait at a border post. The U.N. refugee agency announced Tuesday, Aug. 8, "
     "2023, that two million had fled. (AP Photo/Jane Roe)\n",
     {"date": "2023-08-08", "outlet": "Associated Press"}),
    ("UN says 2 million have fled Sudan\n\nGENEVA (AP) - Two million people have fled, the U.N. said "
     "Tuesday.\n\nIn this Tuesday, Aug. 1, 2023 photo, refugees wait at a border post. (AP Photo/Jane Roe)\n",
     {"date": ""}),
    # furniture lines are never the title
    ("Article content\n\nPORT-AU-PRINCE \u2014 At least 40 people died in the floods, officials said.\n",
     {"title": ""}),
    ("World 0\n\nLandslide buries village in Papua New Guinea\n\nHundreds are feared dead.\n",
     {"title": "Landslide buries village in Papua New Guinea"}),
    ("Politics\n\nSenate passes flood relief bill\n\n  \u2022 The bill provides $2bn.\n",
     {"title": "Senate passes flood relief bill"}),
    ("NATIONAL\n\nBy Staff Reporter\n\nHeatwave closes schools in Punjab\n\nSchools closed.\n",
     {"title": "Heatwave closes schools in Punjab"}),
    ("All news\n\nFive killed as storm hits Odesa - TV\n\nFive people died.\n",
     {"title": "Five killed as storm hits Odesa - TV"}),
    ("Report counts the cost of the drought\n\nPublished on 5 March 2020, the report found that 2 million "
     "people had lost their harvests across the region, and it called for more aid.\n", {"date": ""}),
    ("More than 3,000 people have died in the outbreak, the health ministry said on March 3, 2019.\n\n"
     "Cases are falling.\n", {"title": "", "date": ""}),
    ("\u2013 The government has admitted that more than 900 people died in the storm, a report shows.\n",
     {"title": "", "date": ""}),
]


@pytest.mark.parametrize("text,expected", HEADERS, ids=[f"h{k}" for k in range(len(HEADERS))])
def test_composed_headers(text, expected):
    got = guess_metadata(text)
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text,expected", [
    ("Article content\n\nBEIRUT \u2014 More than 60 people died in the blast on Tuesday, the minister said. "
     "Hundreds were hurt.\n", "More than 60 people died in the blast on Tuesday, the minister said."),
    ("Daily Courier - Heavy rains displaced 4,000 families, Gov. Ada Reyes said. Schools closed.\n",
     "Heavy rains displaced 4,000 families, Gov. Ada Reyes said."),
    ("SAN JOSE, COSTA RICA\u2014Floods have forced 9,000 people from their homes.\n",
     "Floods have forced 9,000 people from their homes."),
    ("Share\n\n" + "The flood " * 40 + "ended.\n", None),
    ("", ""),
])
def test_lede_title(text, expected):
    got = lede_title(text)
    if expected is None:          # a long first sentence is cut at a word, marked with an ellipsis
        assert got.endswith("\u2026") and len(got) <= 161 and got.startswith("The flood The flood")
    else:
        assert got == expected


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


@pytest.mark.parametrize("path, outlet", [
    ("archive/2023-02-06_reuters_quake-toll.txt", "Reuters"),
    ("floods-cnn-2022.html", "CNN"),
    ("bbc_news_0412.txt", "BBC News"),
    ("notes_from_the_field.txt", ""),
    ("012_8f3a9c.txt", ""),
])
def test_outlet_from_a_file_named_after_it(path, outlet):
    from stats.metadata import outlet_from_file_name

    assert outlet_from_file_name(path) == outlet


def test_file_name_is_the_last_outlet_cue(tmp_path):
    from stats.articles import read_file

    (tmp_path / "2024-05-01_afp_cyclone.txt").write_text(
        "Cyclone kills 40 in Bangladesh\n\nDHAKA (Reuters) - At least 40 people were killed.\n",
        encoding="utf-8")
    (tmp_path / "2024-05-02_afp_cyclone.txt").write_text(
        "Cyclone toll rises to 52\n\nAt least 52 people have died, officials said.\n", encoding="utf-8")
    by_text, by_name = (read_file(p)[0] for p in sorted(tmp_path.glob("*.txt")))
    assert by_text.outlet == "Reuters" and by_name.outlet == "AFP"
