"""Direct quotations and their speakers: patterns, marks, pronouns, scare quotes, bad input, samples."""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import ROOT, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, SHARED_CORPORA

from analysis.actors import actor_terms, is_personal_name, parse_actors
from analysis.corpus import Article, article_from_bytes, load_corpus
from analysis.lexicon import find_terms
from analysis.actors.quotes import UNKNOWN, Quote, QuotedSpan, find_quotes, quoted_spans

GOLD = ROOT / "tests" / "data" / "quotes_gold.csv"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str
    type: str


# Names our fixtures use: surface form -> (canonical actor, type).
NAMES = {
    "Jane Smith": ("Jane Smith", "person"), "Smith": ("Jane Smith", "person"),
    "Bob Jones": ("Bob Jones", "person"), "Jones": ("Bob Jones", "person"),
    "Tom Cole": ("Tom Cole", "person"), "Bob Day": ("Bob Day", "person"),
    "Dmitry Peskov": ("Dmitry Peskov", "person"), "Putin": ("Vladimir Putin", "person"),
    "Acme Corp": ("Acme Corp", "organisation"), "Kremlin": ("Kremlin", "organisation"),
}


def article(text: str) -> Article:
    return article_from_bytes("fixture.txt", text.encode("utf-8"))


def mentions_of(item: Article) -> list[Mention]:
    """Every whole-word occurrence of a NAMES form, longest forms first where they overlap."""
    found: list[Mention] = []
    for form in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(form)}(?:['’]s)?\b", item.text):
            if not any(f.start <= m.start() < f.end for f in found):
                found.append(Mention(m.start(), m.end(), *NAMES[form]))
    return sorted(found, key=lambda m: m.start)


def quotes_of(text: str) -> list[Quote]:
    item = article(text)
    return find_quotes(item, mentions_of(item))


def summary(quotes: list[Quote]) -> list[tuple[str, str, str]]:
    return [(q.text, q.speaker, q.cue) for q in quotes]


# --- the patterns -------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('"The plan will fail," said Jane Smith.', [("The plan will fail,", "Jane Smith", "said-after")]),
    ('"The plan will fail," Jane Smith said.', [("The plan will fail,", "Jane Smith", "said-after")]),
    ("“The plan will fail,” Jane Smith said on Monday.", [("The plan will fail,", "Jane Smith", "said-after")]),
    ('Jane Smith said: "The plan will fail."', [("The plan will fail.", "Jane Smith", "colon")]),
    ('Jane Smith said "the plan will fail."', [("the plan will fail.", "Jane Smith", "said-before")]),
    ("Jane Smith said, “The plan will fail.”", [("The plan will fail.", "Jane Smith", "said-before")]),
    ('Jane Smith said that "the plan will fail."', [("the plan will fail.", "Jane Smith", "said-before")]),
    ("Jane Smith said on Monday that the budget “cannot survive the winter.”",
     [("cannot survive the winter.", "Jane Smith", "said-before")]),
    ('Jane Smith called it "a disgrace."', [("a disgrace.", "Jane Smith", "called")]),
    ("Jane Smith described the talks as “useful”.", [("useful", "Jane Smith", "called")]),
    ("Jane Smith dismissed the report as “a fantasy”.", [("a fantasy", "Jane Smith", "called")]),
    ("“The talks have failed,” according to Acme Corp.", [("The talks have failed,", "Acme Corp", "according-to")]),
    ("According to Acme Corp, “the talks have failed.”", [("the talks have failed.", "Acme Corp", "according-to")]),
    ("Jane Smith told reporters: “We are not finished.”", [("We are not finished.", "Jane Smith", "colon")]),
    ("‘We will not give in,’ Jane Smith insisted.", [("We will not give in,", "Jane Smith", "said-after")]),
    ("“We will not give in,” notes Jane Smith.", [("We will not give in,", "Jane Smith", "said-after")]),
    ("Tom Cole, an Oklahoma Republican close to Bob Day, said: “We will win this.”",
     [("We will win this.", "Tom Cole", "colon")]),
    ("“We will respond,” said Putin’s spokesman, Dmitry Peskov.", [("We will respond,", "Dmitry Peskov", "said-after")]),
    ("“We will respond in kind,” the Kremlin spokesman said.", [("We will respond in kind,", "Kremlin", "said-after")]),
    ("“We will respond in kind,” a senior official said.", [("We will respond in kind,", UNKNOWN, "said-after")]),
    ("Jane Smith criticised Bob Jones’s comment that the plan was “dead on arrival.”",
     [("dead on arrival.", "Bob Jones", "statement")]),
    ("Jane Smith did not back down, saying, “The figures speak for themselves.”",
     [("The figures speak for themselves.", "Jane Smith", "said-before")]),
    # the organisation introduces its officer: the officer speaks (seen on BASIL dev)
    ("Acme Corp CEO Jane Smith later issued a statement calling the report “misleading.”",
     [("misleading.", "Jane Smith", "called")]),
])
def test_attribution_patterns(text, expected):
    assert summary(quotes_of(text)) == expected


@pytest.mark.parametrize("verb", ["told", "added", "warned", "insisted", "wrote", "posted", "stated", "argued",
                                  "noted", "asked", "replied", "declared", "tweeted", "explained", "recalled",
                                  "notes", "comments", "remarks", "observes", "concludes", "muses"])
def test_speech_verbs_beyond_said(verb):
    assert summary(quotes_of(f"“We will not give in to this,” Jane Smith {verb}.")) == [
        ("We will not give in to this,", "Jane Smith", "said-after")]


def test_speaker_offsets_point_at_the_name_and_quote_offsets_inside_the_marks():
    item = article("Later, “the plan will fail,” Bob Jones said.")
    (quote,) = find_quotes(item, mentions_of(item))
    assert item.text[quote.start:quote.end] == quote.text == "the plan will fail,"
    assert item.text[quote.speaker_start:quote.speaker_end] == "Bob Jones"
    assert quote.words == 4 and quote.sentence_index == 0


# --- several sentences, paragraphs, split quotes ------------------------------------

def test_quote_split_by_its_attribution_keeps_its_speaker():
    quotes = quotes_of("Jane Smith arrived late. “The first part is here,” she said. “The second part follows.”")
    assert summary(quotes) == [("The first part is here,", "Jane Smith", "pronoun"),
                               ("The second part follows.", "Jane Smith", "continuation")]
    assert [q.sentence_index for q in quotes] == [1, 2]


def test_split_within_one_sentence():
    assert summary(quotes_of("“I think so,” Jane Smith added, “and so does everyone else.”")) == [
        ("I think so,", "Jane Smith", "said-after"), ("and so does everyone else.", "Jane Smith", "continuation")]


def test_quote_running_over_sentences_is_one_quote_starting_in_the_first():
    item = article("Intro line here.\n\n“We tried. We failed. We will try again,” Jane Smith said.")
    (quote,) = find_quotes(item, mentions_of(item))
    assert quote.text == "We tried. We failed. We will try again,"
    assert item.sentences[quote.sentence_index].text.startswith("“We tried.")
    spans = quoted_spans(item, [quote])
    assert sorted(spans) == [quote.sentence_index, quote.sentence_index + 1, quote.sentence_index + 2]
    pieces = [item.sentences[i].text[s.start:s.end] for i, found in sorted(spans.items()) for s in found]
    assert pieces == ["We tried.", "We failed.", "We will try again,"]
    assert all(s.speaker == "Jane Smith" for found in spans.values() for s in found)


def test_quote_continues_into_the_next_paragraph_that_opens_with_a_mark():
    text = "Jane Smith said: “The first paragraph runs on and on.\n\n“And the second one ends it,” she added."
    item = article(text)
    (quote,) = find_quotes(item, mentions_of(item))
    assert quote.text == "The first paragraph runs on and on. And the second one ends it,"
    assert quote.speaker == "Jane Smith" and quote.cue == "colon"
    assert item.text[quote.end - 8:quote.end] == "ends it,"


def test_open_quote_not_continued_is_dropped_and_the_rest_kept():
    text = ("Jane Smith said “this opens and never closes. Later on, other things happened.\n\n"
            "Bob Jones disagreed. “This one is properly closed,” he said.")
    assert summary(quotes_of(text)) == [("This one is properly closed,", "Bob Jones", "pronoun")]


# --- pronouns -------------------------------------------------------------------------

def test_pronoun_resolves_to_the_person_named_in_the_previous_paragraph():
    item = article("Jane Smith spoke first.\n\n“We have a plan for this,” she said.")
    (quote,) = find_quotes(item, mentions_of(item))
    assert (quote.speaker, quote.cue) == ("Jane Smith", "pronoun")
    assert item.text[quote.speaker_start:quote.speaker_end] == "she"


def test_it_resolves_to_an_organisation_not_a_person():
    text = "Jane Smith wrote to Acme Corp on Friday. Acme Corp answered. “We regret the error deeply,” it said."
    assert summary(quotes_of(text)) == [("We regret the error deeply,", "Acme Corp", "pronoun")]


@pytest.mark.parametrize("text", [
    "“We have a plan for this,” she said.",  # nobody named before
    "Jane Smith spoke.\n\nNothing happened.\n\nMore filler text.\n\n“We have a plan for this,” she said.",  # too far
    "Jane Smith met them.\n\n“We have a plan for this,” they said.",  # a group
])
def test_pronoun_without_a_near_antecedent_is_unknown(text):
    (quote,) = quotes_of(text)
    assert quote.speaker == UNKNOWN and quote.cue == "pronoun"


def test_a_name_inside_the_quote_is_not_the_speaker():
    assert summary(quotes_of("“Jane Smith is wrong about this,” he said.")) == [
        ("Jane Smith is wrong about this,", UNKNOWN, "pronoun")]


def test_pronoun_prefers_the_subject_to_a_name_in_passing():
    text = "Jane Smith, who married her partner, Ann Lee, last year, wrote a post.\n\n“I love my sister,” she wrote."
    item = article(text)
    mentions = mentions_of(item) + [Mention(text.index("Ann Lee"), text.index("Ann Lee") + 7, "Ann Lee", "person")]
    (quote,) = find_quotes(item, sorted(mentions, key=lambda m: m.start))
    assert quote.speaker == "Jane Smith"


# --- what is not a quotation ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The so-called “peace plan” was rejected by everyone on Monday.",
    "He was interviewed on “Face the Nation” on Sunday morning.",
    "A holding ground called “Tent City” still stands there today.",
    # a name given in the passive quotes no one, least of all the subject named
    "When the substance is feathers in a duvet, Jane Smith is called “feather duvet lung.”",
    "Acme Corp was called “a rogue company” by regulators.",
    "The military's former \"don't ask, don't tell\" policy was repealed.",
    "Putin’s aides said the ’90s were over and rock ’n’ roll lives on in the students’ hearts.",
    "It’s the ’80s again, isn’t it? Y’all know ’em.",
    "",
    "No marks at all in this sentence.",
    "“”",
    "“ ”",
    "“",
    "\"\"\"\"",
    "’’’’ ‘‘ ’",
])
def test_not_quotations(text):
    item = Article("x", "x.txt", "", "", "", "", text, ()) if not text.strip() else article(text)
    assert find_quotes(item, mentions_of(item)) == []


def test_apostrophes_inside_a_quote_do_not_end_it():
    quotes = quotes_of("‘We won’t stop now,’ said Jane Smith, whose ’80s band played rock ’n’ roll.")
    assert summary(quotes) == [("We won’t stop now,", "Jane Smith", "said-after")]


def test_mixed_straight_and_curly_marks_pair():
    assert summary(quotes_of("Jane Smith spoke.\n\n“For the record, I love my sister,\" she wrote.")) == [
        ("For the record, I love my sister,", "Jane Smith", "pronoun")]


def test_only_a_quote_is_a_quotation_with_no_speaker():
    assert summary(quotes_of("“Nothing but a long quotation stands here.”")) == [
        ("Nothing but a long quotation stands here.", UNKNOWN, "none")]


def test_headline_colon_attributes_its_quote():
    text = "Jane Smith: Rival Is 'Dead Wrong' On Taxes\n\nThe body of the article follows here."
    assert summary(quotes_of(text)) == [("Dead Wrong", "Jane Smith", "colon")]


def test_bad_mentions_are_ignored():
    item = article("“The plan will fail,” Jane Smith said.")
    bad = [Mention(-5, 2, "X", "person"), Mention(3, 10_000, "Y", "person"), Mention(5, 5, "Z", "person"),
           Mention(22, 32, "", "person"), object()]
    assert summary(find_quotes(item, bad + mentions_of(item))) == [("The plan will fail,", "Jane Smith", "said-after")]


def test_random_marks_never_raise_and_offsets_hold():
    rng = random.Random(20240)
    pieces = ["“", "”", "‘", "’", '"', "'", "said", "Jane Smith", "he", ",", ".", "\n\n", "word", "Putin’s", " "]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 40)))
        if not text.strip():
            continue
        try:
            item = article(text)
        except ValueError:  # nothing left after cleaning: not an article
            continue
        quotes = find_quotes(item, mentions_of(item))
        for quote in quotes:
            assert 0 < quote.start < quote.end <= len(item.text)
            assert quote.speaker_start is None or 0 <= quote.speaker_start < quote.speaker_end <= len(item.text)
        for index, spans in quoted_spans(item, quotes).items():
            assert all(0 <= s.start < s.end <= len(item.sentences[index].text) for s in spans)


def test_quoted_spans_are_sentence_offsets_with_speakers():
    item = article("Jane Smith spoke. She called it “a total disgrace” and “an insult to us all.”")
    spans = quoted_spans(item, find_quotes(item, mentions_of(item)))
    assert list(spans) == [1]
    sentence = item.sentences[1].text
    assert [(sentence[s.start:s.end], s.speaker) for s in spans[1]] == [
        ("a total disgrace", "Jane Smith"), ("an insult to us all.", "Jane Smith")]
    assert all(isinstance(s, QuotedSpan) for s in spans[1])


# --- the five sample articles: what an analyst reading them finds --------------------

SAMPLE_GOLD = {
    SEED_000: [("would not yield an immediate end", "Donald Trump"), ("by both sides", "Donald Trump"),
               ("will have to respond", "Vladimir Putin")],
    SEED_001: [("immediate peace", "Donald Trump")],
    SEED_002: [],
    SEED_003: [("useful", "Yuri Ushakov"), ("alarming,", UNKNOWN), ("lengthy and highly productive,", "Donald Trump")],
    SEED_004: [("terrorist acts.", "Vladimir Putin")],
}


def sample_mentions(item: Article, lexicon) -> list[Mention]:
    out = []
    for name, aliases in lexicon:
        kind = "person" if is_personal_name(name) else "organisation"
        for sentence in item.sentences:
            out += [Mention(sentence.start + a, sentence.start + b, name, kind)
                    for a, b in find_terms(actor_terms(name, aliases), sentence.text)]
    return out


@pytest.mark.parametrize("seed", list(SAMPLE_GOLD))
def test_sample_articles(sample_corpus, seed):
    item = sample_corpus.article(seed)
    quotes = find_quotes(item, sample_mentions(item, parse_actors(sample_corpus.actors_toml)))
    assert [(q.text[:len(words)], q.speaker) for q, (words, _) in zip(quotes, SAMPLE_GOLD[seed])] == SAMPLE_GOLD[seed]
    assert len(quotes) == len(SAMPLE_GOLD[seed])


def test_sample_trump_quote_is_attributed_through_his_pronoun(sample_corpus):
    item = sample_corpus.article(SEED_000)
    first = find_quotes(item, sample_mentions(item, parse_actors(sample_corpus.actors_toml)))[0]
    assert item.text[first.speaker_start:first.speaker_end] == "he" and first.cue == "pronoun"


# --- the BASIL gold --------------------------------------------------------------------

def gold_rows() -> list[dict]:
    with GOLD.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_gold_keeps_only_three_words_of_each_quote_and_both_splits():
    rows = gold_rows()
    assert {r["split"] for r in rows} == {"dev", "held-out"}
    assert all(len(r["first_words"].split()) <= 3 and r["speaker"] for r in rows)
    files = {split: {r["file"] for r in rows if r["split"] == split} for split in ("dev", "held-out")}
    assert len(files["dev"]) == len(files["held-out"]) == 6 and not files["dev"] & files["held-out"]


@pytest.mark.corpora
def test_gold_sentence_indices_hold_their_quotes():
    folder = SHARED_CORPORA / "basil_dev"
    if not folder.is_dir():
        pytest.skip("research corpora absent")
    corpus = load_corpus(folder)
    for row in gold_rows():
        item = corpus.article(row["file"])
        sentence = item.sentences[int(row["sentence_index"])].text
        first = row["first_words"].split()[0]
        assert first in sentence, (row["file"], row["sentence_index"], first)


def test_bench_exits_cleanly_without_corpora(tmp_path, capsys, monkeypatch):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("quotes_bench", Path(ROOT) / "bench" / "quotes_bench.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "quotes_bench", bench)  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    assert bench.main(["--corpora", str(tmp_path)]) == 0
    assert "not found" in capsys.readouterr().out
    assert bench.same_speaker("Hillary Clinton", "Clinton") and bench.same_speaker("Joe Arpaio", "Sheriff Joe Arpaio")
    assert not bench.same_speaker("Mary Cheney", "Liz Cheney")
