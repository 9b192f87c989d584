"""Actors: who each article names, how it names them, whom it quotes, and how it treats them.

The pieces, in the order the data flows:

- :mod:`~analysis.actors.mentions`: per article, the shipped name finder's
  persons and organisations, the words naming them, quotations and their
  speakers, target sentiment per mention (one cached task);
- :mod:`~analysis.actors.resolve`: the same actor across articles, whatever
  the spelling; :mod:`~analysis.actors.lexicon_match`: an actor table's terms
  instead, when one is given (it wins over discovery);
- :mod:`~analysis.actors.evidence`: every mention resolved, with its voice;
- :mod:`~analysis.actors.sentiment` and :mod:`~analysis.actors.tables`: what
  the page and the CLI count and show.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.actors.evidence import AUTHOR, QUOTED, SPEAKER, UNKNOWN, ActorLayer, actor_layer
from analysis.actors.mentions import ORGANISATION, PERSON, MentionSettings, article_mentions, reads_language
from analysis.actors.name_forms import name_form
from analysis.actors.names import actor_terms, is_personal_name
from analysis.actors.sentiment import (
    CONFIDENT_NEGATIVE, CONFIDENT_POSITIVE, LABEL_BAND, METHODS, NET_PRIOR, SENTIMENT_COLUMNS, TREATMENT_VOICES,
    SentimentSettings, label_for, net_treatment, sentence_scores, sentence_sentiment, treatment, treatment_cached,
)
from analysis.actors.tables import (
    actor_evidence, mention_table, names_table, naming_grid, quote_table, voices_table, widest_first,
)
from analysis.engine.batch import Runner
from analysis.corpus import Corpus
from analysis.lexicon import Lexicon, dump_lexicon, lexicon_from_rows, parse_lexicon
from analysis.lexicon import lexicon_rows as _lexicon_rows

__all__ = [
    "ActorLayer", "actor_layer", "discover_actors", "actor_sentiment", "actor_mentions", "parse_actors",
    "dump_actors", "lexicon_rows", "lexicon_from_rows", "actor_terms", "is_personal_name", "article_mentions",
    "MentionSettings", "name_form", "sentence_sentiment", "SentimentSettings", "label_for", "sentence_scores",
    "treatment", "treatment_cached", "mention_table", "names_table", "naming_grid", "quote_table", "voices_table", "actor_evidence",
    "widest_first", "language_note",
    "PERSON", "ORGANISATION", "AUTHOR", "QUOTED", "SPEAKER", "UNKNOWN", "METHODS", "SENTIMENT_COLUMNS",
    "CONFIDENT_POSITIVE", "CONFIDENT_NEGATIVE", "LABEL_BAND", "NET_PRIOR", "net_treatment", "TREATMENT_VOICES", "Lexicon",
]

ACTORS_TABLE = "actors"


def language_note(corpus: Corpus) -> str:
    """What an analyst must know when some articles are not in English ("" when all are, or are too short to tell).

    Said by the Actors page and ``storylens actors``/``mentions``/``quotes``:
    the articles are not dropped from the folder, only from what reads English.
    """
    others = [a.language for a in corpus.articles if not reads_language(a)]
    if not others:
        return ""
    languages = ", ".join(f"{language} {count}" for language, count in Counter(others).most_common())
    return (f"{len(others)} of {len(corpus.articles)} articles are not in English ({languages}). Names and "
            "quotes are found, and sentiment read, in English only: discovery passes those articles over, "
            "and an actor table's matches in them carry no sentiment to quote.")


def parse_actors(text: str) -> Lexicon:
    """Read the ``[actors]`` table of an actors.toml document."""
    return parse_lexicon(text, ACTORS_TABLE)


def dump_actors(lexicon: Lexicon) -> str:
    """The actor lexicon as actors.toml text that :func:`parse_actors` reads back."""
    return dump_lexicon(lexicon, ACTORS_TABLE)


def lexicon_rows(lexicon: Lexicon) -> pd.DataFrame:
    """The lexicon as an editable table; ``lexicon_from_rows`` turns it back.

    Columns: actor, aliases (comma-joined).
    """
    return _lexicon_rows(lexicon, ("actor", "aliases"))


def discover_actors(corpus: Corpus, *, runner: Runner | None = None) -> Lexicon:
    """The persons and organisations the corpus names, most mentioned first, with the other names they go by."""
    return actor_layer(corpus, runner=runner).actors


def actor_sentiment(corpus: Corpus, actors: Lexicon | None = None, *, method: str = "article",
                    runner: Runner | None = None) -> pd.DataFrame:
    """How each article treats each actor (``actors`` given, else discovered); see :func:`treatment`."""
    layer = actor_layer(corpus, actors, runner=runner)
    return treatment(layer, corpus, method, runner=runner)


def actor_mentions(corpus: Corpus, actors: Lexicon | None, actor: str, article: str | None = None, *,
                   method: str = "article", runner: Runner | None = None) -> pd.DataFrame:
    """Every sentence naming ``actor`` with its score and voice; see :func:`actor_evidence`."""
    layer = actor_layer(corpus, actors, runner=runner)
    return actor_evidence(layer, corpus, actor, article, method, runner=runner)
