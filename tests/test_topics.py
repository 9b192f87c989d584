"""Topics: the lexicon file, matching rules seen through coverage, golden checks (suggestions: test_themes)."""

from __future__ import annotations

import pytest

from analysis.lexicon import LexiconError
from analysis.topics import (
    coverage_matrix,
    dump_topics,
    parse_topics,
    single_article_topics,
    topic_sentences,
)
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

ALL_SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]

RULES_TEXT = (
    "Notes on the talks\n\n"
    "Iran’s envoy arrived early. "
    "The council sanctioned two firms. "
    "New software was installed. "
    "Officials warn of delays. "
    "The war goes on. "
    "Iran's neighbours watched closely. "
    "Nothing else happened.\n"
)
RULES_TOPICS = parse_topics(
    '[topics]\n"Iran" = ["Iran"]\n"Sanctions" = ["sanction*"]\n"War" = ["war"]\n'
    '"Absent" = ["ceasefire"]\n'
)


@pytest.fixture
def rules_corpus(make_corpus):
    return make_corpus({"a.txt": RULES_TEXT, "b.txt": "The wars ended. Sanctions stayed.\n"})


def _hits(corpus, topic, article="a.txt"):
    frame = topic_sentences(corpus, RULES_TOPICS, topic, article)
    return [corpus.article(article).sentences[i].text for i in frame["sentence_index"]]


def test_parse_and_dump_round_trip():
    text = '[topics]\n"Prisoner exchange" = ["prisoner*", "captive*"]\nIran = "Iran"\n'
    lexicon = parse_topics(text)
    assert lexicon == (("Prisoner exchange", ("prisoner*", "captive*")), ("Iran", ("Iran",)))
    assert parse_topics(dump_topics(lexicon)) == lexicon


def test_parse_topics_needs_the_topics_table():
    with pytest.raises(LexiconError):
        parse_topics('[actors]\n"Putin" = ["Kremlin"]\n')


def test_possessive_with_curly_and_straight_apostrophe(rules_corpus):
    assert _hits(rules_corpus, "Iran") == [
        "Iran’s envoy arrived early.", "Iran's neighbours watched closely."]


def test_wildcard_matches_word_endings(rules_corpus):
    assert _hits(rules_corpus, "Sanctions") == ["The council sanctioned two firms."]
    assert _hits(rules_corpus, "Sanctions", "b.txt") == ["Sanctions stayed."]


def test_whole_words_only_war_is_not_software_or_warn(rules_corpus):
    assert _hits(rules_corpus, "War") == ["The war goes on."]
    assert _hits(rules_corpus, "War", "b.txt") == ["The wars ended."]  # plural still matches


def test_coverage_has_every_article_topic_pair_with_zeros(rules_corpus):
    cov = coverage_matrix(rules_corpus, RULES_TOPICS)
    assert list(cov.columns) == ["article", "topic", "sentences", "share", "total_sentences"]
    assert len(cov) == 2 * 4
    row = cov.set_index(["article", "topic"])
    total = len(rules_corpus.article("a.txt").sentences)
    assert row.loc[("a.txt", "Iran"), "sentences"] == 2
    assert row.loc[("a.txt", "Iran"), "share"] == pytest.approx(2 / total)
    assert row.loc[("a.txt", "Iran"), "total_sentences"] == total
    assert row.loc[("a.txt", "Absent"), "sentences"] == 0
    assert row.loc[("b.txt", "Iran"), "share"] == 0.0
    assert cov["share"].between(0, 1).all()


def test_topic_sentences_give_terms_and_spans(rules_corpus):
    frame = topic_sentences(rules_corpus, RULES_TOPICS, "Iran")
    assert list(frame.columns) == ["article", "topic", "sentence_index", "sentence", "terms", "spans"]
    first = frame.iloc[0]
    assert first["terms"] == ["Iran’s"]
    start, end = first["spans"][0]
    assert first["sentence"][start:end] == "Iran’s"
    with pytest.raises(KeyError):
        topic_sentences(rules_corpus, RULES_TOPICS, "No such topic")


def test_single_article_topics_from_a_small_coverage(rules_corpus):
    single = single_article_topics(coverage_matrix(rules_corpus, RULES_TOPICS))
    assert single.to_dict("records") == [{"topic": "Iran", "article": "a.txt", "sentences": 2}]


# --- golden checks on the five sample articles ----------------------------------


@pytest.fixture(scope="module")
def sample_coverage(sample_corpus):
    topics = parse_topics(sample_corpus.topics_toml)
    cov = coverage_matrix(sample_corpus, topics)
    return cov.pivot(index="topic", columns="article", values="sentences")


def _covering(sample_coverage, topic):
    row = sample_coverage.loc[topic]
    return sorted(row[row > 0].index)


def test_sample_topics_file_is_read_with_the_corpus(sample_corpus):
    topics = dict(parse_topics(sample_corpus.topics_toml))
    assert 8 <= len(topics) <= 14
    assert "Ceasefire" in topics


def test_sample_coverage_is_complete(sample_coverage):
    assert list(sample_coverage.columns) == ALL_SEEDS
    assert not sample_coverage.isna().any().any()


@pytest.mark.parametrize("topic, seeds", [
    ("US-China trade", [SEED_004]),  # only 004 turns to tariffs and China
    ("Pope and Vatican", [SEED_001]),  # only 001 reports Pope Leo XIV's call
    ("Iran nuclear talks", [SEED_000, SEED_001, SEED_003]),
    ("Istanbul negotiations", [SEED_000, SEED_001, SEED_003]),
    ("Erdoğan summit offer", [SEED_001, SEED_004]),
    ("NATO and Europe", [SEED_002, SEED_004]),  # European allies (002), NATO in Brussels (004)
    ("Kursk and Sumy front", [SEED_001, SEED_002]),  # Sumy land grab (001), Kursk encirclement (002)
    ("Middle East", [SEED_002, SEED_003]),
    ("Ceasefire", [SEED_000, SEED_001, SEED_002, SEED_004]),  # 003 speaks of peace, never a ceasefire
])
def test_golden_who_covers_what(sample_coverage, topic, seeds):
    assert _covering(sample_coverage, topic) == seeds


def test_golden_ceasefire_depth(sample_coverage):
    row = sample_coverage.loc["Ceasefire"]
    # 001 and 004 carry Putin's rejection of a full / 30-60 day ceasefire; 000 only mentions it.
    assert row[SEED_001] >= 3 and row[SEED_004] >= 3
    assert row[SEED_000] == 2


def test_golden_single_article_topics(sample_corpus):
    cov = coverage_matrix(sample_corpus, parse_topics(sample_corpus.topics_toml))
    single = single_article_topics(cov)
    assert dict(zip(single["topic"], single["article"])) == {
        "Pope and Vatican": SEED_001, "US-China trade": SEED_004}


def test_golden_iran_sentence_evidence(sample_corpus):
    topics = parse_topics(sample_corpus.topics_toml)
    frame = topic_sentences(sample_corpus, topics, "Iran nuclear talks", SEED_001)
    assert set(frame["article"]) == {SEED_001}
    terms = [t for terms in frame["terms"] for t in terms]
    assert "Iran’s" in terms and "nuclear program" in terms


# --- the fast matching paths agree with find_terms, sentence by sentence ------------------

from analysis.lexicon import find_terms  # noqa: E402

HOSTILE_TEXT = (
    "Talks on oil\n"  # a headline line: "oil" ends it, "Prices" starts the next sentence
    "Prices rose in Kursk. The KURSK front held.\n"
    "Sanctions bit; the sanctioned firms, sanctioning bodies and the sanction’s reach grew. "
    "Erdoğan spoke. ERDOĞAN spoke again. Iran’s envoy and Iran's allies met Irans and Iranes. "
    "Oil   prices\tfell. Oil-prices and oilprices are not the phrase. "
    "Wars and warships. U.S. officials met U.S.-based groups. "
    "The end.\n"
)
TRAP_TEXT = "İstanbul talks. Istanbul again. The ıran file. Sanctıons? Kurſk held. Oil prices rose.\n"
HOSTILE_TOPICS = (
    ("Oil", ("oil prices",)), ("Kursk", ("Kursk",)), ("Sanctions", ("sanction*",)),
    ("Erdogan", ("Erdoğan",)), ("Iran", ("Iran",)), ("War", ("war",)), ("US", ("U.S.",)),
    ("Prices", ("prices",)), ("Istanbul", ("Istanbul", "istanbul talks")),
    ("Mixed", ("Iran", "war*", "oil prices", "Erdoğan")),
)


def _brute(corpus, topics):
    return {(a.path, name): [s.index for s in a.sentences if find_terms(terms, s.text)]
            for a in corpus.articles for name, terms in topics}


def test_coverage_counts_match_sentence_by_sentence_search(make_corpus):
    corpus = make_corpus({"a.txt": HOSTILE_TEXT, "trap.txt": TRAP_TEXT})
    cov = coverage_matrix(corpus, HOSTILE_TOPICS).set_index(["article", "topic"])["sentences"]
    expected = _brute(corpus, HOSTILE_TOPICS)
    assert {key: int(cov[key]) for key in expected} == {key: len(v) for key, v in expected.items()}
    # What a reader sees in the hostile text:
    assert cov[("a.txt", "Oil")] == 1  # "Oil   prices\tfell"; not across the headline, not hyphenated
    assert cov[("a.txt", "Kursk")] == 2
    assert cov[("a.txt", "Erdogan")] == 2  # non-ASCII term, any case
    assert cov[("trap.txt", "Istanbul")] == 2  # İstanbul matches case-insensitively
    assert cov[("trap.txt", "Kursk")] == 1  # the long s of Kurſk is an s to the regex


def test_topic_sentences_match_sentence_by_sentence_search(make_corpus):
    corpus = make_corpus({"a.txt": HOSTILE_TEXT, "trap.txt": TRAP_TEXT})
    expected = _brute(corpus, HOSTILE_TOPICS)
    for name, _ in HOSTILE_TOPICS:
        frame = topic_sentences(corpus, HOSTILE_TOPICS, name)
        got = {path: list(group["sentence_index"]) for path, group in frame.groupby("article")}
        assert got == {path: hits for (path, topic), hits in expected.items() if topic == name and hits}
