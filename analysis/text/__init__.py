"""The language layer: what every analysis knows about English news text, each thing once.

``words`` (the word pattern, tokens, stems, stopwords), ``idf`` (the one rarity
formula), the word lists (``speech`` verbs of saying, ``roles`` titles,
honorifics and name particles, ``abbreviations``), ``quote_marks`` (which
marks open and close, and the quoted mask), ``similarity`` and ``verdict``
(the sentence similarity and its shared/reworded call), ``tfidf`` (the one
article similarity), and ``wordnet`` (the reader of the tables in
analysis/resources/). It imports nothing of
StoryLens outside itself but ``analysis.engine._once``, so every other package may read it.
"""
