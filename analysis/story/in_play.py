"""The stories of the articles in play, read one way by the Story page, the Overview and the report.

Stories are found over the whole folder (:func:`~analysis.story.events.find_events`),
so their ids are the sidebar's and ``storylens events``' whatever is in
play; these functions only read that frame for the articles chosen.
"""

from __future__ import annotations

import pandas as pd

from analysis.corpus import Corpus

__all__ = ["stories_in_play", "story_of", "fellows"]


def stories_in_play(events: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """The rows of ``events`` (a find_events frame) whose article is in ``corpus``, in order; ``size`` stays the whole story's."""
    held = {a.path for a in corpus.articles}
    return events[events["article"].isin(held)].reset_index(drop=True)


def story_of(events: pd.DataFrame) -> dict[str, str]:
    """Article path -> its story's id, for every row of ``events``."""
    return dict(zip(events["article"], events["event"]))


def fellows(events: pd.DataFrame, path: str) -> list[str]:
    """The articles of ``path``'s story among ``events``' rows, ``path`` included; ``[path]`` when it has none.

    What an article leaves out is judged against these (the Story page and the report).
    """
    story = events.loc[events["article"] == path, "event"]
    return events.loc[events["event"] == story.iloc[0], "article"].tolist() if len(story) else [path]
