"""What two articles say alike or differently: sentence alignment, word changes.

Sentences are compared with analysis.similarity (content words, WordNet
synonyms, IDF from the two articles; no model needed) and paired by a global
best-first matching, not in order, because outlets reorder facts. A long
sentence may pair by its clauses with several sentences of the other article
that split what it says. The figures one article gives and the other does
not are analysis.story.figures.figures_apart.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis._tokens import idf_weights, sentence_stems
from analysis.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.similarity import SentenceRep, SimilaritySettings, match, matched_words, matches, represent, score

__all__ = [
    "CompareSettings", "sentence_similarity", "align", "pair_status", "word_changes",
    "alignment_summary", "similarity_matrix", "most_similar_pairs", "article_stems",
]

ALIGN_COLUMNS = ["a_index", "a_sentence", "b_index", "b_sentence", "similarity", "status"]


@dataclass(frozen=True)
class CompareSettings:
    """Similarity cut-offs for calling a sentence pair shared or reworded, and the similarity's own."""

    # "shared" is judged with synonyms given no credit (pair_status): a copy
    # with one content word in ten changed keeps 0.9, two in ten 0.8. The
    # rewritten pairs of samples 001 and 004 (one wire story, two outlets)
    # reach 0.69 at most, so 0.8 leaves a margin on both sides.
    shared_threshold: float = 0.8
    # The pairs a reader draws between 001 and 004 score 0.42-0.69
    # (tests/test_compare.py). Chance: a sentence's best match in another
    # BBC article of the same category (another story on a like subject),
    # clauses allowed, reaches 0.35 for 0.4% of sentences; 0.30 for 1.4%
    # (bench/paraphrase_bench.py --chance 150).
    reworded_threshold: float = 0.35
    # A sentence's further partner must owe at least this share of its match
    # (by IDF weight) to words of the sentence no earlier partner matched:
    # 001's "Trump did not dissuade Putin from potential retaliatory actions"
    # pairs with 004's "... act in response to the attacks" and then, on
    # dissuade / discourage (0.29 of the match), with "Trump did not
    # discourage Putin from responding"; a sentence repeating what its
    # partner already matched stays alone. At 0.5 that sample pair is lost.
    new_words: float = 0.25
    similarity: SimilaritySettings = field(default_factory=SimilaritySettings)


def sentence_similarity(a: str, b: str, idf: Mapping[str, float] | None = None,
                        settings: SimilaritySettings = SimilaritySettings()) -> float:
    """Similarity of two sentences in [0, 1] (analysis.similarity): the best of wholes and clauses.

    ``idf`` weights rare words up (align passes one built from both
    articles); without it every content word counts the same.
    """
    return match(represent(a, idf, settings), represent(b, idf, settings), settings).score


def align(a: Article, b: Article, settings: CompareSettings = CompareSettings()) -> pd.DataFrame:
    """Pair the sentences of two articles, best pairs first; a sentence may pair more than once.

    Columns: a_index, a_sentence, b_index, b_sentence (index Int64, <NA> on a
    missing side), similarity (0..1), status (shared, reworded, only_a, only_b).
    A pair joins two sentences, or a clause of one with the other or its
    clause (analysis.similarity.matches). A sentence that states two things
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


def pair_status(a: SentenceRep, b: SentenceRep, settings: CompareSettings = CompareSettings()) -> str:
    """"shared" when two paired reps (sentences or clauses) say it in the same words, else "reworded".

    The same words: their similarity with synonyms and other links given no
    credit reaches ``shared_threshold``; a synonym swapped in is a rewording.
    """
    exact = score(a, b, replace(settings.similarity, synonym=0.0, related=0.0, bridge=0.0))
    return "shared" if exact >= settings.shared_threshold else "reworded"


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


# --- corpus similarity ---------------------------------------------------------------

# Stems in more than this many articles go into a dense matrix multiplied
# once; the rarer shared stems (most of the vocabulary, and the telling ones)
# are added pair by pair, which costs the sum of their squared document
# frequencies. 48 keeps both halves small on the 2,225-article BBC corpus
# (about 1,300 dense columns, under 2 million sparse pairs).
DENSE_MIN_ARTICLES = 48


def article_stems(article: Article, settings: None = None) -> dict[str, int]:
    """How often each content-word stem occurs in the article (a cached per-article task)."""
    del settings  # one way to count; the parameter is Runner.map's shape
    # The text's stems are its sentences' stems: no word spans the space between two sentences.
    return dict(Counter(stem for sentence in sentence_stems(article) for stem in sentence))


# Bump when _tokens changes what a stem is: cached counts would be stale.
article_stems.result_version = 2  # 2: stems lost the hand synonym list (WordNet links them now)


def similarity_matrix(corpus: Corpus, *, runner: Runner | None = None) -> pd.DataFrame:
    """Document similarity of every pair of articles: TF-IDF cosine of content-word stems.

    Index and columns are article paths; the diagonal is 1.0. Weights are raw
    stem counts times smoothed IDF over the corpus; a stem only one article
    uses counts in that article's length but cannot make two articles alike.
    """
    paths = [article.path for article in corpus.articles]
    n = len(paths)
    if n == 0:
        return pd.DataFrame(np.zeros((0, 0)), index=paths, columns=paths)
    counts = (runner or Runner()).map(article_stems, corpus.articles, None)
    doc, column, weight, df = _weights(counts)
    values = np.zeros((n, n))
    shared = df[column] >= 2  # a stem in one article adds nothing to any pair
    dense = shared & (df[column] > DENSE_MIN_ARTICLES)
    if dense.any():
        columns, position = np.unique(column[dense], return_inverse=True)
        matrix = np.zeros((n, len(columns)), dtype=np.float32)
        matrix[doc[dense], position] = weight[dense]
        values += matrix @ matrix.T
    sparse = shared & ~dense
    if sparse.any():
        values += _pair_sums(doc[sparse], column[sparse], weight[sparse], n)
    np.clip(values, 0.0, 1.0, out=values)
    np.fill_diagonal(values, 1.0)
    return pd.DataFrame(values, index=paths, columns=paths)


def _weights(counts: list[dict[str, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(document, stem column, L2-normalised TF-IDF weight) per nonzero entry, and each stem's df."""
    stems = [s for doc_counts in counts for s in doc_counts]
    vocabulary = {s: i for i, s in enumerate(dict.fromkeys(stems))}
    column = np.fromiter(map(vocabulary.__getitem__, stems), dtype=np.int64, count=len(stems))
    weight = np.fromiter((c for doc_counts in counts for c in doc_counts.values()), dtype=np.float64,
                         count=len(stems))
    doc = np.repeat(np.arange(len(counts)), [len(doc_counts) for doc_counts in counts])
    n = len(counts)
    df = np.bincount(column, minlength=len(vocabulary))
    # The same smoothed IDF as _tokens.idf_weights: a stem in every article still counts.
    weight *= np.log((n + 1) / (df[column] + 1)) + 1.0
    norms = np.sqrt(np.bincount(doc, weights=weight * weight, minlength=n))
    weight /= norms[doc]  # an empty article has no entries, so no zero norm is used
    return doc, column, weight, df


def _pair_sums(doc: np.ndarray, column: np.ndarray, weight: np.ndarray, n: int) -> np.ndarray:
    """Sum over stems of weight products for every pair of articles sharing the stem (n x n)."""
    order = np.argsort(column, kind="stable")
    doc, column, weight = doc[order], column[order], weight[order]
    starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
    sizes = np.diff(np.r_[starts, len(column)])
    # Entry e pairs with every entry of its stem's run: repeat e once per run
    # member, and walk the run alongside.
    run_size = np.repeat(sizes, sizes)
    run_start = np.repeat(starts, sizes)
    left = np.repeat(np.arange(len(column)), run_size)
    offsets = np.arange(len(left)) - np.repeat(np.cumsum(run_size) - run_size, run_size)
    right = np.repeat(run_start, run_size) + offsets
    cells = doc[left] * n + doc[right]
    return np.bincount(cells, weights=weight[left] * weight[right], minlength=n * n).reshape(n, n)


def most_similar_pairs(
    similarity: pd.DataFrame | Corpus, top: int = 50, *, runner: Runner | None = None
) -> pd.DataFrame:
    """The ``top`` most similar pairs of distinct articles, most similar first.

    Takes a :func:`similarity_matrix` result, or a corpus to build one from
    (``runner`` then serves its per-article stem counts). Ties keep matrix
    order. Columns: a, b (article paths, a before b in the matrix), similarity.
    """
    matrix = similarity if isinstance(similarity, pd.DataFrame) else similarity_matrix(similarity, runner=runner)
    n = len(matrix)
    values = matrix.to_numpy(dtype=np.float64)
    upper = np.arange(n)[:, None] < np.arange(n)[None, :]
    flat = np.where(upper, values, -np.inf).ravel()
    pairs = n * (n - 1) // 2
    take = max(0, min(top, pairs))
    if take == 0:
        return pd.DataFrame({"a": [], "b": [], "similarity": []}).astype({"a": object, "b": object, "similarity": float})
    # The take-th best value, then every pair above it and the first pairs equal to it.
    cut = np.partition(flat, flat.size - take)[flat.size - take]
    above = np.flatnonzero(flat > cut)
    level = np.flatnonzero(flat == cut)[: take - len(above)]
    chosen = np.concatenate([above, level])
    chosen = chosen[np.lexsort((chosen, -flat[chosen]))]
    rows, cols = np.divmod(chosen, n)
    return pd.DataFrame({"a": matrix.index[rows].to_numpy(dtype=object),
                         "b": matrix.columns[cols].to_numpy(dtype=object),
                         "similarity": flat[chosen]})
