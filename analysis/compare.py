"""What two articles say alike or differently: sentence alignment, word changes.

Sentences are compared with analysis.text.similarity (content words, WordNet
synonyms, IDF from the two articles; no model needed) and paired by a global
best-first matching, not in order, because outlets reorder facts. A long
sentence may pair by its clauses with several sentences of the other article
that split what it says. The figures one article gives and the other does
not are analysis.story.figures.figures_apart.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from analysis.corpus import Article
from analysis.text.idf import idf_weights
from analysis.text.similarity import SentenceRep, matched_words, matches, represent
from analysis.text.verdict import CompareSettings, pair_status
from analysis.text.words import sentence_stems

__all__ = ["align", "word_changes", "alignment_summary"]

ALIGN_COLUMNS = ["a_index", "a_sentence", "b_index", "b_sentence", "similarity", "status"]


def align(a: Article, b: Article, settings: CompareSettings = CompareSettings()) -> pd.DataFrame:
    """Pair the sentences of two articles, best pairs first; a sentence may pair more than once.

    Columns: a_index, a_sentence, b_index, b_sentence (index Int64, <NA> on a
    missing side), similarity (0..1), status (shared, reworded, only_a, only_b).
    A pair joins two sentences, or a clause of one with the other or its
    clause (analysis.text.similarity.matches). A sentence that states two things
    pairs with each sentence of the other article stating one of them, one
    row per partner: a further partner must match mostly words of it that
    the earlier ones did not (``CompareSettings.new_words``). A sentence pairs
    only with one of its kind: a headline with a headline, a section heading
    with a section heading, body text with body text. "shared" needs the same
    words, synonyms aside (a pair of synonyms is a rewording). Rows follow
    A's order, a sentence's partners in B's order; a lone B sentence comes
    after the last row holding its nearest preceding paired B sentence (at
    the top when there is none).
    """
    similarity = settings.similarity
    idf = idf_weights([*sentence_stems(a), *sentence_stems(b)])
    a_reps = [represent(s.text, idf, similarity) for s in a.sentences]
    b_reps = [represent(s.text, idf, similarity) for s in b.sentences]
    candidates = []
    for i, (sa, ra) in enumerate(zip(a.sentences, a_reps)):
        for j, (sb, rb) in enumerate(zip(b.sentences, b_reps)):
            # A headline names the whole story, a heading one part of it: alike words, different roles.
            if sa.kind != sb.kind:
                continue
            # Ties go to the pair at the closer relative position.
            drift = abs(i / max(len(a_reps), 1) - j / max(len(b_reps), 1))
            for m in matches(ra, rb, similarity, settings.reworded_threshold):
                candidates.append((-m.score, m.a_clause is not None, m.b_clause is not None, drift, i, j, m))
    candidates.sort(key=lambda c: c[:6])
    a_used: dict[int, set[str]] = {}
    b_used: dict[int, set[str]] = {}
    pairs: dict[tuple[int, int], tuple[float, str]] = {}
    for *_, i, j, m in candidates:
        if (i, j) in pairs:
            continue
        part_a, part_b = a_reps[i].part(m.a_clause), b_reps[j].part(m.b_clause)
        words_a, words_b = matched_words(part_a, part_b, similarity)
        if _mostly_new(words_a, a_used.get(i), part_a, settings) and \
                _mostly_new(words_b, b_used.get(j), part_b, settings):
            a_used.setdefault(i, set()).update(words_a)
            b_used.setdefault(j, set()).update(words_b)
            pairs[(i, j)] = (m.score, pair_status(part_a, part_b, settings))
    return _frame(a, b, pairs)


def _mostly_new(words: dict[str, float], used: set[str] | None, part: SentenceRep,
                settings: CompareSettings) -> bool:
    """True when most of the matched weight falls on words no earlier pair of the sentence matched."""
    if not used:
        return True
    matched = sum(part.weights[t] * c for t, c in words.items())
    new = sum(part.weights[t] * c for t, c in words.items() if t not in used)
    return matched > 0 and new >= settings.new_words * matched


def _frame(a: Article, b: Article, pairs: dict[tuple[int, int], tuple[float, str]]) -> pd.DataFrame:
    keyed: list[tuple[tuple[int, int, int], dict]] = []
    paired_a = {i for i, _ in pairs}
    for (i, j), (score_, status) in pairs.items():
        keyed.append(((i, 0, j), _row(i, a.sentences[i].text, j, b.sentences[j].text, score_, status)))
    for i, sentence in enumerate(a.sentences):
        if i not in paired_a:
            keyed.append(((i, 0, -1), _row(i, sentence.text, None, "", 0.0, "only_a")))
    # Anchor each lone B sentence after the last row of the closest earlier paired B sentence.
    b_anchor: dict[int, int] = {}
    for i, j in pairs:
        b_anchor[j] = max(b_anchor.get(j, -1), i)
    anchor = -1
    for j, sentence in enumerate(b.sentences):
        if j in b_anchor:
            anchor = b_anchor[j]
            continue
        keyed.append(((anchor, 1, j), _row(None, "", j, sentence.text, 0.0, "only_b")))
    keyed.sort(key=lambda item: item[0])
    frame = pd.DataFrame([row for _, row in keyed], columns=ALIGN_COLUMNS)
    for column in ("a_index", "b_index"):
        frame[column] = frame[column].astype("Int64")
    frame["similarity"] = frame["similarity"].astype(float)
    return frame


def _row(i: int | None, a_text: str, j: int | None, b_text: str, score: float, status: str) -> dict:
    return {"a_index": i, "a_sentence": a_text, "b_index": j, "b_sentence": b_text,
            "similarity": round(float(score), 4), "status": status}


_WORD_PIECE = re.compile(r"\s*(?:\w+(?:['’\-.]\w+)*|[^\w\s])|\s+")


def word_changes(a_sentence: str, b_sentence: str) -> list[tuple[str, str, str]]:
    """Word-level diff as (op, a_text, b_text), op one of equal, replace, delete, insert.

    Each piece carries its leading whitespace, so joining the a_texts gives
    ``a_sentence`` back exactly (and the b_texts ``b_sentence``).
    """
    a_pieces = _WORD_PIECE.findall(a_sentence)
    b_pieces = _WORD_PIECE.findall(b_sentence)
    matcher = difflib.SequenceMatcher(
        None, [p.strip().lower() for p in a_pieces], [p.strip().lower() for p in b_pieces],
        autojunk=False,
    )
    return [
        (op, "".join(a_pieces[i1:i2]), "".join(b_pieces[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def alignment_summary(alignment: pd.DataFrame) -> dict[str, float | int]:
    """How much of each article the other carries, and the count of each status.

    Keys: a_in_b, b_in_a (shares 0..1 of each article's sentences in at least
    one shared or reworded pair: a sentence counts once, however many
    partners it has), shared, reworded (pairs), only_a, only_b (sentences).
    """
    paired = alignment[alignment["status"].isin(["shared", "reworded"])]
    counts = alignment["status"].value_counts()
    n = {status: int(counts.get(status, 0)) for status in ("shared", "reworded", "only_a", "only_b")}
    a_paired, b_paired = paired["a_index"].nunique(), paired["b_index"].nunique()
    a_total, b_total = a_paired + n["only_a"], b_paired + n["only_b"]
    return {
        "a_in_b": a_paired / a_total if a_total else 0.0,
        "b_in_a": b_paired / b_total if b_total else 0.0,
        **n,
    }
