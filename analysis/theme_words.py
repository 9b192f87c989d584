"""The words of suggested themes: which stems may be terms, in which forms, and how a theme is labelled.

What the cached keyword pools say of each stem decides: a stem the corpus
writes in lower case may be a term; names of people, bodies and places are
capitalised, so they never label a theme, and crawl furniture ("IMAGE") is
capitalised too. A label is two or three of a theme's most telling words, a
recurring lower-case phrase of them first.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from analysis.lexicon import Lexicon, make_lexicon
from analysis.text.wordnet import noun_table
from analysis.text.words import STOPWORDS, WORD_RUN, stem, tokens

__all__ = ["GENERIC", "FURNITURE", "ThemeWords", "term_word", "name_themes"]

# Words every kind of news uses: as a label they say nothing ("people", "year"),
# and as terms they make every theme cover every article.
GENERIC = frozenset("""
people year years time times day days week weeks month months thing things way ways number numbers part
world country countries state states place places lot lots group groups end side news report reports
percent cent per told asked added called think thought want wanted know known going come coming get got
""".split())
# Crawl furniture that can be written in lower case ("photo", "caption"); the
# capitalised kind ("IMAGE", "Getty Images") never passes the lower-case test.
FURNITURE = frozenset("image images photo photos caption captions copyright getty advertisement subscribe "
                      "newsletter click http https www com html".split())
# A stem is written in lower case when its lower-case uses outnumber capitalised ones this many
# times: "Bush", "Labour" and a sentence-opening "Shares" stay out, "shares" mid-sentence is in.
_LOWER_FACTOR = 4
# A form of a stem becomes a term when it is at least this share of the stem's lower-case uses.
_FORM_SHARE = 0.15
# A label's phrase: a lower-case keyphrase of this many articles' pools, of the theme's top words only.
_PHRASE_ARTICLES = 3
_PHRASE_WORDS = 5


class ThemeWords:
    """What the keyword pools say of each stem: how often written in lower case, in which forms."""

    def __init__(self, pools: list[list[dict]]) -> None:
        self.lower: Counter[str] = Counter()
        self.capital: Counter[str] = Counter()
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.phrases: Counter[str] = Counter()  # lower-case phrase -> articles whose pool holds it
        self.alone: Counter[str] = Counter()  # lower-case word -> articles whose pool holds it as a keyword
        for pool in pools:
            seen = set()
            for item in pool:
                weight = len(item.get("sentences") or (0,))
                keyword = item["keyword"]
                for word in WORD_RUN.findall(keyword):
                    token = word.lower().replace("’", "'")
                    if token in STOPWORDS or "'" in token:
                        continue
                    key = stem(token)
                    if word.islower():
                        self.lower[key] += weight
                        self.forms[key][token] += weight
                    else:
                        self.capital[key] += weight
                if keyword.islower() and keyword not in seen:
                    seen.add(keyword)
                    (self.phrases if " " in keyword else self.alone)[keyword] += 1

    def shown(self, key: str) -> str:
        """The stem as a label shows it: its form, or the two-word phrase it mostly stands in.

        "prime" is written alone in lower case only inside "prime minister".
        """
        form = self.form(key)
        phrases = [(n, p) for p, n in self.phrases.items()
                   if len(p.split()) == 2 and form in p.split() and n >= max(_PHRASE_ARTICLES, self.alone[form])]
        return max(phrases, key=lambda e: (e[0], [-ord(c) for c in e[1]]))[1] if phrases else form

    def is_lower(self, key: str) -> bool:
        return self.lower[key] > 0 and self.lower[key] >= _LOWER_FACTOR * self.capital[key]

    def form(self, key: str) -> str:
        """The stem's commonest lower-case form (ties: the shorter, then alphabetical)."""
        return min(self.forms[key].items(), key=lambda f: (-f[1], len(f[0]), f[0]))[0]

    def terms(self, key: str) -> list[str]:
        """The lower-case forms a lexicon needs to match the stem's uses: plurals match their singular."""
        forms = sorted(self.forms[key].items(), key=lambda f: (-f[1], len(f[0]), f[0]))
        total = sum(count for _, count in forms)
        kept: list[str] = []
        for form, count in forms:
            if count < _FORM_SHARE * total:
                break  # a rare form is often another word the light stem joins ("site", "sitting")
            # A plural whose singular the corpus also writes is kept as that singular, which matches both:
            # "exports" alone missed a sentence's "export".
            singular = next((form[:-len(end)] for end in ("s", "es")
                             if form.endswith(end) and form[:-len(end)] in self.forms[key]), form)
            if singular not in kept and not any(
                    singular in (k + "s", k + "es") or (k.endswith("y") and singular == k[:-1] + "ies") for k in kept):
                kept.append(singular)
        return kept


def term_word(key: str, words: ThemeWords) -> bool:
    """Whether a stem may be a term: written in lower case, neither generic nor furniture."""
    if not words.is_lower(key):
        return False
    form = words.form(key)
    return form not in GENERIC and form not in FURNITURE


def name_themes(themes: list[list[str]], components, vocab: list[str], words: ThemeWords) -> Lexicon:
    from analysis.models.ner import is_place

    index = {s: i for i, s in enumerate(vocab)}
    totals = components.sum(axis=0) + 1e-12
    entries = []
    used: set[str] = set()
    for theme, stems in enumerate(themes):
        if not stems:
            continue
        # Most telling: heavy in this theme and light in the others.
        weight = {s: components[theme, index[s]] ** 2 / totals[index[s]] for s in stems}
        telling = sorted((s for s in stems if not is_place(words.form(s))), key=lambda s: (-weight[s], s))
        if not telling:
            continue
        # A label names what the theme is about: words that can be nouns ("sanctions", not "geopolitical"),
        # the others only where it has fewer than two.
        nouns = [s for s in telling if _is_noun(s)]
        if len(stems) == 1 and not nouns:
            continue  # one word that is never a noun ("crucial", "civil"): a word some passages share, not a theme
        telling = nouns if len(nouns) >= 2 else nouns + [s for s in telling if s not in nouns]
        label = _label(telling, weight, words, used)
        used.add(label)
        # The label's words first, then the rest in alphabetical order: an order that one more
        # article cannot shuffle, and easy to scan in the editor.
        terms = sorted((t for s in stems for t in words.terms(s)), key=lambda t: (t not in label.split(", "), t))
        phrases = [p for p in label.split(", ") if " " in p]
        entries.append((len(stems), label, phrases + terms))
    entries.sort(key=lambda e: (-e[0], e[1]))
    return make_lexicon((label, terms) for _, label, terms in entries)


def _is_noun(key: str) -> bool:
    """Whether the stem can be a noun: WordNet gives it a noun sense ("subpoena", "military", "returns", however
    often their uses are verbs or adjectives; "russian", a proper noun's), or does not know it (a new word). Not
    "crucial", "geopolitical", "extend": a label of those names nothing."""
    file, share = noun_table().get(key, ("-", 1.0))
    return file != "" or share > 0


def _label(telling: list[str], weight: dict[str, float], words: ThemeWords, used: set[str]) -> str:
    """Two or three of the theme's most telling words, a recurring phrase of them first when there is one."""
    top = telling[:_PHRASE_WORDS]
    best, best_score = None, 0.0
    for phrase, articles in words.phrases.items():
        if articles < _PHRASE_ARTICLES:
            continue
        keys = [stem(t) for t in phrase.split() if t not in STOPWORDS]
        if len(keys) >= 2 and all(k in top for k in keys):
            score = sum(weight[k] for k in keys) * math.log1p(articles)
            if score > best_score or (score == best_score and best is not None and phrase < best):
                best, best_score = phrase, score
    items = [best] if best else []
    covered = {stem(t) for t in tokens(best)} if best else set()
    for s in telling:
        if len(items) >= (2 if best else 3):
            break
        if s not in covered:
            shown = words.shown(s)
            items.append(shown)
            covered |= {stem(t) for t in tokens(shown)}
    label = ", ".join(items)
    for s in telling[len(items):]:
        if label not in used:
            break
        label += ", " + words.shown(s)
    return label
