"""Text: decoding any encoding, junk removal as the seeds need it, sentences and their spans."""

from __future__ import annotations

import codecs

import pytest

from analysis.corpus.text import UndecodableText, clean, decode, detect_language, split_sentences
from tests.conftest import SAMPLE_DIR, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

ALL_SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]
WORDS = "Ceasefire talks in Zürich “resumed” on Tuesday — with café owners watching.\n"


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(WORDS.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + WORDS.encode("utf-8"), id="utf-8 BOM"),
        pytest.param(WORDS.encode("utf-16"), id="utf-16 BOM (native)"),
        pytest.param(codecs.BOM_UTF16_LE + WORDS.encode("utf-16-le"), id="utf-16-le BOM"),
        pytest.param(codecs.BOM_UTF16_BE + WORDS.encode("utf-16-be"), id="utf-16-be BOM"),
        pytest.param(WORDS.encode("utf-16-le"), id="utf-16-le no BOM"),
        pytest.param(WORDS.encode("utf-16-be"), id="utf-16-be no BOM"),
    ],
)
def test_decode_unicode_encodings_round_trip(data: bytes) -> None:
    assert decode(data) == WORDS  # and no BOM character left at the start


def test_decode_cp1252_curly_quotes_and_dashes() -> None:
    text = "Caf\u00e9 \u201cdiplomacy\u201d \u2014 it\u2019s back \u20ac5"
    assert decode(text.encode("cp1252")) == text


def test_decode_latin1_bytes_that_cp1252_cannot_read() -> None:
    # 0x81 is undefined in cp1252, so only Latin-1 can read this file.
    data = "Zürich café ".encode("latin-1") + b"\x81"
    assert decode(data).startswith("Zürich café ")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bytes(range(256)) * 8, id="all bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), id="png header"),
        pytest.param(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 40, id="control characters"),
    ],
)
def test_decode_binary_raises(data: bytes) -> None:
    with pytest.raises(UndecodableText):
        decode(data)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_clean_normalises_line_endings(newline: str) -> None:
    raw = newline.join(["Talks resume in Geneva", "", "The envoys met.", "", "They left."])
    cleaned = clean(raw)
    assert "\r" not in cleaned.text
    assert cleaned.text == "Talks resume in Geneva\n\nThe envoys met.\n\nThey left."


# --- junk removal ------------------------------------------------------------------------------


def test_share_counter_zeros_are_removed() -> None:
    raw = "Trump-Putin Call: A Shift\n\n    0\n    0\n\n    The presidents spoke for two hours.\n"
    cleaned = clean(raw)
    assert cleaned.text == "Trump-Putin Call: A Shift\n\nThe presidents spoke for two hours."
    assert "0" in [r.text for r in cleaned.removed]


def test_rule_lines_are_removed() -> None:
    cleaned = clean("Headline here\n****\nThe body starts. It ends.\n-----\n")
    assert "*" not in cleaned.text and "-" not in cleaned.text
    assert "****" in [r.text for r in cleaned.removed]


def test_byline_under_headline_becomes_byline_not_text() -> None:
    raw = "Trump and Putin Discuss Ukraine Conflict\nICARO Media Group\n****\nIn a detailed conversation, they spoke.\n"
    cleaned = clean(raw)
    assert cleaned.headline == "Trump and Putin Discuss Ukraine Conflict"
    assert cleaned.byline == "ICARO Media Group"
    assert "ICARO" not in cleaned.text
    assert cleaned.text.endswith("In a detailed conversation, they spoke.")


def test_byline_line_lower_in_the_text_is_not_taken() -> None:
    # Only the line right under the headline is a byline; a sentence naming an agency stays.
    raw = "Talks in Geneva\n\nThe envoys met for hours.\n\nReuters news agency\n\nThey will return.\n"
    cleaned = clean(raw)
    assert cleaned.byline == ""
    assert "Reuters news agency" in cleaned.text


def test_chinese_comment_footer_under_english_text_is_dropped() -> None:
    raw = (
        "Putin Praises Talks\n\nThe leaders spoke again on Friday. They agreed to talk more.\n\n"
        "评论\n\n发表回复\n\n您的邮箱地址不会被公开。 必填项已用 * 标注\n"
    )
    cleaned = clean(raw)
    assert not _has_cjk(cleaned.text)
    assert cleaned.text.endswith("They agreed to talk more.")
    assert "发表回复" in [r.text for r in cleaned.removed]


def test_english_comment_form_footer_is_dropped() -> None:
    raw = "Headline words\n\nThe body is here.\n\nLeave a Reply\n\nYour email address will not be published.\n"
    assert clean(raw).text == "Headline words\n\nThe body is here."


def test_chinese_article_is_not_emptied() -> None:
    raw = "普京与特朗普通电话\n\n双方讨论了乌克兰局势和停火问题。\n\n克里姆林宫表示会谈富有成效。\n"
    cleaned = clean(raw)
    assert "双方讨论了乌克兰局势和停火问题。" in cleaned.text
    assert "克里姆林宫表示会谈富有成效。" in cleaned.text
    assert cleaned.headline == "普京与特朗普通电话"


# --- headlines and sentences -------------------------------------------------------------------


def test_headline_without_stop_is_its_own_sentence() -> None:
    # One newline only, as scraped: the headline must not glue onto the first sentence.
    cleaned = clean("Conflict Continues Amid Negotiations\nDuring the call, Trump spoke. Putin answered.\n")
    texts = [s.text for s in split_sentences(cleaned.text)]
    assert texts == ["Conflict Continues Amid Negotiations", "During the call, Trump spoke.", "Putin answered."]


def test_hard_wrapped_paragraph_is_joined() -> None:
    # Text wrapped at ~70 columns, as in e-mailed or plain-text copies: a line that stops
    # mid-sentence and is followed by a lowercase start continues the same sentence.
    raw = (
        "Talks in Geneva\n\n"
        "The delegations met in Geneva on Tuesday to discuss the terms of a\n"
        "ceasefire, and the talks lasted for three hours. They left.\n"
    )
    texts = [s.text for s in split_sentences(clean(raw).text)]
    assert texts == [
        "Talks in Geneva",
        "The delegations met in Geneva on Tuesday to discuss the terms of a ceasefire, "
        "and the talks lasted for three hours.",
        "They left.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith flew to the U.S. on Monday. He met Dr. Jones there.",
            ["Mr. Smith flew to the U.S. on Monday.", "He met Dr. Jones there."],
        ),
        (
            "Donald J. Trump spoke first. Then Putin replied.",
            ["Donald J. Trump spoke first.", "Then Putin replied."],
        ),
        (
            "Growth was 3.5 percent in May. It slowed later.",
            ["Growth was 3.5 percent in May.", "It slowed later."],
        ),
        (
            "Putin rejected a 30-60 day ceasefire. Kyiv objected!",
            ["Putin rejected a 30-60 day ceasefire.", "Kyiv objected!"],
        ),
        (
            "He said “it will not end the war.” Trump agreed? Yes.",
            ["He said “it will not end the war.”", "Trump agreed?", "Yes."],
        ),
        (
            "The e.g. case holds. Numbers like 1,000 stay. 500 prisoners were freed.",
            ["The e.g. case holds.", "Numbers like 1,000 stay.", "500 prisoners were freed."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_no_sentence_crosses_a_line_break() -> None:
    sentences = split_sentences("First line without stop\nsecond line lower case.")
    assert [s.text for s in sentences] == ["First line without stop", "second line lower case."]


def test_sentence_indexes_count_from_zero() -> None:
    sentences = split_sentences("One. Two.\n\nThree.")
    assert [s.index for s in sentences] == [0, 1, 2]


SPAN_SAMPLES = [
    "Mr. Smith flew to the U.S. on Monday. He met Dr. Jones.\n\n  Indented  paragraph here. Ok!",
    "普京与特朗普通电话\n\n双方讨论了乌克兰局势。",
    "Headline\n\n“Quoted start.” (Bracketed.) End…",
]


@pytest.mark.parametrize("text", SPAN_SAMPLES)
def test_spans_point_at_sentence_text(text: str) -> None:
    sentences = split_sentences(text)
    assert sentences
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_spans_on_every_seed(sample_corpus, name: str) -> None:
    article = sample_corpus.article(name)
    assert article.sentences == split_sentences(article.text, headline=article.sentences[0].kind == "headline")
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text


def test_seed_004_subheadings_are_their_own_sentences(sample_corpus) -> None:
    texts = [s.text for s in sample_corpus.article(SEED_004).sentences]
    for heading in (
        "Conflict Continues Amid Negotiations",
        "Putin Rejects Comprehensive Ceasefire",
        "Focus on Humanitarian Concerns",
        "Continued Tensions with the U.S. and China",
        "Ukraine’s Response and Prospects for Peace",
        "The Role of European Diplomacy",
    ):
        assert heading in texts
        following = texts[texts.index(heading) + 1]
        assert not following.startswith(heading)
    assert "He dismissed Ukraine’s call for an unconditional ceasefire of 30 to 60 days" in " ".join(texts)


def test_seed_001_headline_is_first_sentence_and_byline_gone(sample_corpus) -> None:
    texts = [s.text for s in sample_corpus.article(SEED_001).sentences]
    assert texts[0] == "Trump and Putin Discuss Ukraine Conflict, Deliberate Over Retaliation and Peace Prospects"
    assert texts[1].startswith("In a detailed conversation held on Wednesday, former U.S. President Donald Trump")
    assert texts[1].endswith("talks concentrating on the Ukraine conflict.")


def test_seed_003_footer_gone_and_text_kept(sample_corpus) -> None:
    article = sample_corpus.article(SEED_003)
    assert not _has_cjk(article.text)
    assert article.text.endswith("amidst persistent volatility.")
    raw = clean(decode((SAMPLE_DIR / SEED_003).read_bytes()))
    assert {"评论", "发表回复"} <= {r.text for r in raw.removed}


def test_seed_002_counters_gone(sample_corpus) -> None:
    article = sample_corpus.article(SEED_002)
    assert "\n0\n" not in article.text
    assert all(s.text != "0" for s in article.sentences)
    assert article.sentences[1].text.startswith("The presidents of the United States and Russia")


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The delegations met in Geneva on Tuesday and the talks were long.", "en"),
        ("Die Delegationen trafen sich am Dienstag in Genf, um über die Waffenruhe zu sprechen.", "de"),
        ("俄罗斯总统普京与美国总统特朗普通电话，讨论乌克兰局势。", "zh"),
        ("", "und"),
        ("12345 67 --- 890", "und"),
        ("Xyzzy plugh qwerty zork frobozz", "und"),
        ("Presiden mengatakan bahwa pemerintah akan terus bekerja dengan semua pihak untuk menjaga "
         "perdamaian di wilayah itu, karena situasi yang ada tidak bisa dibiarkan.", "id"),
        ("Prezydent powiedział, że rząd nie zgodzi się na te warunki, ale rozmowy będą trwały przez "
         "cały tydzień w Warszawie oraz w Brukseli.", "pl"),
        # English heavy in words other languages' lists would hold if they took short ones ("a", "i", "to")
        ("I told him a story, and I said to a friend that I would go to a show on a boat.", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_every_seed_is_english(sample_corpus) -> None:
    assert {a.language for a in sample_corpus.articles} == {"en"}
