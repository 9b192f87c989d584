"""Keywords: YAKE settings reach the library, the clean-up rules, tables, and the sample seeds."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from analysis.keywords import cleanup
from analysis import keywords as kw
from analysis.engine.batch import Runner
from analysis.lexicon import find_terms, fold_case, holds_any_term, term_end_at
from analysis.keywords.phrase_index import PhraseIndex
from analysis.keywords import (
    DEFAULT_TOP,
    KeywordSettings,
    article_keywords,
    keyword_extractor,
    keyword_in_context,
    keyword_matrix,
    keyword_table,
)
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

SETTINGS = KeywordSettings()
SHARED_NAMES = {"trump", "putin", "ukraine", "russia", "russian", "donald trump", "vladimir putin",
                "president donald trump", "president vladimir putin"}
STOPS = frozenset(keyword_extractor(SETTINGS, "en").stopword_set)


def _words(table: pd.DataFrame, article: str) -> list[str]:
    return table.loc[table["article"] == article, "keyword"].tolist()


@pytest.fixture(scope="module")
def article_table(sample_corpus) -> pd.DataFrame:
    return keyword_table(sample_corpus, SETTINGS, runner=Runner(workers=1))


@pytest.fixture(scope="module")
def distinctive_table(sample_corpus) -> pd.DataFrame:
    return keyword_table(sample_corpus, SETTINGS, "distinctive", runner=Runner(workers=1))


# --- settings reach YAKE -------------------------------------------------------------------------

def test_settings_reach_the_extractor():
    settings = KeywordSettings(ngram_size=2, dedup_lim=0.55, dedup_func="jaro", window_size=2, candidates=33)
    extractor = keyword_extractor(settings, "en")
    # YAKE runs its linear, no-deduplication path; dedup_lim is applied by us (next test).
    assert extractor.config["dedup_lim"] == 1.0
    assert extractor.config["n"] == 2
    assert extractor.config["dedup_func"] == "jaro"
    assert extractor.config["window_size"] == 2
    assert extractor.config["top"] == 33
    assert keyword_extractor(settings, "en") is extractor  # built once per process


def test_dedup_limit_reaches_the_shown_list(sample_corpus):
    strict = KeywordSettings(dedup_lim=0.5)
    table = keyword_table(sample_corpus, strict, top=15, runner=Runner(workers=1))
    similar = keyword_extractor(strict, "en").dedup_function
    for _, rows in table.groupby("article"):
        words = [k.lower() for k in rows["keyword"]]
        for i, a in enumerate(words):
            assert all(similar(a, b) <= 0.5 for b in words[:i]), (a, words[:i])
    # YAKE's similarity only sees near-identical spellings; the limit decides those.
    items = [{"keyword": "ceasefire"}, {"keyword": "cease-fire"}, {"keyword": "Kremlin"}]
    strict_list = kw._deduplicate(items, strict, "en", top=3)
    loose_list = kw._deduplicate(items, KeywordSettings(dedup_lim=0.99), "en", top=3)
    assert [i["keyword"] for i in strict_list] == ["ceasefire", "Kremlin"]
    assert [i["keyword"] for i in loose_list] == ["ceasefire", "cease-fire", "Kremlin"]


def test_extractor_language_falls_back_to_english():
    assert keyword_extractor(SETTINGS, "de").config["lan"] == "de"
    assert keyword_extractor(SETTINGS, "und").config["lan"] == "en"
    assert keyword_extractor(SETTINGS, "ko").config["lan"] == "en"  # YAKE has no Korean list


def test_ngram_size_bounds_phrase_length(sample_corpus):
    settings = KeywordSettings(ngram_size=1)
    for article in sample_corpus.articles:
        assert all(len(k["keyword"].split()) == 1 for k in article_keywords(article, settings))


# --- clean-up rules, each on a small text ---------------------------------------------------------

def _article(make_corpus, text: str):
    return make_corpus({"a.txt": text}).articles[0]


TRUMP_TEXT = (
    "President Donald Trump met officials in Geneva on Monday. Donald Trump spoke about tariffs. "
    "Trump said tariffs would rise. Critics of Trump warned that tariffs hurt farmers. "
    "Trump held a rally in Ohio. Farmers in Ohio fear tariffs. Donald Trump defended the tariffs again.\n"
)


def test_one_entry_per_name(make_corpus):
    found = [k["keyword"] for k in article_keywords(_article(make_corpus, TRUMP_TEXT), SETTINGS)]
    assert sum(1 for k in found if re.search(r"\btrump\b", k, re.I)) == 1, found
    assert sum(1 for k in found if re.search(r"\btariffs?\b", k, re.I)) == 1, found


def test_near_duplicate_rules():
    def key(text: str) -> frozenset[str]:
        return cleanup._key_stems(text, STOPS)

    assert cleanup._near_duplicate(key("Trump"), key("President Donald Trump"))
    assert cleanup._near_duplicate(key("Donald Trump"), key("President Donald Trump"))
    assert cleanup._near_duplicate(key("tariff"), key("Tariffs"))  # case and plural
    assert cleanup._near_duplicate(key("Russia"), key("Russian"))  # a place and its people
    assert cleanup._near_duplicate(key("Russian President Vladimir"), key("President Vladimir Putin"))
    assert not cleanup._near_duplicate(key("Russian officials"), key("Ukrainian officials"))
    assert not cleanup._near_duplicate(key("Austria"), key("Australia"))


@pytest.mark.parametrize("phrase", [
    "Donald Trump held", "Trump held", "Vladimir Putin engaged", "Putin briefed Trump", "Trump publicly",
    "Ukraine launched", "targeting Russian military", "held a lengthy", "Putin praises talks",
    "Trump to impose", "exerted on Putin", "Trump and Putin",
])
def test_clause_fragments_are_recognised(phrase):
    assert cleanup._is_fragment(phrase.split(), STOPS)


@pytest.mark.parametrize("phrase", [
    "President Donald Trump", "Russian military airfields", "NATO meeting", "prisoner exchanges",
    "Pope Leo XIV", "International Criminal Court", "Bank of England", "ongoing conflict",
])
def test_noun_phrases_are_kept(phrase):
    assert not cleanup._is_fragment(phrase.split(), STOPS)


def test_no_keyword_ends_in_a_verb(make_corpus):
    text = (
        "Donald Trump held talks with Vladimir Putin. Donald Trump held firm. Vladimir Putin engaged "
        "critics. Vladimir Putin engaged again.\nThe summit in Helsinki ended early. Donald Trump held "
        "the line on trade.\n"
    )
    found = [k["keyword"] for k in article_keywords(_article(make_corpus, text), SETTINGS)]
    assert found
    for keyword in found:
        assert not cleanup._is_verb(keyword.split()[-1]), found


def test_no_number_or_punctuation_only_keywords(make_corpus):
    text = "In 2024 the 2024 budget rose 2024 percent.\n2024 2024 2024 -- 41 41.\nThe budget of 2024 rose.\n"
    found = [k["keyword"] for k in article_keywords(_article(make_corpus, text), SETTINGS)]
    assert found
    assert all(re.search(r"[^\W\d_]", k) for k in found), found


def test_no_keyword_starts_or_ends_with_a_stopword(sample_corpus):
    settings = KeywordSettings()
    for article in sample_corpus.articles:
        for item in article_keywords(article, settings):
            words = item["keyword"].lower().split()
            assert words[0] not in STOPS and words[-1] not in STOPS, item


def test_cut_names_are_dropped():
    sentences = ["President Vladimir Putin spoke.", "Later President Vladimir Putin left.", "Putin won."]
    assert cleanup._is_cut_name("President Vladimir", sentences)
    assert not cleanup._is_cut_name("Putin", sentences)
    assert cleanup._is_cut_name("Leo XIV", ["He met Pope Leo XIV today."])
    assert not cleanup._is_cut_name("Pope Leo XIV", ["He met Pope Leo XIV today."])
    # a name's "of" joins the capitalised words before it: "Secretary of State Hillary Clinton"
    sentences = ["Then Secretary of State Hillary Clinton spoke.", "He met the Secretary of State Hillary Clinton."]
    assert cleanup._is_cut_name("State Hillary Clinton", sentences)
    assert cleanup._is_cut_name("Colored People", ["The National Association for the Advancement of Colored People sued."])
    # "and" joins two names, and "of" after a name says where the person is from
    assert not cleanup._is_cut_name("Putin", ["He said Trump and Putin met."])
    assert not cleanup._is_cut_name("California", ["Sen. Dianne Feinstein of California voted no."])


def test_no_phrase_crosses_a_line_or_the_headline(make_corpus):
    text = "Harbour Plans Approved\nMarina Bay Council voted on Tuesday. Marina Bay residents cheered.\n"
    article = _article(make_corpus, text)
    found = article_keywords(article, KeywordSettings())
    assert found
    for item in found:
        assert any(kw.find_terms((item["keyword"],), s.text) for s in article.sentences), item


def test_title_case_headline_is_not_read_as_a_name():
    texts = ["Trump and Putin Discuss Ukraine Conflict", "Trump spoke to Putin about the conflict in Ukraine."]
    assert cleanup._detitle(texts)[0] == "Trump and Putin discuss Ukraine conflict"


def test_result_is_json_and_best_first(sample_corpus):
    result = article_keywords(sample_corpus.article(SEED_002), SETTINGS)
    assert json.loads(json.dumps(result)) == result
    assert all(type(k["yake_score"]) is float for k in result)
    scores = [k["yake_score"] for k in result]
    assert scores == sorted(scores) and len(result) > DEFAULT_TOP
    for item in result:  # the sentence indexes are the evidence
        assert item["sentences"] and all(
            kw.find_terms((item["keyword"],), sample_corpus.article(SEED_002).sentences[i].text)
            for i in item["sentences"])


def test_empty_and_tiny_articles(make_corpus):
    corpus = make_corpus({"tiny.txt": "Hi.", "short.txt": "Storm hits Lisbon.\n"})
    table = keyword_table(corpus, SETTINGS)
    assert list(table.columns) == ["article", "rank", "keyword", "score", "sentences", "yake_score"]
    assert set(table["article"]) <= {"tiny.txt", "short.txt"}
    assert keyword_table(corpus, SETTINGS, "distinctive").columns[-1] == "other_articles"
    empty = corpus.subset([])
    assert keyword_table(empty, SETTINGS).empty
    assert keyword_matrix(keyword_table(empty, SETTINGS)).empty


# --- tables --------------------------------------------------------------------------------------

def test_unknown_mode_is_rejected(sample_corpus):
    with pytest.raises(ValueError, match="mode"):
        keyword_table(sample_corpus, SETTINGS, "tfidf")


def test_article_table_shape(article_table, sample_corpus):
    assert list(article_table.columns) == ["article", "rank", "keyword", "score", "sentences", "yake_score"]
    for path, group in article_table.groupby("article"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        assert group["score"].is_monotonic_decreasing and group["score"].iloc[0] == 1.0
        assert (group["score"] > 0).all() and (group["sentences"] >= 1).all()
    assert set(article_table["article"]) == {a.path for a in sample_corpus.articles}


def test_sentences_column_counts_evidence(article_table, sample_corpus):
    row = article_table[(article_table["article"] == SEED_002) & (article_table["keyword"] == "Kursk")].iloc[0]
    kic = keyword_in_context(sample_corpus.subset([SEED_002]), "Kursk")
    assert row["sentences"] == len(kic) == 3


def test_no_near_duplicates_in_any_list(article_table, distinctive_table):
    for table in (article_table, distinctive_table):
        for _, group in table.groupby("article"):
            keys = [cleanup._key_stems(k, STOPS) for k in group["keyword"]]
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    assert not cleanup._near_duplicate(a, b), group["keyword"].tolist()


def test_matrix(article_table):
    matrix = keyword_matrix(article_table)
    assert list(matrix.columns) == list(dict.fromkeys(article_table["article"]))
    held = (matrix > 0).sum(axis=1).tolist()
    assert held == sorted(held, reverse=True)
    assert matrix.loc["Ukraine"].gt(0).sum() == 5  # every seed is about Ukraine
    assert matrix.loc["Kursk", SEED_002] > 0 and matrix.loc["Kursk", SEED_000] == 0.0
    assert len(matrix) == article_table["keyword"].nunique()


def test_keyword_in_context(sample_corpus):
    table = keyword_in_context(sample_corpus, "tariff")
    assert list(table.columns) == ["article", "sentence_index", "sentence", "spans"]
    assert set(table["article"]) == {SEED_004} and len(table) == 2
    for _, row in table.iterrows():
        assert [row["sentence"][s:e].lower() for s, e in row["spans"]] == ["tariffs"]
        assert sample_corpus.article(SEED_004).sentences[row["sentence_index"]].text == row["sentence"]
    # Possessives count, whole words only.
    trump = keyword_in_context(sample_corpus, "Trump")
    assert any("Trump’s" in r.sentence for r in trump.itertuples())
    assert keyword_in_context(sample_corpus, "Trum").empty
    assert keyword_in_context(sample_corpus, "  ").empty


# --- golden: what an analyst reading the seeds expects ---------------------------------------------

@pytest.mark.parametrize("seed, expected", [
    (SEED_000, {"Iran", "Truth Social"}),
    (SEED_001, {"Truth Social", "International Criminal Court"}),
    (SEED_002, {"Kursk", "White House"}),
    (SEED_003, {"Middle East", "Israel"}),
    (SEED_004, {"China"}),
])
def test_golden_article_keywords(article_table, seed, expected):
    assert expected <= set(_words(article_table, seed))


def test_golden_no_fragments_in_article_lists(article_table):
    found = set(article_table["keyword"])
    for bad in ("Donald Trump held", "Prospects ICARO Media", "President Vladimir", "Russian President Vladimir",
                "Putin discuss Ukraine", "Vladimir Putin engaged", "Wednesday"):
        assert bad not in found
    for keyword in found:
        assert not cleanup._is_verb(keyword.split()[-1]), keyword


def test_golden_distinctive(distinctive_table):
    seed_004 = {k.lower() for k in _words(distinctive_table, SEED_004)}
    assert {"china", "tariffs"} <= seed_004 and {"nato", "brussels"} & seed_004
    assert "pope leo xiv" in {k.lower() for k in _words(distinctive_table, SEED_001)}
    assert "kursk" in {k.lower() for k in _words(distinctive_table, SEED_002)}
    assert "israel" in {k.lower() for k in _words(distinctive_table, SEED_003)}
    assert not SHARED_NAMES & {k.lower() for k in distinctive_table["keyword"]}
    assert (distinctive_table["score"] > 0).all()


def test_distinctive_other_articles_is_what_keyword_in_context_shows(distinctive_table, sample_corpus):
    for row in distinctive_table.itertuples():
        others = keyword_in_context(sample_corpus, row.keyword)
        assert others.loc[others["article"] != row.article, "article"].nunique() == row.other_articles


def test_other_articles_counts_the_phrase_as_written_not_its_stems(make_corpus):
    # "house market" shares the stems of "housing market" but is not that phrase:
    # it makes the phrase less rare, yet the count is of the sentences shown.
    corpus = make_corpus({
        "a.txt": "The housing market cooled in March. Housing market data came from the bank. Lenders were calm.\n",
        "b.txt": "The house market slowed. Buyers waited for spring.\n",
        "c.txt": "Farmers planted wheat early. The weather helped.\n",
    })
    table = keyword_table(corpus, SETTINGS, "distinctive", top=50)
    row = table[(table["article"] == "a.txt") & (table["keyword"] == "housing market")]
    assert row["other_articles"].tolist() == [0]
    assert keyword_in_context(corpus, "housing market")["article"].unique().tolist() == ["a.txt"]


@pytest.mark.parametrize("mode", kw.MODES)
def test_rows_asked_for_some_articles_are_their_rows_of_the_whole_table(sample_corpus, mode):
    # Distinctive rarity is counted over the whole corpus either way.
    whole = keyword_table(sample_corpus, SETTINGS, mode, runner=Runner(workers=1))
    some = keyword_table(sample_corpus, SETTINGS, mode, runner=Runner(workers=1), articles=[SEED_004, SEED_002])
    expected = whole[whole["article"].isin([SEED_002, SEED_004])].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, expected)
    assert keyword_table(sample_corpus, SETTINGS, mode, articles=[]).empty


def test_distinctive_degrades_to_article_on_one_article(sample_corpus):
    one = sample_corpus.subset([SEED_004])
    distinctive = keyword_table(one, SETTINGS, "distinctive")
    assert len(distinctive) == DEFAULT_TOP
    assert (distinctive["other_articles"] == 0).all()
    assert "Trump" in " ".join(distinctive["keyword"])  # nothing to contrast: shared names stay


@pytest.mark.parametrize("term", ["bus", "housing market", "Iran", "U.S. sanctions", "peace talks"])
def test_term_end_at_finds_what_find_terms_finds(term):
    # The substring path used for other_articles must agree with the one matcher.
    texts = ["Buses ran. The bus's route; a busy bus-stop.", "Housing  market\nnews: housing markets' woes.",
             "Iran’s envoy and Iranian officials met IRAN.", "New U.S. sanctions, U.S.  Sanctions again.",
             "Peace talks; peacetalks; peace talksmith; PEACE TALKS."]
    words = fold_case(term).split()
    for text in texts:
        lowered = fold_case(text)
        fast = set()
        at = lowered.find(words[0])
        while at != -1:
            end = term_end_at(words, text, lowered, at)
            if end is not None:
                fast.add((at, end))
            at = lowered.find(words[0], at + 1)
        assert fast == set(find_terms((term,), text)), text


@pytest.mark.parametrize("terms", [("bus",), ("Kilic talks", "Kılıç"), ("U.S.", "United States"), ("sanction*",),
                                   ("İstanbul",), ("straße", "ΟΔΟΣ"), ("Mass protests",), ("lens", "Media bias")])
def test_holds_any_term_answers_as_find_terms_does(terms):
    # The substring path the treatment features read titles with must agree with the one matcher.
    texts = ["Buses ran; a busy bus-stop", "KILIC TALKS END", "Kılıç's talks", "kilic\ntalks", "US envoy",
             "New U.S. sanctions", "Sanctioned firms", "ISTANBUL TALKS", "İstanbul talks", "Die Strasse",
             "die STRASSE", "Οδος Αθηνας", "Maſs protests", "Media biases and lenses", "", "No one here"]
    for text in texts:
        assert holds_any_term(terms, text) == bool(find_terms(terms, text)), (terms, text)


def test_other_articles_agrees_with_keyword_in_context_on_awkward_text(make_corpus):
    # Sentence edges, a term across a sentence break, letters lowercasing
    # gets wrong (İ, ß, ı, final ς), "U.S." written either way.
    corpus = make_corpus({
        "a.txt": "The Kilic talks began. Mass protests followed. Talks in İstanbul went on.\n",
        "b.txt": "Kılıç talks resumed in Ankara. Nothing else. Die Straße blieb ruhig.\n",
        "c.txt": "Maſs protests grew. The Kilic\ntalks stalled. ΟΔΟΣ ΑΘΗΝΑΣ.\n",
        "d.txt": "Kilic. Talks were brief. Protests? Mass protests. New U.S. sanctions came. die straße\n",
        "e.txt": "The U.S. sanctions bit. İstanbul talks. Οδος Αθηνας. Media biases and lenses.\n",
        "f.txt": "No media bias here, nor a lens.\n",
    })
    index = PhraseIndex(corpus)
    for term in ("kilic talks", "Kılıç talks", "talks", "protests grew", "U.S. sanctions", "İstanbul talks",
                 "straße", "Die Straße", "οδος αθηνας", "ΟΔΟΣ", "media bias", "bias", "lens"):
        listed = keyword_in_context(corpus, term)["article"].unique().tolist()
        assert index.others(term, own=-1) == len(listed), term
    # What the count leaves out, as documented: articles whose words differ
    # from the keyword's only by a letter lowercasing does not fold ("Maſs").
    assert keyword_in_context(corpus, "mass protests")["article"].nunique() == 3
    assert index.others("mass protests", own=-1) == 2


def test_the_phrase_index_is_built_once_per_corpus_and_only_the_last_few_are_kept(sample_corpus):
    first = PhraseIndex.of(sample_corpus)
    assert PhraseIndex.of(sample_corpus) is first
    subsets = [sample_corpus.subset([a.path for a in sample_corpus.articles[: n + 1]]) for n in range(PhraseIndex.KEPT)]
    assert len({id(PhraseIndex.of(subset)) for subset in subsets}) == PhraseIndex.KEPT
    assert PhraseIndex.of(sample_corpus) is not first  # pushed out by the subsets
    with pytest.raises(TypeError):
        keyword_table(sample_corpus, SETTINGS, "distinctive", articles=SEED_000)


def test_a_closing_quotation_mark_is_no_part_of_a_keyword():
    text = ("The festival's theme, ‘The Medium is the Message’, comes from Marshall McLuhan. Artists explore the "
            "Message’ idea. The Medium is the Message’ again, says the curator.\n\nThe doctors’ union agreed.\n")
    from analysis.corpus import article_from_bytes

    found = [k["keyword"] for k in kw.article_keywords(article_from_bytes("a.txt", text.encode()), kw.KeywordSettings())]
    assert "Message" in found and "Message’" not in found
    # after an s the mark is a plural's possessive, and stays
    assert cleanup._CLOSING_MARK.sub("", "doctors’") == "doctors’"
