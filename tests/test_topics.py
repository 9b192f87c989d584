"""Topics: the lexicon file, matching rules seen through coverage, suggestions, golden checks."""

from __future__ import annotations

import pytest

from analysis.corpus import Corpus
from analysis.lexicon import LexiconError
from analysis.topics import (
    coverage_matrix,
    dump_topics,
    group_phrases,
    parse_topics,
    single_article_topics,
    suggest_topics,
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


class _CannedRunner:
    """Stands in for Runner: returns fixed keyword lists instead of running YAKE."""

    def __init__(self, pools):
        self.pools = pools

    def map(self, func, articles, settings):
        assert func.__name__ == "article_keywords"
        return [self.pools[a.path] for a in articles]


def test_suggest_topics_groups_by_head_word_and_needs_two_articles(make_corpus):
    corpus = make_corpus({
        "a.txt": "Talks on a full ceasefire failed. The ceasefire talks resume. Kursk was quiet. "
                 "Oil prices rose. Leaders met.\n",
        "b.txt": "A ceasefire was rejected. Leaders spoke about a full ceasefire. Wheat exports fell. "
                 "Oil prices fell. Markets wobbled.\n",
        "c.txt": "Leaders met in Geneva. Weather was mild. Leaders spoke again. Leaders left.\n",
    })
    kw = lambda *words: [{"keyword": w, "yake_score": 0.1} for w in words]  # noqa: E731
    runner = _CannedRunner({
        "a.txt": kw("full ceasefire", "ceasefire", "Kursk", "oil prices", "leaders"),
        "b.txt": kw("ceasefire", "wheat exports", "oil prices", "leaders"),
        "c.txt": kw("Geneva", "leaders"),
    })
    assert suggest_topics(Corpus(root="", articles=()), runner=runner) == ()
    topics = dict(suggest_topics(corpus, runner=runner))
    # "full ceasefire" and "ceasefire" share their head word; "ceasefire" is the commoner form.
    assert topics["ceasefire"] == ("ceasefire", "full ceasefire")
    assert topics["oil prices"] == ("oil prices",)
    # Kursk, Geneva and wheat exports appear in one article only.
    assert not {"Kursk", "Geneva", "wheat exports"} & set(topics)
    # "leaders" is in every article and in about half their sentences: it would swamp.
    assert "leaders" not in topics


def test_a_name_is_not_grouped_with_a_word_that_stems_like_it():
    # "Tim" and "time" both stem to "tim"; "Economy" opening a sentence is still "economies".
    groups = group_phrases({"time": "time", "long time": "long time", "tim": "Tim",
                            "economy": "Economy", "economies": "economies"})
    assert sorted(groups.values()) == [["economy", "economies"], ["tim"], ["time", "long time"]]
    # Names alone in a stem group stay together.
    assert list(group_phrases({"iran": "Iran", "iran's": "Iran's"}).values()) == [["iran", "iran's"]]


def test_suggest_topics_respects_max_topics(make_corpus):
    corpus = make_corpus({"a.txt": "Iran and Israel talk. Oil rose.\n",
                          "b.txt": "Iran and Israel argue. Oil fell.\n",
                          "c.txt": "Nothing here. A quiet day.\n"})
    runner = _CannedRunner({"a.txt": [{"keyword": "Iran", "yake_score": 0.1},
                                      {"keyword": "Israel", "yake_score": 0.2},
                                      {"keyword": "oil", "yake_score": 0.3}],
                            "b.txt": [], "c.txt": []})
    assert len(suggest_topics(corpus, max_topics=2, runner=runner)) == 2


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


def test_golden_suggested_topics_skip_the_protagonists(sample_corpus):
    from analysis.batch import Runner

    topics = dict(suggest_topics(sample_corpus, runner=Runner(workers=1)))
    assert 1 <= len(topics) <= 12
    assert "Iran" in topics  # recurs in 000, 001, 003
    # Trump and Putin are in a third of every article's sentences: left out.
    assert not {"Trump", "Putin"} & set(topics)
    cov = coverage_matrix(sample_corpus, tuple(topics.items()))
    assert (cov.groupby("topic")["sentences"].apply(lambda s: (s > 0).sum()) >= 2).all()


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


# --- suggestions on a corpus large enough to take the shortlist path ----------------------

_SUBJECTS = ["Kursk", "Sumy", "Geneva", "Ankara", "Brussels", "Tehran", "Beijing", "Warsaw", "Vienna",
             "Oslo", "Lisbon", "Dublin"]
_THINGS = ["tariffs", "grain exports", "gas pipeline", "drone strikes", "oil prices", "peace plan",
           "prisoner swap", "aid package", "troop numbers", "border talks", "energy deal", "arms sales",
           "food supplies"]


def _synthetic_articles(count=150, seed=11):
    """Articles on overlapping subjects: each names some places and things, some often."""
    import random

    rng = random.Random(seed)
    files, keywords = {}, {}
    for k in range(count):
        subjects = rng.sample(_SUBJECTS, rng.randint(1, 3))
        things = rng.sample(_THINGS, rng.randint(1, 3))
        sentences = ["Officials met again today."]
        for name in subjects + things:
            for _ in range(rng.randint(1, 4)):
                sentences.append(f"Reports on {name} came in after a long day of meetings.")
        sentences.append(f"Observer{k} wrote a column.")
        rng.shuffle(sentences)
        path = f"{k:03d}.txt"
        files[path] = f"Story {k}\n\n" + " ".join(sentences) + "\n"
        keywords[path] = subjects + things + ["meetings"] + ([f"Observer{k}"] if k % 10 == 0 else [])
    return files, keywords


def _reference_suggestions(corpus, pools, max_topics):
    """The suggestion rule matched exactly for every phrase in every article (the slow way)."""
    from analysis.topics import SWAMP_SHARE, _suggestion_score, group_phrases

    def hits(article, terms):
        return [s.index for s in article.sentences if find_terms(terms, s.text)]

    articles = corpus.articles
    phrases = {}
    for path in (a.path for a in articles):
        for item in pools[path][:30]:
            phrases.setdefault(item["keyword"].lower(), item["keyword"])
    counts = {p: [len(hits(a, (p,))) for a in articles] for p in phrases.values()}
    counts = {p: c for p, c in counts.items() if sum(1 for x in c if x) >= 2}
    groups = {head: [phrases[k] for k in keys if phrases[k] in counts]
              for head, keys in group_phrases(phrases).items()}
    ranked = []
    for members in filter(None, groups.values()):
        terms = tuple(sorted(members, key=lambda p: (-sum(counts[p]), len(p), p)))
        per_article = [len(hits(a, terms)) for a in articles]
        shares = [n / len(a.sentences) for n, a in zip(per_article, articles)]
        if all(per_article) and sum(shares) / len(shares) > SWAMP_SHARE:
            continue
        ranked.append((-_suggestion_score(per_article, terms[0]), terms[0].lower(), terms))
    ranked.sort()
    return tuple((terms[0], terms) for _, _, terms in ranked[:max_topics])


def test_suggestions_on_150_articles_equal_the_exact_rule(make_corpus):
    files, keywords = _synthetic_articles()
    corpus = make_corpus(files)
    assert len(corpus.articles) == 150
    pools = {}
    for article in corpus.articles:
        pools[article.path] = [
            {"keyword": k, "yake_score": 0.1,
             "sentences": [s.index for s in article.sentences if find_terms((k,), s.text)]}
            for k in keywords[article.path]
        ]
    runner = _CannedRunner(pools)
    for max_topics in (3, 8):  # 3: only 13 of the 26 groups that recur are matched exactly
        suggested = suggest_topics(corpus, max_topics=max_topics, runner=runner)
        assert suggested == _reference_suggestions(corpus, pools, max_topics)
    topics = dict(suggest_topics(corpus, max_topics=8, runner=runner))
    assert "meetings" not in topics  # in every article and in most sentences: swamps
    assert not any(name.startswith("Observer") for name in topics)  # one article each
