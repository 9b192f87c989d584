"""Every mention of every actor, resolved, with its form, its voice and its score: what the tables count.

Two ways in, one shape out. With no actor table, the names the name finder
found are merged into actors (:mod:`analysis.actors.resolve`). With a table
(actors.toml, or the one edited on the Actors page), its terms are matched
and each match borrows what the name finder knew about the same words (type,
score, form), or is read afresh. Either way each mention says whose voice it
is in: the author's, a quotation's (someone else's words about the actor), or
the actor's own as a speaker: what an actor says is not how the article
treats them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from analysis.actors.lexicon_match import lexicon_mentions
from analysis.actors.mentions import ORGANISATION, PERSON, MentionSettings, article_mentions
from analysis.actors.name_forms import name_form
from analysis.actors.names import actor_terms, clean_name, is_personal_name
from analysis.actors.quotes import UNKNOWN
from analysis.actors.records import Mention, mentions_of, quotes_of
from analysis.actors.resolve import resolve
from analysis.engine.batch import Runner, task_name
from analysis.corpus import Article, Corpus
from analysis.frame_json import frame_from_json, frame_to_json
from analysis.lexicon import Lexicon, make_lexicon
from analysis.models import target_sentiment

__all__ = ["ActorLayer", "actor_layer", "MENTION_COLUMNS", "QUOTE_COLUMNS", "UNKNOWN",
           "AUTHOR", "QUOTED", "SPEAKER"]

# Whose voice a mention is in.
AUTHOR = "author"  # the article's own words
QUOTED = "quoted"  # inside a quotation: someone's words about the actor
SPEAKER = "speaker"  # the actor speaking in this sentence: their voice, not their treatment

MENTION_COLUMNS = ["article", "sentence_index", "start", "end", "text", "actor", "type", "form", "form_start",
                   "form_end", "negative", "neutral", "positive", "voice", "quote_speaker"]
QUOTE_COLUMNS = ["article", "sentence_index", "speaker", "quote", "words", "cue", "start", "end"]
_DETERMINERS = ("the ", "a ", "an ")


@dataclass(frozen=True)
class ActorLayer:
    """The actors of a corpus and all their mentions and quotations."""

    actors: Lexicon  # (name, aliases) in order, most mentioned first
    types: dict[str, str]  # actor -> PERSON or ORGANISATION
    mentions: pd.DataFrame  # MENTION_COLUMNS, one row per mention (start, end, form_start, form_end: in the sentence)
    quotes: pd.DataFrame  # QUOTE_COLUMNS, one row per direct quotation (start, end: in the article text)
    # Names what the layer was made from (corpus content, actor table, type kept): two layers with one key
    # are the same, so a result computed from one serves the other. "" for a layer made by hand.
    key: str = ""

    def of_type(self, kind: str) -> "ActorLayer":
        """The same layer with only the actors of ``kind`` (PERSON or ORGANISATION); quotes are all kept."""
        keep = {name for name, t in self.types.items() if t == kind}
        return ActorLayer(tuple(entry for entry in self.actors if entry[0] in keep),
                          {name: t for name, t in self.types.items() if name in keep},
                          self.mentions[self.mentions["actor"].isin(keep)].reset_index(drop=True), self.quotes,
                          f"{self.key}|{kind}" if self.key else "")


def actor_layer(corpus: Corpus, lexicon: Lexicon | None = None, *, runner: Runner | None = None) -> ActorLayer:
    """The actor layer of ``corpus``: discovered when ``lexicon`` is None, else the table's actors.

    Kept whole in the cache under the corpus's key (`storylens index` fills
    it): joining the names of the 2,225 BBC articles takes over a second
    with every article's mentions cached, and the Actors page of every fresh
    server would pay it.
    """
    runner = runner or Runner()
    table, key = layer_keys(corpus, lexicon)

    def build() -> ActorLayer:
        results = runner.map(article_mentions, corpus.articles, MentionSettings())
        layer = _discovered(corpus.articles, results) if lexicon is None else _from_lexicon(corpus.articles,
                                                                                              results, lexicon)
        return replace(layer, key=key)

    return runner.corpus_wide(task_name(actor_layer), table, corpus.key, build, _encode,
                              lambda stored: _decode(stored, key))


def layer_keys(corpus: Corpus, lexicon: Lexicon | None) -> tuple[str | None, str]:
    """What :func:`actor_layer` keeps the layer under (with the corpus's key), and the layer's own key."""
    table = None if lexicon is None else hashlib.sha256(repr(lexicon).encode()).hexdigest()[:20]
    return table, hashlib.sha256(f"{corpus.key}\0{lexicon!r}".encode()).hexdigest()[:20]


def _encode(layer: ActorLayer) -> dict:
    return {"actors": [[name, list(aliases)] for name, aliases in layer.actors], "types": layer.types,
            "mentions": frame_to_json(layer.mentions), "quotes": frame_to_json(layer.quotes)}


def _decode(stored: dict, key: str) -> ActorLayer:
    return ActorLayer(tuple((name, tuple(aliases)) for name, aliases in stored["actors"]), dict(stored["types"]),
                      frame_from_json(stored["mentions"]), frame_from_json(stored["quotes"]), key)


def _discovered(articles: Sequence[Article], results: Sequence[dict]) -> ActorLayer:
    resolution = resolve(articles, results)
    rows, quotes = [], []
    for number, (article, result) in enumerate(zip(articles, results)):
        speakers = _speakers(article, result, lambda key: resolution.owner.get((number, key)))
        quotes += _quote_rows(article, result, speakers)
        for m in mentions_of(result):
            actor = resolution.owner.get((number, m.key))
            if actor:
                base = article.sentences[m.sentence_index].start
                rows.append(_row(article, m.sentence_index, m.start - base, m.end - base, actor, m.type,
                                 m.form_start - base, m.form_end - base, _scores(m)))
    types = {a.name: a.type for a in resolution.actors}
    lexicon = make_lexicon((a.name, a.aliases) for a in resolution.actors)
    return ActorLayer(lexicon, types, _with_voices(articles, rows, quotes), _quote_frame(quotes))


def _from_lexicon(articles: Sequence[Article], results: Sequence[dict], lexicon: Lexicon) -> ActorLayer:
    names = [name for name, _ in lexicon]
    # A table's proper names match only where written as names: "Theresa May" not in "the deal may
    # collapse", "Gordon Brown" not in "brown envelopes". An alias in lowercase ("the pontiff")
    # matches as written.
    proper = {name: all(term[:1].isupper() for term in actor_terms(name, aliases)) for name, aliases in lexicon}
    rows, quotes, votes, pending = [], [], {name: Counter() for name in names}, []
    for article, result, by_actor in zip(articles, results, lexicon_mentions(articles, lexicon)):
        found: dict[int, list[Mention]] = {}  # the name finder's mentions by sentence
        for m in mentions_of(result):
            found.setdefault(m.sentence_index, []).append(m)
        matched: dict[tuple[int, int], str] = {}  # article span of a match -> actor
        for name, mentions in zip(names, by_actor):
            for index, spans in mentions:
                sentence = article.sentences[index]
                if not sentence.is_body:
                    continue
                for start, end in spans:
                    if proper[name] and sentence.text[start:start + 1].islower():
                        continue
                    # "Trump’s": the mention is the name; the possessive belongs to the sentence.
                    owned = re.search(r"['’]s?$", sentence.text[start:end], re.IGNORECASE)
                    end = end - len(owned.group()) if owned and end - start > len(owned.group()) else end
                    base = sentence.start
                    known = next((m for m in found.get(index, ()) if m.start < base + end and base + start < m.end),
                                 None)
                    opening = not sentence.text[:start].strip(" \"“‘'(")
                    if known is None and opening and " " not in sentence.text[start:end].strip():
                        continue  # "Brown envelopes ...": a capital opening a sentence is no name unless the model says so
                    matched[(base + start, base + end)] = name
                    if known:
                        votes[name][known.type] += 1
                        rows.append(_row(article, index, start, end, name, None, known.form_start - base,
                                         known.form_end - base, _scores(known)))
                    else:
                        form_start, form_end = _alias_form(sentence.text, start, end)
                        rows.append(_row(article, index, start, end, name, None, form_start, form_end, None))
                        pending.append((len(rows) - 1, sentence.text, start, end))
        key_actor = _key_actors(article, result, matched)
        speakers = _speakers(article, result, key_actor.get, matched)
        quotes += _quote_rows(article, result, speakers)
    _score_pending(rows, pending)
    types = {name: _type(name, votes[name]) for name in names}
    for row in rows:
        row["type"] = types[row["actor"]]
    return ActorLayer(lexicon, types, _with_voices(articles, rows, quotes), _quote_frame(quotes))


def _type(name: str, votes: Counter) -> str:
    if votes:
        return PERSON if votes[PERSON] >= votes[ORGANISATION] else ORGANISATION
    return PERSON if is_personal_name(name) else ORGANISATION


def _alias_form(text: str, start: int, end: int) -> tuple[int, int]:
    """The form of a table match: its titles, and "the" before a common-noun alias ("the Russian leader")."""
    form_start, form_end = name_form(text, start, end)
    if any(word[:1].islower() for word in text[start:end].split()):
        before = text[:form_start]
        for determiner in _DETERMINERS:
            cut = len(before) - len(determiner)
            if before.lower().endswith(determiner) and (cut == 0 or not before[cut - 1].isalnum()):
                form_start = cut
                break
    return form_start, form_end


def _key_actors(article: Article, result: dict, matched: dict[tuple[int, int], str]) -> dict[int, str]:
    """Which table actor each of the article's found names stands for, by the matches it overlaps."""
    votes: dict[int, Counter] = {}
    for m in mentions_of(result):
        for (start, end), name in matched.items():
            if start < m.end and m.start < end:
                votes.setdefault(m.key, Counter())[name] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in votes.items()}


def _speakers(article: Article, result: dict, actor_of_key, matched=None) -> list[str]:
    """The actor speaking each quotation of the article (UNKNOWN when the text does not say).

    A speaker the name finder missed is named as the text writes them ("Kovner"), actor or not.
    """
    out, forms = [], None
    for q in quotes_of(result):
        actor = actor_of_key(q.speaker_key) if q.speaker_key >= 0 else None
        if actor is None and matched and q.speaker_start >= 0:
            actor = next((n for (s, e), n in matched.items() if s < q.speaker_end and q.speaker_start < e), None)
        written = q.written
        if actor is None and q.speaker_key >= 0:  # a name the actors left out is still the name the text gives
            forms = forms if forms is not None else _longest_forms(article, result)
            written = forms.get(q.speaker_key, "")
        out.append(actor or written or UNKNOWN)
    return out


def _longest_forms(article: Article, result: dict) -> dict[int, str]:
    """Each name key of the article as its longest mention writes it, titles cut ("Michael Steele")."""
    forms: dict[int, str] = {}
    for m in mentions_of(result):
        name = clean_name(article.text[m.start:m.end])
        if len(name) > len(forms.get(m.key, "")):
            forms[m.key] = name
    return forms


def _quote_rows(article: Article, result: dict, speakers: list[str]) -> list[dict]:
    return [{"article": article.path, "sentence_index": q.sentence_index, "speaker": speaker, "quote": q.text,
             "words": len(q.text.split()), "cue": q.cue, "start": q.start, "end": q.end}
            for q, speaker in zip(quotes_of(result), speakers)]


def _quote_frame(quotes: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(quotes, columns=QUOTE_COLUMNS)


def _row(article: Article, index: int, start: int, end: int, actor: str, kind: str | None,
         form_start: int, form_end: int, scores) -> dict:
    text = article.sentences[index].text
    negative, neutral, positive = scores if scores is not None else (None, None, None)
    return {"article": article.path, "sentence_index": index, "start": start, "end": end, "text": text[start:end],
            "actor": actor, "type": kind, "form": text[form_start:form_end], "form_start": form_start,
            "form_end": form_end, "negative": negative,
            "neutral": neutral, "positive": positive, "voice": AUTHOR, "quote_speaker": ""}


def _scores(m: Mention) -> tuple[float, float, float]:
    return m.negative, m.neutral, m.positive


def _score_pending(rows: list[dict], pending: list[tuple[int, str, int, int]]) -> None:
    """Target scores for table matches the name finder had not found (aliases such as "the pontiff")."""
    if not pending:
        return
    others: dict[str, list[tuple[int, int]]] = {}
    for _, text, start, end in pending:
        others.setdefault(text, []).append((start, end))
    items = [(text, start, end, [s for s in others[text] if s != (start, end)]) for _, text, start, end in pending]
    for (number, *_), score in zip(pending, target_sentiment.score_many(items)):
        rows[number].update(negative=round(score.negative, 4), neutral=round(score.neutral, 4),
                            positive=round(score.positive, 4))


def _with_voices(articles: Sequence[Article], rows: list[dict], quotes: list[dict]) -> pd.DataFrame:
    """The mention rows as a frame, each with its voice: author, quoted (and by whom), or speaker."""
    by_article: dict[str, list[dict]] = {}
    for quote in quotes:
        by_article.setdefault(quote["article"], []).append(quote)
    starts = {a.path: a.sentences for a in articles}
    for row in rows:
        spoken = by_article.get(row["article"])
        if not spoken:
            continue
        base = starts[row["article"]][row["sentence_index"]].start
        at = base + row["start"]
        inside = next((q for q in spoken if q["start"] <= at < q["end"]), None)
        if inside is not None:
            row["voice"] = SPEAKER if inside["speaker"] == row["actor"] else QUOTED
            row["quote_speaker"] = inside["speaker"]
        elif any(q["speaker"] == row["actor"] and q["sentence_index"] == row["sentence_index"] for q in spoken):
            row["voice"] = SPEAKER
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)

