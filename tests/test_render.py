"""ui/render.highlighted: article text with markup in it comes out escaped, the highlights as <mark>."""

from __future__ import annotations

from ui.render import MARK_STYLE, highlighted


def test_markup_in_the_text_is_escaped_and_only_the_spans_are_marked() -> None:
    text = 'Putin <script>alert("x")</script> & <b>Trump</b> spoke'
    start = text.index("<b>")
    shown = highlighted(text, [(0, 5), (start, start + len("<b>Trump</b>"))])
    assert shown == (f'<mark style="{MARK_STYLE}">Putin</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; '
                     f'&amp; <mark style="{MARK_STYLE}">&lt;b&gt;Trump&lt;/b&gt;</mark> spoke')
    assert "<script>" not in shown and "<b>" not in shown


def test_overlapping_spans_make_one_mark_and_no_spans_none() -> None:
    assert highlighted("a <i> b", [(0, 3), (2, 5)], style="x") == '<mark style="x">a &lt;i&gt;</mark> b'
    assert highlighted("<i>", []) == "&lt;i&gt;"


def _draw_text_table() -> None:
    import pandas as pd

    from ui.render import text_table

    text_table(pd.DataFrame({
        "title": ["[click](javascript:alert(1)) <b>bold</b> | pipe", "line\nbreak :material/home: $x$", None],
        "url": ["https://example.org/a b<c>(d)", "", "http://example.org/"],
        "words": [3, 10, 0]}), "t.csv", key="t", links=("url",))


def test_a_text_table_shows_every_cell_as_text_and_links_only_its_link_column() -> None:
    from streamlit.testing.v1 import AppTest

    from tests.shown_tables import shown_tables

    at = AppTest.from_function(_draw_text_table, default_timeout=60)
    at.run()
    assert not at.exception
    (source,) = [m.value for m in at.markdown]
    rows = source.split("\n")
    assert len(rows) == 5 and all(r.startswith("| ") and r.endswith(" |") for r in rows)
    assert "](javascript" not in source and "<b>" not in source and ":material/" not in source
    assert "[https\\:\u200b//example\\.org/a b\\<c\\>\\(d\\)](<https://example.org/a%20b%3Cc%3E(d)>)" in source
    (shown,) = shown_tables(at)
    assert shown.to_dict("list") == {
        "title": ["[click](javascript:alert(1)) <b>bold</b> | pipe", "line break :material/home: $x$", ""],
        "url": ["https://example.org/a b<c>(d)", "", "http://example.org/"], "words": [3, 10, 0]}
    assert at.get("download_button")
