"""Events: the samples, hand-written stories (one, two, unrelated, a bridge), ids, titles, dates, caching."""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from analysis.engine.batch import Runner, settings_key, task_name
from analysis.corpus import Corpus, load_corpus
from analysis.frame_json import frame_from_json
from analysis.story.events import (
    EVENT_COLUMNS,
    SUMMARY_COLUMNS,
    EventSettings,
    article_sentence_stems,
    event_labels,
    event_summary,
    find_events,
)
from tests.dated_samples import dated_samples
from tests.kept_frames import assert_kept_as_frame_json
from tests.conftest import (
    ROOT,
    SAMPLE_DIR,
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    SHARED_CORPORA,
)

# --- hand-written stories: three outlets each, the facts reworded --------------------

BRIDGE = [
    "Marlowe footbridge collapses into the river\n\n"
    "The old footbridge over the river Tane in Marlowe collapsed early on Sunday morning. "
    "Nobody was on the bridge when its central span fell into the water, the fire brigade said. "
    "Engineers had closed the crossing in March after finding cracks in its iron girders. "
    "The council leader, Petra Holm, promised a temporary ferry for commuters within a week. "
    "Divers from the county rescue service searched the river Tane until noon.\n",
    "Nobody hurt as Marlowe bridge falls\n\n"
    "The central span of the Marlowe footbridge fell into the river Tane on Sunday. "
    "Fire crews said nobody was crossing the bridge when it gave way. "
    "Cracks in the iron girders had led engineers to close the bridge in March. "
    "Petra Holm, who leads the council, said a ferry would carry commuters across within a week. "
    "Local people gathered on the banks to watch the rescue divers.\n",
    "Council promises ferry after footbridge collapse in Marlowe\n\n"
    "Marlowe council will run a temporary ferry across the Tane after the town's footbridge collapsed. "
    "Council leader Petra Holm said the ferry would start within a week. "
    "The bridge had been closed since March, when engineers found its iron girders cracked. "
    "Its central span dropped into the river on Sunday while the crossing was empty. "
    "Shopkeepers on the north bank fear a long wait for a new bridge.\n",
]
CHESS = [
    "Varga wins world chess title in Oslo\n\n"
    "Ilona Varga became world chess champion in Oslo on Friday after beating Tomas Reyes. "
    "The decisive twelfth game lasted six hours and ended when Reyes resigned. "
    "Varga, twenty four, is the youngest woman to hold the open title. "
    "She dedicated the victory to her first coach in Debrecen.\n",
    "Reyes resigns as Varga takes chess crown\n\n"
    "Tomas Reyes resigned the twelfth game in Oslo on Friday, making Ilona Varga world champion. "
    "The final game went on for six hours. "
    "At twenty four Varga is the youngest woman ever to win the open championship. "
    "Reyes said he would play again next year.\n",
    "Youngest woman champion: Varga beats Reyes\n\n"
    "Ilona Varga of Hungary beat Tomas Reyes in Oslo to become the world chess champion. "
    "Reyes resigned after six hours of the twelfth and decisive game on Friday. "
    "Varga thanked her first coach in Debrecen, where she learned the game. "
    "She is the youngest woman to win the open title.\n",
]
UNRELATED = [
    "Slow-cooked lentil soup for winter\n\n"
    "Soak the lentils overnight and simmer them with onions, carrots and a bay leaf. "
    "A spoon of smoked paprika gives the soup its colour. Serve it with warm bread.\n",
    "Storms expected along the northern coast\n\n"
    "Forecasters expect gales and heavy rain along the northern coast from Tuesday. "
    "Ferry operators have warned of cancellations, and farmers are moving sheep to higher fields.\n",
    "Museum reopens its Roman gallery\n\n"
    "The city museum has reopened its Roman gallery after two years of restoration. "
    "Visitors can see a mosaic floor found under a car park and a collection of silver coins.\n",
    "United stay top after late winner\n\n"
    "A header in the ninetieth minute kept United at the top of the league on Saturday. "
    "Their manager praised the defence, which has not conceded at home since August.\n",
]
# Half bridge, half chess: single linkage would tie both stories together through it.
BRIDGE_AND_CHESS = (
    "Weekend round-up\n\n"
    "The old footbridge over the river Tane in Marlowe collapsed on Sunday while nobody was on it. "
    "Council leader Petra Holm promised a temporary ferry for commuters within a week. "
    "In Oslo, Ilona Varga beat Tomas Reyes on Friday to become world chess champion. "
    "Reyes resigned the twelfth game after six hours.\n"
)


def files(prefix: str, texts: list[str]) -> dict[str, str]:
    return {f"{prefix}_{i}.txt": text for i, text in enumerate(texts)}


def partition(events: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(group["article"]) for _, group in events.groupby("event")}


def runner() -> Runner:
    return Runner(workers=1)


# --- the five samples ----------------------------------------------------------------


# The gold is right (002 reports the March call, 003 comments on several), but the settings, chosen
# on dev data (bench/events_tune.py), make one story of the five: from text alone the calls are as
# alike in words and facts as one call's reports, and no dev set holds such a pair. With dates the
# same articles come apart (test_samples_with_dates_are_three_stories).
TEXT_ALONE_MISS = "text alone cannot tell the March call from the June call (settings chosen on dev data)"


@pytest.mark.xfail(strict=True, reason=TEXT_ALONE_MISS)
def test_samples_one_call_is_one_event_the_other_call_and_the_commentary_are_not(sample_corpus):
    events = find_events(sample_corpus, runner=runner())
    assert list(events.columns) == EVENT_COLUMNS
    assert partition(events) == {frozenset({SEED_000, SEED_001, SEED_004}), frozenset({SEED_002}),
                                 frozenset({SEED_003})}
    first = events[events.event == "E1"]
    assert set(first.article) == {SEED_000, SEED_001, SEED_004} and (first["size"] == 3).all()
    assert first.event_title.iloc[0] in set(first.title)  # named after one of its own articles
    assert first.central.sum() == 1 and first.iloc[0].central  # the central article leads its event
    assert first.similarity.between(0.175, 1.0).all()
    # Equal sizes, no dates: the lone events follow corpus order.
    assert events.set_index("article").event[[SEED_002, SEED_003]].tolist() == ["E2", "E3"]


def test_samples_with_dates_are_three_stories(tmp_path):
    events = find_events(load_corpus(dated_samples(tmp_path / "dated")), runner=runner())
    assert partition(events) == {frozenset({SEED_000, SEED_001, SEED_004}), frozenset({SEED_002}),
                                 frozenset({SEED_003})}
    assert list(events.columns) == EVENT_COLUMNS
    first = events[events.event == "E1"]
    assert set(first.article) == {SEED_000, SEED_001, SEED_004} and (first["size"] == 3).all()
    assert first.event_title.iloc[0] in set(first.title)  # named after one of its own articles
    assert first.central.sum() == 1 and first.iloc[0].central  # the central article leads its event
    assert first.similarity.between(EventSettings().threshold, 1.0).all()
    # Equal sizes: the lone events follow their dates (002 in March, 003 in late June).
    assert events.set_index("article").event[[SEED_002, SEED_003]].tolist() == ["E2", "E3"]


@pytest.mark.xfail(strict=True, reason=TEXT_ALONE_MISS)
def test_samples_without_metadata_group_the_same(tmp_path):
    for path in SAMPLE_DIR.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    events = find_events(load_corpus(tmp_path), runner=runner())
    assert partition(events) == {frozenset({SEED_000, SEED_001, SEED_004}), frozenset({SEED_002}),
                                 frozenset({SEED_003})}
    # 000 and 004 have no headline line: their file names must not become titles.
    titles = events.set_index("article").event_title
    assert not titles.str.contains("87e02c527b769735|4578fa6d09c8fd9d").any()


# --- hand-written corpora ------------------------------------------------------------


def test_one_story_told_by_three_outlets_is_one_event(make_corpus):
    events = find_events(make_corpus(files("bridge", BRIDGE)), runner=runner())
    assert events.event.unique().tolist() == ["E1"]
    assert (events["size"] == 3).all()
    assert events.event_title.iloc[0] in BRIDGE[0] + BRIDGE[1] + BRIDGE[2]


def test_two_stories_come_apart_exactly(make_corpus):
    corpus = make_corpus({**files("bridge", BRIDGE), **files("chess", CHESS)})
    events = find_events(corpus, runner=runner())
    assert partition(events) == {frozenset(files("bridge", BRIDGE)), frozenset(files("chess", CHESS))}


def test_unrelated_articles_each_stand_alone(make_corpus):
    events = find_events(make_corpus(files("misc", UNRELATED)), runner=runner())
    assert events.event.nunique() == len(UNRELATED)
    assert (events["size"] == 1).all() and events.similarity.isna().all() and events.central.all()
    # Lone events are named after their own article.
    assert (events.event_title == events.title).all()


def test_an_article_touching_two_stories_does_not_chain_them(make_corpus):
    corpus = make_corpus({**files("bridge", BRIDGE), **files("chess", CHESS), "roundup.txt": BRIDGE_AND_CHESS})
    groups = partition(find_events(corpus, runner=runner()))
    bridge, chess = set(files("bridge", BRIDGE)), set(files("chess", CHESS))
    assert not any(bridge & group and chess & group for group in groups)
    assert any(bridge <= group for group in groups) and any(chess <= group for group in groups)


def test_one_article_is_one_event(make_corpus):
    events = find_events(make_corpus({"only.txt": CHESS[0]}), runner=runner())
    assert events[["article", "event", "event_title", "size"]].values.tolist() == [
        ["only.txt", "E1", "Varga wins world chess title in Oslo", 1]]
    assert np.isnan(events.similarity.iloc[0])


def test_empty_corpus_gives_empty_frames_with_columns():
    events = find_events(Corpus(root="", articles=()), runner=runner())
    assert list(events.columns) == EVENT_COLUMNS and events.empty
    # Typed as a full grouping is, so code reading "size" or "central" works on an empty folder too.
    assert dict(events.dtypes.astype(str)) == {**dict.fromkeys(EVENT_COLUMNS, "object"), "size": "int64",
                                                "similarity": "float64", "central": "bool"}
    summary = event_summary(events)
    assert list(summary.columns) == SUMMARY_COLUMNS and summary.empty


def test_an_events_first_and_last_are_its_earliest_and_latest_instants():
    events = pd.DataFrame({"event": ["E1"] * 4, "event_title": ["Crane"] * 4, "article": list("abcd"),
                           "published": ["2025-12-06T23:37:00-05:00", "2025-12-07T01:00:00+01:00", "", "2025-12-06"]})
    row = event_summary(events).iloc[0]
    # String order would make 01:00 in Paris (midnight UTC) the last, and 23:37 in New York (04:37 UTC) earlier.
    assert (row["first"], row["last"]) == ("2025-12-06", "2025-12-06T23:37:00-05:00")


def test_identical_titles_do_not_join_different_stories(make_corpus):
    texts = {"a.txt": BRIDGE[0].split("\n\n", 1)[1], "b.txt": CHESS[0].split("\n\n", 1)[1],
             "c.txt": BRIDGE[1].split("\n\n", 1)[1]}
    metadata = "file,title\n" + "".join(f"{name},Morning briefing\n" for name in texts)
    events = find_events(make_corpus({**texts, "metadata.csv": metadata}), runner=runner())
    assert partition(events) == {frozenset({"a.txt", "c.txt"}), frozenset({"b.txt"})}
    assert set(events.event_title) == {"Morning briefing"}


def test_an_untitled_event_is_named_by_its_first_words(make_corpus):
    body = BRIDGE[0].split("\n\n", 1)[1]
    events = find_events(make_corpus({"report_7.txt": body}), runner=runner())
    assert events.event_title.iloc[0] == "The old footbridge over the river Tane in Marlowe collapsed early on …"


def test_no_dates_is_fine_and_dates_weeks_apart_keep_articles_apart(make_corpus):
    corpus = files("bridge", BRIDGE)
    undated = find_events(make_corpus(corpus), runner=runner())
    assert undated.published.eq("").all() and undated.event.nunique() == 1
    metadata = "file,published\nbridge_0.txt,2024-03-03\nbridge_1.txt,2024-03-04\nbridge_2.txt,2024-05-20\n"
    dated = find_events(make_corpus({**corpus, "metadata.csv": metadata}), EventSettings(far_apart_weight=0.0),
                        runner=runner())
    assert partition(dated) == {frozenset({"bridge_0.txt", "bridge_1.txt"}), frozenset({"bridge_2.txt"})}


def test_dates_weeks_apart_keep_their_own_no_fact_weight(tmp_path, sample_corpus):
    # Words alone join the samples' calls when facts count for nothing...
    loose = EventSettings(no_fact_weight=1.0, far_apart_weight=1.0)  # only the no-fact weight may part them
    assert find_events(sample_corpus, loose, runner=runner()).event.nunique() == 1
    # ...but dates weeks apart say the "when" differs, whatever undated pairs are allowed.
    dated = load_corpus(dated_samples(tmp_path / "dated"))
    assert partition(find_events(dated, loose, runner=runner())) == {
        frozenset({SEED_000, SEED_001, SEED_004}), frozenset({SEED_002}), frozenset({SEED_003})}
    joined = replace(loose, far_no_fact_weight=1.0)
    assert find_events(dated, joined, runner=runner()).event.nunique() < 3


def test_events_are_ordered_largest_first_then_earliest(make_corpus):
    metadata = ("file,published\n" + "".join(f"bridge_{i}.txt,2024-03-0{3 + i}\n" for i in range(3))
                + "".join(f"chess_{i}.txt,2023-11-1{i}\n" for i in range(3)) + "lone.txt,2022-01-01\n")
    corpus = make_corpus({**files("bridge", BRIDGE), **files("chess", CHESS), "lone.txt": UNRELATED[0],
                          "metadata.csv": metadata})
    summary = event_summary(find_events(corpus, runner=runner()))
    assert list(summary.columns) == SUMMARY_COLUMNS
    assert summary.event.tolist() == ["E1", "E2", "E3"]
    assert summary["size"].tolist() == [3, 3, 1]
    assert summary[["first", "last"]].values.tolist() == [["2023-11-10", "2023-11-12"],
                                                           ["2024-03-03", "2024-03-05"],
                                                           ["2022-01-01", "2022-01-01"]]
    assert set(summary.articles.iloc[0]) == set(files("chess", CHESS))
    assert summary.event_title.iloc[2] == "Slow-cooked lentil soup for winter"


def test_the_same_articles_in_another_order_give_the_same_events(tmp_path):
    def corpus(folder: str, texts: dict[str, str]) -> Corpus:
        (tmp_path / folder).mkdir()
        for name, text in texts.items():
            (tmp_path / folder / name).write_text(text, encoding="utf-8")
        return load_corpus(tmp_path / folder)

    texts = {**files("bridge", BRIDGE), **files("chess", CHESS), **files("misc", UNRELATED[:2])}
    first = find_events(corpus("first", texts), runner=runner())
    names = list(texts)
    random.Random(3).shuffle(names)
    again = find_events(corpus("shuffled", {f"{k:02d}_{name}": texts[name] for k, name in enumerate(names)}),
                        runner=runner())
    assert {frozenset(name[3:] for name in group) for group in partition(again)} == partition(first)
    pd.testing.assert_frame_equal(find_events(corpus("repeat", texts), runner=runner()), first)


def test_settings_are_frozen_and_hashable():
    settings = EventSettings()
    assert hash(settings) == hash(EventSettings())
    with pytest.raises(AttributeError):
        settings.threshold = 0.5  # type: ignore[misc]


def test_stems_are_cached_per_article_and_reused(make_corpus):
    class Store:
        def __init__(self):
            self.rows = {}

        def get_many(self, task, key, ids):
            return {i: self.rows[task, key, i] for i in ids if (task, key, i) in self.rows}

        def put_many(self, task, key, items):
            self.rows.update({(task, key, i): v for i, v in items.items()})

        def has_many(self, task, key, ids):
            return {i for i in ids if (task, key, i) in self.rows}

        def put_rows(self, rows):
            self.rows.update({(task, key, i): json.loads(text) for task, key, i, text in rows})

    corpus = make_corpus({**files("bridge", BRIDGE), **files("chess", CHESS)})
    cached = Runner(cache=Store(), workers=1)
    first = find_events(corpus, runner=cached)
    computed = cached.computed
    assert computed == 2 * len(corpus)  # stems and sentence stems, once each
    again = find_events(corpus, EventSettings(threshold=0.3), runner=cached)
    assert cached.computed == computed  # other settings, same per-article work
    assert partition(again) == partition(first)
    stems = article_sentence_stems(corpus.articles[0])
    assert json.loads(json.dumps(stems)) == stems and all(s == sorted(set(s)) for s in stems)


# --- the benchmark's adjusted Rand index, and BASIL ----------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location("events_bench", ROOT / "bench" / "events_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_grouping_is_kept_whole_and_comes_back_equal(make_corpus, tmp_path, monkeypatch):
    from dataclasses import replace

    from analysis.engine.cache import AnalysisCache
    from analysis.story import events as events_module

    corpus = make_corpus({**files("bridge", BRIDGE), **files("chess", CHESS), "lone.txt": "A lone note\n\nThe "
                          "village fete raised four hundred pounds for the church roof on Saturday."})
    cache = AnalysisCache(tmp_path / "cache.sqlite")
    runner = Runner(cache=cache, workers=1)
    first = find_events(corpus, runner=runner)
    assert first["similarity"].isna().any()  # the lone article: NaN must survive the cache
    # Kept as analysis.frame_json keeps every corpus-wide table, and read back with each column's dtype.
    task = task_name(find_events)
    (stored,) = cache.get_many(task, settings_key(EventSettings()), [corpus.key]).values()
    assert_kept_as_frame_json(stored, first)
    assert dict(frame_from_json(stored).dtypes.astype(str)) == {
        "article": "object", "event": "object", "event_title": "object", "size": "int64", "similarity": "float64",
        "central": "bool", "title": "object", "published": "object"}

    def no_grouping(*args, **kwargs):
        raise AssertionError("the kept grouping should have been served")

    monkeypatch.setattr(events_module, "_combined_similarity", no_grouping)
    pd.testing.assert_frame_equal(find_events(corpus, runner=runner), first)
    # another title names other articles: grouped afresh, never served stale
    renamed = replace(corpus, articles=(replace(corpus.articles[0], title="Another headline"), *corpus.articles[1:]))
    assert renamed.key != corpus.key
    with pytest.raises(AssertionError, match="kept grouping"):
        find_events(renamed, runner=runner)


# Adjusted Rand indexes worked out with scikit-learn's adjusted_rand_score (which the bench does not need).
@pytest.mark.parametrize(("truth", "predicted", "expected"), [
    ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], 0.24242424242424243),
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
    ([0, 0, 0, 1, 1, 2, 2, 2], [0, 0, 1, 1, 1, 2, 2, 0], 0.23809523809523808),
    ([1, 1, 2, 2, 3, 3, 3], [1, 1, 2, 3, 3, 3, 3], 0.5384615384615384),
])
def test_adjusted_rand_index(truth, predicted, expected):
    ari = _bench().adjusted_rand_index
    assert ari(truth, predicted) == pytest.approx(expected)
    assert ari(truth, truth) == 1.0
    assert ari([0, 0, 0], [1, 1, 1]) == 1.0 and ari([0, 1, 2], [5, 6, 7]) == 1.0


@pytest.mark.corpora
@pytest.mark.parametrize("with_metadata, floor", [(True, 0.95), (False, 0.9)])
def test_basil_tuning_years_merged_into_one_folder(tmp_path, with_metadata, floor):
    basil = SHARED_CORPORA / "basil_dev"
    if not basil.is_dir():
        pytest.skip("research corpus ../shared/corpora/basil_dev is not here")
    bench = _bench()
    events = bench.basil_events(basil, (2010, 2011, 2012))
    truth = bench.flatten(basil, events, tmp_path / "flat", with_metadata)
    ari, _ = bench.score_folder(tmp_path / "flat", truth, EventSettings())
    assert ari >= floor


def test_checking_facts_for_fewer_partners_keeps_the_stories(make_corpus):
    corpus = make_corpus({**files("bridge", BRIDGE), **files("chess", CHESS)})
    events = find_events(corpus, EventSettings(max_fact_partners=1), runner=runner())
    assert partition(events) == {frozenset(files("bridge", BRIDGE)), frozenset(files("chess", CHESS))}


def test_events_and_the_overview_read_one_article_similarity(make_corpus):
    """Titles and facts set aside, two articles' similarity in their event is the Overview's for the pair."""
    from analysis.article_similarity import similarity_matrix

    corpus = make_corpus({"a.txt": BRIDGE[0], "b.txt": BRIDGE[1], "c.txt": CHESS[0]})
    words_only = EventSettings(title_weight=0.0, no_fact_weight=1.0, threshold=0.3)
    events = find_events(corpus, words_only, runner=runner()).set_index("article")
    overview = similarity_matrix(corpus, runner=runner())
    assert events.loc["a.txt", "event"] == events.loc["b.txt", "event"] != events.loc["c.txt", "event"]
    assert 0.3 < overview.loc["a.txt", "b.txt"] < 1.0 and overview.loc["a.txt", "c.txt"] < 0.3
    assert events.loc["a.txt", "similarity"] == pytest.approx(overview.loc["a.txt", "b.txt"], abs=1e-6)


def test_event_labels_from_parts_group_as_find_events(make_corpus):
    """The benches' path (per-article parts held already) groups exactly as find_events does."""
    from analysis.article_similarity import article_stems

    corpus = make_corpus({**files("bridge", BRIDGE), **files("chess", CHESS), "roundup.txt": BRIDGE_AND_CHESS})
    articles = list(corpus.articles)
    matrix, labels = event_labels(articles, [article_stems(a) for a in articles],
                                  [article_sentence_stems(a) for a in articles])
    by_labels = {frozenset(a.path for a, label in zip(articles, labels) if label == chosen) for chosen in set(labels)}
    assert by_labels == partition(find_events(corpus, runner=runner()))
    assert matrix.shape == (len(articles), len(articles)) and np.allclose(np.diag(matrix), 1.0)


@pytest.mark.parametrize("weight", [0.5, 0.7, 1.0])
def test_a_dated_pair_close_in_time_never_counts_less_than_an_undated_one(make_corpus, weight):
    # Same place and people, one fact at most in common: the no-fact weight lowers the pair.
    texts = {"a.txt": "Flooding closed the main road into Marlowe on Monday morning.\n\nResidents of the "
                      "valley were told to stay indoors while pumps worked through the night.",
             "b.txt": "Marlowe council members argued about the flood budget for hours.\n\nValley residents "
                      "want a new road built higher, and the pumps bought last year replaced."}
    settings = EventSettings(no_fact_weight=weight, title_weight=0.0, threshold=0.0)

    from analysis.article_similarity import article_stems

    def pair(corpus: Corpus) -> float:
        articles = list(corpus.articles)
        return float(event_labels(articles, [article_stems(a) for a in articles],
                                  [article_sentence_stems(a) for a in articles], settings)[0][0, 1])

    undated = pair(make_corpus(texts))
    dated = pair(make_corpus({**texts, "metadata.csv": "file,published\na.txt,2024-03-03\nb.txt,2024-03-05\n"}))
    # The dates vouch for the "when" as one more shared fact would.
    assert undated > 0
    assert dated > undated if weight < 1 else dated == pytest.approx(undated)
