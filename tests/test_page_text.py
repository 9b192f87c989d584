"""A saved page's main text: trafilatura's extractor alone, its whole cascade only when that finds little."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from trafilatura import bare_extraction, load_html

from analysis.corpus.pages import FULL_CASCADE_MIN_CHARS, _length, _main_text, read_page

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = ("The harbour wall at Port Avon failed during the night, flooding the docks, the café and the old fish "
            "market, officials said on Monday. ")


def cascade(tree, fast: bool) -> str:
    document = bare_extraction(tree, include_comments=False, include_tables=True, fast=fast, favor_precision=True)
    return document.text if document is not None else ""


def test_an_article_the_extractor_finds_is_not_read_again():
    paragraphs = "".join(f"<p>Report {i}: {SENTENCE} Crews worked on section {i} until dawn.</p>" for i in range(12))
    tree = load_html(f"<html><body><article><h1>Harbour wall fails</h1>{paragraphs}</article></body></html>")
    text = _main_text(tree)
    assert _length([text]) >= FULL_CASCADE_MIN_CHARS
    assert text == cascade(tree, fast=True)


def test_a_short_find_asks_the_whole_cascade_which_finds_the_article():
    # The body is text between <br>s, not paragraphs: trafilatura's extractor alone takes only the lead,
    # readability (in its cascade) finds the article.
    body = "<br><br>".join([SENTENCE * 3] * 8)
    html = (f"<html><body><article><h1>Storm</h1><p>A short lead about the wall.</p></article>"
            f'<div class="content">{body}</div></body></html>')
    tree = load_html(html)
    assert _length([cascade(tree, fast=True)]) < FULL_CASCADE_MIN_CHARS
    text = _main_text(tree)
    assert text == cascade(tree, fast=False)
    assert text.count("harbour wall at Port Avon failed") == 24
    assert "harbour wall at Port Avon failed" in read_page(html.encode()).text


def test_the_pool_imports_the_page_readers_before_it_forks(tmp_path):
    """warm_up imports them in the parent: forked workers share them rather than import them each."""
    code = ("import sys\nfrom analysis.corpus.pages import warm_up\n"
            "assert 'trafilatura' not in sys.modules\nwarm_up()\n"
            "print(all(m in sys.modules for m in ('trafilatura', 'htmldate', 'readability')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "True"


def test_a_page_saved_again_as_utf8_keeps_its_old_latin1_declaration():
    """Valid UTF-8 beyond ASCII is UTF-8 whatever single-byte charset the page declares; Latin-1 bytes stay Latin-1."""
    from analysis.corpus.pages import decode_page

    html = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Straßen für Zoë</p>'
    assert "Straßen für Zoë" in decode_page(html.encode("utf-8"))
    assert "Straßen für Zoë" in decode_page(html.encode("latin-1"))
    assert "c’est" in decode_page('<meta charset="windows-1252"><p>c’est</p>'.encode("cp1252"))
