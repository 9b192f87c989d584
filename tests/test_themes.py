"""Suggested themes: recognisable words, never names or furniture; stable; in the lexicon format."""

from __future__ import annotations

import random
import re
import shutil
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from scipy import sparse

from analysis import nmf
from analysis.text.words import STOPWORDS
from analysis.engine.batch import Runner
from analysis.corpus import load_corpus
from analysis.models.ner import is_place
from analysis.topics import coverage_matrix, dump_topics, parse_topics, suggest_topics
from tests.conftest import SAMPLE_DIR

# Six subjects an analyst would name, each with the words its articles use.
SUBJECTS = {
    "football": "match goal coach striker league season penalty stadium referee squad trophy fans",
    "economy": "inflation interest growth exports market investors shares profits budget deficit prices wages",
    "health": "hospital patients doctors nurses vaccine disease treatment clinic surgery virus symptoms infection",
    "space": "telescope planet orbit rocket astronauts galaxy satellite launch mission spacecraft moon lunar",
    "farming": "farmers crops harvest wheat cattle drought soil fertiliser irrigation livestock barley grain",
    "music": "album band singer concert guitar songs tour chart drummer lyrics festival orchestra",
    "courts": "judge jury verdict trial lawyers appeal sentence prosecutors witness court defendant bail",
    "weather": "storm rainfall flooding forecast winds temperatures snow hurricane thunder heatwave frost showers",
    "schools": "pupils teachers classroom exams curriculum headteacher homework lessons tuition grades tutors campus",
}
# Names, places and crawl furniture in every article, more often than any subject word.
NAMES = ["Anna Kowalski", "Boris Lindqvist", "Geneva", "Nairobi", "Reuters"]
FILLER = ("On {day}, {name} in {place} said the {a} and the {b} mattered to {name2}, "
          "who spoke about the {c} in {place2}.")
DAYS = ["Monday", "Tuesday", "Friday"]


def _draw(rng: random.Random, words: list[str]) -> list[str]:
    drawn: list[str] = []
    while len(drawn) < 3:
        word = rng.choices(words, weights=[1 / (rank + 1) for rank in range(len(words))])[0]
        if word not in drawn:
            drawn.append(word)
    return drawn


def _article(rng: random.Random, subject: str, subjects: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(7, 10)):
        # One sentence in five strays into another subject: real articles are not pure.
        words = SUBJECTS[rng.choice(subjects) if rng.random() < 0.2 else subject].split()
        # Some words of a subject are much commoner than others, as in real text.
        a, b, c = _draw(rng, words)
        sentences.append(FILLER.format(day=rng.choice(DAYS), name=rng.choice(NAMES[:2]), place=rng.choice(NAMES[2:4]),
                                       name2=rng.choice(NAMES[:2]), place2=rng.choice(NAMES[2:4]), a=a, b=b, c=c))
    headline = f"IMAGE {rng.choice(NAMES[:2])} in {rng.choice(NAMES[2:4])}"
    return headline + "\n\n" + " ".join(sentences) + "\nIMAGE Reuters\n"


def _write(folder, count: int, seed: int = 7, subjects: int = 6) -> dict[str, str]:
    rng = random.Random(seed)
    subjects = sorted(SUBJECTS)[:subjects]
    files = {f"{k:03d}.txt": _article(rng, subjects[k % len(subjects)], subjects) for k in range(count)}
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("themes") / "corpus"
    _write(folder, 72)
    return folder


def _suggest(folder):
    return suggest_topics(load_corpus(folder), runner=Runner(workers=1))


@pytest.fixture(scope="module")
def themes(synthetic):
    return _suggest(synthetic)


def _label_words(name: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", name)


def test_themes_are_the_subjects_labelled_by_their_words(themes):
    assert 5 <= len(themes) <= 20
    subject_of = {w: s for s, words in SUBJECTS.items() for w in words.split()}
    found = set()
    for name, terms in themes:
        # A theme's terms come from one subject, and its label is two or three of them.
        subjects = {subject_of[t] for t in terms if t in subject_of}
        assert len(subjects) == 1, (name, terms)
        assert 2 <= len(name.split(", ")) <= 3
        assert all(subject_of.get(w) in subjects for w in _label_words(name)), name
        found |= subjects
    assert found == set(sorted(SUBJECTS)[:6])


def test_names_places_and_furniture_never_label_a_theme(themes):
    banned = {w.lower() for name in NAMES for w in name.split()} | {"image"} | {d.lower() for d in DAYS}
    for name, terms in themes:
        words = _label_words(name)
        assert not {w.lower() for w in words} & banned, name
        assert all(w.islower() and w not in STOPWORDS and not is_place(w) for w in words), name
        assert not {t.lower() for t in terms} & banned, terms


def test_sample_labels_hold_no_actor_name():
    from analysis.actors import actor_layer

    corpus = load_corpus(SAMPLE_DIR)
    runner = Runner(workers=1)
    themes = suggest_topics(corpus, runner=runner)
    assert themes
    layer = actor_layer(corpus, runner=runner)
    names = {w.lower() for actor, aliases in layer.actors for form in (actor, *aliases) for w in form.split()}
    for name, _terms in themes:
        words = _label_words(name)
        assert words and all(w.islower() for w in words), name
        assert not {w.lower() for w in words} & names, name
        assert not all(is_place(w) for w in words), name


def test_the_same_folder_gives_the_same_themes(synthetic, themes, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(synthetic, copy)
    assert _suggest(copy) == themes


def test_adding_one_article_changes_at_most_one_theme(themes, tmp_path):
    folder = tmp_path / "grown"
    _write(folder, 72)
    (folder / "zzz.txt").write_text(_article(random.Random(99), "music", sorted(SUBJECTS)[:6]), encoding="utf-8")
    grown = _suggest(folder)
    assert len(grown) == len(themes)
    assert len(set(themes) - set(grown)) <= 1, set(themes) ^ set(grown)


def test_themes_read_back_as_topics_toml_and_cover_sentences(synthetic, themes):
    assert parse_topics(dump_topics(themes)) == themes
    corpus = load_corpus(synthetic)
    coverage = coverage_matrix(corpus, themes)
    # Every article is covered by some theme, and every theme covers some article.
    assert (coverage.groupby("article")["sentences"].max() > 0).all()
    assert (coverage.groupby("topic")["sentences"].max() > 0).all()


def test_the_number_of_themes_follows_the_data(tmp_path):
    folder = tmp_path / "nine"
    _write(folder, 99, subjects=9)
    assert len(_suggest(folder)) == 9


def test_themes_are_kept_in_the_cache(synthetic, themes, tmp_path):
    from analysis.engine.cache import AnalysisCache

    cache = AnalysisCache(tmp_path / "cache")
    corpus = load_corpus(synthetic)
    first = Runner(cache=cache, workers=1)
    assert suggest_topics(corpus, runner=first) == themes
    again = Runner(cache=cache, workers=1)
    assert suggest_topics(corpus, runner=again) == themes
    assert again.reused == 0 and again.computed == 0  # read back whole: no article was looked at


def test_an_empty_corpus_has_no_themes(make_corpus):
    from analysis.corpus import Corpus

    assert suggest_topics(Corpus(root="", articles=()), runner=Runner(workers=1)) == ()


def test_a_plural_term_is_kept_as_its_singular_when_the_corpus_writes_both():
    from analysis.theme_words import ThemeWords

    def item(keyword, uses):
        return {"keyword": keyword, "sentences": list(range(uses))}

    words = ThemeWords([[item("exports", 9), item("export", 1), item("prices", 2), item("price", 2), item("news", 3)]])
    # "export" matches "exports" too; a plural alone ("news") stays as written.
    assert words.terms("export") == ["export"]
    assert words.terms("pric") == ["price"]
    assert words.terms("new") == ["news"]


def test_a_matrix_the_factors_fit_exactly_factors_without_a_warning():
    # A re-issued article (two equal units) and one sharing no word (an empty unit): rank 1, fitted exactly
    # by any count of factors. NMF().fit_transform then took the square root of a reconstruction error its
    # sparse formula had cancelled below zero ("invalid value encountered in sqrt", the Topics page's
    # headline-sharing AppTest); nothing reads that error.
    matrix = sparse.csr_matrix(np.array([np.ones(17), np.ones(17), np.zeros(17)]))
    for k in (1, 2, 3):
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            weights, components = nmf.factor(matrix, k)
        np.testing.assert_allclose(weights @ components, matrix.toarray(), atol=1e-9)


def test_a_fit_stopped_at_its_cap_warns_nothing_from_any_thread_and_adds_one_filter_only():
    matrix = sparse.random(40, 30, density=0.3, random_state=1, format="csr")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test, the iteration cap's first
        nmf.prepare_fits()
        filters = len(warnings.filters)
        # One iteration cannot converge; on threads, as the theme count's fits run, with no filter swapping.
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda k: nmf.factor(matrix, k, iterations=1), [2, 3, 4, 5]))
        nmf.prepare_fits()
        assert len(warnings.filters) == filters


def test_the_theme_count_fits_give_the_same_scores_on_two_threads_as_on_one(synthetic):
    """The fits that choose the count run on threads (themes._count_scores): same arithmetic, same scores."""
    from analysis import themes as themes_module
    from analysis.keywords import KeywordSettings, article_keywords
    from analysis.story.events import article_sentence_stems
    from analysis.theme_words import ThemeWords, term_word

    corpus = load_corpus(synthetic)
    runner = Runner(workers=1)
    settings = themes_module.ThemeSettings()
    units = themes_module._units(corpus.articles, runner.map(article_sentence_stems, corpus.articles, None), settings)
    vocab = themes_module._eligible(units, len(corpus.articles))
    counts, held = themes_module._counts(units, vocab)
    words = ThemeWords(runner.map(article_keywords, corpus.articles, KeywordSettings()))
    term_ok = np.array([term_word(s, words) for s in vocab])
    tried = range(settings.min_themes, 13)
    with warnings.catch_warnings(record=True) as caught:  # the filters in force, and what gets past them
        alone = themes_module._count_scores(counts, held, term_ok, tried, settings, workers=1)
        together = themes_module._count_scores(counts, held, term_ok, tried, settings, workers=2)
    assert list(alone) == list(tried)
    assert together == alone  # exact floats, in the same order
    assert not [w for w in caught if "iterations" in str(w.message)]  # the fits' cap warning stays quiet


def test_the_themes_are_the_same_with_one_worker_or_two(synthetic, themes):
    assert suggest_topics(load_corpus(synthetic), runner=Runner(workers=2)) == themes


def test_labels_take_words_that_can_be_nouns_and_a_theme_of_one_adjective_goes():
    import numpy as np

    from analysis.text.words import stem
    from analysis.theme_words import ThemeWords, name_themes

    written = ("geopolitical", "global", "engagement", "sanctions", "crucial", "marriage", "court")
    words = ThemeWords([[{"keyword": w, "sentences": [0, 1]} for w in written]] * 3)
    vocab = [stem(w) for w in written]
    components = np.ones((3, len(vocab)))
    components[0, :2] = 9.0  # "geopolitical" and "global" are theme 0's most telling words
    themes = [vocab[:4], [vocab[4]], vocab[5:]]
    labels = [label for label, _ in name_themes(themes, components, vocab, words)]
    assert "engagement, sanctions" in labels  # not "geopolitical, global": adjectives name nothing
    assert "crucial" not in labels  # one word that is never a noun is no theme
    assert any("marriage" in label for label in labels)
