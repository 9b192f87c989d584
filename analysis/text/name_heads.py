"""Head nouns that say a capitalised name is a thing or a place of nature, not someone.

A name finder reads "Cape Fiolent", "the Philippine Sea" or "the Tomahawk"
as a person or an organisation: their capitals look like a name's. The
words around them say what they are: the head noun of a place of nature
("Sea", "Strait", "Cape") and the weapon a name stands before ("an Oreshnik
ballistic missile"). Lowercase, singular and plural written out. A currency's
code before an amount ("Rs 300", "INR 2,000") is money, not an organisation.
"""

from __future__ import annotations

__all__ = ["PLACE_HEADS", "PLACE_PREFIXES", "PLACE_OF", "WEAPON_HEADS", "WEAPON_CLASSES", "CURRENCY_CODES",
           "SKY_BODIES", "SKY_CLASSES", "ORGANISATION_CLASSES", "ORGANISATION_PLURALS", "ORGANISATION_HEADS",
           "COMPANY_HEADS", "PERSON_CLASSES", "DOCUMENT_HEADS", "SEATS_OF_POWER", "FORMAT_NAMES"]

# The last word of a place of nature's name: "Philippine Sea", "Kerch Strait", "Crimean Peninsula".
# Not "bay", "coast" or "channel": Tampa Bay and Gold Coast are also clubs, the Disney Channel a company.
PLACE_HEADS = frozenset("""sea seas ocean gulf strait straits peninsula island islands isles river
lake lakes mountain mountains hills archipelago canal desert reef""".split())
# The first word of one, before its one-word name: "Cape Fiolent", "Mount Everest", "Lake Victoria"
# ("Mount Sinai Hospital" is longer, and stays a name).
PLACE_PREFIXES = frozenset("cape lake mount mt mt.".split())
# The first word of one, before "of": "Gulf of Aden", "Bay of Biscay", "Isle of Man" ("Gulf Air" is a company).
PLACE_OF = PLACE_PREFIXES | frozenset("gulf bay sea strait straits isle".split())

# A weapon's head noun: a name right before one (perhaps through WEAPON_CLASSES) names the weapon
# ("Tomahawk cruise missile", "Storm Shadow missiles"), as its maker or owner rarely is written twice
# out of three. Not "jet" or "aircraft": "Boeing jets" names the company as much as the planes.
WEAPON_HEADS = frozenset("""missile missiles rocket rockets warhead warheads torpedo torpedoes bomb bombs
howitzer howitzers drone drones interceptor interceptors launcher launchers tank tanks""".split())
# Words between such a name and its head that say the weapon's class: "Oreshnik (intermediate-range)
# ballistic missile".
WEAPON_CLASSES = frozenset("""cruise ballistic hypersonic guided precision-guided anti-ship anti-tank
anti-aircraft surface-to-air air-to-air air-to-surface surface-to-surface air-defence air-defense
short-range medium-range intermediate-range long-range nuclear attack kamikaze battle main""".split())

# Formats and technologies news writes as acronyms or short names, exactly as written: things, never actors,
# though a name finder reads "DVD sales rose" as an organisation's. WordNet's test of a made thing
# (actors.things.is_thing) misses most of them: they are not in it ("3G", "Wi-Fi"), or the heads of their kinds
# are filed elsewhere ("optical disk": a shape).
FORMAT_NAMES = frozenset("""TV HDTV HD DVD CD CD-ROM HD-DVD Blu-ray MP3 USB GPS SMS MMS GPRS 3G 4G 5G LTE DSL ADSL
VoIP Wi-Fi WiFi Bluetooth LCD OLED RFID DVR PDA URL HTML HTTP HTTPS PDF CSS JSON XML SQL CSV GIF JPEG PNG""".split())
# Currencies written as a code or a short form before the amount, as written (case kept: "Rs", "KSh"):
# ISO codes news writes and the local short forms of rupees, taka, dirhams, shillings, ringgit, rupiah.
# Only before a number are they money: "the RM" may be a party elsewhere.
CURRENCY_CODES = frozenset("""USD EUR GBP CHF JPY CNY RMB INR PKR BDT LKR NPR AED SAR QAR KWD EGP NGN KES GHS ZAR
RUB UAH TRY BRL MXN ARS AUD CAD NZD HKD SGD MYR IDR PHP THB KRW TWD SEK NOK DKK PLN CZK HUF ILS
Rs Rs. Re Re. Tk Tk. Dh Dhs Sh KSh Ksh RM Rp""".split())

# The sun's planets and the Moon by their one-word names, as news writes them alone ("on Earth", "the Moon"):
# bodies, not actors. Not "Sun" (a newspaper), "Mercury" (a news site, a label), "Venus" (a tennis player),
# "Mars" (a company), "Saturn" (a car maker) or "Pluto" (a TV service).
SKY_BODIES = frozenset("Earth Moon Jupiter Uranus Neptune".split())
# A body's class noun right before its name: "Saturn's moon Titan", "the asteroid Bennu". Not "satellite"
# ("satellite operator Intelsat"), "probe" (an inquiry), "star" (a person), nor a craft's ("the spacecraft
# Boeing built").
SKY_CLASSES = frozenset("moon planet dwarf-planet asteroid comet exoplanet".split())

# What a company, club or body is called right before its name ("search giant Google", "record label Big
# Machine", "automaker Nissan") or as the head of an apposition after it ("Gannett, the newspaper chain,").
# Words a person is not called: not "rival", "owner", "publisher", "developer", "star", "giant" ("a giant in the
# field"), "carrier" ("mail carrier"), "operator" ("camera operator") or "provider" ("care provider").
ORGANISATION_CLASSES = frozenset("""company firm corporation conglomerate chain retailer airline automaker
carmaker drugmaker chipmaker manufacturer startup start-up broadcaster network label bank lender insurer brand
platform website outlet newspaper magazine tabloid studio agency charity nonprofit non-profit club franchise
supplier subsidiary utility regulator""".split())
# The last word of an organisation's name of two words or more ("Jeongdong Theater", "Goldman Sachs Group",
# "Labour Party"): no surname. Not "church", "post", "house", "times", "state" or "news" (Charlotte Church, Emily
# Post, Eddie House). actors.names builds its wider list of organisation words on this one.
ORGANISATION_HEADS = frozenset("""theater theatre university college institute foundation association organization
organisation ministry department committee commission council corporation company group agency federation party
union bank""".split())
# The last word of a company's name ("Forrester Research", "Sony Pictures", "General Motors"): it ends the name
# of one company, where an institution's head is shared by what "and" joins before it ("Securities and Exchange
# Commission"), so "Ford and General Motors" stays two names.
COMPANY_HEADS = frozenset("""research labs laboratories systems technologies networks communications electronics
software entertainment studios pictures records airlines airways motors pharmaceuticals industries holdings
partners ventures""".split())
# The last word of a law's or a document's name: "Affordable Care Act", "Mental Capacity Bill", "Fifth
# Amendment", "White Paper", "Kyoto Protocol". A text, not an actor (whoever wrote or passed it is).
DOCUMENT_HEADS = frozenset("""act acts bill bills amendment amendments treaty accord accords paper directive
protocol""".split())
# Class nouns that only a person is, as an apposition's or a copula's head ("Raul Labrador, a 46-year-old
# father of five", "Labrador is an ambitious politician"). Not "leader", "giant", "pioneer" or "member", which
# companies and parties are called too.
PERSON_CLASSES = frozenset("""man woman boy girl father mother son daughter wife husband widow grandfather
grandmother brother sister politician congressman congresswoman lawmaker legislator senator businessman
businesswoman billionaire millionaire entrepreneur activist campaigner veteran student teacher nurse doctor
surgeon lawyer attorney actor actress singer rapper musician writer novelist poet journalist reporter columnist
economist professor scientist player striker footballer cricketer golfer boxer athlete mayor governor
candidate nominee aide adviser advisor strategist pollster pundit commentator anchor philosopher author
Republican Democrat""".split())
# Their plurals before a list ("companies such as Gannett, GateHouse and McClatchy").
ORGANISATION_PLURALS = frozenset("""companies firms corporations conglomerates chains retailers airlines
automakers carmakers drugmakers chipmakers manufacturers startups start-ups broadcasters networks labels banks
lenders insurers brands platforms websites outlets newspapers magazines studios agencies charities nonprofits
clubs franchises suppliers subsidiaries utilities regulators organisations organizations groups""".split())

# Buildings and streets news writes for the government that sits in them: "the Kremlin rejected", "the White
# House said". A name finder reads them as places (White House is also a town in Tennessee); as actors they are
# organisations.
SEATS_OF_POWER = frozenset("""Kremlin|White House|Downing Street|Number 10|No 10|Pentagon|Élysée|Elysee|Élysée Palace|
Elysee Palace|Quai d'Orsay|Whitehall|Capitol Hill|Zhongnanhai|Blue House|Bundeskanzleramt|Chancellery|
Foggy Bottom|Vatican|Holy See""".replace("\n", "").split("|"))
