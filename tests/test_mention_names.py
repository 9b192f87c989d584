"""Names the mentions keep: two names joined by "and", clubs named after places, one type per name."""

from analysis.actors.mentions import ORGANISATION, PERSON, _Found, _names_in, _voted_types
from analysis.models.ner import Entity


def _entity(text: str, name: str, label: str) -> Entity:
    start = text.index(name)
    return Entity(start, start + len(name), name, label)


def _names(text: str, name: str, label: str) -> list[tuple[str, str]]:
    return [(text[s:e], kind) for s, e, kind in _names_in(text, [_entity(text, name, label)])]


def test_two_clubs_joined_by_and_are_two_names():
    text = "Lech and Tychy drew 1-1 in the Polish league on Saturday."
    assert _names(text, "Lech and Tychy", "ORG") == [("Lech", ORGANISATION), ("Tychy", ORGANISATION)]


def test_two_persons_joined_by_and_are_two_names():
    text = "Todd Woodbridge and Mark Woodforde won the doubles."
    assert _names(text, "Todd Woodbridge and Mark Woodforde", "PER") == [
        ("Todd Woodbridge", PERSON), ("Mark Woodforde", PERSON)]
    text = "Peres & Arafat met in Gaza."
    assert _names(text, "Peres & Arafat", "PER") == [("Peres", PERSON), ("Arafat", PERSON)]


def test_an_organisation_whose_name_holds_and_stays_one():
    for text, name in [
        ("The Securities and Exchange Commission said it would look into the trades.",
         "Securities and Exchange Commission"),
        ("Guangdong Post and Telecommunications Administration raised its fees.",
         "Guangdong Post and Telecommunications Administration"),
        ("The State Law and Order Restoration Council ruled it out.", "State Law and Order Restoration Council"),
        ("Analysts at Duff & Phelps cut the rating.", "Duff & Phelps"),
    ]:
        assert _names(text, name, "ORG") == [(name, ORGANISATION)], name


def test_a_club_named_after_a_city_or_county_stays_but_a_sea_goes():
    assert _names("Newcastle beat Blackburn 2-0 on Saturday.", "Newcastle", "ORG") == [("Newcastle", ORGANISATION)]
    assert _names("By stumps Surrey had reached 108 for three.", "Surrey", "ORG") == [("Surrey", ORGANISATION)]
    assert _names("Storms over the Pacific closed the ports.", "Pacific", "ORG") == []
    # A country is a place whatever the model calls it.
    assert _names("Ukraine said the talks would go on.", "Ukraine", "ORG") == []


def test_a_name_takes_the_type_most_of_its_own_mentions_get():
    # "Somerset" read once as a person in a report that calls it a club three times; "Simmons" an
    # organisation after "Phil Simmons"; a copy the propagation added (not in own) does not vote.
    raw = [(0, 0, 8, ORGANISATION, "Somerset"), (1, 0, 8, ORGANISATION, "Somerset"),
           (2, 5, 13, PERSON, "Somerset"), (3, 0, 8, ORGANISATION, "Somerset"),
           (4, 0, 7, PERSON, "Simmons"), (5, 9, 16, ORGANISATION, "Simmons"),
           (6, 0, 7, ORGANISATION, "Simmons")]
    keys = ["somerset"] * 4 + ["simmons"] * 3
    own = {(m[0], m[1]) for m in raw[:6]}
    raw = [_Found(*m) for m in raw]
    # Simmons: one vote each, the tie goes to the first longest form
    assert _voted_types(raw, keys, own) == {"somerset": ORGANISATION, "simmons": PERSON}
    # With the copy voting, Simmons would be an organisation: copies must not vote.
    assert _voted_types(raw, keys, own | {(6, 0)})["simmons"] == ORGANISATION


def test_an_institution_named_by_role_words_stays_but_a_title_goes():
    assert _names("Gilts rose after the Treasury sold bonds.", "Treasury", "ORG") == [("Treasury", ORGANISATION)]
    assert _names("The Conservative Party lost the seat to Labour.", "Conservative Party", "ORG") == [
        ("Conservative Party", ORGANISATION)]
    # A title alone is no actor, whatever type the model gives it.
    assert _names("The Prime Minister said no.", "Prime Minister", "ORG") == []
    assert _names("The President said no.", "President", "PER") == []
    assert _names("Treasury officials said no.", "Treasury", "PER") == []
    # ... and keeps its whole name: a title is cut from a name only when a name follows it.
    from analysis.actors.names import clean_name
    assert clean_name("Republican Party") == "Republican Party"
    assert clean_name("Former President Donald Trump") == "Donald Trump"


def test_a_city_after_in_is_a_place_even_when_read_as_an_organisation():
    assert _names("The Cubs beat Chicago 4-2 on Friday.", "Chicago", "ORG") == [("Chicago", ORGANISATION)]
    assert _names("Prices fell sharply in Chicago on Friday.", "Chicago", "ORG") == []


def test_a_place_made_adjective_is_not_part_of_the_name():
    assert _names("Ontario-based Magna bought the plant.", "Ontario-based Magna", "ORG") == [
        ("Magna", ORGANISATION)]
    text = "Talks on the United Nations-sponsored plan resumed."
    assert _names(text, "United Nations-sponsored", "ORG") == [("United Nations", ORGANISATION)]


def test_a_title_before_a_name_or_a_company_ending_decides_the_type():
    from analysis.corpus import article_from_bytes
    text = ("Juventus sold striker Gianluigi Lentini to Atalanta.\n\nLentini signed on Friday.\n\n"
            "Lentini is 27.\n\nShares in Salomon Bros. rose.\n\nSalomon Bros said nothing.\n\n")
    article = article_from_bytes("a.txt", text.encode())
    at = {s.text: s.index for s in article.sentences}
    first = at["Juventus sold striker Gianluigi Lentini to Atalanta."]
    second, third = at["Lentini signed on Friday."], at["Lentini is 27."]
    raw = [(first, 22, 39, ORGANISATION, "Gianluigi Lentini"), (second, 0, 7, ORGANISATION, "Lentini"),
           (third, 0, 7, PERSON, "Lentini"),
           (at["Shares in Salomon Bros. rose."], 10, 23, PERSON, "Salomon Bros."),
           (at["Salomon Bros said nothing."], 0, 12, PERSON, "Salomon Bros")]
    keys = ["gianluigi lentini"] * 3 + ["salomon bros"] * 2
    own = {(m[0], m[1]) for m in raw}
    raw = [_Found(*m) for m in raw]
    assert _voted_types(raw, keys, own) == {"gianluigi lentini": ORGANISATION, "salomon bros": PERSON}
    assert _voted_types(raw, keys, own, article) == {"gianluigi lentini": PERSON, "salomon bros": ORGANISATION}


def test_a_greeting_opening_a_quotation_is_not_part_of_the_name():
    text = "“Hey Twitter, the whole point of this campaign is awareness,” Noem tweeted."
    assert _names(text, "Hey Twitter", "ORG") == [("Twitter", ORGANISATION)]
    text = "Dear Maria Lopez, thank you for writing."
    assert _names(text, "Dear Maria Lopez", "PER") == [("Maria Lopez", PERSON)]
    # inside a sentence the word is the name's own: a band, not a greeting
    text = "Tickets for the Hey Violet tour sold out."
    assert _names(text, "Hey Violet", "ORG") == [("Hey Violet", ORGANISATION)]


def test_a_currency_code_before_an_amount_is_money_not_an_organisation():
    for text, code in [("The oxygen bar charges Rs 299 for fifteen minutes.", "Rs"),
                       ("He has spent Rs. 24 lakh on the attempts.", "Rs."),
                       ("The deal is worth INR 2,000 crore.", "INR"),
                       ("Fares rose to KSh2,000 a trip.", "KSh")]:
        assert _names(text, code, "ORG") == [], text
    # without an amount the letters may name someone: "the RM" (a party), "CHF" (an organisation's acronym)
    assert _names("The RM won the vote in Lisbon.", "RM", "ORG") == [("RM", ORGANISATION)]


def test_a_run_of_table_cells_is_no_name_but_a_name_in_one_cell_is():
    text = "| Pos | Player | Plays | % | Stats |"
    assert _names(text, "Pos | Player", "ORG") == []
    text = "| QB | Tom Brady | 12 | 40% |"
    assert _names(text, "Tom Brady", "PER") == [("Tom Brady", PERSON)]


def test_what_the_article_says_a_name_is_decides_its_type():
    from analysis.actors.type_cues import type_cue

    def cue(text: str, name: str) -> str:
        start = text.index(name)
        return type_cue(text, start, start + len(name))

    for text, name in [
        ("Public companies such as Gannett, GateHouse and also McClatchy Co. cut jobs.", "Gannett"),
        ("Public companies such as Gannett, GateHouse and also McClatchy Co. cut jobs.", "GateHouse"),
        ("Public companies such as Gannett, GateHouse and also McClatchy Co. cut jobs.", "McClatchy Co."),
        ("The move by the social network Twitter surprised rivals.", "Twitter"),
        ("Her former label Big Machine owns the masters.", "Big Machine"),
        ("Gannett, the nation's largest newspaper chain, cut jobs.", "Gannett"),
        ("Ascom is a Swiss technology company focused on hospitals.", "Ascom"),
        ("Tribune's largest shareholder sold his stake.", "Tribune"),
        ("Elon Musk, the chief executive of Tesla, said so.", "Tesla"),
        ("Pension funds hold shares in Nvidia.", "Nvidia"),
        ("Amazon shares fell 3 percent.", "Amazon"),
        ("Jack Buser, director for games at Google, said so.", "Google"),
        ("Jane Roe, an economist at ING in London, said so.", "ING"),
        ("For the opening, Jeongdong Theater prepared three items.", "Jeongdong Theater"),
        ("Analysts at Forrester Research expect growth.", "Forrester Research"),
        ("The film was made by Sony Pictures.", "Sony Pictures"),
        # a list after a class noun with no "such as": its first name when more follow, the ones after it
        ("Technology companies Dell, Samsung and Apple said they would donate.", "Dell"),
        ("Technology companies Dell, Samsung and Apple said they would donate.", "Samsung"),
        ("Technology companies Dell, Samsung and Apple said they would donate.", "Apple"),
    ]:
        assert cue(text, name) == ORGANISATION, (text, name)
    # ... not a name after the class noun that no list goes on from
    assert cue("The companies Trump owns lost money.", "Trump") == ""
    for text, name in [
        ("Juventus sold striker Lentini to Atalanta.", "Lentini"),
        ("Jane Roe, 45, was arrested on Friday.", "Jane Roe"),
        ("Noem said she would keep the slogan.", "Noem"),
        ("Mr. Duran won on points.", "Duran"),
        ("Raul Labrador, a 46-year-old Mormon father of five, will run.", "Raul Labrador"),
        ("Labrador is an ambitious, sometimes savvy politician.", "Labrador"),
        ("A run will elevate Labrador himself.", "Labrador"),
        ("Obama's wife spoke first.", "Obama"),
        ("Critics of the Obama administration spoke.", "Obama"),
        # a party and a state, American news's mark of a politician
        ("Sen. John McCain, R-Ariz., said Steele should go.", "John McCain"),
        ("Majority Leader Harry Reid (D-Nev.) received the letter.", "Harry Reid"),
        ("The sister of Senate candidate Liz Cheney (R) spoke.", "Liz Cheney"),
        # a role only a person holds, before the name or inside its span, or with a comma between
        ("Liz Cheney, a Wyoming Senate candidate, disagreed.", "Liz Cheney"),
        ("It reflects the values of philosopher Ayn Rand.", "Ayn Rand"),
        ("The gavel went to Representative Nancy Pelosi, who read on.", "Representative Nancy Pelosi"),
        ("They were joined by the House Democratic leader, Nancy Pelosi of California.", "Nancy Pelosi"),
        # an organisation's possessive before a given name and a surname: its anchor, its chief
        ("NBC's Lester Holt moderated the debate.", "Lester Holt"),
        ("Fox News' Chris Wallace disagreed.", "Chris Wallace"),
    ]:
        assert cue(text, name) == PERSON, (text, name)
    # ... not before a name no given name opens, a company's as often as not
    assert cue("Wall Street's Morgan Stanley cut its forecast.", "Morgan Stanley") == ""
    for text, name in [
        # a class noun inside a phrase after a preposition is not the apposition's head
        ("Jane Roe, the chief executive of the company, said so.", "Jane Roe"),
        # what people have too: staff, employees
        ("Trump's former chief of staff said so.", "Trump"),
        ("Jane Roe met the board on Friday.", "Jane Roe"),
        # words people are called too, and what people own too
        ("Trump's campaign chairman Paul Manafort met them.", "Trump"),
        ("Buffett's shares in Apple rose.", "Buffett"),
        ("The camera operator Ann Lee filmed it.", "Ann Lee"),
        ("Developers such as John Carmack agreed.", "John Carmack"),
        ("Kim is a giant in the field.", "Kim"),
        # posts that governments and campaigns have too; "shares" the verb
        ("She is the head of Rambling, a small parish.", "Rambling"),
        ("A spokesman for Trump declined to comment.", "Trump"),
        ("Trump shares the view of his aides.", "Trump"),
        ("The crowd was angry at Trump.", "Trump"),
        # what companies are called too; an age that a company has
        ("Google is a giant in search.", "Google"),
        ("Tribune, a 150-year-old newspaper group, was sold.", "Tribune"),
        # a one-letter mark without a state after a comma says nothing; a title word that opens organisations' names
        ("Plans A, B, D, and E were read.", "B"),
        ("The Premier League fined the club.", "Premier League"),
        ("Its parent company, Alphabet, said so.", "Alphabet"),
    ]:
        assert cue(text, name) == "", (text, name)


def test_a_failed_list_search_takes_no_time():
    import time

    from analysis.actors.type_cues import type_cue

    text = "Regulators fined companies such as THE NEW YORK TIMES COMPANY HOLDINGS AND PARTNERS, said Jane Roe."
    start = time.perf_counter()
    type_cue(text, text.index("Jane Roe"), text.index("Jane Roe") + 8)
    assert time.perf_counter() - start < 1.0  # exponential backtracking took minutes


def test_the_cues_outvote_the_model_but_a_tie_of_cues_leaves_the_vote():
    from analysis.corpus import article_from_bytes
    text = ("Gannett cut 300 jobs.\n\nGannett said more would go.\n\nGannett, the newspaper chain, "
            "declined to comment.\n\nRob Goldman, President Ascom North America, spoke.\n\nAscom said no.\n\n"
            "Ascom is a technology company.\n\n")
    article = article_from_bytes("a.txt", text.encode())
    at = {s.text: s.index for s in article.sentences}
    raw = [(at["Gannett cut 300 jobs."], 0, 7, PERSON, "Gannett"),
           (at["Gannett said more would go."], 0, 7, PERSON, "Gannett"),
           (at["Gannett, the newspaper chain, declined to comment."], 0, 7, PERSON, "Gannett"),
           (at["Rob Goldman, President Ascom North America, spoke."], 23, 42, PERSON, "Ascom North America"),
           (at["Ascom said no."], 0, 5, ORGANISATION, "Ascom"),
           (at["Ascom is a technology company."], 0, 5, ORGANISATION, "Ascom")]
    keys = ["gannett"] * 3 + ["ascom"] * 3
    raw = [_Found(*m) for m in raw]
    own = {(m.sentence_index, m.start) for m in raw}
    # three model votes for a person, one apposition naming a chain: a chain
    assert _voted_types(raw, keys, own, article)["gannett"] == ORGANISATION
    # a title before it says person once, a copula says provider once: the model's votes decide
    assert _voted_types(raw, keys, own, article)["ascom"] == ORGANISATION
    assert _voted_types(raw, keys, own - {(at["Ascom is a technology company."], 0)}, article)["ascom"] == PERSON


def test_the_planets_and_a_body_named_after_its_class_noun_are_no_actors():
    from analysis.actors.things import is_natural_place, sky_names

    assert is_natural_place("Earth") and is_natural_place("Moon")
    assert not is_natural_place("Moon", person=True)  # "Moon said", of Moon Jae-in
    assert not is_natural_place("Sun")  # a newspaper
    assert sky_names("Scientists mapped Saturn's moon Titan and the asteroid Bennu.") == {"Titan", "Bennu"}
    assert sky_names("The honeymoon Paris trip was cancelled.") == set()
    # a craft's class noun, a weekday, and planets that are also companies
    assert sky_names("the Starliner spacecraft Boeing built for NASA") == set()
    assert sky_names("It landed on the moon Friday.") == set()
    assert not is_natural_place("Mars")


def test_a_common_word_capitalised_only_where_every_word_is_is_no_name():
    from analysis.actors.mentions import _Found, _without_common_words
    from analysis.corpus import article_from_bytes

    text = ("South Dakota doubles down on its meth campaign.\n\n“Meth. We're on it,” the ads say.\n\n"
            "Q: Favorite apps?\n\nA: My favorite is a map.\n\nJane Roe said Favorite was her pick.\n\n"
            "Bill Gates spoke.\n\nBill said the bill would pass.\n\n")
    article = article_from_bytes("a.txt", text.encode())
    at = {s.text: s.index for s in article.sentences}
    raw = [_Found(at["“Meth."], 1, 5, ORGANISATION, "Meth"),
           _Found(at["Q: Favorite apps?"], 3, 11, ORGANISATION, "Favorite"),
           _Found(at["Bill Gates spoke."], 0, 10, PERSON, "Bill Gates"),
           _Found(at["Bill said the bill would pass."], 0, 4, PERSON, "Bill")]
    kept = {m.text for m in _without_common_words(article, raw)}
    # "Meth" opens a quotation and "meth" is written in lowercase: the word, not a name. "Bill" is part of
    # a longer name the article gives, so it stays whatever else the article writes.
    assert kept == {"Bill Gates", "Bill"}
    # "Favorite" after "Q:" is an opening too, but the article also writes it as a name mid-sentence ...
    raw.append(_Found(at["Jane Roe said Favorite was her pick."], 14, 22, ORGANISATION, "Favorite"))
    assert "Favorite" in {m.text for m in _without_common_words(article, raw)}
    # ... and without that mention it goes.
    assert "Favorite" not in {m.text for m in _without_common_words(article, raw[:-1])}


def test_a_seat_of_government_the_model_reads_as_a_place_is_an_organisation():
    # "White House" is also a town in Tennessee, and the model reads both as places
    assert _names("The White House said the call went well.", "White House", "LOC") == [("White House", ORGANISATION)]
    assert _names("The Kremlin rejected the ceasefire.", "Kremlin", "LOC") == [("Kremlin", ORGANISATION)]
    # other places stay places
    assert _names("Prices fell sharply in Moscow on Friday.", "Moscow", "LOC") == []


def test_a_company_the_model_reads_as_a_place_is_an_organisation_where_the_sentence_says_so():
    # a 1996 model reads an unknown word after "of" or "in", or opening a sentence, as a place
    text = "Elon Musk, the chief executive of Tesla, said the plant would open."
    assert _names(text, "Tesla", "LOC") == [("Tesla", ORGANISATION)]
    assert _names("Investors bought shares in Nvidia this week.", "Nvidia", "LOC") == [("Nvidia", ORGANISATION)]
    assert _names("Amazon shares fell 3 percent on Friday.", "Amazon", "LOC") == [("Amazon", ORGANISATION)]
    # a place we list stays a place, whatever its shares do ("Tokyo shares closed higher")
    assert _names("Tokyo shares closed higher on Friday.", "Tokyo", "LOC") == []
    # an unknown place without such words stays a place too; "head of" and "spokesman for" are not company posts
    assert _names("Fighting spread to Tavildara on Friday.", "Tavildara", "LOC") == []
    assert _names("He is the head of Rambling, a small parish.", "Rambling", "LOC") == []


def test_a_month_after_a_persons_name_is_the_surname():
    assert _names("Prime Minister Theresa May said the deal could collapse.", "Theresa", "PER") == [
        ("Theresa May", PERSON)]
    # a date after a name is a date, and a headline's capitalised "May" is the verb
    assert _names("The court heard Smith May 5 and again in June.", "Smith", "PER") == [("Smith", PERSON)]
    assert _names("Trump May Meet Putin In Helsinki", "Trump", "PER") == [("Trump", PERSON)]
    assert _names("The court heard Smith, May said.", "Smith", "PER") == [("Smith", PERSON)]


def test_a_found_company_is_found_where_the_model_reads_the_same_word_as_a_place(make_corpus):
    from analysis.actors.evidence import actor_layer

    corpus = make_corpus({"a.txt": "Elon Musk, the chief executive of Tesla, said the plant would open.\n\n"
                                   "Musk added that Tesla shares rose after the news.\n\n"
                                   "“We will not give up,” Theresa May told reporters in London.\n"})
    mentions = actor_layer(corpus).mentions
    tesla = mentions[mentions["actor"] == "Tesla"]
    assert len(tesla) == 2 and set(tesla["type"]) == {ORGANISATION}
    assert "Theresa May" in set(mentions["actor"])


def test_a_full_name_the_model_reads_as_a_person_makes_its_surname_one():
    # "Michele Bachmann" twice a person, "Bachmann" alone three times an organisation: the surname is hers
    raw = [_Found(0, 0, 16, PERSON, "Michele Bachmann"), _Found(1, 0, 16, PERSON, "Michele Bachmann"),
           _Found(2, 0, 8, ORGANISATION, "Bachmann"), _Found(3, 0, 8, ORGANISATION, "Bachmann"),
           _Found(4, 0, 8, ORGANISATION, "Bachmann")]
    own = {(m.sentence_index, m.start) for m in raw}
    assert _voted_types(raw, ["bachmann"] * 5, own) == {"bachmann": PERSON}
    # ... and so does the initials he goes by
    raw = [_Found(0, 0, 14, PERSON, "Leon Cooperman"), _Found(1, 0, 2, ORGANISATION, "LC"),
           _Found(2, 0, 2, ORGANISATION, "LC"), _Found(3, 0, 9, PERSON, "Cooperman")]
    own = {(m.sentence_index, m.start) for m in raw}
    assert _voted_types(raw, ["leon cooperman"] * 4, own) == {"leon cooperman": PERSON}
    # a full name read mostly as an organisation leaves the vote to the mentions ("Aston Villa")
    raw = [_Found(0, 0, 11, ORGANISATION, "Aston Villa"), _Found(1, 0, 11, ORGANISATION, "Aston Villa"),
           _Found(2, 0, 11, PERSON, "Aston Villa"), _Found(3, 0, 5, ORGANISATION, "Villa")]
    own = {(m.sentence_index, m.start) for m in raw}
    assert _voted_types(raw, ["villa"] * 4, own) == {"villa": ORGANISATION}


def test_a_title_before_of_is_a_names_head_and_a_portfolio_goes_with_its_title():
    from analysis.actors.names import clean_name

    for name in ("Defense of Marriage Act", "Queen of Rage", "State of the Union", "Secretary of State"):
        assert clean_name(name) == name
    assert clean_name("Secretary of State Hillary Clinton") == "Hillary Clinton"
    assert clean_name("Prime Minister Theresa May") == "Theresa May"
    # a post at an organisation: the organisation
    assert clean_name("CEO of World Wrestling Entertainment") == "World Wrestling Entertainment"
    # a party and a state after a politician's name is a label
    text = "Senator Kay Hagan, Democrat of North Carolina, voted no."
    assert _names(text, "Democrat of North Carolina", "ORG") == []


def test_an_abbreviated_month_or_number_is_no_name():
    assert _names("The attacks of Sept. 11 changed it.", "Sept.", "ORG") == []
    assert _names("He is ranked No. 2 in the world.", "No.", "ORG") == []
    # a day, which a model reading the whole article may type as the names around it
    assert _names("An official said Friday that hackers had struck.", "Friday", "ORG") == []
    # a feast or a holiday: a time of year
    assert _names("Sales of the console rose before Christmas.", "Christmas", "PER") == []
    assert _names("The fighting paused for Ramadan.", "Ramadan", "ORG") == []


def test_a_found_word_inside_a_longer_capitalised_name_is_no_mention_of_it():
    from analysis.actors.mentions import _inside_longer_name

    article = "Fallen Order is a game. Fallen Order has combat. It goes beyond Order 66."

    def inside(sentence: str, word: str = "Order") -> bool:
        start = sentence.rindex(word)
        return _inside_longer_name(sentence, start, start + len(word), article + " " + sentence)

    assert inside("The story of Star Wars Jedi: Fallen Order is long.")
    assert inside("Fallen Order has combat.")  # the sentence's first word, but the article writes them together
    assert inside("He met Trump Tower staff.", "Trump")
    # a title before, the sentence's first word once, a day after: the name itself
    assert not inside("He met President Trump.", "Trump")
    assert not inside("Yesterday Trump said so.", "Trump")
    assert not inside("He met Trump Tuesday.", "Trump")
    assert not inside("It goes beyond Order 66.")


def test_an_acronym_is_no_persons_surname_in_the_article():
    from analysis.actors.article_keys import local_keys

    names = [("PER", "Kim Jong Un"), ("ORG", "U.N."), ("ORG", "UN"), ("PER", "Kim")]
    names = [(PERSON if kind == "PER" else ORGANISATION, text) for kind, text in names]
    assert local_keys(names) == ["kim jong un", "un", "un", "kim jong un"]


def test_an_organisations_name_keeps_the_role_words_that_say_which_one():
    from analysis.actors.names import clean_name

    # two departments are two actors, not one "Department"
    assert clean_name("Justice Department") == "Justice Department"
    assert clean_name("the State Department's") == "State Department"
    assert clean_name("Democratic National Committee") == "Democratic National Committee"
    assert clean_name("Security Council") == "Security Council"
    # a title before a person's name still goes, through a lowercase role word too
    assert clean_name("President Obama") == "Obama"
    assert clean_name("Labour leader Jeremy Corbyn") == "Jeremy Corbyn"


def test_a_title_case_headline_ends_a_name_at_its_capitalised_verb_or_preposition():
    assert _names("Clinton Breaks With Obama On 9/11 Lawsuit Bill.", "Obama On", "PER") == [("Obama", PERSON)]
    assert _names("In Avoiding Tax, Trump Is Merely a Small Fry.", "Trump Is Merely", "PER") == [("Trump", PERSON)]
    # a name written in title case holds its "Of"; prose keeps what the model found
    assert _names("Bank Of Boston Posts Record Quarterly Profit", "Bank Of Boston", "ORG") == [
        ("Bank Of Boston", ORGANISATION)]
    assert _names("Shares of Stratford On Avon Ltd rose sharply after the results were published.",
                  "Stratford On Avon Ltd", "ORG") == [
        ("Stratford On Avon Ltd", ORGANISATION)]


def test_a_law_a_document_or_a_plural_acronym_is_no_actor():
    from analysis.actors.things import is_document

    for name in ("Affordable Care Act", "Mental Capacity Bill", "Fifth Amendment", "White Paper", "Kyoto Protocol",
                 "Freedom of Information Act", "MPs", "GCSEs"):
        assert is_document(name), name
    for name in ("Bill Clinton", "Paper", "Labour Party", "NATO", "UPS", "Act Now Group"):
        assert not is_document(name), name
    assert _names("The Affordable Care Act passed in 2010.", "Affordable Care Act", "ORG") == []


def test_a_state_after_its_city_is_where_not_who():
    # AP's abbreviation with its stop ("Newtown, Conn."), a postal code after a place the model found
    text = "The shooting in Newtown, Conn., killed 26 people."
    assert _names(text, "Conn", "ORG") == []
    text = "NEWTOWN, Conn. — Residents gathered on Sunday."
    assert _names(text, "Conn", "ORG") == []
    text = "Lawmakers in Austin, TX, said they would act."
    assert [(text[s:e], kind) for s, e, kind in _names_in(text, [_entity(text, "Austin", "LOC"),
                                                                  _entity(text, "TX", "ORG")])] == []
    # ... and the same letters elsewhere are names: an agency, a nickname
    assert _names("Veterans waited months, and the VA said it would hire.", "VA", "ORG") == [("VA", ORGANISATION)]
    assert _names("Mo Farah won, and Mo said he was tired.", "Mo", "PER")[:1] == [("Mo", PERSON)]


def test_an_office_the_model_read_into_a_name_is_left_before_it():
    # "House Minority Leader Nancy Pelosi" read as one organisation: the person after her office
    text = "House Minority Leader Nancy Pelosi said Congress must vote."
    assert _names(text, "House Minority Leader Nancy Pelosi", "ORG") == [("Nancy Pelosi", PERSON)]
    text = "Apple CEO Tim Cook said sales rose."
    assert _names(text, "Apple CEO Tim Cook", "ORG") == [("Tim Cook", PERSON)]
    for name in ("English Premier League", "Larry King Live", "Martin Luther King Jr.", "Senate Armed Services Committee",
                 "Ways and Means Committee"):
        text = f"Fans of {name} waited."
        assert _names(text, name, "ORG")[0][0] == name, name


def test_code_and_markup_are_no_names():
    # a setting's name in a programming post, a reference list's caret before an author ("^ Schubert, E.")
    text = "Add the folder to STATICFILES_DIRS before you deploy."
    assert _names(text, "STATICFILES_DIRS", "ORG") == []
    text = "^ Schubert, Erich; Gertz, Michael (2017). Intrinsic t-Stochastic Neighbor Embedding."
    assert _names(text, "^ Schubert", "PER") == []
    assert _names("Erich Schubert said the method scales.", "Erich Schubert", "PER") == [("Erich Schubert", PERSON)]


def test_an_organisation_named_short_is_the_longer_name_it_ends():
    from analysis.actors.article_keys import local_keys

    names = [(ORGANISATION, "United Nations Security Council"), (ORGANISATION, "Security Council"),
             (ORGANISATION, "UN Security Council")]
    assert local_keys(names) == ["united nations security council"] * 2 + ["un security council"]
    # two longer names: the one named last before it; none before it: it stays itself
    names = [(ORGANISATION, "Russian Foreign Ministry"), (ORGANISATION, "Ukrainian Foreign Ministry"),
             (ORGANISATION, "Foreign Ministry")]
    assert local_keys(names)[-1] == "ukrainian foreign ministry"
    names = [(ORGANISATION, "Foreign Ministry"), (ORGANISATION, "Russian Foreign Ministry"),
             (ORGANISATION, "Ukrainian Foreign Ministry")]
    assert local_keys(names)[0] == "foreign ministry"
