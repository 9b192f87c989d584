"""The stories of the articles in play: one reading of find_events' frame for the Story page, Overview and report."""

from __future__ import annotations

import pandas as pd

from analysis.story.in_play import fellows, stories_in_play, story_of

EVENTS = pd.DataFrame({"article": ["a.txt", "c.txt", "b.txt", "d.txt"], "event": ["E1", "E1", "E2", "E1"],
                       "size": [3, 3, 1, 3]})


def test_stories_in_play_keep_the_order_and_the_whole_story_size(make_corpus):
    chosen = make_corpus({"a.txt": "Alpha story.\n", "d.txt": "Delta story.\n", "b.txt": "Beta story.\n"})
    rows = stories_in_play(EVENTS, chosen)
    assert rows.to_dict("list") == {"article": ["a.txt", "b.txt", "d.txt"], "event": ["E1", "E2", "E1"],
                                    "size": [3, 1, 3]}
    assert list(rows.index) == [0, 1, 2]


def test_story_of_and_fellows():
    assert story_of(EVENTS) == {"a.txt": "E1", "c.txt": "E1", "b.txt": "E2", "d.txt": "E1"}
    assert fellows(EVENTS, "d.txt") == ["a.txt", "c.txt", "d.txt"]
    assert fellows(EVENTS, "b.txt") == ["b.txt"]
    assert fellows(EVENTS, "unknown.txt") == ["unknown.txt"]  # an article no story holds stands alone
    assert fellows(EVENTS[EVENTS["article"] != "c.txt"], "a.txt") == ["a.txt", "d.txt"]  # only the rows given
