"""The words news puts around a name: titles, roles, honorifics and qualifiers.

They are what an article calls someone ("former U.S. President Donald
Trump", "Chief Executive Officer Hock Tan", "the Russian leader"), and what
must be cut from a name before two spellings of it are compared. The lists
were drawn from the words that stand right before person names in CoNLL-2003's
training text and from the sample and BASIL articles' titles, then written
out by hand so that each one can be read and argued with.
"""

from __future__ import annotations

# Plain forms of address: they say nothing of what someone does (a stopword; "Dr" does say).
FORMS_OF_ADDRESS = frozenset("mr mrs ms".split())
# Honorifics: part of how an article names someone, never part of the name.
# "del." (with its stop only: "del" alone is a particle) is a US state delegate: Del. Stacey Plaskett.
HONORIFICS = FORMS_OF_ADDRESS | frozenset("mr. mrs. ms. miss dr dr. prof prof. sir dame lord lady mx mx. "
                                          "rev rev. fr fr. sr. sra. herr mme mme. mlle monsieur madame del.".split())

# Titles of office that head a name ("President Vladimir Putin", "Pope Leo XIV").
OFFICE_TITLES = frozenset("president pope king queen prince prime minister chancellor secretary governor".split())
# Popes and monarchs are known by title + regnal name; the title is then part of the name.
REGNAL_TITLES = frozenset("pope king queen prince princess emperor empress sultan patriarch".split())

# Titles and roles written before a name ("President", "Chief Executive Officer",
# "striker", "spokesman"). Lowercase; dotted abbreviations included.
ROLE_WORDS = OFFICE_TITLES | REGNAL_TITLES | frozenset("""
vice-president president-elect ministers premier
secretary-general secretary-of-state senator sen sen. senators representative rep rep. congressman
congresswoman congressmen lawmaker lawmakers legislator assemblyman assemblywoman councillor councilman
councilwoman governor gov gov. lieutenant lt lt. mayor deputy vice acting interim former then then-
ex- late incoming outgoing caretaker
crown emir sheikh ayatollah imam cardinal
archbishop bishop rabbi pastor reverend father sister brother
general gen gen. admiral adm adm. colonel col col. major maj maj. captain capt capt. commander cmdr
sergeant sgt sgt. corporal cpl private marshal field brigadier lieutenant-general major-general
chief executive officer ceo cfo coo cto chairman chairwoman chairperson chair co-chair director
managing manager president founder co-founder owner boss head partner principal vice-chair
spokesman spokeswoman spokesperson spokespeople aide adviser advisor advisers counsellor counselor
envoy ambassador diplomat consul attache negotiator
judge justice magistrate prosecutor attorney attorney-general solicitor lawyer barrister counsel
commissioner inspector superintendent constable detective officer officers official officials
analyst economist strategist pollster pundit philosopher professor lecturer researcher scientist doctor physician surgeon
editor reporter correspondent columnist journalist anchor presenter host commentator
coach trainer striker midfielder defender goalkeeper keeper forward winger captain skipper
batsman bowler pitcher catcher quarterback jockey rider driver champion challenger seed
player players star actor actress singer rapper musician director producer writer author novelist
poet artist comedian model designer architect
candidate nominee incumbent frontrunner front-runner contender hopeful
leader leaders chief chiefs head heads whip speaker majority minority
foreign defence defense finance interior economy economic trade justice health education
energy environment security intelligence national state federal
treasury transport labour labor agriculture culture sports foreign-affairs home
affairs relations general-secretary party union
democrat democratic republican conservative liberal labour socialist green independent
""".split())

# Titles and roles only people hold: right before a name they make it a person ("striker Gianluigi
# Lentini", "Mr. Duran"); a subset of the honorifics and role words above.
PERSON_TITLES = frozenset("""mr mr. mrs mrs. ms ms. dr dr. president minister premier chancellor senator governor mayor
striker midfielder defender goalkeeper winger captain coach manager chairman spokesman spokeswoman secretary judge
prosecutor lawyer champion seed leader sen sen. rep rep. representative congressman congresswoman gov gov.
lawmaker legislator assemblyman assemblywoman councilman councilwoman candidate nominee aide adviser advisor
strategist pollster pundit commentator anchor philosopher author""".split())

# Words that qualify a title but are titles only next to one ("former", "U.S.").
QUALIFIERS = frozenset("former then then- ex late acting interim incoming outgoing caretaker "
                       "longtime long-time veteran self-proclaimed self-described embattled "
                       "new newly elected re-elected disgraced jailed ousted exiled".split())

# Capitalised words that open a sentence and are never a name by themselves.
SENTENCE_OPENERS = frozenset("""
a an the this that these those it its he she they we i you his her their our in on at by for from of to
with without within despite during after before while when where as if but and or so yet still however
instead meanwhile additionally also nevertheless moreover furthermore although though because since until
unless both either neither each every some many most more few several all no not one two three such other
another there here what which who whom whose why how beyond among amid amidst against between through over
under about above below around upon following according given reports beside besides then thus hence
indeed overall nonetheless earlier later last next today yesterday tomorrow
""".split())

# The small words of names ("Ursula von der Leyen", "Mohammed bin Salman"): a surname
# keeps those before it, a name never ends with one.
NAME_PARTICLES = frozenset("von van der den de da del della di du des la le bin bint al el ibn ter dos das ben".split())
# Small words that sit inside names: "Bank of England", "Ministry for Europe", "Ursula von der Leyen".
NAME_LINKS = NAME_PARTICLES | {"of", "for"}
# Lowercase words a name may hold beyond its particles ("Bank of England", "Ortega y Gasset").
NAME_JOINERS = NAME_PARTICLES | frozenset("of the and for on y e & 's".split())


def is_role_word(word: str) -> bool:
    """Whether ``word`` is a title, role, honorific or qualifier (case and a final stop ignored)."""
    low = word.lower()
    return low in ROLE_WORDS or low in HONORIFICS or low in QUALIFIERS or low.rstrip(".") in ROLE_WORDS

# The party and state US papers write after a politician's name, as a regex: R-Texas, D-N.Y., I-Vt.
PARTY_AND_STATE = r"[RDI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?"
