"""The Actors page's voices chart: a bar per article, or per outlet past a few dozen articles."""

from __future__ import annotations

import pandas as pd

from analysis.actors.charts import CHART_MAX_ARTICLES, voices


def _voices(articles: int) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    paths = [f"{'tech' if i % 2 else 'sport'}/{i:03}.txt" for i in range(articles)]
    table = pd.DataFrame({"article": [p for p in paths for _ in range(2)],
                          "speaker": ["Ann Lee", "unknown"] * articles, "words": [10, 3] * articles})
    return table, {p: f"Title {p}" for p in paths}, {p: p.split("/")[0] for p in paths}


def _bars(figure) -> dict[str, float]:
    totals: dict[str, float] = {}
    for trace in figure.data:
        for label, words in zip(trace.y, trace.x):
            totals[label] = totals.get(label, 0) + words
    return totals


def test_past_the_chart_limit_one_bar_per_outlet_holds_every_word():
    table, titles, groups = _voices(CHART_MAX_ARTICLES + 1)
    bars = _bars(voices(table, titles, groups))
    assert sorted(bars) == ["sport", "tech"]
    assert sum(bars.values()) == table["words"].sum()
    assert bars["sport"] == 13 * sum(1 for g in groups.values() if g == "sport")


def test_up_to_the_limit_one_bar_per_article_with_or_without_groups():
    table, titles, groups = _voices(CHART_MAX_ARTICLES)
    for figure in (voices(table, titles, groups), voices(table, titles)):
        bars = _bars(figure)
        assert len(bars) == CHART_MAX_ARTICLES and set(bars.values()) == {13}
        assert all(label.startswith("Title ") for label in bars)
