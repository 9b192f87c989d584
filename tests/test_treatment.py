"""The article-level treatment model: its features on hand-written articles, the shipped file, its card's figures."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import actors
from analysis.actors.agreement import agreement_note, load_agreement
from analysis.engine.batch import Runner
from analysis.models import paragraph_words
from analysis.models import treatment as model_module
from analysis.models.treatment_features import FEATURES, ToneSettings, article_tone, treatment_features
from tests.conftest import SHARED_CORPORA

CARD = json.loads(model_module.WEIGHTS_PATH.with_name("treatment_card.json").read_text(encoding="utf-8"))
LOPEZ = (("Maria Lopez", ()), ("Tom Hale", ()))


def _features(corpus):
    layer = actors.actor_layer(corpus, LOPEZ)
    tones = dict(zip((a.path for a in corpus.articles),
                     Runner(cache=None).map(article_tone, corpus.articles, ToneSettings())))
    return treatment_features(layer, corpus, tones).set_index(["article", "actor"])


def test_headline_and_lead(make_corpus):
    corpus = make_corpus({
        "named.txt": "Maria Lopez Wins The City Vote\n\nMaria Lopez won the vote on Sunday. The count took a day. "
                     "Turnout was high. Officials were pleased. Lopez thanked her staff.\n",
        "late.txt": "City Vote Counted Overnight\n\nThe count took a day. Turnout was high. Officials were pleased. "
                    "Rain fell all night. Maria Lopez thanked her staff.\n",
    })
    rows = _features(corpus)
    named, late = rows.loc[("named.txt", "Maria Lopez")], rows.loc[("late.txt", "Maria Lopez")]
    assert named["headline"] == 1.0 and late["headline"] == 0.0
    assert named["lead"] == 1.0 and named["first_position"] == 0.0
    assert late["lead"] == 0.0 and late["first_position"] == pytest.approx(4 / 5)
    assert named["share"] == pytest.approx(2 / 5) and late["share"] == pytest.approx(1 / 5)


def test_quoted_voice_and_the_actors_own_words(make_corpus):
    corpus = make_corpus({"a.txt": "Maria Lopez spoke on Monday. \"Lopez is a liar and a fraud,\" said Tom Hale. "
                                   "\"We will win,\" Lopez said.\n"})
    lopez = _features(corpus).loc[("a.txt", "Maria Lopez")]
    assert lopez["quoted_share"] == pytest.approx(1 / 3)
    assert lopez["speaker_share"] == pytest.approx(1 / 3)
    assert lopez["log_quotations"] == pytest.approx(np.log1p(1))
    assert lopez["quoted_mean"] < 0  # Hale's words about her are against her


def test_negation(make_corpus):
    corpus = make_corpus({
        "no.txt": "Maria Lopez did not win the vote. Lopez never conceded. Officials counted again.\n",
        "yes.txt": "Maria Lopez won the vote. Lopez conceded nothing to chance. Officials counted again.\n",
    })
    rows = _features(corpus)
    assert rows.loc[("no.txt", "Maria Lopez"), "negated_share"] == 1.0
    assert rows.loc[("yes.txt", "Maria Lopez"), "negated_share"] == pytest.approx(1 / 2)  # "nothing"


def test_the_robust_aggregates_weigh_the_lead_and_set_the_actor_against_the_article(make_corpus):
    corpus = make_corpus({"a.txt": "Maria Lopez won wonderful praise for her brilliant plan. The storm killed ten people. "
                                   "Floods destroyed homes and ruined crops. Rescuers found more victims. "
                                   "Maria Lopez was blamed for a dreadful mistake.\n"})
    lopez = _features(corpus).loc[("a.txt", "Maria Lopez")]
    # Praised first, blamed last: the lead weighs more than the plain mean says.
    assert lopez["vader_weighted"] > lopez["vader_actor_mean"]
    assert lopez["target_weighted"] > lopez["target_mean"]
    # Her sentences sound better than the rest of a grim article.
    assert lopez["vader_other_mean"] < 0 < lopez["vader_contrast"]


def test_summed_valence_inverts_vaders_compound():
    from analysis.models.treatment_features import _raw

    for x in (-12.0, -1.5, 0.0, 0.8, 6.0):
        assert _raw(x / np.sqrt(x * x + 15)) == pytest.approx(x)
    assert np.isfinite(_raw(1.0)) and _raw(1.0) > _raw(0.99)


def test_every_feature_is_a_finite_number(make_corpus):
    corpus = make_corpus({"a.txt": "Maria Lopez was praised. Tom Hale was condemned for fraud.\n"})
    rows = _features(corpus)
    assert list(rows.columns) == list(FEATURES)
    assert np.isfinite(rows.to_numpy(dtype=float)).all()


def test_the_article_method_is_the_default_and_stays_in_range(make_corpus):
    corpus = make_corpus({
        "praise.txt": "Maria Lopez Hailed As A Hero\n\nMaria Lopez won praise for her brilliant, generous "
                      "leadership. Voters adore Lopez and celebrate her wonderful success.\n",
        "condemn.txt": "Maria Lopez Condemned Over Fraud\n\nMaria Lopez was condemned for her disastrous, corrupt "
                       "leadership. Critics slammed Lopez for the shameful scandal and abuse.\n",
    })
    layer = actors.actor_layer(corpus, LOPEZ)
    table = actors.treatment(layer, corpus).set_index("article")
    assert table["sentiment"].between(-1, 1).all()
    assert table.loc["praise.txt", "sentiment"] > table.loc["condemn.txt", "sentiment"]
    assert table.loc["condemn.txt", "label"] == "negative"
    assert list(table.reset_index().columns) == actors.SENTIMENT_COLUMNS


def test_the_loader_refuses_weights_for_other_features(tmp_path):
    data = json.loads(model_module.WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["features"] = data["features"][::-1]
    path = tmp_path / "treatment.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(model_module.ModelUnavailable):
        model_module.load_model(path)


def test_the_card_describes_the_shipped_file():
    shipped = model_module.shipped()
    assert CARD["features"] == list(FEATURES)
    assert (shipped.negative_below, shipped.positive_from) == (CARD["settings"]["negative_below"],
                                                               CARD["settings"]["positive_from"])
    # The paragraph word model whose readings are three of the features: the file the card was written with.
    words = paragraph_words.shipped_words()
    assert CARD["words_file"]["name"] == paragraph_words.WORDS_PATH.name
    assert CARD["words_file"]["bytes"] == paragraph_words.WORDS_PATH.stat().st_size
    assert CARD["words_file"]["terms"] == len(words.vocabulary)


def test_the_page_figures_are_the_cards():
    """What the Actors page quotes (agreement.json) is what the training script measured for the shipped file."""
    figures = load_agreement()["article"]
    assert {name: figures[name] for name in ("persent", "basil")} == CARD["cross_validated"]
    assert figures["heldout"] == CARD["heldout_figures"]


def test_the_page_note_quotes_the_measured_agreement():
    figures = load_agreement()["article"]
    note = agreement_note("article")
    for name in ("persent", "basil"):
        assert f"{figures[name]['model']['spearman']:.2f}" in note
        assert f"{figures[name]['vader_article']['spearman']:.2f}" in note


@pytest.mark.corpora
def test_the_shipped_model_reproduces_its_card_on_the_held_out_slices():
    if not all((SHARED_CORPORA / f"{n}_dev" / "labels.csv").is_file() for n in ("persent", "basil")):
        pytest.skip("PerSenT dev or BASIL dev is not in ../shared/corpora")
    # The training script's data and scoring helpers need no scikit-learn (only fitting does).
    from analysis.models.train_treatment import build, heldout_figures

    data = build(SHARED_CORPORA, heldout_only=True)
    held = heldout_figures(data, model_module.load_model(), tuple(CARD["settings"]["vader_article_cuts"]))
    for name in ("persent", "basil"):
        for method in ("model", "vader_article", "current"):
            for stat in ("spearman", "macro_f1"):
                assert held[name][method][stat] == pytest.approx(CARD["heldout_figures"][name][method][stat],
                                                                 abs=1e-3)


def test_the_readme_quotes_the_measured_agreement():
    figures = load_agreement()["article"]
    readme = " ".join((model_module.WEIGHTS_PATH.parents[2] / "README.md").read_text(encoding="utf-8").split())
    assert (f"cross-validated Spearman {figures['persent']['model']['spearman']:.2f} on PerSenT (whole-article "
            f"VADER {figures['persent']['vader_article']['spearman']:.2f}) and "
            f"{figures['basil']['model']['spearman']:.2f} on BASIL (VADER "
            f"{figures['basil']['vader_article']['spearman']:.2f})") in readme
