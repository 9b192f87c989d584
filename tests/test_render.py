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
