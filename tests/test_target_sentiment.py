"""The shipped target-sentiment model: obvious cases, masking, odd input, probabilities, its card's figures."""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import subprocess
import sys

import pytest

from analysis.models import target_sentiment
from analysis.models.target_features import FeatureSettings, read_sentence, target_features, vader_lexicon_path
from analysis.models.target_sentiment import TargetScore, score, score_many
from tests.conftest import ROOT, SHARED_CORPORA

CARD = json.loads((ROOT / "analysis" / "models" / "target_sentiment_card.json").read_text(encoding="utf-8"))


def _span(sentence: str, mention: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(mention, start + 1)
    return start, start + len(mention)


def _score(sentence: str, mention: str, others: tuple[str, ...] = ()) -> TargetScore:
    return score(sentence, *_span(sentence, mention), others=[_span(sentence, o) for o in others])


# Sentences written for this test; the polarity toward the target is what any reader would say.
OBVIOUS = [
    ("Critics slammed Smith for the disastrous rollout.", "Smith", "negative"),
    ("Jones praised Smith's brave decision.", "Smith", "positive"),
    ("The court convicted Brown of fraud and bribery.", "Brown", "negative"),
    ("Voters celebrated Garcia's landslide victory.", "Garcia", "positive"),
    ("Patel was arrested on charges of murder.", "Patel", "negative"),
    ("Kim won a prize for her excellent work.", "Kim", "positive"),
    ("The charity thanked Evans for his generous donation.", "Evans", "positive"),
    ("Officials said the scandal ruined Wilson's career.", "Wilson", "negative"),
    ("Fans adore Martinez, the brilliant striker.", "Martinez", "positive"),
    ("Rivera failed to deliver on her promises, critics said.", "Rivera", "negative"),
    ("Lee will visit Paris on Tuesday.", "Lee", "neutral"),
    ("Acme Corp announced its quarterly results on Monday.", "Acme Corp", "neutral"),
    ("The senator met Clark in Washington.", "Clark", "neutral"),
]


@pytest.mark.parametrize(("sentence", "mention", "expected"), OBVIOUS)
def test_obvious_polarity_toward_the_target(sentence: str, mention: str, expected: str) -> None:
    assert _score(sentence, mention).label == expected


def test_the_praising_speaker_is_not_scored_negative() -> None:
    sentence = "Jones praised Smith's brave decision."
    assert _score(sentence, "Jones", others=("Smith",)).label != "negative"
    assert _score(sentence, "Jones", others=("Smith",)).polarity > 0


def test_two_targets_of_one_sentence_are_told_apart() -> None:
    sentence = "Smith praised Jones but attacked Brown."
    praised = _score(sentence, "Jones", others=("Smith", "Brown"))
    attacked = _score(sentence, "Brown", others=("Smith", "Jones"))
    assert praised.polarity > attacked.polarity
    assert attacked.label == "negative"


@pytest.mark.parametrize(("name", "other_name"), [("Smith", "Angel"), ("Hope Kindly", "Love")])
def test_the_mention_words_are_masked(name: str, other_name: str) -> None:
    """Valenced words inside the mention ("Hope", "Love") change nothing: only its context counts."""
    plain = _score("Critics slammed Adams for the rollout, Baker said.", "Adams", others=("Baker",))
    sentence = f"Critics slammed {name} for the rollout, {other_name} said."
    masked = _score(sentence, name, others=(other_name,))
    assert masked == pytest.approx(plain, abs=1e-12)


def test_other_mentions_are_masked_only_when_given() -> None:
    sentence = "Critics slammed Adams, and Happy Winner Ltd said nothing."
    plain = _score("Critics slammed Adams, and Acme Trading Ltd said nothing.", "Adams", others=("Acme Trading Ltd",))
    assert _score(sentence, "Adams", others=("Happy Winner Ltd",)) == pytest.approx(plain, abs=1e-12)
    assert _score(sentence, "Adams") != pytest.approx(plain, abs=1e-6)


ODD_INPUTS = [
    ("", 0, 0, ()),
    ("Smith", 10, 20, ()),
    ("Smith won.", -5, 3, ()),
    ("Smith won.", 5, 2, ()),
    ("Smith won.", 0, 5, [(100, 200), (3, 1), (0, 5)]),
    ("Smith won.", 0, 5, [(1,), ("a", "b"), None]),
    ("!!! ??? ...", 0, 3, ()),
    ("“”\"\"’’", 0, 2, ()),
    ("İSTANBUL’S MAYOR İmamoğlu WON’T GO", 12, 17, ()),
    ("word " * 2000, 5000, 5004, ()),
    ("\n\t  ", 0, 1, ()),
    ("Smith won.", 0, 5),
    ("Smith won.", "0", None, None),
    (None, 0, 5, ()),
    None,
]


@pytest.mark.parametrize("item", ODD_INPUTS)
def test_odd_input_never_raises_and_gives_probabilities(item) -> None:
    result = score_many([item])[0]
    assert math.isclose(result.negative + result.neutral + result.positive, 1.0, abs_tol=1e-9)
    assert result.label in ("negative", "neutral", "positive")


@pytest.mark.parametrize(("sentence", "mention", "_"), OBVIOUS)
def test_probabilities_sum_to_one_and_label_is_the_argmax(sentence: str, mention: str, _: str) -> None:
    result = _score(sentence, mention)
    values = {"negative": result.negative, "neutral": result.neutral, "positive": result.positive}
    assert all(0.0 <= v <= 1.0 for v in values.values())
    assert math.isclose(sum(values.values()), 1.0, abs_tol=1e-9)
    assert result.label == max(values, key=values.get)
    assert result.polarity == pytest.approx(result.positive - result.negative)
    assert -1.0 <= result.polarity <= 1.0


@pytest.mark.parametrize(
    ("probabilities", "label"),
    [((0.5, 0.3, 0.2), "negative"), ((0.2, 0.3, 0.5), "positive"), ((0.4, 0.4, 0.2), "neutral"),
     ((0.4, 0.2, 0.4), "negative")],
)
def test_label_breaks_ties_toward_neutral_then_negative(probabilities, label: str) -> None:
    assert TargetScore(*probabilities).label == label


def test_score_many_agrees_with_score_one_at_a_time() -> None:
    sentence = "Smith praised Jones but attacked Brown."
    spans = [_span(sentence, n) for n in ("Smith", "Jones", "Brown")]
    items = [(sentence, a, b, [s for s in spans if s != (a, b)]) for a, b in spans]
    items.append(("Critics slammed Smith.", 16, 21, ()))
    together = score_many(items)
    alone = [score(text, a, b, others=others) for text, a, b, others in items]
    assert together == pytest.approx(alone, abs=1e-12)


def test_a_long_batch_scores_like_single_calls() -> None:
    """score_many forgets old sentences as it goes; what it returns must not depend on that."""
    sentences = [f"Smith lost game {n} badly, and Jones won." for n in range(700)]
    items = [(text, 0, 5, [_span(text, "Jones")]) for text in sentences]
    items += [(text, *_span(text, "Jones"), [(0, 5)]) for text in sentences]
    together = score_many(items)
    for k in (0, 699, 700, 1399):
        text, a, b, others = items[k]
        assert together[k] == pytest.approx(score(text, a, b, others=others), abs=1e-12)


def test_training_features_give_the_inference_scores() -> None:
    """The training script builds each row with the same feature code inference scores."""
    from analysis.models.train_target_sentiment import featurize

    model = target_sentiment.load_model()
    sentence = "Smith praised Jones but attacked Brown."
    spans = [_span(sentence, n) for n in ("Smith", "Jones", "Brown")]
    items = [(sentence, a, b, [s for s in spans if s != (a, b)]) for a, b in spans]
    for item, row, scored in zip(items, featurize(items, model.settings), score_many(items, model=model)):
        logits = [(x + b) / model.temperature for x, b in zip(model.logits(list(row.items())), model.bias)]
        top = max(logits)
        total = sum(math.exp(x - top) for x in logits)
        expected = [math.exp(x - top) / total for x in logits]
        assert [scored.negative, scored.neutral, scored.positive] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("sentence", "mention", "cue"),
    [
        ('"This is a disgrace," Miller said.', "Miller", "speaker_of_quote"),
        ("“We will win,” according to Miller.", "Miller", "speaker_of_quote"),
        ("Miller also said the plan would fail.", "Miller", "speaker"),
        ("Voters said “Miller is a fraud” on Monday.", "Miller", "in_quote"),
        ("is a fraud,” said Miller.", "fraud", "in_quote"),  # a quotation whose opener the splitter cut off
        ("Miller's awful plan failed.", "Miller", "possessive"),
        ("Miller never wins.", "Miller", "negation_near"),
        ("Miller attacked the plan.", "Miller", "subject"),
    ],
)
def test_quote_speech_and_role_cues(sentence: str, mention: str, cue: str) -> None:
    settings = FeatureSettings()
    names = {name for name, _ in target_features(read_sentence(sentence, settings), _span(sentence, mention), [],
                                                 settings)}
    assert cue in names


def test_the_model_is_read_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = target_sentiment.load_model

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    target_sentiment._model.forget()
    monkeypatch.setattr(target_sentiment, "load_model", counting)
    for _ in range(3):
        score("Smith won.", 0, 5)
        score_many([("Jones lost.", 0, 5, ())])
    assert len(calls) == 1


@pytest.mark.parametrize(
    "content",
    [b"", b"not gzip", gzip.compress(b"{}"), gzip.compress(b"[1, 2]"), gzip.compress(b"{\"classes\": [\"a\"]}")],
)
def test_an_unreadable_weights_file_is_a_named_error(tmp_path, content: bytes) -> None:
    path = tmp_path / "weights.json.gz"
    path.write_bytes(content)
    with pytest.raises(target_sentiment.ModelUnavailable):
        target_sentiment.load_model(path)
    truncated = tmp_path / "truncated.json.gz"
    truncated.write_bytes(target_sentiment.WEIGHTS_PATH.read_bytes()[:1000])
    with pytest.raises(target_sentiment.ModelUnavailable):
        target_sentiment.load_model(truncated)


def test_the_shipped_weights_are_small_and_need_no_scikit_learn() -> None:
    assert target_sentiment.WEIGHTS_PATH.stat().st_size <= 3 * 1024 * 1024
    code = ("import sys\nfrom analysis.models import target_sentiment as t\nt.score('Smith won.', 0, 5)\n"
            "print(sorted(m for m in ('sklearn', 'torch', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_the_card_describes_the_shipped_file() -> None:
    model = target_sentiment.load_model()
    assert CARD["features"] == len(model.rows)
    assert CARD["settings"]["temperature"] == model.temperature
    assert CARD["settings"]["features"] == {k: getattr(model.settings, k) for k in CARD["settings"]["features"]}
    assert CARD["weights_bytes"] == target_sentiment.WEIGHTS_PATH.stat().st_size


def test_the_installed_vader_lexicon_is_the_one_trained_on() -> None:
    """A vaderSentiment upgrade that changes the word list changes the features: retrain then."""
    digest = hashlib.sha256(vader_lexicon_path().read_bytes()).hexdigest()
    assert digest == CARD["vader"]["lexicon_sha256"]


@pytest.mark.corpora
@pytest.mark.skipif(not (SHARED_CORPORA / "newsmtsc").is_dir(), reason="NewsMTSC is not in ../shared/corpora")
@pytest.mark.parametrize("split", ["test_mt", "test_rw"])
def test_the_shipped_model_reproduces_the_card_figures(split: str) -> None:
    from analysis.models.train_target_sentiment import figure, load_split, model_labels, vader_labels

    data = load_split(SHARED_CORPORA, split)
    model = figure(data.labels, model_labels(data.items, target_sentiment.load_model()))
    vader = figure(data.labels, vader_labels(data.items))
    card = CARD["figures"][split]
    assert model == {k: card["model"][k] for k in model}
    assert vader == card["vader"]
    assert model["f1m"] >= 0.64
