"""Speakers the text names (issue 17): each pattern on hand-written sentences, names found or not.

The quote finder is given the names a name finder would give (``names``); a name left out of
them is one the name finder missed, and the speaker is still the name the text writes. The last
tests run the whole product path (shipped name finder, actors merged) on hand-written articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from analysis.actors import actor_layer, quote_table
from analysis.actors.quotes import UNKNOWN, find_quotes
from analysis.actors.speaker_names import full_name, transcript_label, written_name
from analysis.corpus import article_from_bytes


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str
    type: str


def said(text: str, names: dict[str, tuple[str, str]] | None = None) -> list[tuple[str, str, str]]:
    """(first words, speaker, cue) of each quotation, given the names the name finder found."""
    item = article_from_bytes("fixture.txt", text.encode("utf-8"))
    found: list[Mention] = []
    for form in sorted(names or {}, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(form)}(?:['’]s)?(?!\w)", item.text):
            if not any(f.start <= m.start() < f.end for f in found):
                found.append(Mention(m.start(), m.end(), *names[form]))
    quotes = find_quotes(item, sorted(found, key=lambda m: m.start))
    return [(" ".join(q.text.split()[:3]), q.speaker, q.cue) for q in quotes]


SMITH = {"Jane Smith": ("Jane Smith", "person"), "Smith": ("Jane Smith", "person")}


# --- title + surname -------------------------------------------------------------------

def test_title_and_surname_the_name_finder_missed():
    assert said("The shelter filled early. “We turn people away every night,” Ms. Abernathy said.") == [
        ("We turn people", "Abernathy", "said-after")]


def test_title_and_surname_is_the_full_name_the_article_gave():
    names = {"Ruth Abernathy": ("ruth abernathy", "person")}
    assert said("Ruth Abernathy runs the shelter.\n\n“We turn people away every night,” Mrs. Abernathy added.",
                names) == [("We turn people", "ruth abernathy", "said-after")]


@pytest.mark.parametrize("verb", ["commented", "recounted", "retorted", "answered", "exclaimed", "whispered"])
def test_less_common_verbs_of_saying_name_the_speaker(verb):
    assert said(f"The vote came late. “We were never asked,” Jane Smith {verb}.", SMITH) == [
        ("We were never", "Jane Smith", "said-after")]


# --- role + name -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "“Most patients come back within a year,” said psychologist Greta Holloway.",
    "Psychologist Greta Holloway said, “Most patients come back within a year.”",
    "“Most patients come back within a year,” psychologist Greta Holloway said on Monday.",
])
def test_role_and_name_the_name_finder_missed(text):
    assert said(text) == [("Most patients come", "Greta Holloway", "said-before" if text.startswith("Psy")
                           else "said-after")]


def test_an_owner_and_a_role_before_the_name_introduce_the_speaker():
    names = {**SMITH, "Dale Ferris": ("Dale Ferris", "person")}
    assert said("“The senator never saw the memo,” Smith press secretary Dale Ferris said.", names) == [
        ("The senator never", "Dale Ferris", "said-after")]
    assert said("Jane Smith’s campaign manager Dale Ferris said as much, arguing that the rival plan "
                "“will never pass the senate.”", names) == [("will never pass", "Dale Ferris", "said-before")]


# --- name + apposition -------------------------------------------------------------------

def test_name_and_apposition_naming_an_organisation():
    lumen = {"Lumen Media": ("Lumen Media", "organisation")}
    assert said("“The merger will close by spring,” Harold Quist, the chief executive of Lumen Media, said.",
                lumen) == [("The merger will", "Harold Quist", "said-after")]


def test_an_apposition_about_someone_else_does_not_speak():
    names = {**SMITH, "Ed Varga": ("Ed Varga", "person")}
    assert said("Ed Varga, Smith's opponent in the race, called for a recount, saying that the count "
                "“was rushed from the start.”", names) == [("was rushed from", "Ed Varga", "said-before")]


def test_a_nickname_inside_the_name_does_not_cut_the_attribution():
    names = {**SMITH, "Price": ("Marcia Price", "person")}
    assert said("“We have to win this one,” Smith's niece, Marcia “Cia” Price, shouted to the crowd.", names) == [
        ("We have to", "Marcia Price", "said-after")]


# --- according to X ----------------------------------------------------------------------

def test_according_to_a_name_the_name_finder_missed():
    assert said("“Nobody answered the phones,” according to Pia Lund, a volunteer.") == [
        ("Nobody answered the", "Pia Lund", "according-to")]


# --- a place or a state speaking; only descriptions stay unknown -------------------------

def test_a_country_speaks_and_a_description_does_not_name():
    assert said("Norway insisted that the tests “must stop at once.”") == [("must stop at", "Norway", "said-before")]
    assert said("“The tests must stop at once,” the ministers said.") == [("The tests must", UNKNOWN, "said-after")]
    # a word opening its sentence that the article also writes in lowercase is no name
    assert said("The police closed the road. Police say they have “enough officers for the whole night.”") == [
        ("enough officers for", UNKNOWN, "said-before")]
    # the object of a preposition is not the subject: "a poll in Wyoming said"
    assert said("A poll in Wyoming said she “supports the plan and the budget.”") == [
        ("supports the plan", UNKNOWN, "said-before")]


# --- sentence breaks and paragraphs ------------------------------------------------------

def test_a_sentence_with_its_own_quotation_does_not_attribute_the_one_before():
    assert said("The test was “a grave mistake for the region.” Denmark insisted that it “must not happen again.”") \
        == [("a grave mistake", UNKNOWN, "none"), ("must not happen", "Denmark", "said-before")]


def test_the_speaker_named_in_the_next_sentence():
    names = {"Ed Varga": ("Ed Varga", "person")}
    # short, or long when it only attributes; never a sentence that says something of its own
    assert said("“The budget is a mess.” Varga said.") == [("The budget is", "Varga", "said-after")]
    assert said("“The budget is a mess and nobody in this building will fix it.” Ed Varga, the council's longest "
                "serving member, said on Monday at the town hall.", names) == [("The budget is", "Ed Varga", "said-after")]
    assert said("“The budget is a mess and nobody will fix it.” Ed Varga said the council would meet again "
                "in the spring to vote on it.", names) == [("The budget is", UNKNOWN, "none")]


def test_a_paragraph_ending_in_a_colon_names_the_next_paragraphs_speaker():
    assert said("Mr. Quist continued:\n\n“The numbers do not lie. We lost money every quarter.”") == [
        ("The numbers do", "Quist", "colon")]
    assert said("The transcript follows:\n\n“The numbers do not lie. We lost money every quarter.”") == [
        ("The numbers do", UNKNOWN, "none")]


def test_transcript_lines_are_spoken_by_their_labels():
    names = {"Tom Baker": ("Tom Baker", "person")}
    text = ("Tom Baker spoke to the station on Sunday. Partial transcript:\n\n"
            "“BAKER: We never asked for the money.\n\n“QUIST: Then why was it paid?\n\n“BAKER: Ask the board.”")
    assert said(text, names) == [("BAKER: We never", "Tom Baker", "label"), ("QUIST: Then why", "Quist", "label"),
                                 ("BAKER: Ask the", "Tom Baker", "label")]


def test_quotes_across_a_sentence_break_keep_their_speaker():
    names = {"Bob Jones": ("Bob Jones", "person"), "Jones": ("Bob Jones", "person")}
    text = "Bob Jones spoke on Sunday. “We will not yield,” Jones said on “Meet the Voters.” “The vote is next week.”"
    assert said(text, names) == [("We will not", "Bob Jones", "said-after"),
                                 ("The vote is", "Bob Jones", "continuation")]


def test_a_paragraph_of_quotation_alone_keeps_the_speaker_of_the_paragraph_before():
    text = ("Jane Smith opened the meeting.\n\n“We have a plan for the harbour,” Smith said.\n\n"
            "“It will take a year and most of the budget.”\n\nThe council voted later that night.\n\n"
            "“Nobody asked us about any of it.”\n")
    assert said(text, SMITH) == [("We have a", "Jane Smith", "said-after"),
                                 ("It will take", "Jane Smith", "continuation"),
                                 ("Nobody asked us", UNKNOWN, "none")]


def test_quotes_joined_by_and_keep_their_speaker():
    names = {"Bob Jones": ("Bob Jones", "person"), "Jones": ("Bob Jones", "person")}
    assert said("Bob Jones said the report “was never read by anyone,” and still “everyone voted for it.”",
                names) == [("was never read", "Bob Jones", "said-before"), ("everyone voted for", "Bob Jones",
                                                                             "continuation")]


def test_a_long_apposition_between_the_name_and_its_verb():
    assert said("“The numbers speak for themselves,” Ana Ruiz, the director of the harbour board since 2009 "
                "and the author of its last three annual reports, told the council.") == [
        ("The numbers speak", "Ana Ruiz", "said-after")]


def test_a_quotation_that_is_the_object_of_an_attack():
    assert said("In an August speech, Jane Smith attacked “the wasteful plans of the harbour board.”", SMITH) == [
        ("the wasteful plans", "Jane Smith", "called")]


def test_the_speaker_of_called_remarks_is_the_caller_not_their_owner():
    names = {**SMITH, "Bob Jones": ("Bob Jones", "person")}
    assert said("Jane Smith called Bob Jones’s remarks “a gift to our rivals.”", names) == [
        ("a gift to", "Jane Smith", "called")]


# --- the written name itself -------------------------------------------------------------

@pytest.mark.parametrize("words, name", [
    ("Ms. Kovner", "Kovner"), ("Mr. King", "King"), ("psychologist Nancy Molitor", "Nancy Molitor"),
    ("Charlotte Mayor Jennifer Roberts", "Jennifer Roberts"), ("The New York Post", "New York Post"),
    ("Justice Department", "Justice Department"), ("Former Gov. Ed Varga", "Ed Varga"),
    ("The President", None), ("Democrats", None), ("the Arizona Republican", None), ("On Monday", None), ("Obama's aides", None),
])
def test_written_name(words, name):
    found = written_name(words, 0, len(words))
    assert (found.name if found else None) == name


def test_transcript_labels_and_full_names():
    assert transcript_label("WALLACE: Let us begin.") == "Wallace"
    assert transcript_label("Let us begin: now.") is None
    assert full_name("Kovner", {("ruth kovner", "person"), ("kovner group", "organisation")}) == "ruth kovner"
    assert full_name("Kovner", {("ruth kovner", "person"), ("ada kovner", "person")}) == "Kovner"  # which one?


# --- the product path: shipped name finder, actors merged --------------------------------

ARTICLES = {
    "kovner.txt": "Ruth Kovner has run the Eastside shelter since 2009.\n\n"
                  "“We turn people away every night,” Ms. Kovner said.\n",
    "molitor.txt": "The clinic opened in May.\n\n"
                   "“Most patients come back within a year,” said psychologist Greta Holloway, who runs it.\n",
    "bewkes.txt": "“The merger will close by spring,” Harold Quist, the chief executive of Lumen Media, said.\n",
    "fallon.txt": "“The senator never saw the memo,” Warren press secretary Dale Ferris said in a statement.\n",
}


def test_speakers_the_text_names_reach_the_quote_table(make_corpus):
    table = quote_table(actor_layer(make_corpus(ARTICLES)))
    speakers = dict(zip(table["article"], table["speaker"]))
    assert speakers == {"kovner.txt": "Ruth Kovner", "molitor.txt": "Greta Holloway",
                        "bewkes.txt": "Harold Quist", "fallon.txt": "Dale Ferris"}
