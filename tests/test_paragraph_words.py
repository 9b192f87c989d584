"""The paragraph word model: one tokeniser for training and reading, numpy inference as scikit-learn's, the shipped file."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.engine._once import LOADERS
from analysis.models import paragraph_words as words
from analysis.models.treatment_features import word_readings


def test_the_name_is_masked_whole_and_in_any_case():
    assert words.paragraph_tokens("Rafael Nadal won. NADAL's coach, Toni, praised nadal.", "Rafael Nadal") == [
        "ent", "won", "ent", "coach", "toni", "praised", "ent"]
    # A middle initial is no token; first and last name alone are masked too.
    assert words.paragraph_tokens("Howard Schmidt and Howard met Schmidt", "Howard A. Schmidt") == [
        "ent", "and", "ent", "met", "ent"]
    assert words.paragraph_terms(["ent", "won", "again"]) == ["ent", "won", "again", "ent won", "won again"]


def test_body_paragraphs_leave_the_headline_out(make_corpus):
    corpus = make_corpus({"a.txt": "Lopez Wins The City Vote\n\nMaria Lopez won the vote. The count took a day.\n\n"
                                   "Turnout was high.\n"})
    assert words.body_paragraphs(corpus.articles[0]) == ["Maria Lopez won the vote. The count took a day.",
                                                         "Turnout was high."]


def test_numpy_inference_is_scikit_learns_on_the_training_tokens(tmp_path):
    """Fitted on paragraphs tokenised for training, the file's model reads new text as scikit-learn would."""
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from analysis.models.train_paragraph_words import _fit

    texts = ["Smith was praised for a brilliant win", "Smith was condemned for fraud and lies",
             "Smith spoke on Monday", "critics condemned Smith over the fraud", "fans praised Smith and the win",
             "the meeting with Smith was on Monday"]
    labels = np.array([1, -1, 0, -1, 1, 0])
    terms = [words.paragraph_terms(words.paragraph_tokens(t, "John Smith")) for t in texts]
    model = _fit(terms, labels, None)
    words.write_words(model, tmp_path / "w.tsv.gz")
    loaded = words.load_words(tmp_path / "w.tsv.gz")
    vectoriser = TfidfVectorizer(analyzer=list, min_df=2, sublinear_tf=True).fit(terms)
    reference = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(
        vectoriser.transform(terms), labels)
    new = ["John Smith was praised", "fraud fraud and lies by Smith", "nothing known here"]
    p = reference.predict_proba(vectoriser.transform(
        [words.paragraph_terms(words.paragraph_tokens(t, "John Smith")) for t in new]))
    expected = p[:, list(reference.classes_).index(1)] - p[:, list(reference.classes_).index(-1)]
    got = [loaded.balance(words.paragraph_terms(words.paragraph_tokens(t, "John Smith"))) for t in new]
    assert got == pytest.approx(expected, abs=2e-3)  # the file's four decimals


def test_the_shipped_model_reads_praise_above_blame(make_corpus):
    corpus = make_corpus({
        "praise.txt": "Lopez Hailed\n\nMaria Lopez won praise for her brilliant, generous leadership.\n\n"
                      "Voters adore Lopez and celebrate her success.\n",
        "blame.txt": "Lopez Condemned\n\nMaria Lopez was condemned for her corrupt, disastrous leadership.\n\n"
                     "Critics accused Lopez of fraud and abuse of power.\n",
    })
    read = {a.path: word_readings(a, "Maria Lopez") for a in corpus.articles}
    for name in words.READINGS:
        assert -1 <= read["blame.txt"][name] < read["praise.txt"][name] <= 1
    assert read["blame.txt"]["words_article"] < 0 < read["praise.txt"]["words_article"]


def test_the_shipped_file_is_small_loads_once_and_refuses_a_broken_one(tmp_path):
    assert words.WORDS_PATH.stat().st_size < 150_000
    words.shipped_words.forget()
    first = words.shipped_words()
    assert words.shipped_words() is first and words.shipped_words.loads == 1
    assert words.shipped_words in LOADERS  # the thread-safety test loads it from many threads too
    broken = tmp_path / "broken.tsv.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(words.WordsUnavailable):
        words.load_words(broken)


def _plain_readings(model, paragraphs, person):
    """The readings by their definition: mask each paragraph, score it, and the masked paragraphs joined."""
    tokens = [words.paragraph_tokens(p, person) for p in paragraphs]
    each = [model.balance(words.paragraph_terms(t)) for t in tokens]
    return {"words_article": model.balance(words.paragraph_terms([t for part in tokens for t in part])),
            "words_paragraphs": float(np.mean(each)), "words_lead": float(np.mean(each[:3]))}


def test_an_articles_readings_are_its_masked_paragraphs_joined(make_corpus):
    """Reading many actors of one article shares work; the figures are those of the plain definition."""
    corpus = make_corpus({"a.txt": "Vote Day\n\nMaria Lopez won praise. Tom Hale lost.\n\nCritics condemned Hale "
                                   "for fraud.\n\nThe count was slow.\n\nLopez thanked her staff, and Hale left.\n"})
    model = words.shipped_words()
    paragraphs = words.body_paragraphs(corpus.articles[0])
    persons = ("Maria Lopez", "Tom Hale", "Nobody Here")
    for person, read in zip(persons, model.article(paragraphs).readings(persons)):
        assert read == pytest.approx(_plain_readings(model, paragraphs, person), abs=1e-12)
    # Names at a paragraph's ends, in runs, after a literal "ent", alone, a paragraph with no words at all.
    odd = ["Nadal Rafael Nadal won ent Nadal again and ent", "ent Rafael", "Nadal", "...", "praise for Nadal",
           "Nadal lost; the crowd booed ent ent Nadal Nadal"]
    persons = ("Rafael Nadal", "Ent", "Crowd")
    for person, read in zip(persons, model.article(odd).readings(persons)):
        assert read == pytest.approx(_plain_readings(model, odd, person), abs=1e-12)
    assert model.article([]).readings(["Nadal"]) == [dict.fromkeys(words.READINGS, 0.0)]
