"""Speakers the text names, more patterns (issue 17): each on hand-written sentences.

Like tests/test_speakers.py: ``said`` gives the quote finder the names a name finder would give;
a name left out of them is one the name finder missed. The last tests run the product path.
"""

from __future__ import annotations

import re

import pytest

from analysis.actors import actor_layer, quote_table
from analysis.actors.quotes import UNKNOWN
from analysis.corpus import article_from_bytes
from tests.test_speakers import Mention, said

SCOTT = {"Bobby Scott": ("Bobby Scott", "person"), "Scott": ("Bobby Scott", "person")}


# --- titles with a stop, and labels in brackets after the name ---------------------------

def test_a_title_with_its_stop_does_not_end_the_sentence():
    item = article_from_bytes("fixture.txt", "“It is a waste of time,” said Del. Stacey Plaskett of the Islands.".encode())
    assert len(item.sentences) == 1
    assert said(item.text) == [("It is a", "Stacey Plaskett", "said-after")]


def test_a_party_and_state_label_between_the_name_and_its_verb():
    assert said("“The vote was a sham from the start,” Rep. Kay Lund (D-Vt.) said.") == [
        ("The vote was", "Kay Lund", "said-after")]
    assert said("Rep. Kay Lund (D-Vt.) said the vote “was a sham from the start.”") == [
        ("was a sham", "Kay Lund", "said-before")]


def test_the_next_sentence_names_the_speaker_past_a_label_and_a_clause():
    assert said("“The vote was a sham from the start.” Rep. Kay Lund (D-Vt.) said on Monday.") == [
        ("The vote was", "Kay Lund", "said-after")]
    assert said("“The vote was a sham from the start.” Rep. Kay Lund (D-Vt.), who lost the primary to "
                "Scott, said on Monday.", SCOTT) == [("The vote was", "Kay Lund", "said-after")]


def test_titles_before_the_name_in_an_apposition():
    text = ("“This is a big year for our next senator, Bobby Scott!” Scott's niece, state Del. Marcia “Cia” "
            "Lund (D-Newport News), shouted to the crowd. “The nation is watching.”")
    assert said(text, {**SCOTT, "Marcia": ("Marcia Lund", "person")}) == [
        ("This is a", "Marcia Lund", "said-after"), ("The nation is", "Marcia Lund", "continuation")]
    # a description with other words before the name is someone else's: still the subject is unknown
    assert said("“The plan is dead,” his friend, a neighbour of Bobby Scott, said.", SCOTT) == [
        ("The plan is", UNKNOWN, "said-after")]


# --- the product path ----------------------------------------------------------------------

def test_a_title_with_its_stop_is_no_actor(make_corpus):
    layer = actor_layer(make_corpus({"plaskett.txt": "The panel met on Tuesday.\n\n“This is a waste of time,” "
                                                     "said Del. Stacey Plaskett of the Virgin Islands.\n"}))
    table = quote_table(layer)
    assert list(table["speaker"]) == ["Stacey Plaskett"]
    assert "Del" not in set(layer.types)


# --- a quotation inside a quotation --------------------------------------------------------

def test_a_quotation_inside_a_quotation_is_part_of_it():
    from analysis.text.quote_marks import inside_of, outermost, quotation_marks

    text = '"The question was plain: “Do you trust the board?” Forty percent said yes, the rest no," Quist said.'
    marks = quotation_marks(text)
    assert len(marks) == 2 and outermost(marks) == [marks[0]]
    assert inside_of(marks)(text.index("Forty"))  # past the inner quotation, still inside the outer one
    assert said(text) == [("The question was", "Quist", "said-after")]
    assert said('Mr. Quist continued:\n\n"The question was plain: “Do you trust the board with the money?” Forty '
                'percent said yes, and the rest said no."') == [("The question was", "Quist", "colon")]


def test_a_transcript_line_holding_a_title_in_marks_keeps_its_label():
    text = ("Partial transcript:\n\n\"BAKER: As “The Harbour Times” wrote, the board never met. So why pay?\n\n"
            "\"QUIST: Ask the board, not me.\"")
    assert said(text) == [("BAKER: As “The", "Baker", "label"), ("QUIST: Ask the", "Quist", "label")]


# --- pronouns: the latest named person the article calls by that pronoun -------------------

def test_he_skips_a_person_the_article_calls_she():
    names = {"Tom Ross": ("Tom Ross", "person"), "Ann Lee": ("Ann Lee", "person"), "Lee": ("Ann Lee", "person")}
    text = "Tom Ross spoke first, and Ann Lee said she would run again. “We love this town,” he said."
    assert said(text, names) == [("We love this", "Tom Ross", "pronoun")]
    text = "Tom Ross spoke first, and Ms. Lee listened. “We love this town,” he said."
    assert said(text, names) == [("We love this", "Tom Ross", "pronoun")]
    # with nothing said of Lee, the latest person is still the one meant
    text = "Tom Ross spoke first, and Ann Lee listened. “We love this town,” she said."
    assert said(text, names) == [("We love this", "Ann Lee", "pronoun")]


def test_she_finds_a_person_the_name_finder_typed_as_an_organisation():
    names = {"DuVernay": ("DuVernay", "organisation")}
    text = "DuVernay said she felt the clause was worth a film because “most people never read that clause,” she said."
    assert said(text, names) == [("most people never", "DuVernay", "pronoun")]
    # "urged that he" is someone else: no vote
    text = "DuVernay urged that he read the clause. “Most people never read that clause,” she said."
    assert said(text, names) == [("Most people never", UNKNOWN, "pronoun")]


# --- one speaker's list of quoted words, and a clause's subject ----------------------------

def test_a_list_of_quoted_words_after_a_calling_verb_is_one_speakers():
    names = {"Jane Smith": ("Jane Smith", "person"), "Bob Jones": ("Bob Jones", "person")}
    text = ('Jane Smith called Bob Jones a "pathological liar" who is "utterly amoral," a "serial philanderer," '
            'a "bully" and a "narcissist at a level nobody has seen."')
    assert [(words, who) for words, who, _ in said(text, names)] == [
        ("pathological liar", "Jane Smith"), ("utterly amoral,", "Jane Smith"), ("serial philanderer,", "Jane Smith"),
        ("bully", "Jane Smith"), ("narcissist at a", "Jane Smith")]


def test_where_he_appeared_at_a_dated_hearing_is_the_person_not_the_senate():
    names = {"Oz": ("Mehmet Oz", "person"), "Senate": ("Senate", "organisation"), "Congress": ("Congress", "organisation")}
    text = ("Oz drew the attention of Congress, where he appeared at a 2014 Senate hearing for saying that the "
            "extract was a “magic weight loss cure for every body type.”")
    assert said(text, names) == [("magic weight loss", "Mehmet Oz", "pronoun")]


# --- a quotation signed with a name (pull quotes, vox pops) --------------------------------

QUOTE = "“I vote because my parents could not.”"


def test_a_name_signing_the_quotation_after_it():
    for text in (f"{QUOTE}\n\n— Jane Smith, 34, Phoenix", f"{QUOTE} - Jane Smith, 34, Phoenix",
                 f"{QUOTE}\n\nJane Smith, 34, Phoenix, Arizona", f"{QUOTE} Jane Smith, 34, a nurse in Phoenix",
                 f"{QUOTE}\n\nJane Smith, Phoenix, Arizona"):
        assert said(text) == [("I vote because", "Jane Smith", "signed")], text


def test_a_name_signing_the_quotation_before_it():
    assert said(f"Jane Smith, 34, Phoenix: {QUOTE}") == [("I vote because", "Jane Smith", "colon")]
    assert said(f"Jane Smith, 34, Phoenix\n\n{QUOTE}") == [("I vote because", "Jane Smith", "signed")]


def test_label_paragraphs_sign_one_way_through_an_article():
    first = (f"We asked voters why they vote.\n\nJane Smith, 34, Phoenix\n\n{QUOTE}\n\nBob Jones, 50, Tucson\n\n"
             "“I vote for my kids.”")
    after = (f"We asked voters why they vote.\n\n{QUOTE}\n\nJane Smith, 34, Phoenix\n\n“I vote for my kids.”\n\n"
             "Bob Jones, 50, Tucson\n\nMore stories follow.")
    for text in (first, after):
        assert said(text) == [("I vote because", "Jane Smith", "signed"), ("I vote for", "Bob Jones", "signed")]


def test_a_sentence_or_a_heading_after_a_quotation_signs_nothing():
    for text in (f"{QUOTE} Jane Smith, the mayor, disagreed.", f"{QUOTE}\n\nRelated Coverage",
                 f"{QUOTE}\n\nAn Ambitious, Divisive Legacy.", f"{QUOTE}\n\nJane Smith disagreed."):
        assert said(text) == [("I vote because", UNKNOWN, "none")], text
    # a paragraph's second quotation keeps the first one's speaker
    names = {"Obama": ("Barack Obama", "person")}
    assert said("“We can act alone,” Mr. Obama said. “But we lead best with others.”\n\nAn Ambitious Legacy, "
                "Phoenix, Arizona", names) == [("We can act", "Barack Obama", "said-after"),
                                               ("But we lead", "Barack Obama", "continuation")]


# --- the sentence before reports the speaker's words ----------------------------------------

LATER = "“We must do better by these families.”"


def test_the_sentence_before_reports_whose_words_follow():
    for text in (f"Kay Lund said the shooting was a tragedy. {LATER}",
                 f"Kay Lund said the shooting was a tragedy.\n\n{LATER}",
                 f"Sen. Kay Lund (Vt.), who lost the primary to Ed Varga, said the shooting was a tragedy. {LATER}",
                 f"According to Kay Lund, the plan was late. {LATER}"):
        assert said(text) == [("We must do", "Kay Lund", "sentence-before")], text


def test_a_sentence_before_that_reports_no_words_names_no_speaker():
    for text in (f"Kay Lund was blunt. {LATER}", f"Kay Lund said the plan was late. The board disagreed. {LATER}",
                 f"Kay Lund said the plan was late. “Talking points” followed."):
        assert [who for _, who, _ in said(text)] in ([UNKNOWN], []), text
    # the quotation before, in the sentence before, keeps its own speaker going
    names = {"Kay Lund": ("Kay Lund", "person"), "Ed Varga": ("Ed Varga", "person")}
    assert said(f"“It was a tragedy,” Ed Varga said. Kay Lund said the plan was late. {LATER}", names)[1][1] == "Kay Lund"


# --- names the name finder missed, in an apposition or after a place ------------------------

def test_a_name_in_an_apposition_the_name_finder_missed():
    assert said("Kay Lund’s spokesman, Ed Varga, said the rule “is unlawful and will be fought.”") == [
        ("is unlawful and", "Ed Varga", "said-before")]
    assert said("“We will fight this,” the mayor, Kay Lund, said.") == [("We will fight", "Kay Lund", "said-after")]
    assert said("His former business partner, Ed Varga, recalled: “He never paid a bill on time.”") == [
        ("He never paid", "Ed Varga", "colon")]
    # not a description that names a place
    assert said("“We will fight this,” the mayor, a Democrat, said.") == [("We will fight", UNKNOWN, "said-after")]


def test_the_name_closing_an_attribution_after_a_description():
    assert said("“He never paid a bill on time,” recalled his former business partner at Lenox, Ed Varga.") == [
        ("He never paid", "Ed Varga", "said-after")]


def test_where_a_person_is_from_is_no_part_of_the_name():
    assert said("“The rule is unlawful,” said Gov. Kay Lund of West Virginia.") == [
        ("The rule is", "Kay Lund", "said-after")]
    assert said("“The rule is unlawful,” said a spokesman for the Bank of England.") == [
        ("The rule is", "Bank of England", "said-after")]


def test_a_pronoun_finds_the_one_the_article_calls_by_it_when_no_one_else_fits():
    names = {"Kay Lund": ("Kay Lund", "person"), "Lund": ("Kay Lund", "person"), "Ed Varga": ("Ed Varga", "person"),
             "Varga": ("Ed Varga", "person")}
    assert said("Ms. Lund met Mr. Varga. “We will win this state,” he said.", names) == [
        ("We will win", "Ed Varga", "pronoun")]
    assert said("Mr. Varga and Ms. Lund met. “We will win this state,” she said.", names) == [
        ("We will win", "Kay Lund", "pronoun")]


def test_quotes_across_sentence_and_paragraph_breaks_keep_their_speaker():
    from analysis.actors.quotes import find_quotes, quoted_spans

    text = ("The mayor spoke on Monday. “We lost the vote. We will not lose the next one,” Ms. Kovner said. "
            "“Nobody gave up.”\n\n“We start again tomorrow. The work is not done.”\n\nShe added: “We have the numbers.”")
    item = article_from_bytes("fixture.txt", text.encode())
    quotes = find_quotes(item, [])
    assert [(q.speaker, q.cue) for q in quotes] == [("Kovner", "said-after"), ("Kovner", "continuation"),
                                                    ("Kovner", "continuation"), ("Kovner", "pronoun")]
    spans = quoted_spans(item, quotes)
    assert {s.speaker for spans_of in spans.values() for s in spans_of} == {"Kovner"}
    assert len(spans) == 6  # every sentence holding quoted words, each with the speaker


def test_a_lone_surname_two_people_share_gives_no_pronoun():
    # the name finder took "Mr Jackson" for the mother: the honorific must not make her "he"
    names = {"Katherine Jackson": ("Katherine Jackson", "person"), "Mike Jackson": ("Mike Jackson", "person"),
             "Jackson": ("Katherine Jackson", "person"), "Ed Varga": ("Ed Varga", "person")}
    text = ("Mike Jackson denies the charges. Ed Varga spoke for the county. Describing Mr Jackson as kind, his mother "
            "Katherine Jackson spoke on Sunday. “I know his character,” she said.")
    assert said(text, names) == [("I know his", "Katherine Jackson", "pronoun")]


def test_after_titles_the_name_closes_the_apposition():
    names = {"Peter Mandel": ("Peter Mandel", "person"), "Labour": ("Labour", "organisation")}
    text = ("Peter Mandel, former Labour minister and now a European commissioner, warned the BBC to steer away from "
            "“demonising the man and his whole team.”")
    assert said(text, names) == [("demonising the man", "Peter Mandel", "said-before")]


def test_a_nickname_between_first_name_and_surname_keeps_the_whole_name():
    # the name finder stopped at the nickname: it found "Marcia" alone
    names = {"Marcia": ("marcia", "person")}
    assert said("“We have to win this one,” shouted state Del. Marcia “Cia” Price.", names) == [
        ("We have to", "Marcia Price", "said-after")]


# --- two people sharing a surname: gender and recency --------------------------------------

HARLOWS = {"Tom Harlow": ("Tom Harlow", "person"), "Ann Harlow": ("Ann Harlow", "person"),
           "Tom": ("Tom Harlow", "person"), "Ann": ("Ann Harlow", "person")}


def test_a_first_name_alone_tells_the_pronoun_whom_it_means():
    # "Tom said he" makes Tom "he" though Tom and Ann share a surname: the later "She" is Ann, not the
    # latest person named first in a sentence (Tom, who gave her the rings)
    text = ("Singer Tom Harlow chased a burglar. His wife Ann Harlow called the police. Tom said he acted on impulse. "
            "Ann Harlow spoke to reporters. The stolen items included rings Tom gave her. She said she wished she "
            "had worn them. “I always take them off and put them beside my bed.”")
    assert said(text, HARLOWS) == [("I always take", "Ann Harlow", "pronoun")]


def _in_order(text: str, forms: list[tuple[str, str]]) -> list[Mention]:
    """Mentions of each (form, actor), each form looked for after the one before."""
    found, at = [], 0
    for form, actor in forms:
        start = text.index(form, at)
        found.append(Mention(start, start + len(form), actor, "person"))
        at = start + len(form)
    return found


def test_a_lone_shared_surname_votes_for_no_one_and_a_first_name_does():
    from analysis.actors.pronoun_gender import HE, SHE, genders

    text = "Tom Harlow spoke. Ann Harlow spoke. Mr. Harlow left. Tom said he was tired. Ann said she was not."
    # "Mr. Harlow" went to Ann by recency: a guess, which must not make her "he"
    found = _in_order(text, [("Tom Harlow", "Tom Harlow"), ("Ann Harlow", "Ann Harlow"), ("Harlow", "Ann Harlow"),
                             ("Tom", "Tom Harlow"), ("Ann", "Ann Harlow")])
    assert genders(text, found) == {"Tom Harlow": HE, "Ann Harlow": SHE}


def test_a_lone_shared_surname_goes_to_the_person_its_honorific_or_pronoun_names():
    from analysis.actors.pronoun_gender import surname_bearers

    text = ("Tom Harlow said he acted on impulse. Ann Harlow said she wished she had worn the rings. "
            "Mr. Harlow left early. Harlow said he was tired. Harlow stayed.")
    found = _in_order(text, [("Tom Harlow", "Tom Harlow")] + [(w, "Ann Harlow") for w in ("Ann Harlow", "Harlow",
                                                                                            "Harlow", "Harlow")])
    # the honorific and "said he" name Tom; the last "Harlow" says nothing, so the latest named stays
    assert surname_bearers(text, found) == ["Tom Harlow", "Ann Harlow", "Tom Harlow", "Tom Harlow", "Ann Harlow"]


def test_a_quotation_signed_by_a_shared_surname_on_the_product_path(make_corpus):
    text = ("Harlow burglary\n\nSinger Tom Harlow chased a burglar from his home on Monday. Tom Harlow said he acted "
            "on impulse.\n\nHis wife Ann Harlow, who called the police, said her rings were taken. Ann Harlow said "
            "she wished she had worn them.\n\n\"I could have been badly injured or shot or anything,\" Mr. Harlow "
            "said.\n")
    layer = actor_layer(make_corpus({"harlow.txt": text}))
    assert list(quote_table(layer)["speaker"]) == ["Tom Harlow"]


# --- later quotations of one sentence ------------------------------------------------------

def test_later_quotations_of_a_sentence_keep_its_speaker():
    names = {"Ann Lund": ("Ann Lund", "person"), "Ed Varga": ("Ed Varga", "person")}
    text = ("Ann Lund said Monday that “stating the constitutional principles” on which the country was founded and "
            "“calling for tolerance from all of its people” were part of “a presidential act worth exercising.”")
    assert said(text, names) == [("stating the constitutional", "Ann Lund", "said-before"),
                                 ("calling for tolerance", "Ann Lund", "continuation"),
                                 ("a presidential act", "Ann Lund", "continuation")]
    # someone else between them, named or not, speaks the next one: no guess
    text = "Ann Lund said the bill was “a waste of public money,” while Ed Varga thought it “a long overdue reform.”"
    assert said(text, names)[1][1] == UNKNOWN
    text = "Ann Lund said the bill was “a waste of public money,” but critics thought it “a long overdue reform.”"
    assert said(text, names)[1][1] == UNKNOWN


# --- quoted paragraphs a page flattened into one line ---------------------------------------

def test_quoted_paragraphs_run_together_each_keep_the_speaker():
    # the page's paragraph breaks are gone: only the last quoted paragraph closes its mark
    names = {"Mark Oaten": ("Mark Oaten", "person")}
    text = ('Lib Dem spokesman Mark Oaten said the number was worrying. He told BBC News: "I am extremely concerned '
            'about what happened. "That must be bad for government and for public confidence." The Tories disagreed.')
    assert said(text, names) == [("I am extremely", "Mark Oaten", "pronoun"),
                                 ("That must be", "Mark Oaten", "continuation")]
    # a quotation inside a quotation, with no sentence end before it, stays part of it
    text = 'Mark Oaten said: "They asked "why now?" and left." The Tories disagreed.'
    assert said(text, names) == [("They asked \"why", "Mark Oaten", "colon")]


def test_run_on_openers_leave_the_quotation_mask_alone():
    from analysis.text.quote_marks import quotation_marks, run_on_openers

    text = 'He said: "We lost. "We will win next time." Then he left.'
    marks = quotation_marks(text)
    assert marks == [(text.index('"We will'), text.rindex('"'))]  # the mask the sentiment model reads
    assert run_on_openers(text, [(0, len(text))], marks) == [(text.index('"We lost'), text.index('"We will') - 1)]


# --- a passive's agent, a relative clause's antecedent -------------------------------------

LEE = {"Ann Lee": ("Ann Lee", "person"), "Tom Ross": ("Tom Ross", "person"), "White House": ("White House", "organisation")}


def test_the_agent_of_a_passive_speaks():
    assert said("They took a ring described by Ann Lee as “one of the only pure sapphires”.", LEE) == [
        ("one of the", "Ann Lee", "called")]
    assert said("The plan was criticised by Foreign Secretary Ann Lee as “a waste of public money”.", LEE) == [
        ("a waste of", "Ann Lee", "said-before")]
    # a description around the name, or no "as" handing over to the quotation: not the agent's words
    assert said("The plan was criticised by a friend of Ann Lee as “a waste of public money”.", LEE)[0][1] == UNKNOWN
    assert said("Tom Ross said the deals described by the White House “represent an illegal quid pro quo,” he "
                "added.", LEE)[0][1] == "Tom Ross"


def test_who_speaks_as_the_name_it_follows():
    # after a preposition the name is no subject of the sentence, but it is the relative clause's
    assert said("The claims were denied by Tom Ross, who accused the board of “running scared of a debate”.", LEE) == [
        ("running scared of", "Tom Ross", "said-before")]
    assert said("Ann Lee attacked Tom Ross, who said the bill was “a waste of public money”.", LEE) == [
        ("a waste of", "Tom Ross", "said-before")]


def test_a_parenthetical_attribution_names_the_speaker_of_an_adding():
    # the name finder missed the name: "…, Hutchinson said, adding, “…”"
    text = ("The panel did not recommend any firearm for school guards, Hutchinson said, adding, “Everything from a "
            "sidearm to a shotgun” would work.")
    assert said(text) == [("Everything from a", "Hutchinson", "said-before")]
    # a description says no name: still unknown
    text = "The panel did not recommend any firearm, the chairman said, adding, “Everything from a sidearm” would work."
    assert said(text)[0][1] == UNKNOWN


def test_the_name_opening_the_clause_a_colon_closes_speaks():
    names = {"Ruth Abernathy": ("Ruth Abernathy", "person"), "Tom Ryan": ("Tom Ryan", "person"),
             "Ryan": ("Tom Ryan", "person"), "Ann Jones": ("Ann Jones", "person"), "Jones": ("Ann Jones", "person")}
    assert said("Shelter director Ruth Abernathy put it bluntly: “We turn people away every night.”", names) == [
        ("We turn people", "Ruth Abernathy", "colon")]
    assert said("Ryan shot back, in reference to the gaffes: “As the vice president knows very well, words matter.”",
                names) == [("As the vice", "Tom Ryan", "colon")]
    # a preposition's object is no speaker, even right before the colon
    assert said("Tom Ryan had a message for Jones: “We will be back next year with more.”", names) == [
        ("We will be", "Tom Ryan", "colon")]
    assert said("A note from Jones reads: “We will be back next year with more.”", names)[0][1] == UNKNOWN


def test_so_says_and_told_by_name_the_speaker_not_the_listener():
    names = {"Ruth Abernathy": ("Ruth Abernathy", "person"), "Abernathy": ("Ruth Abernathy", "person"),
             "Tom Reyes": ("Tom Reyes", "person"), "Reyes": ("Tom Reyes", "person")}
    assert said("“We turn people away every night.” So says Ruth Abernathy, the shelter's director.", names) == [
        ("We turn people", "Ruth Abernathy", "said-after")]
    # the passive's subject heard the words; "by" names who said them
    assert said("Reyes was told by Abernathy that “we turn people away every night.”", names) == [
        ("we turn people", "Ruth Abernathy", "said-before")]


@pytest.mark.parametrize("before", [
    "Ruth Abernathy spoke to reporters on Monday.",
    "In an interview, Ruth Abernathy described the shelter's plight.",
    "Asked about the shelter, Ruth Abernathy was blunt.",
])
def test_the_sentence_before_names_who_goes_on_to_speak(before):
    names = {"Ruth Abernathy": ("Ruth Abernathy", "person"), "Tom Reyes": ("Tom Reyes", "person")}
    for gap in (" ", "\n\n"):
        assert said(before + gap + "“We turn people away every night.”", names) == [
            ("We turn people", "Ruth Abernathy", "sentence-before")]


def test_a_sentence_before_that_speaks_of_no_one_names_no_speaker():
    names = {"Ruth Abernathy": ("Ruth Abernathy", "person"), "Tom Reyes": ("Tom Reyes", "person")}
    assert said("Tom Reyes runs the shelter.\n\n“We turn people away every night.”", names)[0][1] == UNKNOWN


def test_a_possessor_speaks_through_its_words_and_spokesmen_not_its_family():
    names = {"Michael Lund": ("Michael Lund", "person"), "Lund": ("Michael Lund", "person")}
    # his mother is someone else, whom the text does not name
    assert said("Meanwhile Michael Lund's mother has said she is “completely certain of his innocence”.", names)[0][1] \
        == UNKNOWN
    assert said("“She has never met the man,” Lund’s husband said.", names)[0][1] == UNKNOWN
    # a spokesman, a report, a statement speak for their owner
    for owned in ("Mr Lund's spokesman said:", "Lund's report said the dossier was", "Lund’s statement said it was"):
        assert said(f"{owned} “completely certain of his innocence”.", names)[0][1] == "Michael Lund"


def test_sharon_osbournes_quote_is_hers_in_the_bbc_article(tmp_path):
    # The bug this came from (BBC entertainment_141): "She said she wished she had worn them. “I always take
    # them off …”" went to Ozzy Osbourne, whom "Ozzy said he …" makes "he".
    import shutil

    from analysis.corpus import load_corpus
    from tests.conftest import SHARED_CORPORA

    article = SHARED_CORPORA / "bbc_news" / "entertainment_141.txt"
    if not article.is_file():
        pytest.skip("the BBC corpus is not in ../shared/corpora")
    shutil.copy(article, tmp_path)
    table = quote_table(actor_layer(load_corpus(tmp_path)))
    speakers = dict(zip(table["quote"].str[:20], table["speaker"]))
    assert speakers["I always take them o"] == "Sharon Osbourne"
    assert speakers["I acted on impulse,"] == "Ozzy Osbourne"
