"""Claims across articles: a gold of claims written by reading the five samples, and bad input."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

from analysis.story.claims import (CLAIM_COLUMNS, STORY_MAX_ARTICLES, ClaimSettings, claim_matrix, claim_summary,
                                   find_claims, missing_from, only_in)

# Claims the samples carry in two or more articles, written by reading them: for each, a piece of the
# sentence (or sentences) of each article that states it. 000, 001 and 004 report one call.
GOLD = {
    "Trump and Putin spoke on Wednesday": {
        SEED_000: ["engaged in a telephone conversation with former U.S. President"],
        SEED_001: ["In a detailed conversation held on Wednesday"],
        SEED_004: ["held a lengthy conversation with Russian President Vladimir Putin on Wednesday"]},
    "the talks will not bring immediate peace": {
        SEED_000: ["would not yield an immediate end to the war"],
        SEED_001: ["would not result in an \"immediate peace\""],
        SEED_004: ["would not lead to immediate peace"]},
    "Russia will retaliate for the attacks on its airfields": {
        SEED_000: ["will have to respond"],
        SEED_001: ["Russia is likely to retaliate", "asserting his intention to respond to these attacks"],
        SEED_004: ["Russia would retaliate to Ukraine", "Russia would act in response to the attacks"]},
    "Trump did not dissuade Putin": {
        SEED_001: ["Trump did not dissuade Putin"],
        SEED_004: ["Trump did not discourage Putin"]},
    "a full ceasefire would only let Kyiv regroup and rearm": {
        SEED_001: ["dismissed the idea of a comprehensive ceasefire"],
        SEED_004: ["a full ceasefire in Ukraine would not benefit Russia"]},
    "Putin rejected an unconditional 30 to 60 day ceasefire": {
        SEED_001: ["unconditional 30-60 day ceasefire"],
        SEED_004: ["unconditional ceasefire of 30 to 60 days"]},
    "Zelenskyy called Russia's proposals ultimatums": {
        SEED_001: ["peace proposals as mere ultimatums", "non-negotiable ultimatum"],
        SEED_004: ["describing them as ultimatums"]},
    "Russia is returning over 300 Ukrainian children": {
        SEED_001: ["return of over 300 Ukrainian children"],
        SEED_004: ["return more than 300 Ukrainian children"]},
    "progress on prisoner exchanges and the return of bodies": {
        SEED_001: ["proceed with prisoner exchanges", "exchange of captives and the return of bodies"],
        SEED_004: ["prisoner exchanges and the return of fallen soldiers"]},
    "Erdoğan offered to host a summit": {
        SEED_001: ["Erdoğan expressing his desire to host a summit"],
        SEED_004: ["facilitated by Turkish President Recep Tayyip Erdoğan"]},
    "Ukraine's drone strikes hit Russian aircraft": {
        SEED_000: ["Ukraine’s drone strikes, which successfully targeted", "41 Russian aircraft were impacted"],
        SEED_001: ["a mass drone strike on Russian airfields"],
        SEED_004: ["The drone strike, which targeted several key Russian bombers"]},
    "Trump posted about the call on Truth Social": {
        SEED_000: ["a post on Truth Social"],
        SEED_001: ["Trump's Truth Social post detailed"]},
    "Ukraine did not tell Trump of the attacks beforehand": {
        SEED_000: ["not forewarned about the planned assault"],
        SEED_001: ["Ukraine had not informed him of the drone attacks beforehand"]},
    # 003, a commentary, meets the reports here (the undated samples are one story; the claims that cross
    # two stories are tested with 003 put in a story of its own, and on articles made for it, below)
    "Russia and Ukraine met in Istanbul": {
        SEED_000: ["met in Istanbul earlier in the week", "steadfast in their positions"],
        SEED_001: ["Negotiations in Istanbul on Monday had not produced any significant progress"],
        SEED_003: ["the Istanbul meeting between Russian and Ukrainian delegations", "recent progress in Istanbul"]},
    "a prisoner exchange (500 prisoners of war in 001, 1,000 detainees on each side in 003)": {
        SEED_001: ["a swap of 500 prisoners of war", "a prisoner exchange was anticipated"],
        SEED_003: ["reciprocal release of 1,000 detainees on each side"]},
    "Iran's nuclear programme came up": {
        SEED_000: ["negotiations regarding Iran’s nuclear aspirations", "Putin may be willing to take an active role"],
        SEED_001: ["concerning Iran’s nuclear program", "Putin's offer of assistance in U.S.-Iran talks"]},
    "the ICC says children were abducted": {
        SEED_001: ["International Criminal Court (ICC) allege"],
        SEED_004: ["International Criminal Court (ICC) have raised concerns"]},
    "Putin is cool on meeting Zelenskyy, citing the attacks": {
        SEED_001: ["the Russian leader has remained non-committal"],
        SEED_004: ["Putin remains opposed, citing the recent attacks"]},
}


@pytest.fixture(scope="module")
def claims(sample_corpus):
    return find_claims(sample_corpus)


def _gold_of(article: str, sentence: str) -> set[str]:
    return {name for name, pieces in GOLD.items() for piece in pieces.get(article, []) if piece in sentence}


def test_columns_follow_the_contract(claims):
    assert list(claims.columns[:5]) == ["claim", "article", "sentence_index", "sentence", "similarity"]
    assert list(claims.columns) == CLAIM_COLUMNS
    assert set(claims["status"]) <= {"shared", "reworded"}


def test_at_least_ten_gold_claims_are_found(claims):
    found = set()
    for _, group in claims.groupby("claim"):
        by_gold: dict[str, set[str]] = {}
        for row in group.itertuples():
            for name in _gold_of(row.article, row.sentence):
                by_gold.setdefault(name, set()).add(row.article)
        found |= {name for name, articles in by_gold.items() if len(articles) >= 2}
    assert len(found) >= 10, sorted(set(GOLD) - found)
    print(f"{len(found)} of {len(GOLD)} gold claims found; not found: {sorted(set(GOLD) - found)}")


def test_dissuade_is_not_paired_with_peace_not_imminent(claims):
    # 001's "Trump did not dissuade Putin from potential retaliatory actions" once paired with 004's "Trump
    # stated that peace was not imminent" on Trump, Putin and a loose link; its gold partner is 004's "did not
    # discourage Putin", which the similarity reaches only through dissuade / discourage (0.28: not found)
    dissuade = claims[claims["sentence"].str.contains("Trump did not dissuade Putin")]
    for claim in dissuade["claim"]:
        assert not claims.loc[claims["claim"] == claim, "sentence"].str.contains("peace was not imminent").any()


def test_the_prisoner_exchange_of_a_report_and_a_commentary_is_one_claim_with_its_clashing_figures(claims):
    # 001 (a report) gives 500 prisoners of war, 003 (a commentary) 1,000 detainees
    swap = claims[claims["sentence"].str.contains("swap of 500 prisoners|1,000 detainees")]
    assert set(swap["article"]) == {SEED_001, SEED_003} and swap["claim"].nunique() == 1


def test_the_prisoner_exchange_crosses_story_lines_with_its_clashing_figures(sample_corpus):
    # The undated samples are one story; here the commentary 003 is put in a story of its own, as a
    # grouping by date or wording could: its claim still meets the report 001 across the story line.
    paths = [a.path for a in sample_corpus.articles]
    events = pd.DataFrame({"article": paths, "event": ["E2" if p == SEED_003 else "E1" for p in paths]})
    claims = find_claims(sample_corpus, events=events)
    swap = claims[claims["sentence"].str.contains("swap of 500 prisoners|1,000 detainees")]
    assert set(swap["article"]) == {SEED_001, SEED_003} and swap["claim"].nunique() == 1
    assert set(swap["event"]) == {"E1", "E2"}


def test_the_istanbul_meeting_of_the_commentary_meets_a_report(claims):
    # 003 writes its Istanbul meeting and, after a dash, what the meeting meant; the first part is 000's sentence
    met = claims[claims["sentence"].str.contains("officials met in Istanbul|the Istanbul meeting between")]
    assert set(met["article"]) == {SEED_000, SEED_003} and met["claim"].nunique() == 1
    part = met[met["article"] == SEED_003].iloc[0]
    assert part["sentence"][part["part_start"]:part["part_end"]].endswith("Russian and Ukrainian delegations")


def test_claims_rarely_join_two_gold_claims(claims):
    # Word overlap cannot always tell a sentence's main point from a side remark: 004's "During the call, Trump
    # did not discourage Putin from responding to Ukraine's drone attacks on Russian airfields" also shares the
    # airfields and the call with the Truth Social post. Most claims must still hold one gold claim only.
    mixed = []
    for claim, group in claims.groupby("claim"):
        # judged on the part of each sentence that states the claim (a clause of a long one)
        named = [g for g in (_gold_of(r.article, r.sentence[r.part_start:r.part_end]) for r in group.itertuples()) if g]
        if any(not (a & b) for i, a in enumerate(named) for b in named[i + 1:]):
            mixed.append(claim)
    assert len(mixed) <= 2, mixed
    assert len(mixed) <= 0.2 * claims["claim"].nunique()


def test_one_sentence_per_article_and_no_headings(claims, sample_corpus):
    assert not claims.duplicated(["claim", "article"]).any()
    for row in claims.itertuples():
        assert sample_corpus.article(row.article).sentences[row.sentence_index].kind == "body"


def test_claims_order_and_counts(claims):
    summary = claim_summary(claims)
    assert summary["articles"].tolist() == sorted(summary["articles"], reverse=True)
    assert (summary["articles"] >= 2).all()
    assert (summary["shared"] + summary["reworded"] == summary["articles"]).all()
    assert summary["label"].str.len().gt(0).all()


def test_a_long_sentence_states_two_claims_by_its_clauses(claims):
    # 001 splits into clauses what 004 says in two sentences: the claims name the part that matched
    retaliate = claims[claims["sentence"].str.contains("cautioning that Russia is likely to retaliate")]
    assert len(retaliate) >= 1
    for row in retaliate.itertuples():
        part = row.sentence[row.part_start:row.part_end]
        assert part and part in row.sentence and len(part) < len(row.sentence)


def test_matrix_and_omissions(claims, sample_corpus):
    paths = [a.path for a in sample_corpus.articles]
    grid = claim_matrix(claims, paths)
    assert list(grid.columns) == paths and set(grid.values.ravel()) <= {"", "shared", "reworded"}
    assert (grid != "").sum(axis=1).tolist() == claim_summary(claims)["articles"].tolist()
    alone = only_in(sample_corpus, claims, SEED_003)
    assert len(alone) > 20  # the commentary shares little with the reports
    # what 000 and 001 both report and 004 does not say would show as 004's omission (and vice versa)
    missing = missing_from(claims, SEED_004, [SEED_000, SEED_001, SEED_004])
    assert len(missing) >= 1  # the drone strike on Russian aircraft
    for claim in missing["claim"]:
        assert {SEED_000, SEED_001} <= set(claims.loc[claims["claim"] == claim, "article"])
        assert SEED_004 not in set(claims.loc[claims["claim"] == claim, "article"])


def test_names_and_verbs_of_saying_alone_make_no_claim(claims):
    # 001's "Trump noted that Ukraine had not informed him" and 000's "Trump noted that he pressed on ..."
    # share Trump, Ukraine and "noted": nothing of what either says
    informed = claims[claims["sentence"].str.contains("Ukraine had not informed him")]
    for claim in informed["claim"]:
        held = claims.loc[claims["claim"] == claim, "sentence"]
        assert not held.str.contains("he pressed on the events").any()


def test_different_calls_do_not_share_their_details(claims):
    # 002 reports the March call (two hours, Kursk); none of its details joins a claim of 000/001/004 about June
    kursk = claims[claims["article"] == SEED_002]
    assert not kursk["sentence"].str.contains("Kursk|two hours|energy infrastructure").any()


# --- hand-written ---------------------------------------------------------------------------------------------

_SWAP_REPORT = ("Officials from both countries met in Geneva on Monday for a second round of talks. "
                "The two governments agreed to release 1,000 detainees on each side in the largest prisoner "
                "exchange of the war. The harvest in the south was poor again this year.\n")
_SWAP_COMMENT = ("Few expected much from the meeting of the two delegations. "
                 "Each side will free 1,000 detainees under the agreement, the largest prisoner exchange so far. "
                 "Critics of the government have long asked for a new electoral law.\n")


def _two_stories(paths):
    """An events frame putting each of ``paths`` in its own story, as two unrelated reports would be."""
    return pd.DataFrame({"article": paths, "event": [f"E{n}" for n, _ in enumerate(paths, start=1)]})


def test_a_claim_crosses_two_stories_when_the_articles_fit_one_page(make_corpus):
    corpus = make_corpus({"report.txt": _SWAP_REPORT, "comment.txt": _SWAP_COMMENT})
    claims = find_claims(corpus, events=_two_stories(["report.txt", "comment.txt"]))
    swap = claims[claims["sentence"].str.contains("1,000 detainees")]
    assert set(swap["article"]) == {"report.txt", "comment.txt"} and swap["claim"].nunique() == 1
    assert dict(zip(swap["article"], swap["event"])) == {"report.txt": "E1", "comment.txt": "E2"}


def test_past_one_page_of_articles_stories_bound_the_search(make_corpus):
    filler = {f"other{n:02d}.txt": f"Item {n} of a list about gardening tools and soil number {n}.\n"
              for n in range(STORY_MAX_ARTICLES)}
    corpus = make_corpus({"report.txt": _SWAP_REPORT, "comment.txt": _SWAP_COMMENT, **filler})
    events = _two_stories(["report.txt", "comment.txt"])
    events = pd.concat([events, pd.DataFrame({"article": list(filler), "event": "E3"})], ignore_index=True)
    claims = find_claims(corpus, events=events)
    assert not claims["sentence"].str.contains("1,000 detainees").any()


def _claims_of_two_stories(make_corpus, a: str, b: str, settings: ClaimSettings = ClaimSettings()):
    """The claims of two hand-written articles the events grouping put in two stories."""
    corpus = make_corpus({"a.txt": a, "b.txt": b})
    return find_claims(corpus, settings, events=_two_stories(["a.txt", "b.txt"]))


_FIGURES = ("Officials said the two sides would swap 500 prisoners of war at the border this weekend. "
            "Heavy snow closed the mountain roads.\n",
            "The deal, welcomed in both capitals, provides for a prisoner exchange of 1,000 detainees a side. "
            "The central bank kept interest rates unchanged.\n")
_NOTED = ("Heavy rain hit the coast. Senator Alvarez noted that Brazil had not warned him of the flood. "
          "Senator Alvarez visited the shelters on Sunday.\n",
          "The budget vote was delayed. Senator Alvarez noted that he had pressed Brazil on vaccine prices. "
          "Senator Alvarez spoke at the hospital.\n")


def test_clashing_figures_for_one_fact_make_one_claim(make_corpus):
    claims = _claims_of_two_stories(make_corpus, *_FIGURES)
    assert set(claims["article"]) == {"a.txt", "b.txt"} and claims["claim"].nunique() == 1
    assert _claims_of_two_stories(make_corpus, *_FIGURES, ClaimSettings(fact_similarity=1.0)).empty  # words alone


def test_a_name_and_a_verb_of_saying_are_not_a_claim(make_corpus):
    assert not _claims_of_two_stories(make_corpus, *_NOTED)["sentence"].str.contains("noted").any()
    loose = _claims_of_two_stories(make_corpus, *_NOTED, ClaimSettings(content=0.0))
    assert loose["sentence"].str.contains("noted").any()  # the similarity alone would pair them


_ONE_WORD = ("The launch of the new probe went ahead at dawn. It will be really exciting. The mission lasts a year.\n",
             "The museum reopened its east wing on Friday. It is very exciting, the curator said. "
             "Tickets sold out within hours.\n")


def test_across_two_stories_one_shared_word_is_no_claim_but_within_one_story_it_may_be(make_corpus):
    assert not _claims_of_two_stories(make_corpus, *_ONE_WORD)["sentence"].str.contains("exciting").any()
    corpus = make_corpus({"a.txt": _ONE_WORD[0], "b.txt": _ONE_WORD[1]})
    one_story = find_claims(corpus, events=pd.DataFrame({"article": ["a.txt", "b.txt"], "event": "E1"}))
    assert one_story["sentence"].str.contains("exciting").sum() == 2
    # a sentence two stories quote word for word is one claim, however short
    same = ("Storms closed the port. “It can make her strong again.” Repairs begin next week.\n",
            "Voters went to the polls. “It can make her strong again.” Turnout was low.\n")
    assert _claims_of_two_stories(make_corpus, *same)["sentence"].str.contains("strong again").sum() == 2


# --- bad input ----------------------------------------------------------------------------------------------

def test_one_article_gives_no_claims(make_corpus):
    corpus = make_corpus({"a.txt": "Officials met on Monday. They agreed on a plan to cut emissions.\n"})
    assert find_claims(corpus).empty


def test_unrelated_articles_give_no_claims(make_corpus):
    corpus = make_corpus({
        "a.txt": "The striker scored twice as the home side won the cup final on Saturday.\n",
        "b.txt": "The central bank raised interest rates by a quarter point to fight inflation.\n",
        "c.txt": "Heavy rain flooded hundreds of homes in the river valley overnight.\n",
    })
    assert find_claims(corpus).empty


def test_articles_with_no_sentences_in_common(make_corpus):
    corpus = make_corpus({"a.txt": "Markets closed early\n", "b.txt": "Rain is expected tonight\n"})
    frame = find_claims(corpus)
    assert frame.empty and list(frame.columns) == CLAIM_COLUMNS


def test_two_thousand_near_copies_finish_quickly(make_corpus):
    base = ("The ministry said on Tuesday that {n} new permits had been issued for the northern field. "
            "Officials expect production to rise sharply next year. Critics say the plan ignores local farmers.")
    corpus = make_corpus({f"c{n:04d}.txt": base.format(n=n) + "\n" for n in range(2000)})
    started = time.perf_counter()
    frame = find_claims(corpus)
    assert time.perf_counter() - started < 120
    assert frame["claim"].nunique() <= 10  # a few claims carried by many articles, or none


def test_claims_numeric_columns_are_typed_even_with_a_story_without_claims(sample_corpus) -> None:
    from analysis.story.claims import find_claims

    empty = find_claims(sample_corpus.subset([sample_corpus.articles[0].path]))
    two_stories = find_claims(sample_corpus)
    for frame in (empty, two_stories):
        assert {c: str(t) for c, t in frame.dtypes.items() if c in ("sentence_index", "similarity", "part_start",
                                                                    "part_end", "articles")} == {
            "sentence_index": "int64", "similarity": "float64", "part_start": "int64", "part_end": "int64",
            "articles": "int64"}


# --- kept in the cache -------------------------------------------------------------------------------------

@pytest.mark.parametrize("files", [None, {  # the samples' claims, and a story without any
    "a.txt": "The striker scored twice as the home side won the cup final on Saturday.\n",
    "b.txt": "The central bank raised interest rates by a quarter point to fight inflation.\n"}])
def test_a_story_s_claims_are_kept_as_frame_json_and_read_back_typed(files, sample_corpus, make_corpus, tmp_path,
                                                                     monkeypatch) -> None:
    from analysis.engine.batch import Runner
    from analysis.story import claims as story_claims
    from tests.kept_frames import KeptResults, assert_kept_as_frame_json

    corpus = make_corpus(files) if files else sample_corpus
    computed: list[pd.DataFrame] = []
    real = story_claims._claims_of
    monkeypatch.setattr(story_claims, "_claims_of", lambda *a, **k: computed.append(real(*a, **k)) or computed[-1])
    cache = KeptResults(tmp_path / "cache.sqlite")
    first = find_claims(corpus, runner=Runner(cache=cache, workers=1))
    (stored,) = cache.kept("analysis.story.claims.event")
    assert_kept_as_frame_json(stored, computed[0])
    assert computed[0].empty == (files is not None)
    monkeypatch.setattr(story_claims, "_claims_of", lambda *a, **k: pytest.fail("the kept claims were not used"))
    pd.testing.assert_frame_equal(find_claims(corpus, runner=Runner(cache=cache, workers=1)), first)
