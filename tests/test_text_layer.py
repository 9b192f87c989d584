"""The language layer (analysis/text/): each word list defined once, the frozen model lists, quotes, IDF, imports."""

from __future__ import annotations

import ast
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from analysis.models import ner, target_sentiment
from analysis.models.frozen_lists import CARD_KEY, lists_digest, stale_lists
from analysis.models.ner_features import TRAINED_LISTS as NER_LISTS
from analysis.models.target_features import TRAINED_LISTS as TARGET_LISTS
from analysis.text.idf import idf, idf_weights, smoothed_idf
from analysis.text.tfidf import WEIGHTING, Weighting, article_vectors, weigh_counts
from analysis.text.quote_marks import (
    MARK_RULES, inside_of, mask_probe, quotation_marks, sentence_quotations, without_quotations,
)

ANALYSIS = Path(__file__).resolve().parent.parent / "analysis"
# Lists a shipped model was trained with stay beside its features, checked by digest (below).
FROZEN = {"models/target_features.py", "models/ner_features.py"}

# Each known list by telltale members: a string literal holding three or more of them is a copy.
TELLTALES = {
    "speech verbs": ("text/speech.py", {"testified", "acknowledged", "insisted", "boasted", "recalled"}),
    "titles and roles": ("text/roles.py", {"archbishop", "chancellor", "ambassador", "spokeswoman", "governor"}),
    "honorifics": ("text/roles.py", {"mrs.", "dame", "mme", "prof.", "sir"}),
    "abbreviations": ("text/abbreviations.py", {"sept", "capt", "corp", "sgt", "approx"}),
    "name particles": ("text/roles.py", {"von", "van", "ibn", "bin", "der"}),
    "verbs of saying, -ing": ("text/speech.py", {"testifying", "acknowledging", "insisting", "tweeting"}),
}


def _string_literals(path: Path) -> list[str]:
    """Every string constant of a module except docstrings (prose may name list members)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _words(literal: str) -> set[str]:
    return set(literal.lower().replace("|", " ").split())


@pytest.mark.parametrize("name", sorted(TELLTALES))
def test_each_word_list_is_defined_once(name: str) -> None:
    home, telltale = TELLTALES[name]
    defined = sorted({path.relative_to(ANALYSIS).as_posix() for path in ANALYSIS.rglob("*.py")
                      for literal in _string_literals(path) if len(_words(literal) & telltale) >= 3})
    assert home in defined, f"{name}: not found in {home}"
    assert [p for p in defined if p != home and p not in FROZEN] == [], f"{name} is also written in {defined}"


def test_the_telltale_scan_sees_a_copy(tmp_path: Path) -> None:
    copy = tmp_path / "copy.py"
    copy.write_text('"""Docstring: testified acknowledged insisted."""\n_SAY = frozenset("testified insisted boasted".split())\n')
    assert [len(_words(literal) & TELLTALES["speech verbs"][1]) for literal in _string_literals(copy)] == [3]


@pytest.mark.parametrize(("lists", "card"), [
    (TARGET_LISTS, target_sentiment.CARD_PATH), (NER_LISTS, ner.MODEL_DIR / ner.CARD_FILE),
])
def test_frozen_lists_match_their_model_card(lists, card: Path) -> None:
    assert json.loads(card.read_text(encoding="utf-8"))[CARD_KEY] == lists_digest(lists)
    assert stale_lists(lists, card, "retrain") is None
    changed = {**lists, "extra": ["word"]}
    assert "word lists changed" in stale_lists(changed, card, "retrain")


def test_the_digest_ignores_order_not_content() -> None:
    assert lists_digest({"a": ["x", "y"], "b": ["z"]}) == lists_digest({"b": ["z"], "a": ["y", "x"]})
    assert lists_digest({"a": ["x", "y"]}) != lists_digest({"a": ["x", "y", "w"]})


def _card_with_other_lists(source: Path, target: Path) -> None:
    card = json.loads(source.read_text(encoding="utf-8"))
    card[CARD_KEY] = lists_digest({"speech_verbs": ["said", "declaimed"]})
    target.write_text(json.dumps(card), encoding="utf-8")


def test_the_target_model_refuses_lists_it_was_not_trained_with(tmp_path: Path) -> None:
    weights = tmp_path / target_sentiment.WEIGHTS_PATH.name
    shutil.copy(target_sentiment.WEIGHTS_PATH, weights)
    _card_with_other_lists(target_sentiment.CARD_PATH, tmp_path / target_sentiment.CARD_PATH.name)
    with pytest.raises(target_sentiment.ModelUnavailable, match="word lists changed.*train_target_sentiment"):
        target_sentiment.load_model(weights)
    assert target_sentiment.load_model(weights, check_lists=False).rows  # the training script's own read


def test_the_name_finder_refuses_lists_it_was_not_trained_with(tmp_path: Path) -> None:
    for name in (ner.WEIGHTS_FILE, ner.CLUSTERS_FILE, ner.CAP_PRIOR_FILE, ner.PLACES_FILE):
        shutil.copy(ner.MODEL_DIR / name, tmp_path / name)
    _card_with_other_lists(ner.MODEL_DIR / ner.CARD_FILE, tmp_path / ner.CARD_FILE)
    with pytest.raises(ner.ModelMissing, match="word lists changed.*train_ner"):
        ner.NameFinder.load(tmp_path)
    assert ner.NameFinder.load(tmp_path, check_lists=False).labels


@pytest.mark.parametrize(("text", "left"), [
    ('He said "we will win" and left.', "He said   and left."),
    ("Il a dit «nous gagnerons» hier.", "Il a dit   hier."),
    ("Er sagte „wir gewinnen“ gestern.", "Er sagte   gestern."),
    ("She called it ‘a farce’ and Putin’s talks ‘a trap’.", "She called it   and Putin’s talks  ."),
    ("“It is over,” he said, “and we won.”", "  he said,  "),
    ("No quotes in the senators’ letter.", "No quotes in the senators’ letter."),
])
def test_without_quotations_knows_every_mark(text: str, left: str) -> None:
    assert without_quotations(text) == left


def test_a_quotation_runs_on_into_the_next_paragraph() -> None:
    text = "“We will not stop,\n“and we will not rest,” she said."
    assert quotation_marks(text) == [(0, text.index("”"))]
    assert without_quotations(text) == "  she said."


@pytest.mark.parametrize(("sentence", "quoted", "outside"), [
    ("is a fraud,” said Miller.", "fraud", "Miller"),  # the splitter cut the opener off
    ('Voters said "Miller is a fraud" on Monday.', "Miller", "Voters"),
    ("She called it ‘a farce’ on Monday.", "farce", "Monday"),
    ("Putin’s talks went on.", None, "talks"),
])
def test_a_sentence_read_alone_knows_where_it_quotes(sentence: str, quoted: str | None, outside: str) -> None:
    inside = inside_of(sentence_quotations(sentence))
    assert quoted is None or inside(sentence.index(quoted))
    assert not inside(sentence.index(outside))


def test_the_target_model_reads_the_shared_quoted_mask() -> None:
    """Its frozen lists hold the mask's marks and rules, so a change there asks for retraining."""
    assert all(TARGET_LISTS[name] == rules for name, rules in MARK_RULES.items())
    assert TARGET_LISTS["quoted_mask_probe"] == mask_probe()
    # The probe stands for the pairing: a nested quotation, a sentence begun inside one, apostrophes.
    assert mask_probe()[4] == "^" * 11 + "." * 27 + "^" * 27 + "."
    assert "^" not in mask_probe()[2][:40]


def test_a_changed_mask_asks_for_retraining() -> None:
    changed = {**TARGET_LISTS, "quoted_mask_probe": ["." * 10]}
    assert "word lists changed" in stale_lists(changed, target_sentiment.CARD_PATH, "retrain")


def test_one_idf_for_numbers_and_arrays() -> None:
    df = np.array([1, 3, 10])
    assert list(idf(10, df)) == [idf(10, 1), idf(10, 3), idf(10, 10)]
    assert idf(10, 10) == 0.0
    assert smoothed_idf(10, 3) == math.log(11 / 4) + 1.0
    assert idf_weights([["a", "b"], ["a"]]) == {"a": 1.0, "b": math.log(3 / 2) + 1.0}



def test_one_tfidf_weighting_for_article_maps_and_count_matrices() -> None:
    """Themes weigh their count matrix with the article similarity's formula, not a copy of it."""
    import scipy.sparse as sp

    docs = [{"ukrain": 3, "talk": 1}, {"talk": 2, "ceasefir": 1}, {"ukrain": 1}]
    for weighting in (WEIGHTING, Weighting(log_tf=True, prior_documents=0), Weighting(log_tf=False)):
        vectors = article_vectors(docs, weighting)
        counts = sp.lil_matrix((len(docs), len(vectors.vocabulary)))
        for row, doc in enumerate(docs):
            for stem, count in doc.items():
                counts[row, vectors.vocabulary[stem]] = count
        weighed = weigh_counts(counts.tocsr(), weighting)
        assert weighed.dtype == np.float64 and counts[0, vectors.vocabulary["ukrain"]] == 3  # counts left as they were
        np.testing.assert_allclose(weighed.toarray(), vectors.rows.toarray(), rtol=1e-6)
    # Log tf with no pseudo-documents, by hand: "ukrain" (3 uses, 2 of 3 articles) against "talk" (1 use, 2 of 3).
    row = weigh_counts(sp.csr_matrix(np.array([[3.0, 1.0], [0.0, 2.0], [1.0, 0.0]])),
                       Weighting(log_tf=True, prior_documents=0)).toarray()[0]
    idf = smoothed_idf(3, 2)
    expected = np.array([(1 + math.log(3)) * idf, 1.0 * idf])
    np.testing.assert_allclose(row, expected / np.linalg.norm(expected))

RUNTIME_PACKAGES = ("story", "actors", "keywords", "models", "text")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_analyses_take_language_from_text_not_from_compare() -> None:
    paths = [ANALYSIS / "topics.py", *(p for pkg in RUNTIME_PACKAGES for p in (ANALYSIS / pkg).rglob("*.py"))]
    offenders = sorted(p.relative_to(ANALYSIS).as_posix() for p in paths
                       if any(name == "analysis.compare" or name.startswith("analysis.compare.") for name in _imports(p)))
    assert offenders == []


def test_the_language_layer_imports_only_itself() -> None:
    for path in (ANALYSIS / "text").glob("*.py"):
        outside = {name for name in _imports(path) if name.startswith("analysis")
                   and not name.startswith(("analysis.text", "analysis.engine._once"))}
        assert outside == set(), f"{path.name} imports {outside}"


def test_person_titles_are_among_the_titles_and_honorifics() -> None:
    from analysis.text.roles import HONORIFICS, PERSON_TITLES, ROLE_WORDS

    assert PERSON_TITLES <= ROLE_WORDS | HONORIFICS
