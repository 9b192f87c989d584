"""Actors: alias terms, discovery on the samples, per-actor sentiment and its evidence."""

from __future__ import annotations

import pandas as pd
import pytest
from tests.conftest import SAMPLE_DIR, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

from analysis import actors, lexicon
from analysis.actors import (
    ActorSettings,
    SentimentSettings,
    actor_mentions,
    actor_sentiment,
    actor_terms,
    article_name_candidates,
    discover_actors,
    dump_actors,
    label_for,
    lexicon_rows,
    parse_actors,
    sentence_sentiment,
)
from analysis.batch import Runner
from analysis.lexicon import LexiconError, find_terms, lexicon_from_rows

SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]


# --- actor_terms -----------------------------------------------------------------

@pytest.mark.parametrize(
    "name, expected",
    [
        ("Vladimir Putin", ("Vladimir Putin", "Putin")),
        ("Pope Leo XIV", ("Pope Leo XIV", "Pope Leo")),
        ("White House", ("White House",)),
        ("Obama administration", ("Obama administration",)),
        ("Republican Lawmakers", ("Republican Lawmakers",)),
        ("NATO", ("NATO",)),
        ("Kremlin", ("Kremlin",)),
        ("Ursula von der Leyen", ("Ursula von der Leyen", "von der Leyen")),
        ("Martin Luther King Jr.", ("Martin Luther King Jr.", "King")),
        ("Recep Tayyip Erdoğan", ("Recep Tayyip Erdoğan", "Erdoğan", "Recep Tayyip Erdogan", "Erdogan")),
    ],
)
def test_actor_terms(name, expected):
    assert actor_terms(name) == expected


def test_actor_terms_keeps_aliases_and_matches_possessives():
    terms = actor_terms("Vladimir Putin", ("Russian leader",))
    assert terms == ("Vladimir Putin", "Russian leader", "Putin")
    text = "Putin’s aide spoke; the Russian leader's office agreed."
    assert [text[a:b] for a, b in find_terms(terms, text)] == ["Putin’s", "Russian leader's"]


def test_regnal_number_alone_never_matches():
    assert find_terms(actor_terms("Pope Leo XIV"), "Louis XIV built Versailles.") == []
    assert find_terms(actor_terms("White House"), "The House voted.") == []


# --- lexicon I/O -----------------------------------------------------------------

def test_rows_round_trip_through_toml():
    lexicon = (("Vladimir Putin", ("Russian leader",)), ("Kremlin", ()), ("Recep Tayyip Erdoğan", ("Erdogan", "Turkish leader")))
    rows = lexicon_rows(lexicon)
    assert list(rows.columns) == ["actor", "aliases"]
    assert rows.iloc[2].tolist() == ["Recep Tayyip Erdoğan", "Erdogan, Turkish leader"]
    edited = lexicon_from_rows(rows.itertuples(index=False, name=None))
    assert edited == lexicon
    assert parse_actors(dump_actors(edited)) == lexicon


def test_parse_actors_rejects_wrong_table():
    with pytest.raises(LexiconError):
        parse_actors('[topics]\n"War" = ["war"]\n')


def test_sample_actors_toml_reads(sample_corpus):
    lexicon = parse_actors((SAMPLE_DIR / "actors.toml").read_text(encoding="utf-8"))
    names = [name for name, _ in lexicon]
    assert names[:2] == ["Vladimir Putin", "Donald Trump"]
    assert dict(lexicon)["Vladimir Putin"] == ("Russian leader",)
    assert sample_corpus.actors_toml is not None


# --- discovery ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def discovered(sample_corpus):
    return discover_actors(sample_corpus)


def test_titles_stripped_in_candidates(sample_corpus):
    names = {c["name"] for c in article_name_candidates(sample_corpus.article(SEED_001))}
    assert {"Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy", "Recep Tayyip Erdoğan", "Pope Leo XIV"} <= names
    assert not any(n.startswith(("Russian", "U.S.", "Ukrainian", "Turkey", "President")) for n in names)
    # places and days are no names; sentence openers are not either
    assert not names & {"Ukraine", "Russia", "Wednesday", "Istanbul", "Kyiv", "Negotiations", "Despite"}


def test_candidates_count_surname_forms(sample_corpus):
    counts = {c["name"]: c["count"] for c in article_name_candidates(sample_corpus.article(SEED_000))}
    # "Putin’s" is counted under Putin; "Compounding this challenge" is no name
    assert counts["Putin"] >= 5 and counts["Vladimir Putin"] == 1
    assert "Compounding" not in counts and "Describing" not in counts


def test_discovered_actors_on_samples(discovered):
    names = [name for name, _ in discovered]
    for expected in ["Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy", "Recep Tayyip Erdoğan",
                     "Steve Witkoff", "Yuri Ushakov", "Tatiana Stanovaya", "Pope Leo XIV",
                     "Kremlin", "TASS", "NATO", "White House"]:
        assert expected in names, expected
    assert names[:2] == ["Donald Trump", "Vladimir Putin"]  # ordered by mentions
    # surname and possessive forms merged, not separate actors
    assert not {"Putin", "Trump", "Zelenskyy", "Putin-Trump"} & set(names)
    for place in ["Ukraine", "Russia", "Russian", "Wednesday", "Istanbul", "Kyiv", "Moscow", "Kursk", "Sumy"]:
        assert place not in names
    assert dict(discovered)["International Criminal Court"] == ("ICC",)


def test_min_mentions_drops_minor_figures(sample_corpus):
    names = [name for name, _ in discover_actors(sample_corpus, ActorSettings(min_mentions=3))]
    assert "Donald Trump" in names and "Yuri Ushakov" not in names


def test_discovery_runs_through_runner(sample_corpus):
    calls = []

    class Recording(Runner):
        def map(self, func, articles, settings):
            calls.append(func.__name__)
            return super().map(func, articles, settings)

    discover_actors(sample_corpus, runner=Recording())
    assert calls == ["article_name_candidates"]


# --- sentiment -----------------------------------------------------------------------

def test_label_thresholds():
    assert label_for(actors.POSITIVE_THRESHOLD) == "positive"
    assert label_for(actors.NEGATIVE_THRESHOLD) == "negative"
    assert label_for(0.0) == "neutral"


def test_sentence_sentiment_per_sentence(sample_corpus):
    article = sample_corpus.article(SEED_003)
    scores = sentence_sentiment(article)
    assert len(scores) == len(article.sentences)
    assert all(s is None or -1.0 <= s <= 1.0 for s in scores)
    assert all(isinstance(s, float) for s in scores)


def test_sentiment_rows_for_trump_and_putin_everywhere(sample_corpus, discovered):
    table = actor_sentiment(sample_corpus, discovered)
    assert list(table.columns) == ["article", "actor", "mentions", "sentiment", "label", "positive_share", "negative_share"]
    for seed in SEEDS:
        for actor in ("Donald Trump", "Vladimir Putin"):
            row = table[(table.article == seed) & (table.actor == actor)]
            assert len(row) == 1 and row.mentions.iloc[0] >= 3, (seed, actor)
    assert table.sentiment.between(-1, 1).all()
    assert set(table.label) <= {"negative", "neutral", "positive"}
    assert ((table.positive_share + table.negative_share) <= 1).all()
    assert (table.mentions > 0).all()


def test_praised_versus_condemned(make_corpus):
    corpus = make_corpus({
        "praise.txt": "Maria Lopez won the award. Everyone loves Lopez, a brilliant and generous leader. "
                      "Lopez was praised for her wonderful work.",
        "condemn.txt": "Maria Lopez was arrested. Critics condemned Lopez as corrupt and dishonest. "
                       "Lopez faces terrible accusations of fraud and abuse.",
    })
    table = actor_sentiment(corpus, (("Maria Lopez", ()),)).set_index("article")
    assert table.loc["praise.txt", "label"] == "positive"
    assert table.loc["condemn.txt", "label"] == "negative"
    assert table.loc["praise.txt", "mentions"] == 3


def test_wordless_sentences_are_never_averaged(make_corpus):
    # A sentence that is only a quotation has no words once quotes are dropped.
    corpus = make_corpus({"b.txt": "Ana Diaz is a wonderful, brilliant leader. “Diaz is awful and hateful.”"})
    article = corpus.article("b.txt")
    scores = sentence_sentiment(article, SentimentSettings(drop_quotes=True))
    assert scores[1] is None and scores[0] > 0.5
    table = actor_sentiment(corpus.subset(["b.txt"]), (("Ana Diaz", ()),), settings=SentimentSettings(drop_quotes=True))
    assert table.mentions.iloc[0] == 1 and table.sentiment.iloc[0] == pytest.approx(scores[0])
    kept = actor_sentiment(corpus.subset(["b.txt"]), (("Ana Diaz", ()),))
    assert kept.mentions.iloc[0] == 2 and kept.sentiment.iloc[0] < scores[0]


def test_one_analyzer_per_process(sample_corpus):
    sentence_sentiment(sample_corpus.articles[0])
    first = actors._analyzer()
    sentence_sentiment(sample_corpus.articles[1])
    assert actors._analyzer() is first


# --- mentions (the evidence) -----------------------------------------------------------

def test_actor_mentions_spans_point_at_the_name(sample_corpus, discovered):
    table = actor_mentions(sample_corpus, discovered, "Vladimir Putin", SEED_001)
    assert list(table.columns) == ["article", "actor", "sentence_index", "sentence", "score", "spans"]
    assert set(table.article) == {SEED_001}
    for row in table.itertuples():
        assert sample_corpus.article(SEED_001).sentences[row.sentence_index].text == row.sentence
        for start, end in row.spans:
            assert row.sentence[start:end].startswith("Putin") or row.sentence[start:end].startswith("Vladimir Putin")
    summary = actor_sentiment(sample_corpus.subset([SEED_001]), discovered)
    putin = summary[summary.actor == "Vladimir Putin"].iloc[0]
    assert putin.mentions == len(table)
    assert putin.sentiment == pytest.approx(pd.Series(table.score).mean())


def test_actor_mentions_via_alias(sample_corpus):
    lexicon = parse_actors((SAMPLE_DIR / "actors.toml").read_text(encoding="utf-8"))
    table = actor_mentions(sample_corpus, lexicon, "Pope Leo XIV")
    assert table.sentence_index.tolist() == [table.sentence_index.iloc[0]] and len(table) == 1
    sentence, spans = table.sentence.iloc[0], table.spans.iloc[0]
    assert [sentence[a:b] for a, b in spans] == ["Pope Leo XIV", "pontiff's"]


def test_actor_mentions_unknown_actor(sample_corpus, discovered):
    with pytest.raises(KeyError):
        actor_mentions(sample_corpus, discovered, "Nobody Atall")


def test_titles_and_qualifiers_stripped_on_handmade_text(make_corpus):
    corpus = make_corpus({"a.txt": "Texas Gov. Rick Perry met Sen. Raúl R. Labrador in Austin on Monday. "
                                   "Later, Perry said the talks went well."})
    names = {c["name"] for c in article_name_candidates(corpus.articles[0])}
    assert {"Rick Perry", "Raúl R. Labrador", "Perry"} <= names
    assert not names & {"Texas", "Monday", "Later", "Texas Gov. Rick Perry"}
    merged = [name for name, _ in discover_actors(corpus)]
    assert merged[0] == "Rick Perry" and "Perry" not in merged


# --- many articles: the fast matcher finds what find_terms finds ---------------------

FIRST_NAMES = ("Maria Tomas Ines Pavel Nadia Oskar Lena Rafael Greta Milan Sofia Anton "
               "Irena Bruno Clara Dmitri Elena Felix Hanna Igor Julia Karel Laura Marco").split()
SURNAMES = ("Lopez Brandt Okafor Novak Haddad Lindqvist Moreau Tanaka Kowalski Ferreira Castellano Petrov "
            "Dubois Jensen Romano Varga Keller Nakamura Silva Horvat Weber Costa Marsh Quint").split()


def _generated_articles(count: int = 300) -> tuple[dict[str, str], dict[tuple[str, str], int]]:
    """Articles naming three people each, and how many sentences of each article name each person."""
    import random

    rng = random.Random(7)
    people = list(zip(FIRST_NAMES, SURNAMES))
    files, expected = {}, {}
    for n in range(count):
        chosen = rng.sample(people, 3)
        sentences = ["The weather was mild and the hall was full."]
        for first, last in chosen:
            full = f"{first} {last}"
            later = rng.sample([f"The chair thanked {last} for the evidence.",
                                f"The audience applauded {last}’s answer.",
                                f"The record shows that {last}'s team voted twice.",
                                f"The critics said {last} was dishonest and weak."], rng.randint(0, 3))
            sentences += [f"The committee invited {full} to speak.", *later]
            expected[(f"a{n:03d}.txt", full)] = 1 + len(later)
        (_, a), (_, b) = chosen[:2]
        sentences.append(f"The meeting between {a} and {b} was brief.")
        expected[(f"a{n:03d}.txt", f"{chosen[0][0]} {a}")] += 1
        expected[(f"a{n:03d}.txt", f"{chosen[1][0]} {b}")] += 1
        files[f"a{n:03d}.txt"] = " ".join(sentences) + "\n"
    return files, expected


def test_discovery_and_sentiment_on_300_generated_articles(make_corpus):
    files, expected = _generated_articles()
    corpus = make_corpus(files)
    assert len(corpus.articles) == 300
    lexicon = discover_actors(corpus)
    people = {f"{first} {last}" for first, last in zip(FIRST_NAMES, SURNAMES)}
    # every person found, under the full name, with no alias left over and no surname-only actor
    assert {name for name, _ in lexicon} == people
    assert all(aliases == () for _, aliases in lexicon)
    totals = [sum(n for (_, person), n in expected.items() if person == name) for name, _ in lexicon]
    assert totals == sorted(totals, reverse=True)  # most mentioned first
    table = actor_sentiment(corpus, lexicon)
    assert {(row.article, row.actor): row.mentions for row in table.itertuples()} == expected
    critic = table[table.actor == "Maria Lopez"]
    assert len(critic) > 0 and table.sentiment.between(-1, 1).all()


def _mentions_the_slow_way(corpus, lexicon):
    """Each actor's terms searched in each sentence with find_terms: what the fast matcher must equal."""
    rows = []
    for article in corpus.articles:
        for name, aliases in lexicon:
            terms = actor_terms(name, aliases)
            for sentence in article.sentences:
                spans = find_terms(terms, sentence.text)
                if spans:
                    rows.append((article.path, name, sentence.index, spans))
    return rows


TRICKY = {
    "t.txt": "İSTANBUL GROUP and the Istanbul group met. Işık Kaya spoke; KAYA’S aides and the kayas left. "
             "ſanctions on Sanctioned firms, sanction* talk. Vladimir Putin, Putins and putin’s plan. "
             "U.S. officials, the US and us. Kaya Kaya Kaya. Mr. O'Neill and O'NEILL’S dog, not O’Neill.",
    "u.txt": "Nothing here names anyone. Sanction. Ιωάννης ΙΩΆΝΝΗΣ and ιωάννης met. "
             "Straße and STRASSE.",
}
TRICKY_LEXICON = (
    ("Istanbul Group", ()), ("Işık Kaya", ()), ("Sanctions", ("sanction*",)), ("Vladimir Putin", ()),
    ("United States", ("U.S.", "US")), ("Tom O'Neill", ()), ("Ιωάννης", ()), ("Straße", ()), ("Empty", ("*",)),
)


def test_fast_matching_equals_find_terms_on_tricky_text(make_corpus):
    corpus = make_corpus(TRICKY)
    slow = _mentions_the_slow_way(corpus, TRICKY_LEXICON)
    fast = []
    for name, _ in TRICKY_LEXICON:
        table = actor_mentions(corpus, TRICKY_LEXICON, name)
        fast += [(r.article, name, r.sentence_index, list(r.spans)) for r in table.itertuples()]
    assert sorted(fast) == sorted(slow)
    found = {(name, corpus.article(path).sentences[i].text[a:b]) for path, name, i, spans in fast for a, b in spans}
    # dotted capital İ, long s, curly possessives, plural and wildcard forms
    assert {("Istanbul Group", "İSTANBUL GROUP"), ("Işık Kaya", "KAYA’S"), ("Vladimir Putin", "Vladimir Putin"),
            ("Vladimir Putin", "Putins"), ("Vladimir Putin", "putin’s"), ("Sanctions", "Sanctioned"),
            ("Sanctions", "ſanctions"), ("Tom O'Neill", "O'NEILL’S")} <= found
    assert ("Tom O'Neill", "O’Neill") not in found  # only a possessive's apostrophe may be curly
    table = actor_sentiment(corpus, TRICKY_LEXICON)
    counts = {(path, name): 0 for path, name, _, _ in slow}
    for path, name, _, _ in slow:
        counts[(path, name)] += 1
    assert {(r.article, r.actor): r.mentions for r in table.itertuples()} == counts


def test_case_folding_agrees_with_the_regex_engine():
    # letters that re.IGNORECASE takes as equal must fold equal, or the pre-check would miss them
    import re

    cased = [chr(c) for c in range(0x3000) if chr(c).lower() != chr(c) or chr(c).upper() != chr(c)]
    cased += [chr(c) for c in (0x1E9B, 0x1E9E, 0x1FBE, 0x1FD3, 0x1FE3, 0x212A, 0x212B, 0x2126, 0xA64B, 0xFB05, 0xFB06)]
    checked = 0
    for letter in cased:
        for other in {letter.lower(), letter.upper(), *lexicon._CASE_CLASSES}:
            if len(other) == 1 and other != letter and re.fullmatch(re.escape(letter), other, re.IGNORECASE):
                assert lexicon.fold_case(letter) == lexicon.fold_case(other), (letter, other)
                checked += 1
    assert checked > 1000
    assert lexicon.fold_case("İSTANBUL ſ σ Σ ı") == "istanbul s ς ς i"
