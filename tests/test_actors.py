"""Actors: typed names found like an NER, variants merged, forms, quotes, treatment, and the table that wins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import SAMPLE_DIR, SEED_000, SEED_001, SEED_003, SEED_004

from analysis import actors, lexicon
from analysis.actors import (
    actor_evidence, actor_layer, actor_terms, discover_actors, dump_actors, lexicon_rows, mention_table,
    names_table, parse_actors, quote_table, sentence_sentiment, treatment, voices_table,
)
from analysis.actors.lexicon_match import lexicon_mentions
from analysis.actors.sentiment import VADER_LABEL_BAND
from analysis.lexicon import LexiconError, find_terms, lexicon_from_rows

# --- typed names on hand-written sentences -------------------------------------------------------

NEWS = {
    "launch.txt": (
        "SEOUL, South Korea (AP) — North Korean leader Kim Jong Un watched the launch of a missile that flew "
        "over the Sea of Japan, state media said. Mr. Kim’s sister, Kim Yo Jong, praised the test. "
        "Kim Jong-un later met Russia’s Vladimir Putin in Vladivostok. The United Nations Security Council met "
        "on Friday. Kim's statement was read on KCNA.\n"
    ),
    "chips.txt": (
        "Chip deal grows\n\nChief Executive Officer Hock Tan said Broadcom would raise its offer. Qualcomm "
        "rejected it. Tan told analysts the deal made sense. Meanwhile, Apple stayed out of it.\n"
    ),
}


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    from analysis.corpus import load_corpus

    folder = tmp_path_factory.mktemp("news")
    for name, text in NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, actor_layer(corpus)


def test_people_and_organisations_are_typed_and_places_left_out(news):
    _, layer = news
    assert layer.types["Kim Jong Un"] == actors.PERSON
    assert layer.types["Vladimir Putin"] == actors.PERSON
    assert layer.types["Hock Tan"] == actors.PERSON
    assert layer.types["Broadcom"] == actors.ORGANISATION
    assert layer.types["United Nations Security Council"] == actors.ORGANISATION
    names = set(layer.types)
    assert not names & {"Seoul", "South Korea", "North Korea", "Sea of Japan", "Vladivostok", "Russia", "Japan"}
    # the dateline's agency, and sentence openers, are no actors
    assert not names & {"AP", "Meanwhile", "Chief Executive Officer Hock Tan"}


@pytest.mark.parametrize("label", ["R-Texas", "D-N.Y.", "I-Vt.", "R-South Carolina"])
def test_party_and_state_labels_are_no_actors(label):
    from analysis.actors.mentions import _is_name

    assert not _is_name(label)
    assert _is_name("Kay Bailey Hutchison")


def test_a_politicians_label_never_speaks(make_corpus):
    corpus = make_corpus({"a.txt": "Sen. Kay Bailey Hutchison (R-Texas) said the plan was \"a huge shift\" in policy. "
                                   "Rep. Eric Cantor (R-Va.) agreed.\n"})
    layer = actor_layer(corpus)
    assert not {name for name in layer.types if name.startswith(("R-", "D-"))}


def test_variants_of_one_name_merge(news):
    _, layer = news
    kim = layer.mentions[layer.mentions["actor"] == "Kim Jong Un"]
    assert set(kim["text"]) >= {"Kim Jong Un", "Kim Jong-un", "Kim"}
    # his sister keeps her own name, though she shares the family name
    assert "Kim Yo Jong" in layer.types
    tan = layer.mentions[layer.mentions["actor"] == "Hock Tan"]
    assert set(tan["text"]) == {"Hock Tan", "Tan"}


def test_titles_are_forms_not_names(news):
    _, layer = news
    forms = set(layer.mentions.loc[layer.mentions["actor"] == "Hock Tan", "form"])
    assert "Chief Executive Officer Hock Tan" in forms
    kim_forms = set(layer.mentions.loc[layer.mentions["actor"] == "Kim Jong Un", "form"])
    assert "North Korean leader Kim Jong Un" in kim_forms


def test_mention_table_points_at_the_words(news):
    corpus, layer = news
    table = mention_table(layer)
    assert list(table.columns[:7]) == ["article", "sentence_index", "start", "end", "text", "actor", "type"]
    for row in table.itertuples():
        assert corpus.article(row.article).sentences[row.sentence_index].text[row.start:row.end] == row.text


def test_spellings_merge_across_articles(make_corpus):
    corpus = make_corpus({
        "a.txt": "Volodymyr Zelensky met the press in Kyiv. Zelensky said the talks failed.\n",
        "b.txt": "Volodymyr Zelenskyy thanked Congress for its support. Zelenskyy said more aid was needed.\n",
        "c.txt": "Ukraine's president, Zelenskiy, spoke again on Monday night.\n",
    })
    layer = actor_layer(corpus)
    zelensky = [name for name in layer.types if name.startswith("Volodymyr")]
    assert len(zelensky) == 1
    held = set(layer.mentions.loc[layer.mentions["actor"] == zelensky[0], "article"])
    assert held == {"a.txt", "b.txt", "c.txt"}


def test_a_familiar_given_name_joins_the_full_one_across_articles(make_corpus):
    corpus = make_corpus({
        "a.txt": "Economics professor David Brat defeated the majority leader on Tuesday. Brat ran on immigration.\n",
        "b.txt": "Dave Brat thanked his volunteers in Richmond. Dave Brat said the voters had spoken.\n",
        "c.txt": "Challenger Dave Brat spent far less than his rival, records show.\n",
    })
    layer = actor_layer(corpus)
    brat = [name for name in layer.types if name.endswith("Brat")]
    assert brat == ["Dave Brat"]  # the form the articles use most
    assert set(layer.mentions.loc[layer.mentions["actor"] == "Dave Brat", "article"]) == {"a.txt", "b.txt", "c.txt"}


def test_a_familiar_name_two_full_names_could_own_stays_apart(make_corpus):
    corpus = make_corpus({
        "a.txt": "Albert Smith opened the new library on Monday. Albert Smith thanked the council.\n",
        "b.txt": "Alfred Smith, the mayor's rival, criticised the cost. Alfred Smith wants an audit.\n",
        "c.txt": "The board heard from Al Smith on Monday about the next meeting.\n",
        "d.txt": "Steve Jones scored twice for the Dragons. Stephen Jones kicked the winning penalty for Wales. "
                 "Ryan Jones captained the side.\n",
    })
    layer = actor_layer(corpus)
    assert {"Albert Smith", "Alfred Smith", "Al Smith"} <= set(layer.types)
    # A surname several people share: Steve might be Stephen or someone else, so nothing merges.
    assert {"Steve Jones", "Stephen Jones"} <= set(layer.types)


def test_a_lone_surname_finds_a_full_name_the_model_typed_as_an_organisation():
    from analysis.actors.article_keys import local_keys as _local_keys
    from analysis.actors.records import ORGANISATION, PERSON

    # Seen on BASIL: "Representative Nancy Pelosi" came out an organisation, "Ms. Pelosi" a person.
    keys = _local_keys([(ORGANISATION, "Representative Nancy Pelosi"), (PERSON, "Pelosi"),
                        (ORGANISATION, "Tea Party"), (ORGANISATION, "Party")])
    assert keys[0] == keys[1] == "nancy pelosi"
    assert keys[3] == "tea party"  # a lone institution word takes the organisation named with it, not a person


def test_a_fragment_joins_the_full_name_its_article_gives_or_goes(make_corpus):
    from analysis.actors.fragments import is_fragment

    assert is_fragment("Council") and is_fragment("Ministry")
    assert not (is_fragment("Congress") or is_fragment("Treasury") or is_fragment("NATO"))  # names by themselves
    corpus = make_corpus({
        "un.txt": "The United Nations Security Council met in New York on Monday to discuss the ceasefire. "
                  "Diplomats said the Council would vote on a new resolution by Friday. "
                  "The Council has met four times this month.\n",
        "trade.txt": "Exports of steel rose by a fifth in March, officials said. "
                     "The Ministry said on Tuesday that it expected growth to slow later in the year.\n",
    })
    layer = actor_layer(corpus)
    council = layer.mentions[layer.mentions["text"] == "Council"]
    assert len(council) >= 1 and set(council["actor"]) == {"United Nations Security Council"}
    assert "Council" not in layer.types
    assert "Ministry" not in layer.types and not (layer.mentions["text"] == "Ministry").any()


def test_acronyms_of_things_are_not_actors(make_corpus):
    from analysis.actors.things import is_thing

    assert is_thing("ICBM") and is_thing("ICBMs")
    assert not (is_thing("NATO") or is_thing("FBI") or is_thing("ICC") or is_thing("PBS"))
    # formats and technologies WordNet misses, as written
    assert all(is_thing(name) for name in ("DVD", "DVDs", "HDTV", "3G", "Wi-Fi", "MP3s", "URL", "PDFs"))
    assert not (is_thing("Hd") or is_thing("Tv Azteca"))
    corpus = make_corpus({"launch.txt": (
        "North Korea fired an intercontinental ballistic missile on Tuesday, the Joint Chiefs of Staff said. "
        "The ICBM flew for 70 minutes before it fell into the sea, officials in Seoul said. "
        "NATO condemned the launch, which raised tensions in the region. "
        "Analysts said the region had not been so tense in years, and that the ICBM was new.\n")})
    layer = actor_layer(corpus)
    assert "NATO" in layer.types and "ICBM" not in layer.types


@pytest.mark.parametrize("name, place", [
    ("Philippine Sea", True), ("Cape Fiolent", True), ("Strait of Hormuz", True), ("Gulf of Aden", True),
    ("Mount Everest", True), ("Kerch Strait", True), ("Crimean Peninsula", True),
    ("Mount Sinai Hospital", False), ("Gulf Air", False), ("Sea Shepherd", False), ("Tampa Bay", False),
    ("Disney Channel", False), ("Cape", False), ("Security Council", False)])
def test_places_of_nature_are_known_by_their_head_noun(name, place):
    from analysis.actors.things import is_natural_place

    assert is_natural_place(name) == place


def test_a_person_keeps_a_head_noun_as_surname():
    from analysis.actors.things import is_natural_place

    assert not is_natural_place("Mike Lake", person=True) and not is_natural_place("Dennis Hills", person=True)
    assert is_natural_place("Cape Bojeador", person=True) and is_natural_place("Mike Lake")


def test_a_name_written_before_a_weapon_is_the_weapon():
    from analysis.actors.things import weapon_names

    text = ("Russia fired an Oreshnik intermediate-range ballistic missile at Dnipro. Putin said the Oreshnik could "
            "not be stopped. The destroyer launched Tomahawk cruise missiles. Houthi drones hit a tanker, and the "
            "Houthi leaders said it would go on; Israel struck Houthi ports, as Houthi officials feared.")
    assert weapon_names(text, ["Oreshnik", "Tomahawk", "Houthi", "Putin", "Russia"]) == {"Oreshnik", "Tomahawk"}
    # an organisation WordNet knows by name owns the weapons, whatever the share
    assert weapon_names("IRA bombs hit Birmingham. An IRA bomb went off.", ["IRA"]) == set()


def test_an_acronym_spelt_out_as_a_made_thing_is_a_thing():
    from analysis.actors.things import defined_things

    text = ("Kyiv asked for army tactical missile systems (ATACMS) and unmanned aerial vehicles (UAVs); officials "
            "found improvised explosive devices (IEDs). The Federal Reserve System (FRS) and non-governmental "
            "organisations (NGOs) spoke, as did the Organization for Security and Co-operation in Europe (OSCE).")
    assert defined_things(text) == {"ATACMS", "UAV", "IED"}


def test_capes_seas_and_weapons_are_not_actors(make_corpus):
    corpus = make_corpus({"navy.txt": (
        "The USS Carney fired a Tomahawk cruise missile from the Gulf of Aden on Tuesday, the Pentagon said. "
        "Russia launched an Oreshnik ballistic missile at Dnipro, Ukraine's air force said on Thursday. "
        "Putin said the Oreshnik could not be stopped by any air defence. "
        "A Chinese carrier group sailed past Cape Bojeador before reaching the Philippine Sea. "
        "NATO said Storm Shadow missiles had hit a base near Cape Fiolent in Crimea. "
        "Kyiv wants more army tactical missile systems (ATACMS), and ATACMS strikes worry the Kremlin.\n")})
    types = actor_layer(corpus).types
    assert {"Pentagon", "NATO", "Putin"} <= set(types)
    assert not {"Tomahawk", "Oreshnik", "Storm Shadow", "Cape Bojeador", "Philippine Sea", "Cape Fiolent",
                "Gulf of Aden", "ATACMS"} & set(types)


def test_un_forms_of_a_council_are_one_actor(make_corpus):
    corpus = make_corpus({
        "a.txt": "The United Nations Security Council met in New York on Monday to discuss the ceasefire. "
                 "Diplomats said the United Nations Security Council would vote on Friday.\n",
        "b.txt": "The U.N. Security Council will vote on a ceasefire resolution, diplomats said on Tuesday.\n",
        "c.txt": "The UN Security Council delayed its vote on the ceasefire until next week.\n",
    })
    layer = actor_layer(corpus)
    councils = [name for name in layer.types if "Security Council" in name]
    assert councils == ["United Nations Security Council"]
    forms = set(layer.mentions.loc[layer.mentions["actor"] == councils[0], "text"])
    assert {"U.N. Security Council", "UN Security Council"} <= forms


def test_acronym_joins_the_organisation_it_abbreviates(sample_corpus):
    layer = actor_layer(sample_corpus)
    court = layer.mentions[layer.mentions["actor"] == "International Criminal Court"]
    assert "ICC" in set(court["text"])
    assert "ICC" not in layer.types


def test_an_acronym_elsewhere_is_not_a_persons_initials(make_corpus):
    corpus = make_corpus({
        "a.txt": "Billionaire investor Leon Cooperman said markets were calm.\n\nCooperman added that he was buying.\n",
        "b.txt": "LC Holdings cut jobs on Monday.\n\nLC said its sales fell.\n\nLC will report in May.\n"})
    mentions = actor_layer(corpus).mentions
    assert set(mentions.loc[mentions["article"] == "b.txt", "actor"]).isdisjoint({"Leon Cooperman"})


def test_an_acronym_is_no_first_name_that_spells_like_it(make_corpus):
    corpus = make_corpus({
        "a.txt": "Mitt Romney said the plan would fail.\n\nRomney added that he would vote no.\n",
        "b.txt": "Researchers at MIT built a robot.\n\nMIT said the robot walks.\n"})
    mentions = actor_layer(corpus).mentions
    assert "Mitt Romney" not in set(mentions.loc[mentions["article"] == "b.txt", "actor"])


# --- how each article names each actor -------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_layer(sample_corpus):
    return actor_layer(sample_corpus, parse_actors(sample_corpus.actors_toml))


def _forms(layer, article: str, actor: str) -> set[str]:
    names = names_table(layer)
    return set(names[(names["article"] == article) & (names["actor"] == actor)]["form"])


def test_naming_forms_on_the_samples(sample_layer):
    assert "former U.S. President Donald Trump" in _forms(sample_layer, SEED_000, "Donald Trump")
    assert "former U.S. President Donald Trump" in _forms(sample_layer, SEED_001, "Donald Trump")
    assert "U.S. President Donald Trump" in _forms(sample_layer, SEED_004, "Donald Trump")
    assert "former U.S. President Donald Trump" not in _forms(sample_layer, SEED_004, "Donald Trump")
    assert "the Russian leader" in _forms(sample_layer, SEED_001, "Vladimir Putin")
    assert "Russian President Vladimir Putin" in _forms(sample_layer, SEED_001, "Vladimir Putin")
    assert "Turkish President Recep Tayyip Erdoğan" in _forms(sample_layer, SEED_004, "Recep Tayyip Erdoğan")


def test_names_table_counts_and_sentences(sample_layer, sample_corpus):
    names = names_table(sample_layer)
    leader = names[(names["article"] == SEED_001) & (names["form"] == "the Russian leader")].iloc[0]
    assert leader["count"] == len(leader["sentences"]) == 3
    for index in leader["sentences"]:
        assert "Russian leader" in sample_corpus.article(SEED_001).sentences[index].text


def test_apposition_is_part_of_the_form(make_corpus):
    corpus = make_corpus({"a.txt": "Yuri Ushakov, Putin's close aide, described the talks as useful. "
                                   "The Kremlin spokesman, Dmitry Peskov, declined to comment.\n"})
    layer = actor_layer(corpus)
    assert "Yuri Ushakov, Putin's close aide" in set(layer.mentions["form"])
    assert "The Kremlin spokesman, Dmitry Peskov" in set(layer.mentions["form"])


# --- who is quoted -----------------------------------------------------------------------------------

def test_quotes_and_speakers_on_the_samples(sample_layer):
    quotes = quote_table(sample_layer)
    said = {(r.article, r.quote.strip(" ,.")): r.speaker for r in quotes.itertuples()}
    assert said[(SEED_000, "would not yield an immediate end to the war")] == "Donald Trump"
    assert said[(SEED_000, "will have to respond")] == "Vladimir Putin"
    assert said[(SEED_003, "useful")] == "Yuri Ushakov"
    assert said[(SEED_003, "lengthy and highly productive")] == "Donald Trump"
    assert said[(SEED_004, "terrorist acts")] == "Vladimir Putin"


def test_voices_share_sums_to_one_per_article(sample_layer):
    voices = voices_table(sample_layer)
    assert list(voices.columns) == ["article", "speaker", "type", "quotations", "words", "share"]
    for _, group in voices.groupby("article"):
        assert group["share"].sum() == pytest.approx(1.0)
    trump = voices[(voices["article"] == SEED_000) & (voices["speaker"] == "Donald Trump")].iloc[0]
    assert trump["quotations"] == 2 and trump["type"] == actors.PERSON


def test_pronoun_speaker_resolves_to_the_named_one(make_corpus):
    corpus = make_corpus({"a.txt": "Maria Lopez spoke to reporters on Monday. \"We will win this,\" she said.\n"})
    quotes = quote_table(actor_layer(corpus))
    assert quotes["speaker"].tolist() == ["Maria Lopez"]


# --- treatment -----------------------------------------------------------------------------------

def test_praised_versus_condemned(make_corpus):
    corpus = make_corpus({
        "praise.txt": "Maria Lopez won praise for her brilliant, generous leadership. Voters adore Lopez and "
                      "celebrate her wonderful success. Lopez was honoured as a hero.\n",
        "condemn.txt": "Maria Lopez was condemned for her disastrous, corrupt leadership. Critics slammed Lopez "
                       "for the shameful scandal. Lopez faces terrible accusations of fraud and abuse.\n",
    })
    layer = actor_layer(corpus, (("Maria Lopez", ()),))
    table = treatment(layer, corpus).set_index("article")
    assert table.loc["praise.txt", "label"] == "positive"
    assert table.loc["condemn.txt", "label"] == "negative"
    assert table.loc["condemn.txt", "negative"] >= 2 > table.loc["condemn.txt", "positive"]
    assert table.loc["praise.txt", "mentions"] == 3


def test_what_an_actor_says_is_not_how_the_article_treats_them(make_corpus):
    corpus = make_corpus({"a.txt": "Maria Lopez spoke on Monday. \"This is a disaster and a disgrace,\" Lopez said. "
                                   "\"Lopez is a liar and a fraud,\" said Tom Hale.\n"})
    layer = actor_layer(corpus, (("Maria Lopez", ()), ("Tom Hale", ())))
    scores = actors.sentence_scores(layer, corpus)
    voice = {(r.actor, r.sentence_index): r.voice for r in scores.itertuples()}
    assert voice[("Maria Lopez", 1)] == actors.SPEAKER
    assert voice[("Maria Lopez", 2)] == actors.QUOTED
    assert voice[("Maria Lopez", 0)] == actors.AUTHOR
    row = treatment(layer, corpus).set_index("actor").loc["Maria Lopez"]
    # Her own words are not how the article treats her; Hale's words about her are, counted apart too.
    assert row["counted"] == 2 and row["quoted"] == 1
    assert row["negative"] == row["quoted_negative"] == 1


def test_vader_method_scores_whole_sentences(sample_corpus, sample_layer):
    table = treatment(sample_layer, sample_corpus, "vader")
    assert set(table["label"]) <= {"negative", "neutral", "positive"}
    assert table["sentiment"].between(-1, 1).all()
    with pytest.raises(ValueError):
        treatment(sample_layer, sample_corpus, "stars")


def test_treatment_columns_follow_the_contract(sample_corpus, sample_layer):
    table = treatment(sample_layer, sample_corpus)
    assert list(table.columns[:9]) == ["article", "actor", "mentions", "sentiment", "label", "type", "quoted",
                                       "positive", "negative"]
    assert table["sentiment"].between(-1, 1).all()
    assert {SEED_001, SEED_004} <= set(table.loc[table["actor"] == "Vladimir Putin", "article"])


def test_evidence_holds_every_sentence_the_table_counts(sample_corpus, sample_layer):
    table = treatment(sample_layer, sample_corpus).set_index(["article", "actor"])
    evidence = actor_evidence(sample_layer, sample_corpus, "Vladimir Putin", SEED_001)
    assert len(evidence) == table.loc[(SEED_001, "Vladimir Putin"), "mentions"]
    assert set(evidence["verdict"]) <= {"positive", "negative", "neutral"}
    for row in evidence.itertuples():
        assert all(row.sentence[a:b] for a, b in row.spans)
    with pytest.raises(KeyError):
        actor_evidence(sample_layer, sample_corpus, "Nobody Atall")


def test_one_vader_analyzer_per_process(sample_corpus):
    from analysis.actors import sentiment

    sentence_sentiment(sample_corpus.articles[0])
    first = sentiment._analyzer()
    sentence_sentiment(sample_corpus.articles[1])
    assert sentiment._analyzer() is first and sentiment._analyzer.loads == 1


# --- the table wins; bad input ---------------------------------------------------------------------

def test_a_given_table_wins_over_discovery(sample_corpus):
    layer = actor_layer(sample_corpus, (("Kremlin", ()), ("Vladimir Putin", ("Russian leader",))))
    assert set(layer.types) == {"Kremlin", "Vladimir Putin"}
    assert set(layer.mentions["actor"]) <= {"Kremlin", "Vladimir Putin"}


def test_discovery_gives_a_lexicon(sample_corpus):
    found = dict(discover_actors(sample_corpus))
    assert {"Vladimir Putin", "Donald Trump", "Volodymyr Zelenskyy", "Recep Tayyip Erdoğan"} <= set(found)
    assert "Putin" in found["Vladimir Putin"]


@pytest.mark.parametrize("text", [
    "",
    "nothing here names anyone at all.\n",
    "\"Only a quote here.\" \"And another one.\"\n",
    "He said \"this never closes. It goes on and on.\n",
    "“’’ ”“ ‘ ’ \"\" '' “\n",
])
def test_bad_input_gives_empty_tables(make_corpus, text):
    corpus = make_corpus({"odd.txt": text or "\n", "ok.txt": "Plain words.\n"})
    layer = actor_layer(corpus)
    for table in (mention_table(layer), names_table(layer), treatment(layer, corpus)):
        assert table.empty
    # Quotations with nobody named to say them are kept, but speak for no actor.
    assert set(quote_table(layer)["speaker"]) <= {actors.UNKNOWN}
    assert set(voices_table(layer)["speaker"]) <= {actors.UNKNOWN}


# --- the actor table's file and terms --------------------------------------------------------------

def test_rows_round_trip_through_toml():
    table = (("Vladimir Putin", ("Russian leader",)), ("Kremlin", ()),
             ("Recep Tayyip Erdoğan", ("Erdogan", "Turkish leader")))
    rows = lexicon_rows(table)
    assert list(rows.columns) == ["actor", "aliases"]
    assert lexicon_from_rows(rows.itertuples(index=False, name=None)) == table
    assert parse_actors(dump_actors(table)) == table


def test_parse_actors_rejects_wrong_table():
    with pytest.raises(LexiconError):
        parse_actors('[topics]\n"War" = ["war"]\n')


def test_sample_actors_toml_reads(sample_corpus):
    table = parse_actors((SAMPLE_DIR / "actors.toml").read_text(encoding="utf-8"))
    assert dict(table)["Vladimir Putin"] == ("Russian leader",)
    assert sample_corpus.actors_toml is not None


def test_regnal_number_alone_never_matches():
    assert find_terms(actor_terms("Pope Leo XIV"), "Louis XIV built Versailles.") == []
    assert find_terms(actor_terms("White House"), "The House voted.") == []


def _mentions_the_slow_way(corpus, table):
    rows = []
    for article in corpus.articles:
        for name, aliases in table:
            for sentence in article.sentences:
                spans = find_terms(actor_terms(name, aliases), sentence.text)
                if spans:
                    rows.append((article.path, name, sentence.index, spans))
    return rows


TRICKY = {
    "t.txt": "İSTANBUL GROUP and the Istanbul group met. Işık Kaya spoke; KAYA’S aides and the kayas left. "
             "ſanctions on Sanctioned firms, sanction* talk. Vladimir Putin, Putins and putin’s plan. "
             "U.S. officials, the US and us. Kaya Kaya Kaya. Mr. O'Neill and O'NEILL’S dog, not O’Neill.",
    "u.txt": "Nothing here names anyone. Sanction. Ιωάννης ΙΩΆΝΝΗΣ and ιωάννης met. Straße and STRASSE.",
}
TRICKY_TABLE = (
    ("Istanbul Group", ()), ("Işık Kaya", ()), ("Sanctions", ("sanction*",)), ("Vladimir Putin", ()),
    ("United States", ("U.S.", "US")), ("Tom O'Neill", ()), ("Ιωάννης", ()), ("Straße", ()), ("Empty", ("*",)),
)


def test_fast_table_matching_equals_find_terms_on_tricky_text(make_corpus):
    corpus = make_corpus(TRICKY)
    fast = [(article.path, name, index, spans)
            for article, by_actor in zip(corpus.articles, lexicon_mentions(corpus.articles, TRICKY_TABLE))
            for (name, _), mentions in zip(TRICKY_TABLE, by_actor) for index, spans in mentions]
    assert sorted(fast) == sorted(_mentions_the_slow_way(corpus, TRICKY_TABLE))
    found = {(name, corpus.article(p).sentences[i].text[a:b]) for p, name, i, spans in fast for a, b in spans}
    assert {("Istanbul Group", "İSTANBUL GROUP"), ("Işık Kaya", "KAYA’S"), ("Vladimir Putin", "putin’s"),
            ("Sanctions", "ſanctions"), ("Tom O'Neill", "O'NEILL’S")} <= found
    assert ("Tom O'Neill", "O’Neill") not in found  # only a possessive's apostrophe may be curly
    # the mention itself is the name: its possessive belongs to the sentence
    layer = actor_layer(corpus, TRICKY_TABLE)
    assert "KAYA" in set(layer.mentions["text"]) and not any(re.search("['’]s$", t) for t in layer.mentions["text"])


def test_case_folding_agrees_with_the_regex_engine():
    # letters that re.IGNORECASE takes as equal must fold equal, or the pre-check would miss them
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


# --- the agreement figures the page quotes ---------------------------------------------------------

@pytest.mark.corpora
def test_agreement_figures_reproduce_from_basil():
    from tests.conftest import SHARED_CORPORA

    from analysis.actors.agreement import load_agreement
    from analysis.eval.agreement import measure

    if not (SHARED_CORPORA / "basil_dev" / "labels.csv").is_file():
        pytest.skip("BASIL is not in ../shared/corpora")
    shipped = load_agreement()
    measured = measure(SHARED_CORPORA)
    for method in ("target", "vader"):
        for figure in ("spearman", "macro_f1"):
            assert measured[method][figure] == pytest.approx(shipped[method][figure], abs=1e-9)
            assert measured[method][f"{figure}_95"] == pytest.approx(shipped[method][f"{figure}_95"], abs=1e-9)
    for count in ("pairs", "events", "found", "labels"):
        assert measured[count] == shipped[count]
    assert measured["always_neutral_macro_f1"] == pytest.approx(shipped["always_neutral_macro_f1"], abs=1e-9)
    assert measured["target"]["chosen_on_all_events"] == {"confidence": actors.CONFIDENT_POSITIVE,
                                                          "band": actors.LABEL_BAND}
    assert measured["vader"]["chosen_on_all_events"] == {"band": VADER_LABEL_BAND}


def test_the_shipped_thresholds_are_the_measured_ones():
    from analysis.actors.agreement import load_agreement

    shipped = load_agreement()
    assert shipped["target"]["chosen_on_all_events"] == {"confidence": actors.CONFIDENT_POSITIVE,
                                                         "band": actors.LABEL_BAND}
    assert shipped["vader"]["chosen_on_all_events"] == {"band": VADER_LABEL_BAND}


def test_the_readme_quotes_the_shipped_agreement():
    from analysis.actors.agreement import load_agreement

    figures = load_agreement()
    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8").split())
    target, vader = figures["target"], figures["vader"]
    low, high = target["spearman_95"]
    assert (f"BASIL's {figures['events']} dev events (cross-validated by event) it agrees only weakly: Spearman "
            f"{target['spearman']:.2f} (95% interval {low:.2f} to {high:.2f}), macro-F1 {target['macro_f1']:.2f}, "
            f"against VADER's {vader['spearman']:.2f} and {vader['macro_f1']:.2f} and "
            f"{figures['always_neutral_macro_f1']:.2f} for always answering \"neutral\"") in readme


def test_the_page_note_quotes_the_shipped_figures():
    from analysis.actors.agreement import agreement_note, load_agreement

    figures = load_agreement()
    note = agreement_note("target")
    assert f"{figures['target']['spearman']:.2f}" in note and "NewsMTSC" in note
    assert f"{figures['vader']['spearman']:.2f}" in agreement_note("vader")


def test_table_names_match_only_where_written_as_names(make_corpus):
    corpus = make_corpus({"a.txt": "Theresa May spoke. The deal may collapse, May said. They handed round brown "
                                   "envelopes, and Gordon Brown smiled.\n"})
    layer = actor_layer(corpus, (("Theresa May", ()), ("Gordon Brown", ()), ("Pope Leo XIV", ("pontiff",))))
    # "may" is a verb, "brown" an adjective: only the names are mentions
    assert sorted(layer.mentions["text"]) == ["Gordon Brown", "May", "Theresa May"]
    pontiff = actor_layer(make_corpus({"b.txt": "The pontiff called for peace.\n"}), (("Pope Leo XIV", ("pontiff",)),))
    assert list(pontiff.mentions["text"]) == ["pontiff"]


def test_a_surname_typed_as_an_organisation_still_joins_the_person(make_corpus):
    corpus = make_corpus({"a.txt": "Donald Trump spoke on Monday. Trump said the deal was close. "
                                   "Trump’s aide agreed.\n"})
    layer = actor_layer(corpus)
    trump = [name for name in layer.types if "Trump" in name]
    assert trump == ["Donald Trump"]


def test_naming_grid_handles_articles_with_one_title(make_corpus):
    from analysis.actors import naming_grid

    text = "Wire copy headline\n\nMaria Lopez, the city's mayor, opened the bridge.\n"
    corpus = make_corpus({"a.txt": text, "b.txt": text.replace("opened", "had opened")})
    names = names_table(actor_layer(corpus))
    grid = naming_grid(names, "Maria Lopez")
    assert list(grid.columns) == ["a.txt", "b.txt"] and grid.sum().sum() == 2


GERMAN = ("Die Bürgermeisterin Anna Keller sagte am Montag, dass die Brücke im Frühjahr gesperrt wird. "
          "Die Krankheit des Bauleiters hat die Arbeiten um zwei Wochen verzögert, und die Stadt will nicht "
          "mehr warten. Samstagfrüh kamen die Anwohner zu einer Versammlung in der Kirche.\n")
ENGLISH = ("Mayor Anna Keller said on Monday that the bridge would close in the spring. "
           "The illness of the site manager has delayed the work by two weeks, and the city will wait no longer.\n")


def test_an_article_in_another_language_is_not_read_for_names_and_the_note_says_so(make_corpus, capsys):
    from analysis.cli import main

    corpus = make_corpus({"de.txt": GERMAN, "en.txt": ENGLISH})
    assert {a.path: a.language for a in corpus.articles} == {"de.txt": "de", "en.txt": "en"}
    layer = actor_layer(corpus)
    assert set(layer.mentions["article"]) == {"en.txt"}  # no "Krankheit", no "Samstagfrüh"
    assert "Anna Keller" in layer.types
    note = actors.language_note(corpus)
    assert note.startswith("1 of 2 articles are not in English (de 1).")
    # An actor table still finds its names there: counted, with the note's caution about sentiment.
    named = actor_layer(corpus, (("Anna Keller", ()),))
    assert set(named.mentions["article"]) == {"de.txt", "en.txt"}
    assert main(["actors", str(corpus.root), "--no-cache", "--format", "csv"]) == 0
    assert f"storylens: warning: {note}" in capsys.readouterr().err.splitlines()
    assert actors.language_note(make_corpus({"de.txt": ENGLISH})) == ""
