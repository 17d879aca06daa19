#!/usr/bin/env python3
"""Throughput, memory and start-up of ``stats.extract`` against quantulum3's ``parser.parse``.

    python benchmarks/bench.py                      # 2,000 articles; quantulum3 on 200 of them
    python benchmarks/bench.py --articles 20000 --only stats
    python benchmarks/bench.py --only startup
    python benchmarks/bench.py --json | tail -n 1   # one JSON line (the table goes to stderr)

The corpus is N articles, deterministic from ``--seed``: even-numbered ones are the bundled Idlib
articles lightly varied (numbers replaced by random numbers of the same shape, days and years kept
plausible, place names swapped for other real crisis places), odd-numbered ones are generated
news-like articles of about 5 KB from the sentence templates below (floods, earthquakes, Sudan,
Ukraine, Gaza, Yemen, ...) with numbers in many forms, places, dates, attributions, sentences
without numbers and page furniture. Every article differs from every other, so no cache of
sentences or numbers can stand in for the work.

Article ``i`` is a pure function of (seed, i) and is generated when it is needed, outside the
timed region, so the corpus is never held in memory: peak RSS is what the extractor itself uses.

See benchmarks/README.md for what is measured and how.
"""
from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from array import array
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# ----------------------------------------------------------------------------------------------
# Word material
# ----------------------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]

# Real places, by crisis. The first of each theme's places is never special: the article picks one.
THEMES = {
    "sudan": dict(
        kind="conflict", region="Sudan", host=["Chad", "Egypt", "South Sudan", "Ethiopia"],
        places=["Khartoum", "Omdurman", "El Fasher", "Nyala", "Geneina", "Kassala", "Port Sudan",
                "Wad Madani", "Darfur", "Kordofan", "El Obeid"],
        actors=["the Rapid Support Forces", "the Sudanese army", "the RSF", "the army"]),
    "ukraine": dict(
        kind="conflict", region="Ukraine", host=["Poland", "Moldova", "Romania", "Germany"],
        places=["Kharkiv", "Kherson", "Zaporizhzhia", "Bakhmut", "Odesa", "Donetsk", "Mariupol",
                "Kyiv", "Sumy", "Dnipro", "Pokrovsk"],
        actors=["Russian forces", "the Russian military", "Ukrainian forces", "the Kremlin"]),
    "gaza": dict(
        kind="conflict", region="Gaza", host=["Egypt", "Jordan"],
        places=["Rafah", "Khan Younis", "Jabalia", "Gaza City", "Deir al-Balah", "Beit Hanoun",
                "Nuseirat", "Jenin", "Nablus", "Tulkarm"],
        actors=["the Israeli military", "Hamas", "Israeli forces", "the army"]),
    "yemen": dict(
        kind="conflict", region="Yemen", host=["Djibouti", "Oman", "Somalia"],
        places=["Hodeidah", "Marib", "Taiz", "Sanaa", "Aden", "Saada", "Hajjah", "Mukalla"],
        actors=["the Houthis", "the Saudi-led coalition", "government forces", "Houthi rebels"]),
    "syria": dict(
        kind="conflict", region="Syria", host=["Turkey", "Lebanon", "Jordan", "Iraq"],
        places=["Idlib", "Aleppo", "Hama", "Deir ez-Zor", "Raqqa", "Daraa", "Homs", "Afrin",
                "Maarat al-Numan", "Saraqeb", "Jisr al-Shughur"],
        actors=["government forces", "Russian warplanes", "rebel groups", "the Syrian army"]),
    "drc": dict(
        kind="conflict", region="eastern Congo", host=["Uganda", "Rwanda", "Burundi"],
        places=["Goma", "Bunia", "Beni", "Rutshuru", "Bukavu", "Masisi", "Ituri", "North Kivu"],
        actors=["M23 rebels", "the Congolese army", "ADF militants", "armed groups"]),
    "quake": dict(
        kind="earthquake", region="the quake zone", host=["Turkey", "Afghanistan", "Morocco"],
        places=["Antakya", "Hatay", "Kahramanmaras", "Gaziantep", "Adiyaman", "Malatya", "Herat",
                "Zinda Jan", "Marrakesh", "Al Haouz", "Jajarkot"],
        actors=["rescue teams", "the disaster agency", "the army", "volunteers"]),
    "flood": dict(
        kind="flood", region="the flood zone", host=["Pakistan", "Libya", "Bangladesh", "Nigeria"],
        places=["Derna", "Benghazi", "Sindh", "Balochistan", "Sylhet", "Beira", "Maiduguri",
                "Dadu", "Sunamganj", "Kogi", "Jacobabad"],
        actors=["the army", "rescue teams", "the disaster management authority", "volunteers"]),
    "migration": dict(
        kind="migration", region="the Mediterranean", host=["Italy", "Greece", "Spain", "Malta"],
        places=["Lampedusa", "Tripoli", "Agadez", "Sfax", "Zuwara", "Pylos", "Crete",
                "Cox's Bazar", "Sittwe", "Calais"],
        actors=["the coastguard", "smugglers", "border police", "rescue ships"]),
    "hunger": dict(
        kind="hunger", region="the Horn of Africa", host=["Kenya", "Ethiopia", "Somalia"],
        places=["Mogadishu", "Baidoa", "Mekelle", "Tigray", "Dollo Ado", "Garissa", "Dadaab",
                "Afar", "Juba", "Malakal"],
        actors=["aid agencies", "the government", "local officials", "relief groups"]),
}
CRISIS_PLACES = sorted({p for t in THEMES.values() for p in t["places"]})

SOURCES = ["the United Nations", "UNHCR", "the UN refugee agency", "the World Health Organization",
           "OCHA", "the UN humanitarian office", "the Red Crescent", "the health ministry",
           "local officials", "the International Organization for Migration", "the IOM",
           "Medecins Sans Frontieres", "the Norwegian Refugee Council", "Save the Children",
           "the provincial governor", "civil defence officials", "UNICEF",
           "the World Food Programme", "the International Committee of the Red Cross",
           "Human Rights Watch", "Amnesty International", "the interior ministry",
           "a local monitoring group", "the Syrian Observatory for Human Rights", "Airwars"]
AGENCIES = ["Reuters", "AFP", "AP", "Al Jazeera", "Anadolu", "EFE", "dpa"]
OUTLETS = ["Al Jazeera", "Reuters", "The Guardian", "BBC News", "The New Humanitarian",
           "Middle East Eye", "Daily Sabah", "Kyiv Independent", "Sudan Tribune", "Dawn"]
FIRST = ["Ahmed", "Fatima", "Mohammed", "Olena", "Hassan", "Amina", "Yusuf", "Mariam", "Ibrahim",
         "Oksana", "Khalid", "Nour", "Abdullah", "Aisha", "Dmytro", "Samira", "Omar", "Leila",
         "Jean-Pierre", "Grace", "Tariq", "Zainab", "Musa", "Hiba", "Rashid", "Salma"]
LAST = ["al-Hassan", "Ibrahim", "Kovalenko", "Abdelrahman", "Okafor", "Haddad", "Mahmoud",
        "Shevchenko", "Osman", "Nasser", "Bakr", "Mukendi", "Rahman", "Saleh", "Yilmaz",
        "Hussein", "Farah", "Ali", "Qasim", "Petrenko", "Diallo", "Mansour"]
ROLES = ["a spokesperson for {SRC}", "the head of {SRC}'s office in {PLACE}", "a doctor in {PLACE}",
         "a local council member", "an aid worker in {PLACE}", "a resident of {PLACE2}",
         "the country director of {SRC}", "a senior official"]
STRIKES = ["an air strike", "shelling", "a drone attack", "a missile strike",
           "an artillery barrage", "a car bomb", "barrel bombs", "a rocket attack"]

# ----------------------------------------------------------------------------------------------
# Templates. [a|b] picks one alternative; {SLOT} is filled by ``_slot``. A template without a
# final period may get an attribution ("..., the UN said.").
# ----------------------------------------------------------------------------------------------

TEMPLATES = {
    "conflict": [
        "{S} [civilians|people|children|women and children] were killed and {S} [others|more] wounded in {STRIKE} on {PLACE2} [overnight|on {DAY}|early on {DAY}]",
        "At least {SD} people, including {SW} children, were killed when {STRIKE} hit a [market|school|hospital|bakery|residential building|shelter] in {PLACE}",
        "The death toll from {STRIKE} on {PLACE} rose to {MD}",
        "{L} people have fled {PLACE} {PERIOD}",
        "Fighting has displaced {H} people across {REGION} {PERIOD}",
        "{M} [fighters|soldiers|troops|combatants] have been killed {PERIOD}",
        "{ACTOR} detained {M} [men|people|activists|young men] in raids on {PLACE2}",
        "{S} [journalists|aid workers|medics|health workers] have been killed {PERIOD}",
        "{M} [homes|buildings|schools|shops] were destroyed in the shelling of {PLACE2}",
        "There have been {M} attacks on health facilities in {REGION} {PERIOD}",
        "{S} [people|civilians|residents] remain missing after the attack on {PLACE2}",
        "{ACTOR} said [it|they] had [shot down|intercepted] {SD} drones and {SW} missiles [overnight|on {DAY}]",
        "Some {M} [people|protesters|demonstrators] [rallied|marched|gathered] in {PLACE} on {DAY} to demand an end to the [siege|fighting|blockade]",
        "The front line is now about {DIST} from the centre of {PLACE}",
        "Hospitals in {PLACE} are operating at {PCT} of capacity",
        "{ACTOR} has deployed {M} [troops|fighters|armoured vehicles] around {PLACE2}",
        "{M} [prisoners|detainees|hostages] were released in the exchange",
        "Of the {SD} hospitals in {PLACE}, only {SW} are still partly functioning",
        "{H} people were living in {PLACE} before the war",
        "Nearly {SD} [villages|towns|neighbourhoods] around {PLACE2} have been emptied {PERIOD}",
    ],
    "earthquake": [
        "The magnitude {MAG} earthquake struck at {TIME} at a depth of {DIST}",
        "The death toll rose to {MD} on {DAY}, with {LD} people injured",
        "Rescuers pulled a {AGE}-year-old [boy|girl|woman|man] alive from the rubble in {PLACE} after {SD} hours",
        "{M} buildings collapsed in {PLACE} alone",
        "{L} people are sleeping in tents, cars and public buildings",
        "More than {MD} aftershocks have been recorded since the first quake",
        "{PCT} of the buildings in {PLACE2} were damaged or destroyed",
        "{M} rescue workers from {SD} countries have joined the search",
        "{M} people were killed in {PLACE} and {M} in {PLACE2}",
        "{L} people were pulled from the rubble in the first {SW} days",
        "The quake left {H} people in need of shelter",
        "{M} [tents|containers|prefabricated homes] have been set up in {PLACE}",
    ],
    "flood": [
        "Floodwaters have submerged {PCT} of the district",
        "{L} people have been displaced by the floods in {PLACE}",
        "At least {SD} people drowned when the [river|dam] burst its banks near {PLACE2}",
        "The floods have washed away {M} [homes|bridges|schools] and {DIST} of road",
        "{S} people are still missing in {PLACE2}",
        "Rainfall reached {RAIN} in {SD} hours, the weather office said.",
        "{TONNES} of food aid have been delivered to {PLACE}",
        "{L} [head of livestock|cattle|goats] have drowned and {LD} acres of crops were destroyed",
        "The death toll from the floods in {PLACE} has risen to {MD}",
        "{H} people have been affected across {REGION}",
        "{M} people were evacuated from {PLACE2} by boat",
        "{L} homes were damaged, {M} of them beyond repair",
    ],
    "migration": [
        "A boat carrying {MD} migrants capsized {DIST} off {PLACE}",
        "{S} bodies have been recovered and {S} people are missing",
        "The coastguard rescued {M} people [in the past 24 hours|over the weekend|on {DAY}]",
        "{L} people have arrived by sea {PERIOD}, [up|down] {PCT} on last year",
        "{M} migrants were deported to their countries of origin {PERIOD}",
        "The camp, built for {MD} people, now houses {LD}",
        "{M} people have died trying to cross the Mediterranean {PERIOD}",
        "Smugglers charged each passenger up to {MONEY}",
        "{M} [Rohingya|Sudanese|Syrian|Afghan] refugees have been returned {PERIOD}",
        "{L} asylum applications were lodged {PERIOD}",
    ],
    "hunger": [
        "{M} suspected cholera cases and {S} deaths have been reported in {PLACE}",
        "{H} people face acute food insecurity in {REGION}",
        "{L} children under five are severely malnourished",
        "{SRC} says it needs {MONEY} to feed {H} people [until the end of the year|over the next six months]",
        "The rains have failed for {SW} consecutive seasons",
        "{M} people have died of hunger-related causes {PERIOD}",
        "{L} families have left their villages for camps around {PLACE}",
        "Prices of staple food have risen by {PCT} {PERIOD}",
        "{TONNES} of grain are stuck at the port",
        "{H} people depend on food aid in {REGION}",
    ],
    "shared": [
        "{SRC} has appealed for {MONEY} to help {L} people in {REGION}",
        "The appeal is only {PCT} funded",
        "{HOST} hosts {H} refugees, more than any other country in the region",
        "{L} refugees have crossed into {HOST} {PERIOD}",
        "{M} [refugees|people|families] have returned to {PLACE2} {PERIOD}",
        "{SD} trucks of aid entered {PLACE} {PERIOD}, compared with {MD} a day before the crisis",
        "{H} people, half of them children, need humanitarian assistance",
        "[Nearly|More than|About|Roughly] {FRAC} of the population has been displaced",
        "The population of {PLACE} was about {LD} before the crisis",
        "{FRAC} of those killed were women and children",
        "{M} people have been treated for injuries at the main hospital in {PLACE}",
        "Aid agencies say {L} people are without clean water",
        "{SRC} estimates that {H} people are internally displaced, {FRAC} of them in camps",
        "The [government|ministry] has pledged {MONEY} for reconstruction",
        "{M} [schools|clinics|water points] have been [damaged|closed|destroyed] {PERIOD}",
    ],
}

FILLERS = [
    "Residents described scenes of panic as [the water rose|the shelling intensified|buildings swayed|the convoy came under fire].",
    "Aid agencies warned that the situation could deteriorate further in the coming weeks.",
    "{PERSON}, who fled with [her|his] family, said they had nothing left.",
    "\"We have lost everything,\" said {PERSON}, a resident of {PLACE2}.",
    "\"[There is no water, no bread, no medicine|We do not know where to go|The children cannot sleep],\" [she|he] said.",
    "The government has declared a state of emergency in the affected areas.",
    "Access to the area remains difficult because of damaged roads and continuing insecurity.",
    "Officials said the figures were likely to rise as rescue teams reached remote villages.",
    "It was not possible to independently verify the reports.",
    "{SRC_CAP} did not respond to a request for comment.",
    "Diplomats in New York are expected to discuss the crisis later this week.",
    "Local volunteers have set up kitchens in mosques and schools.",
    "Many families are sheltering in schools, mosques and unfinished buildings.",
    "Prices of bread and fuel have soared since the [fighting|floods|crisis] began.",
    "The UN Security Council has called for an immediate ceasefire.",
    "Doctors say they are running out of anaesthetics and antibiotics.",
    "Communications were cut across much of the region, hampering relief efforts.",
    "Critics accuse the authorities of failing to prepare for the disaster.",
    "{ACTOR_CAP} denied targeting civilians.",
    "Satellite images showed entire neighbourhoods reduced to rubble.",
    "Humanitarian workers said the needs far outstrip the response.",
    "The road between {PLACE} and {PLACE2} has been closed to aid convoys.",
    "Rights groups have called for an independent investigation.",
    "Winter is approaching, and many of the displaced have only plastic sheeting for shelter.",
    "The conflict began in {MONTH} {YEAR}.",
    "The bridge was destroyed on {DATE}.",
    "The previous major [flood|earthquake|offensive] struck the region in {YEAR}.",
    "{PERSON}, {AGE}, said she had been displaced {SW} times.",
    "The curfew runs from {TIME} until dawn.",
    "Talks are scheduled to resume on {DATE}.",
    "It was the {ORD} such attack this month.",
    "The ceasefire collapsed {SW} days after it was agreed.",
    "Schools in {PLACE} have been closed since {MONTH}.",
    "The {ORD} convoy of the week reached {PLACE} on {DAY}.",
]

MID_FURNITURE = ["Advertisement", "ADVERTISEMENT", "READ MORE: {HEADLINE}", "Photo: {AGENCY}",
                 "Image: {AGENCY}/Getty Images", "{SW} min read", "Related article: {HEADLINE}",
                 "Facebook Twitter WhatsApp Email", "Updated {SD} hours ago", "Share",
                 "Sign up for our daily newsletter", "Watch: {HEADLINE}"]
END_FURNITURE = ["Leave a Reply", "Check Also", "Share this article", "Related posts",
                 "You may also like", "Tags: {REGION_CAP}, humanitarian, {PLACE}"]
HEADLINES = {
    "conflict": ["{S} killed in {STRIKE} on {PLACE} as fighting escalates",
                 "Fighting in {PLACE} forces {L} from their homes",
                 "UN warns of catastrophe in {PLACE} as aid runs short",
                 "{ACTOR_CAP} tighten siege of {PLACE}"],
    "earthquake": ["Earthquake death toll in {PLACE} rises to {MD}",
                   "Magnitude {MAG} quake strikes near {PLACE}",
                   "Survivors pulled from rubble in {PLACE} as toll passes {MD}"],
    "flood": ["Floods in {PLACE} leave {L} homeless",
              "Death toll from {PLACE} floods climbs past {MD}",
              "Dam collapse near {PLACE} sweeps away homes"],
    "migration": ["Boat carrying {MD} migrants capsizes off {PLACE}",
                  "{M} migrants rescued near {PLACE}",
                  "Record arrivals strain reception centres in {PLACE}"],
    "hunger": ["Cholera cases in {PLACE} top {MD}",
               "{H} face famine in {REGION}, UN warns",
               "Aid cuts leave {L} without food in {PLACE}"],
}
COMMON_STARTS = {"The", "At", "More", "Nearly", "Some", "About", "Roughly", "Dozens", "Hundreds",
                 "Thousands", "Tens", "Scores", "Fighting", "Floodwaters", "Rainfall", "Rescuers",
                 "Aid", "Prices", "Hospitals", "There", "Of", "Smugglers", "A", "An", "Almost",
                 "Over", "Around", "Up", "Fewer", "Several", "Half", "Millions", "Between"}


# ----------------------------------------------------------------------------------------------
# Numbers in many forms
# ----------------------------------------------------------------------------------------------

def _words_under_100(n: int) -> str:
    if n < 10:
        return ONES[n - 1]
    if n < 20:
        return TEENS[n - 10]
    t, o = divmod(n, 10)
    return TENS[t - 2] + (f"-{ONES[o - 1]}" if o else "")


def _digits(n: int) -> str:
    return f"{n:,}" if n >= 1000 else str(n)


QUALS = ["at least", "more than", "nearly", "almost", "about", "around", "some", "over", "up to",
         "fewer than", "an estimated", "roughly", "at least", "more than"]


def _count(rng: random.Random, mag: str) -> str:
    """A count of something, in one of the ways reporters write it; followed by a noun."""
    r = rng.random()
    if mag == "S":
        n = rng.randint(2, 99)
        if r < 0.30:
            return str(n)
        if r < 0.45:
            return _words_under_100(n)
        if r < 0.70:
            return f"{rng.choice(QUALS)} {n if rng.random() < 0.7 else _words_under_100(n)}"
        if r < 0.80:
            return rng.choice(["dozens of", "scores of", "a dozen", "several", "a handful of"])
        a = rng.randint(2, 40)
        return rng.choice([f"between {a} and {a + rng.randint(2, 30)}", f"{a} to {a + rng.randint(2, 30)}",
                           f"{a}-{a + rng.randint(2, 30)}"])
    if mag == "M":
        n = rng.randint(100, 9999)
        n = n if rng.random() < 0.6 else round(n, -2 if n < 1000 else -3) or n
        if r < 0.35:
            return _digits(n)
        if r < 0.75:
            return f"{rng.choice(QUALS)} {_digits(n)}"
        if r < 0.85:
            return rng.choice(["hundreds of", "thousands of", "several hundred", "a few thousand"])
        if r < 0.92:
            return f"{rng.choice(ONES[1:])} {rng.choice(['hundred', 'thousand'])}"
        a = rng.randint(1, 40) * 100
        return f"between {_digits(a)} and {_digits(a + rng.randint(1, 20) * 100)}"
    if mag == "L":
        n = rng.randint(10_000, 999_999)
        n = n if rng.random() < 0.5 else round(n, -3)
        if r < 0.30:
            return _digits(n)
        if r < 0.65:
            return f"{rng.choice(QUALS)} {_digits(n)}"
        if r < 0.78:
            return rng.choice(["tens of thousands of", "hundreds of thousands of", "half a million",
                               "more than half a million", "a quarter of a million"])
        if r < 0.88:
            return f"{rng.randint(11, 950)},000"
        return f"{rng.randint(10, 900)}k" if rng.random() < 0.3 else f"{_words_under_100(rng.randint(10, 99))} thousand"
    # "H": millions
    x = rng.randint(11, 250) / 10
    xs = f"{x:g}"
    if r < 0.35:
        return f"{xs} million"
    if r < 0.6:
        return f"{rng.choice(QUALS)} {xs} million"
    if r < 0.7:
        return f"{xs}m" if rng.random() < 0.5 else f"{xs}mn"
    if r < 0.8:
        return rng.choice(["millions of", "over a million", "nearly a million", "more than a million"])
    if r < 0.9:
        return f"{rng.choice(ONES[1:])} million"
    return _digits(rng.randint(1_000_000, 25_000_000))


def _bare(rng: random.Random, mag: str) -> str:
    lo, hi = {"S": (2, 99), "M": (100, 9999), "L": (10_000, 999_999)}[mag]
    return _digits(rng.randint(lo, hi))


def _pct(rng: random.Random) -> str:
    n = rng.randint(3, 95)
    r = rng.random()
    if r < 0.35:
        return f"{n} percent"
    if r < 0.6:
        return f"{n}%" if rng.random() < 0.7 else f"{n}.{rng.randint(1, 9)}%"
    if r < 0.75:
        return f"{n} per cent"
    if r < 0.87:
        return f"{rng.choice(['about', 'nearly', 'more than', 'less than'])} {n} percent"
    return rng.choice(["a third", "half", "two-thirds", "a quarter", "three-quarters"])


def _money(rng: random.Random) -> str:
    r = rng.random()
    x = f"{rng.randint(12, 990) / 10:g}"
    if r < 0.4:
        return f"${x} million"
    if r < 0.55:
        return f"${rng.randint(2, 900)}m"
    if r < 0.7:
        return f"${x} billion" if rng.random() < 0.3 else f"US${_digits(rng.randint(1, 900) * 1000)}"
    if r < 0.85:
        return f"{rng.choice(['£', '€'])}{x} million"
    return f"{_digits(rng.randint(2, 90) * 100)} dollars"


def _frac(rng: random.Random) -> str:
    return rng.choice(["half", "a third", "a quarter", "two-thirds", "one in five", "one in three",
                       "three-quarters", "40 percent", "nine in 10"])


# ----------------------------------------------------------------------------------------------
# Articles
# ----------------------------------------------------------------------------------------------

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


class _Article:
    """The state one generated article shares across its sentences (theme, main place)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.theme = THEMES[rng.choice(sorted(THEMES))]
        self.kind = self.theme["kind"]
        self.place = rng.choice(self.theme["places"])
        self.year = rng.randint(2015, 2024)

    def slot(self, name: str) -> str:
        rng, th = self.rng, self.theme
        if name in ("S", "M", "L", "H"):
            return _count(rng, name)
        if name in ("SD", "MD", "LD"):
            return _bare(rng, name[0])
        if name == "SW":
            return _words_under_100(rng.randint(2, 12))
        simple = {
            "PLACE": lambda: self.place,
            "PLACE2": lambda: rng.choice(th["places"]),
            "REGION": lambda: th["region"],
            "REGION_CAP": lambda: th["region"][0].upper() + th["region"][1:],
            "HOST": lambda: rng.choice(th["host"]),
            "ACTOR": lambda: rng.choice(th["actors"]),
            "ACTOR_CAP": lambda: (lambda a: a[0].upper() + a[1:])(rng.choice(th["actors"])),
            "SRC": lambda: rng.choice(SOURCES),
            "SRC_CAP": lambda: (lambda s: s[0].upper() + s[1:])(rng.choice(SOURCES)),
            "AGENCY": lambda: rng.choice(AGENCIES),
            "PERSON": lambda: f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "STRIKE": lambda: rng.choice(STRIKES),
            "DAY": lambda: rng.choice(DAYS),
            "MONTH": lambda: rng.choice(MONTHS),
            "YEAR": lambda: str(rng.randint(2011, self.year)),
            "DATE": lambda: (f"{rng.choice(MONTHS)} {rng.randint(1, 28)}" if rng.random() < 0.6
                             else f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"),
            "TIME": lambda: rng.choice([f"{rng.randint(1, 11)} am", f"{rng.randint(1, 11)} p.m.",
                                        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"]),
            "AGE": lambda: str(rng.randint(2, 90)),
            "ORD": lambda: rng.choice(ORDINALS),
            "PCT": lambda: _pct(rng),
            "MONEY": lambda: _money(rng),
            "FRAC": lambda: _frac(rng),
            "MAG": lambda: f"{rng.randint(48, 79) / 10:.1f}",
            "DIST": lambda: rng.choice([f"{rng.randint(2, 400)} km", f"{rng.randint(2, 300)} kilometres",
                                        f"{rng.randint(2, 250)} miles", f"{rng.randint(2, 90)}km"]),
            "TONNES": lambda: rng.choice([f"{_digits(rng.randint(20, 90000))} tonnes",
                                          f"{_digits(rng.randint(20, 9000))} metric tons",
                                          f"{rng.randint(2, 90)},000 tonnes"]),
            "RAIN": lambda: rng.choice([f"{rng.randint(50, 600)} mm", f"{rng.randint(50, 600)}mm",
                                        f"{rng.randint(2, 24)} inches"]),
            "PERIOD": lambda: rng.choice([
                "since the fighting began", "over the past week", "in the past 24 hours",
                f"since {rng.choice(MONTHS)}", "overnight", "last month", "so far this year",
                f"since {rng.choice(MONTHS)} {rng.randint(2015, self.year)}", "this week",
                "in the past month", f"between {rng.choice(MONTHS)} and {rng.choice(MONTHS)}",
                "since the start of the year", "in recent days"]),
            "HEADLINE": lambda: self.fill(rng.choice(HEADLINES[self.kind if self.kind in HEADLINES else "conflict"])),
        }
        return simple[name]() if name in simple else "{" + name + "}"

    def fill(self, template: str) -> str:
        s = _CHOICE.sub(lambda m: self.rng.choice(m.group(1).split("|")), template)
        return _SLOT.sub(lambda m: self.slot(m.group(1)), s)

    def attribution(self) -> str:
        rng = self.rng
        src = rng.choice(SOURCES)
        r = rng.random()
        if r < 0.3:
            return f", {src} said"
        if r < 0.5:
            return f", according to {src}"
        if r < 0.65:
            return f", {src} said on {rng.choice(DAYS)}"
        if r < 0.75:
            return f", {src} said in a statement"
        if r < 0.9:
            role = self.fill(rng.choice(ROLES))
            return f", said {rng.choice(FIRST)} {rng.choice(LAST)}, {role}"
        return f", {rng.choice(['officials', 'witnesses', 'medics', 'residents'])} told {rng.choice(AGENCIES)}"

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.42:
            return self.fill(rng.choice(FILLERS))
        pool = TEMPLATES["shared"] if rng.random() < 0.3 else TEMPLATES[self.kind]
        s = self.fill(rng.choice(pool))
        if s.endswith("."):
            return s[0].upper() + s[1:]
        if rng.random() < 0.55:
            if rng.random() < 0.25:
                first, _, rest = s.partition(" ")
                first = first.lower() if first in COMMON_STARTS else first
                return f"According to {rng.choice(SOURCES)}, {first} {rest}."
            s += self.attribution()
        return s[0].upper() + s[1:] + "."


def generated_article(rng: random.Random) -> str:
    """A news-like article of about 5 KB about one crisis."""
    a = _Article(rng)
    target = rng.randint(4200, 5800)
    head = [a.fill(rng.choice(HEADLINES[a.kind if a.kind in HEADLINES else "conflict"]))]
    head[0] = head[0][0].upper() + head[0][1:]
    if rng.random() < 0.5:
        head.append(f"By {a.slot('PERSON')}")
    if rng.random() < 0.5:
        head.append(f"Published {rng.choice(MONTHS)} {rng.randint(1, 28)}, {a.year}")
    if rng.random() < 0.3:
        head.append(f"{rng.randint(2, 12)} min read")
    paras: list[str] = []
    size = sum(len(h) + 2 for h in head)
    while size < target:
        p = " ".join(a.sentence() for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        if not paras and rng.random() < 0.6:
            p = f"{a.place.upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} ({rng.choice(AGENCIES)}) - {p}"
        paras.append(p)
        size += len(p) + 2
        if rng.random() < 0.12:
            line = a.fill(rng.choice(MID_FURNITURE))
            paras.append(line)
            size += len(line) + 2
    if rng.random() < 0.7:      # a tail a scraper left: teasers and boilerplate after an end line
        tail = [a.fill(rng.choice(END_FURNITURE))]
        for _ in range(rng.randint(1, 3)):
            t = a.fill(rng.choice(HEADLINES[a.kind if a.kind in HEADLINES else "conflict"]))
            tail.append(t[0].upper() + t[1:])
        tail.append(f"\u00a9 {a.year} {rng.choice(OUTLETS)}. All rights reserved.")
        paras.extend(tail)
    return "\n\n".join(head + paras) + "\n"


# Place names in the bundled Idlib articles that ``varied_bundled`` swaps for other crisis places.
BUNDLED_PLACES = ["Maraat al-Numan", "Maarat al-Numan", "Maaret al-Numan", "Khan Sheikhoun",
                  "Idlib", "Aleppo", "Hama", "Damascus", "Morek", "Antakya", "Saraqeb", "Latakia",
                  "Tamanah", "Tamaneh", "Zarzoor", "Khwain"]
_NUMWORD_GROUPS = [ONES[1:], TEENS, TENS]
_NUMWORD_OF = {w: g for g in _NUMWORD_GROUPS for w in g}
_MONTH_RE = "|".join(MONTHS + [m[:3] for m in MONTHS])
_VARY = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+)"
    r"|(?P<clock>\b\d{1,2}:\d{2}\b)"
    rf"|(?P<md>\b(?:{_MONTH_RE})\.?\s+)(?P<mday>\d{{1,2}})\b"
    rf"|\b(?P<dday>\d{{1,2}})(?P<dm>\s+(?:{_MONTH_RE})\b)"
    r"|(?P<num>\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\b)"
    rf"|(?P<word>\b(?:{'|'.join(sorted(_NUMWORD_OF, key=len, reverse=True))})\b)"
    rf"|(?P<place>\b(?:{'|'.join(re.escape(p) for p in BUNDLED_PLACES)})\b)",
    re.IGNORECASE)


def _same_shape(s: str, rng: random.Random) -> str:
    plain = s.replace(",", "")
    if "." not in plain and len(plain) == 4 and 1900 <= int(plain) <= 2099:
        return str(rng.randint(2010, 2024))            # a year stays a year
    out, first = [], True
    for ch in s:
        if ch.isdigit():
            out.append(str(rng.randint(1, 9)) if first and ch != "0" else str(rng.randint(0, 9)))
            first = False
        else:
            out.append(ch)
    return "".join(out)


def varied_bundled(text: str, rng: random.Random) -> str:
    """A bundled article with its numbers replaced by random numbers of the same shape (days of
    the month stay 1-28, years stay years, clock times and URLs are kept) and its places swapped
    for other real crisis places, consistently within the article."""
    swap: dict[str, str] = {}

    def sub(m: re.Match) -> str:
        if m.group("url") or m.group("clock"):
            return m.group(0)
        if m.group("mday"):
            return m.group("md") + str(rng.randint(1, 28))
        if m.group("dday"):
            return str(rng.randint(1, 28)) + m.group("dm")
        if m.group("num"):
            return _same_shape(m.group("num"), rng)
        if m.group("word"):
            w = m.group("word")
            new = rng.choice(_NUMWORD_OF[w.lower()])
            return new.upper() if w.isupper() else new.capitalize() if w[0].isupper() else new
        p = m.group("place")
        key = p.lower()
        if key not in swap:
            swap[key] = rng.choice(CRISIS_PLACES)
        return swap[key]

    return _VARY.sub(sub, text)


class Corpus:
    """N articles, article ``i`` a pure function of (seed, i): even ``i`` a varied bundled article,
    odd ``i`` a generated one."""

    def __init__(self, seed: int, bundled: list[str]):
        self.seed = seed
        self.bundled = bundled

    def text(self, i: int) -> str:
        rng = random.Random(f"stats-bench:{self.seed}:{i}")
        if i % 2 == 0:
            return varied_bundled(self.bundled[(i // 2) % len(self.bundled)], rng)
        return generated_article(rng)

    def warm_text(self) -> str:
        """An article outside the timed set (any i >= 0 is in it), with a unit word, so lazy
        loads in either library happen before the clock starts."""
        rng = random.Random(f"stats-bench:{self.seed}:warm-up")
        return generated_article(rng) + "\nThe convoy travelled 120 km with 300 tonnes of flour.\n"

    @staticmethod
    def kind(i: int) -> str:
        return "bundled" if i % 2 == 0 else "generated"


# ----------------------------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------------------------

def _mib_peak() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 2**20 if sys.platform == "darwin" else r / 1024     # bytes on macOS, KiB on Linux


def _mib_now() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        try:
            import psutil
            return psutil.Process().memory_info().rss / 2**20
        except ImportError:
            return None


def _reset_peak() -> bool:
    """Reset this process's peak RSS to its current RSS (Linux >= 4.0: clear_refs 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


class Memory:
    """Process peak RSS, and the peak within each pass where the kernel lets us reset it."""

    def __init__(self):
        self.process_peak = _mib_peak()

    def start_pass(self) -> dict:
        self.process_peak = max(self.process_peak, _mib_peak())
        return {"rss_before_mib": _mib_now(), "reset": _reset_peak()}

    def end_pass(self, before: dict) -> dict:
        peak = _mib_peak()
        self.process_peak = max(self.process_peak, peak)
        return {"rss_before_mib": before["rss_before_mib"],
                "peak_in_pass_mib": peak if before["reset"] else None,
                "process_peak_mib": self.process_peak, "rss_after_mib": _mib_now()}


def _summary(times: array, sizes: array, idx) -> dict:
    idx = list(idx)
    secs = sum(times[i] for i in idx)
    mb = sum(sizes[i] for i in idx) / 1e6
    return {"articles": len(idx), "mb": mb, "seconds": secs,
            "articles_per_s": len(idx) / secs if secs else float("inf"),
            "mb_per_s": mb / secs if secs else float("inf")}


def _pctl(values, q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))] if v else float("nan")


def run_stats(corpus: Corpus, n: int, mem: Memory, profile: int = 0) -> dict:
    import stats

    with warnings.catch_warnings():         # quantulum3 warns on import about optional extras
        warnings.simplefilter("ignore")
        stats.extract(corpus.warm_text())   # lazy loads (lexicons, quantulum3 for unit words)
    gc.collect()
    times, sizes, found = array("d", [0.0]) * n, array("q", [0]) * n, array("q", [0]) * n
    m = mem.start_pass()
    prof = None
    if profile:
        import cProfile
        prof = cProfile.Profile()
    extract, clock = stats.extract, time.perf_counter
    wall = clock()
    for i in range(n):
        text = corpus.text(i)
        sizes[i] = len(text.encode("utf-8"))
        if prof:
            prof.enable()
        t0 = clock()
        figs = extract(text)
        times[i] = clock() - t0
        if prof:
            prof.disable()
        found[i] = len(figs)
        del figs, text
    wall = clock() - wall
    mem_out = mem.end_pass(m)
    res = {"all": _summary(times, sizes, range(n)),
           "bundled": _summary(times, sizes, range(0, n, 2)),
           "generated": _summary(times, sizes, range(1, n, 2)),
           "figures_per_article": sum(found) / n,
           "ms_p50": 1e3 * _pctl(times, 0.5), "ms_p99": 1e3 * _pctl(times, 0.99),
           "ms_max": 1e3 * max(times), "slowest_article": max(range(n), key=times.__getitem__),
           "wall_seconds_incl_generation": wall,
           "quantulum3_loaded_by_stats": "quantulum3.parser" in sys.modules,
           "memory": mem_out, "_times": times, "_sizes": sizes, "_found": found}
    if prof:
        res["_profile"] = prof
    return res


def run_quantulum(corpus: Corpus, sample: list[int], mem: Memory) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
        parser.parse(corpus.warm_text())
    gc.collect()
    times, sizes, found = [], [], []
    m = mem.start_pass()
    clock = time.perf_counter
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in sample:
            text = corpus.text(i)
            sizes.append(len(text.encode("utf-8")))
            t0 = clock()
            q = parser.parse(text)
            times.append(clock() - t0)
            found.append(len(q))
            del q, text
    mem_out = mem.end_pass(m)
    secs, mb = sum(times), sum(sizes) / 1e6
    return {"all": {"articles": len(sample), "mb": mb, "seconds": secs,
                    "articles_per_s": len(sample) / secs, "mb_per_s": mb / secs},
            "quantities_per_article": sum(found) / len(sample),
            "ms_p50": 1e3 * _pctl(times, 0.5), "ms_p99": 1e3 * _pctl(times, 0.99),
            "ms_max": 1e3 * max(times), "memory": mem_out}


STARTUP_CODE = """\
import sys, time
text = open(sys.argv[1], encoding="utf-8").read()
t = time.perf_counter()
import stats
figures = stats.extract(text)
print(time.perf_counter() - t, len(figures), int("quantulum3.parser" in sys.modules))
"""


def _stats_location() -> Path | None:
    spec = importlib.util.find_spec("stats")
    return Path(spec.origin).parent.parent if spec and spec.origin else None


def run_startup(files: list[Path], runs: int) -> dict:
    """import stats + extract one article, each in a fresh interpreter; median of ``runs``."""
    env = dict(os.environ)
    loc = _stats_location()
    if loc:
        env["PYTHONPATH"] = os.pathsep.join([str(loc)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    out = []
    for f in files:
        secs, walls = [], []
        for _ in range(runs):
            t = time.perf_counter()
            p = subprocess.run([sys.executable, "-c", STARTUP_CODE, str(f)], env=env,
                               cwd=tempfile.gettempdir(), capture_output=True,
                               text=True, check=True)
            walls.append(time.perf_counter() - t)
            dt, nfig, q = p.stdout.split()
            secs.append(float(dt))
        out.append({"article": f.name, "bytes": f.stat().st_size, "figures": int(nfig),
                    "loads_quantulum3": bool(int(q)), "median_s": statistics.median(secs),
                    "runs_s": secs, "process_wall_median_s": statistics.median(walls)})
    return {"per_article": out, "first_article_s": out[0]["median_s"],
            "worst_s": max(o["median_s"] for o in out),
            "worst_article": max(out, key=lambda o: o["median_s"])["article"]}


# ----------------------------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    info = {"machine": platform.machine(), "cpu": cpu, "cpus": os.cpu_count(),
            "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "implementation": platform.python_implementation()}
    try:
        import stats
        info["stats"] = stats.__version__
    except Exception:
        info["stats"] = "?"
    try:
        from importlib.metadata import version
        info["quantulum3"] = version("quantulum3")
    except Exception:
        info["quantulum3"] = "?"
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "stats"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        info["git"] = head + ("+dirty(stats/)" if dirty else "") if head else ""
    except Exception:
        info["git"] = ""
    return info


def _mib(x) -> str:
    return "n/a" if x is None else f"{x:.0f}"


def report(res: dict, out) -> None:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    mc, a = res["machine"], res["args"]
    p(f"machine: {mc['machine']}, {mc['cpu']} ({mc['cpus']} CPUs), {mc['system']}, "
      f"{mc['implementation']} {mc['python']}")
    p(f"stats {mc['stats']} (git {mc['git'] or '?'}), quantulum3 {mc['quantulum3']}")
    if "corpus" in res:
        c = res["corpus"]
        p(f"corpus: {c['articles']} articles, {'~' if c.get('mb_estimated_from_sample') else ''}"
          f"{c['mb']:.2f} MB (seed {a['seed']}): "
          f"{c['bundled']} varied bundled + {c['generated']} generated, "
          f"mean {c['mean_bytes']:.0f} B/article")
    s, q = res.get("stats"), res.get("quantulum3")
    if s or q:
        p("")
        p(f"{'':34} {'articles':>8} {'MB':>7} {'seconds':>8} {'art/s':>8} {'MB/s':>7} "
          f"{'ms p50':>7} {'ms p99':>7} {'found/art':>9}")
        row = lambda name, d, found="", p50="", p99="": p(  # noqa: E731
            f"{name:34} {d['articles']:>8} {d['mb']:>7.2f} {d['seconds']:>8.2f} "
            f"{d['articles_per_s']:>8.1f} {d['mb_per_s']:>7.3f} {p50:>7} {p99:>7} {found:>9}")
    if s:
        row("stats.extract (with context)", s["all"], f"{s['figures_per_article']:.1f}",
            f"{s['ms_p50']:.1f}", f"{s['ms_p99']:.1f}")
        row("  varied bundled articles", s["bundled"])
        row("  generated articles", s["generated"])
        if q:
            row(f"  the same {q['all']['articles']} as quantulum3", s["on_sample"],
                f"{s['on_sample_figures_per_article']:.1f}")
    if q:
        row("quantulum3 parser.parse", q["all"], f"{q['quantities_per_article']:.1f}",
            f"{q['ms_p50']:.0f}", f"{q['ms_p99']:.0f}")
        if q["sampled"]:
            p(f"  quantulum3 timed on a random sample of {q['all']['articles']} of the "
              f"{res['corpus']['articles']} articles (--quantulum-sample); all "
              f"{res['corpus']['articles']} would take about {q['extrapolated_all_seconds']:.0f} s "
              f"at its measured {q['all']['mb_per_s']:.3f} MB/s")
    if s and q:
        r = res["ratio"]
        p("")
        p(f"ratio stats/quantulum3, same {q['all']['articles']} articles: "
          f"{r['articles_per_s_same_sample']:.1f}x articles/s, {r['mb_per_s_same_sample']:.1f}x MB/s; "
          f"stats on all {s['all']['articles']} vs quantulum3 sample: "
          f"{r['articles_per_s_all_vs_sample']:.1f}x articles/s, {r['mb_per_s_all_vs_sample']:.1f}x MB/s")
    if s:
        p(f"stats: slowest article #{s['slowest_article']} {s['ms_max']:.0f} ms; quantulum3 loaded "
          f"by stats for unit words: {'yes' if s['quantulum3_loaded_by_stats'] else 'no'}; wall "
          f"{s['wall_seconds_incl_generation']:.1f} s including corpus generation")
    if s or q:
        p("")
        p("peak RSS (MiB)                      before pass  peak in pass  process peak  after pass")
        for name, d in (("after stats pass", s), ("after quantulum3 pass", q)):
            if d:
                m = d["memory"]
                p(f"  {name:32} {_mib(m['rss_before_mib']):>11}  {_mib(m['peak_in_pass_mib']):>12}"
                  f"  {_mib(m['process_peak_mib']):>12}  {_mib(m['rss_after_mib']):>10}")
        if s and q:
            p("  (one process: stats runs first and the bench imports quantulum3 only after it, so"
              " the stats row is stats alone; --only stats measures it in a process of its own)")
    if "startup" in res:
        st = res["startup"]
        p("")
        p(f"start-up: import stats + extract one bundled article, fresh interpreter, median of "
          f"{a['startup_runs']} (interpreter start-up excluded; whole process in brackets)")
        for o in st["per_article"]:
            p(f"  {o['article']:28} {o['bytes']:>6} B {o['figures']:>3} figures  "
              f"{o['median_s']:6.2f} s  ({o['process_wall_median_s']:.2f} s)  runs "
              + " ".join(f"{x:.2f}" for x in o["runs_s"])
              + ("  loads quantulum3" if o["loads_quantulum3"] else ""))
        p(f"  first article {st['first_article_s']:.2f} s; worst {st['worst_s']:.2f} s "
          f"({st['worst_article']})")


def print_profile(prof, top: int, out) -> None:
    import io
    import pstats
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
        text = buf.getvalue()
        print(f"\n--- cProfile of stats.extract, top {top} by {key} ---", file=out)
        print(text[text.find("   ncalls"):].rstrip(), file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Throughput, peak RSS and start-up of stats.extract against quantulum3's "
                    "parser.parse on a generated corpus (see benchmarks/README.md).")
    ap.add_argument("--articles", type=int, default=2000, metavar="N",
                    help="corpus size (default 2000): half varied bundled, half generated")
    ap.add_argument("--seed", type=int, default=0, help="corpus and sample seed (default 0)")
    ap.add_argument("--quantulum-sample", type=int, default=200, metavar="K",
                    help="time quantulum3 on a random sample of K of the N articles (default 200; "
                         "0 = all N). quantulum3 runs at a few articles/s")
    ap.add_argument("--only", choices=("stats", "quantulum", "startup"),
                    help="run one part only (default: start-up, then stats, then quantulum3)")
    ap.add_argument("--startup-runs", type=int, default=3, help="fresh interpreters per article (default 3)")
    ap.add_argument("--profile", type=int, default=0, metavar="TOP",
                    help="cProfile the stats pass and print the TOP functions by cumulative and "
                         "by own time (slows the pass; its timings are then not the benchmark)")
    ap.add_argument("--write-corpus", metavar="DIR",
                    help="write the N articles to DIR/article_NNNNN.txt and exit (no timing)")
    ap.add_argument("--json", action="store_true",
                    help="print one JSON line on stdout (the table goes to stderr)")
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("--articles must be >= 1")

    try:
        import stats  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(REPO))
    from stats.articles import bundled_corpus
    bundled_files = sorted(bundled_corpus().glob("*.txt"))
    bundled = [f.read_text(encoding="utf-8") for f in bundled_files]
    corpus = Corpus(args.seed, bundled)
    n = args.articles

    if args.write_corpus:
        d = Path(args.write_corpus)
        d.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            (d / f"article_{i:05d}.txt").write_text(corpus.text(i), encoding="utf-8")
        print(f"wrote {n} articles to {d}", file=sys.stderr)
        return 0

    res: dict = {"args": vars(args), "machine": machine()}
    mem = Memory()
    if args.only in (None, "startup"):
        res["startup"] = run_startup(bundled_files, args.startup_runs)
    if args.only in (None, "stats"):
        s = run_stats(corpus, n, mem, args.profile)
        res["stats"] = s
        res["corpus"] = {"articles": n, "mb": s["all"]["mb"], "bundled": s["bundled"]["articles"],
                         "generated": s["generated"]["articles"],
                         "mean_bytes": s["all"]["mb"] * 1e6 / n}
    k = n if args.quantulum_sample <= 0 else min(args.quantulum_sample, n)
    sample = sorted(random.Random(f"stats-bench:{args.seed}:sample").sample(range(n), k))
    if args.only in (None, "quantulum"):
        q = run_quantulum(corpus, sample, mem)
        q["sampled"] = k < n
        q["sample"] = k
        if "corpus" not in res:
            res["corpus"] = {"articles": n, "mb": q["all"]["mb"] / k * n, "bundled": (n + 1) // 2,
                             "generated": n // 2, "mean_bytes": q["all"]["mb"] * 1e6 / k,
                             "mb_estimated_from_sample": k < n}
        total_mb = res["corpus"]["mb"] if "stats" in res else q["all"]["mb"] / k * n
        q["extrapolated_all_seconds"] = total_mb / q["all"]["mb_per_s"]
        res["quantulum3"] = q
    if "stats" in res:
        s = res["stats"]
        s["on_sample"] = _summary(s["_times"], s["_sizes"], sample)
        s["on_sample_figures_per_article"] = sum(s["_found"][i] for i in sample) / k
        if "quantulum3" in res:
            q = res["quantulum3"]
            res["ratio"] = {
                "articles_per_s_same_sample": s["on_sample"]["articles_per_s"] / q["all"]["articles_per_s"],
                "mb_per_s_same_sample": s["on_sample"]["mb_per_s"] / q["all"]["mb_per_s"],
                "articles_per_s_all_vs_sample": s["all"]["articles_per_s"] / q["all"]["articles_per_s"],
                "mb_per_s_all_vs_sample": s["all"]["mb_per_s"] / q["all"]["mb_per_s"]}

    prof = res.get("stats", {}).pop("_profile", None)
    for key in ("_times", "_sizes", "_found"):
        res.get("stats", {}).pop(key, None)
    out = sys.stderr if args.json else sys.stdout
    report(res, out)
    if prof is not None:
        print_profile(prof, args.profile, out)
    if args.json:
        print(json.dumps(res, default=str, separators=(",", ":")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
