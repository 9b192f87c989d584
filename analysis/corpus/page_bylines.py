"""The byline a saved page prints: "By Jane Doe", "Von Hans Muster | 3. Mai", "Autorin: Ana Ruiz", an element
marked as the byline ("<div class="author">Jane Doe | 3 May</div>").

For pages whose markup names nobody, or only the outlet. Read outside
navigation, footers, asides and comments; names come back "; "-joined, as
the page spells them. page_authors.py weighs them against the names the
markup declares.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from analysis.corpus.page_dates import HEADER_LINE_CHARS
from analysis.text.roles import NAME_PARTICLES

# The words that label a byline, one author or several ("Autorin: Ana Ruiz", "Autoren Jane Doe und John Roe"),
# German's both genders too ("Autorin/Autor", "Autor/in", "Autor*innen", "Autor:in"; a colon's "in" is no name's start).
_LABEL = (r"autor(?:in|en|innen)?(?:[/*:_](?:in(?:nen)?|autor(?:in|en|innen)?)\b)?|authors?|auteurs?|autoras?|"
          r"autores")
# How bylines start: "By Jane Doe", "Von Hans Muster", "Par Jean Dupont", "Por Ana Ruiz".
# ... also as author links and labels say it: "Posts by", "Alle Beiträge von", "Autor:", "责任编辑：".
BYLINE_PREFIX = re.compile(r"^(?:(?:(?:zeige\s+)?(?:alle\s+)?(?:beiträge|artikel|posts|articles|stories)|written|posted|"
                            r"geschrieben|ein\s+artikel|text)\s+)?(?:by|von|vom|par|por)\s+(?=\S)|"
                            r"^(?:" + _LABEL + r"|责任编辑|编辑|作者|记者)\s*[:：]\s*", re.IGNORECASE)
# A byline: a word that introduces the author, then one to four capitalised words per name
# ("J.R. Stone", "Lange-Fricke", "O'Mahony", "da Silva" inside a name), names joined by and/und/et/y/&/",".
_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=lambda w: (-len(w), w)))
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:[^\S\n]+(?:(?:" + _PARTICLE + r")[^\S\n]+)?[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,2}"
NAMES_JOIN = r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*"
_BYLINE_TEXT = re.compile(
    r"(?i:(?m:^)|[|•·]\s*|(?P<lead>\b(?:posted|written|publié|publicado)\b[^|]{0,40}?\s|"
    r"\b(?:geschrieben|erstellt|verfasst|text|artikel|beitrag|interview)\s))"
    r"(?:(?i:(?P<word>by|von|vom|par|por)\s+|(?:" + _LABEL + r")\s*:\s*)|(?P<bare>(?i:" + _LABEL + r")\s+)(?=[A-ZÀ-ÖØ-Þ]))"
    r"(?P<names>" + _NAME + r"(?:" + NAMES_JOIN + _NAME + r")*)")
NAME_JOINER = re.compile(NAMES_JOIN)
# A day after the name ("von Marianne1 am 20.09.2020", "Erstellt von Fabian am Dienstag 6. Mai 2014"): a byline,
# whatever the one word after "von" (German capitalises nouns, so "von Sozialabgaben" is none).
_ON_DATE = re.compile(r"[^\S\n]+(?:am|on|le|el|il)[^\S\n]+(?:[^\W\d_]+,?[^\S\n]+)?\d")
# A Chinese page's credit: the label, a colon, names of two to four characters (a transcribed one has a middle dot).
# The credit ends with the text, a space or a bracket ("（责编：张三）"): "记者：王小明报道" runs on into a verb.
_CHINESE_NAME = r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6})"
_CHINESE_NAMES = r"(?P<names>" + _CHINESE_NAME + r"(?:[、，,\s]+" + _CHINESE_NAME + r")*)(?=$|[\s)）\]】|])"
_CHINESE_WRITER = re.compile(r"(?:作者|记者|撰文)\s*[:：]\s*" + _CHINESE_NAMES)
_CHINESE_EDITOR = re.compile(r"(?:责任编辑|责编)\s*[:：]\s*" + _CHINESE_NAMES)
_CHINESE_JOIN = re.compile(r"[、，,\s]+")
# A byline word right after the names: the last word was the next credit's label ("Illustration von Tom Roe").
_NEXT_CREDIT = re.compile(r"[^\S\n]+(?i:by|von|par|por)[^\S\n]+[A-ZÀ-ÖØ-Þ]")
# Elements a page marks as its byline, and how a byline line goes on after the name ("Jane Doe | 3 May").
_BYLINE_CLASS_XPATH = ("//body//*[contains(@class, 'author') or contains(@class, 'autor') or contains(@class, 'byline')]"
                       "[normalize-space()]")
_LINE_PIECES = re.compile(r"\s+[|•·–—-]\s+|\s*[|•·,]\s*")
# A follow button printed after the author's name ("Jane Doe Follow"), in the languages of the bylines above.
_FOLLOW_BUTTON = re.compile(r"\s+(?:Follow|Folgen|Suivre|Seguir)$")
_CREDIT_END = re.compile(r"\s+[|•·–—-]\s+|\s*[|•·]\s*")  # the same, a comma aside: it may list people
_FULL_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:[^\S\n]+[A-ZÀ-ÖØ-Þ][\w'’.-]*){1,3}")  # no particle: "Posted von X"
_BREAK = "\x00"  # a printed line break, apart from the line breaks of the page's source
# Where a printed line ends: a line break, a paragraph, a heading, a list item, a table cell.
_BLOCK_TAGS = frozenset("p div li ul ol h1 h2 h3 h4 h5 h6 td th tr table section article header footer "
                        "blockquote figure figcaption dd dt dl address".split())
# A word that ends a sentence: two small letters, then a full stop ("Doe.", not "J.R." or "Jr.").
_SENTENCE_END_WORD = re.compile(r"[a-zß-ÿ]{2}\.$")
# A byline element is short; a longer one is prose, unless it opens with the byline ("Von Jane Doe Berlin ...").
_BYLINE_MAX_CHARS = 120
# A class or id that starts with one of these names a part beside the article ("sidebar-left", "comments-area";
# not "has-sidebar", which describes the layout around it).
_OUTSIDE_MARKS = re.compile(r"(?:^|\s)(?:comment|sidebar|widget|related|teaser)")
# Where a byline may start in the page's text: a byline word, then a capital (or a label's colon).
_BYLINE_START = re.compile(r"\b((?i:by|von|vom|par|por)\s+[A-ZÀ-ÖØ-Þ]|(?i:" + _LABEL + r")(?:\s*:|\s+[A-ZÀ-ÖØ-Þ]))")
# A newsroom job after a byline's comma ("By Jane Doe, Political Correspondent", "Autorin: Ana Ruiz, Projektleiterin
# der Stiftung"): the writer's role, not a second writer. German joins the job into one word ("Wirtschaftsredakteurin").
_ROLE_WORD = re.compile(r"(?:correspondent|editor|reporter|writer|contributor|columnist|journalist|producer|redakteur|"
                        r"attorney|lawyer|(?:rechts|fach)?anw[aä]lt|"
                        r"korrespondent|\w+leiter|leiterin|sprecher|mitarbeiter|referent|volontär|rédact(?:eur|rice)|"
                        r"journaliste|envoyée?|corresponsal|redactor|periodista)(?:in|innen|s|es|a|as)?", re.IGNORECASE)
# A credit's own label before the name in a byline element ("Text und Interview: Jane Doe"): up to three words, a colon.
_CREDIT_LABEL = re.compile(r"[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,2}\s*:\s*")
# What a page may call its author after a byline word: one word, a handle or an address ("Autor: www.jdoe.example").
_HANDLE = re.compile(r"[\w@][\w.@-]*\w")
# How a header line sets its pieces apart ("04.02.2022 | 13:10 Uhr | Jane Doe"), and a byline word in it.
_HEADER_PIECES = re.compile(r"\s*[|•·]\s*")
_BYLINE_WORD = re.compile(r"\b(?i:by|von|vom|par|por)\b|(?i:" + _LABEL + r")\s*:")
# A byline's label printed as a line of its own, the name on the next line ("<h4>Autor</h4><p>Jane Doe</p>").
_LABEL_LINE = re.compile(r"(?i:" + _LABEL + r"|written by|by|von)\s*:?")


def visible_byline(tree) -> str:
    """The names of a byline printed on the page ("By Jane Doe", "von Hans Muster | 3. Mai", "Autorin: Ana Ruiz").

    For pages whose markup names nobody, or only the outlet: the first short
    text that starts (or, after a separator, continues) with a byline word
    followed by capitalised names, outside navigation, footers, asides and
    comments. Names joined by "and"/"und"/"et"/"y"/"," come back "; "-joined.
    """
    for node in _byline_nodes(tree):
        if outside_article(node):
            continue
        for element in (node, node.getparent()):  # "<span>By</span> <a>Jane Doe</a>": the name is a sibling's
            if element is None:
                break
            lines = _printed_lines(element).split("\n")
            for i, line in enumerate(lines):  # a line of its own in a long block counts too
                if _LABEL_LINE.fullmatch(line) and i + 1 < len(lines):  # "<h4>Autor</h4><p>Jane Doe, </p>"
                    name = _LINE_PIECES.split(lines[i + 1], 1)[0].strip()
                    if _FULL_NAME.fullmatch(name):
                        return name
                match = _BYLINE_TEXT.search(line[:_BYLINE_MAX_CHARS])
                if not match or (match.start() > 0 and len(line) > _BYLINE_MAX_CHARS):
                    continue
                if " " not in match["names"].strip() and line[match.end():].lstrip()[:1].isdigit():
                    continue  # "by June 2010", "von Mai 2024": a date
                names = _until_role(_until_sentence_end([without_job(n) for n in NAME_JOINER.split(match.group("names")) if n]))
                names = _without_place(names, match.group("names"))
                if _NEXT_CREDIT.match(line, match.end()) and " " in names[-1]:
                    names[-1] = names[-1].rsplit(None, 1)[0]  # "Text von Jane Doe Fotos von Tom Roe": "Fotos" is no name
                word = (match.group("word") or "").lower()
                if match["bare"] and " " not in names[0]:
                    continue  # a label without its colon takes a full name: "AUTOREN Wer schreibt für uns?" is a menu
                # "von jdoe am 20.09.2020", "am" at times on the next line: a post's author and its day
                after = line[match.end():] + (" " + lines[i + 1] if i + 1 < len(lines) else "")
                dated = _ON_DATE.match(after)
                if (" " not in names[0] and word in ("von", "vom") and not match["lead"] and not dated) \
                        or (word == "vom" and match["lead"]):
                    continue  # German capitalises nouns: "von Sozialabgaben", "ein Artikel vom Top-Thema" are no bylines
                return "; ".join(names)
    return ""


def printed_byline(tree) -> str:
    """The byline the page prints: after a byline word (:func:`visible_byline`), else in an element marked
    as the byline (:func:`byline_element`), else a Chinese page's credit (:func:`chinese_credit`)."""
    return visible_byline(tree) or byline_element(tree) or chinese_credit(tree)


def chinese_credit(tree) -> str:
    """The people a Chinese page credits after a label and a colon: its writer or reporter ("作者：", "记者："),
    else its editor in charge ("（责编：张三、李四）", "【责任编辑：张三】"), who signs wire and desk copy there.
    Names of two to four characters, joined by "、", "，" or spaces, "; "-joined."""
    texts = [" ".join(t.split()) for t in tree.xpath("//body//text()[contains(., '：') or contains(., ':')]"
                                                     "[not(parent::script or parent::style)]")]
    for label in (_CHINESE_WRITER, _CHINESE_EDITOR):
        for text in texts:
            match = label.search(text)
            if match:
                return "; ".join(_CHINESE_JOIN.split(match["names"]))
    return ""


def header_byline(line: str) -> str:
    """The full name the header line that prints the article's date prints beside it, no byline word before
    it ("04.02.2022 | 13:10 Uhr | Jane Doe" above or under the <h1>; page_dates.py's
    :func:`printed_date_line`).

    A piece of its own, set apart by "|" or "•", of two or three
    capitalised words without digits, in a short line with no byline word
    (a line "by jdoe | Jun 2, 2020 | Company News" names its author after
    "by", then a category). The name may be the outlet's or a source's
    ("Avon Rowing Club • 02.02.2022"): page_authors.py takes it only for a
    person.
    """
    if len(line) > HEADER_LINE_CHARS or _BYLINE_WORD.search(line):
        return ""
    for piece in _HEADER_PIECES.split(line):
        if _FULL_NAME.fullmatch(piece) and len(piece.split()) <= 3 and not any(c.isdigit() for c in piece):
            return piece
    return ""


def byline_element(tree) -> str:
    """The person an element marked as the byline names first ("<div class="autor">Jane Doe | 3 hours ago"),
    or the people when it lists only full names ("Jane Doe, John Roe & Ann Poe").

    For pages that print the name without a byline word: an element whose
    class says author or byline, outside navigation, footers, asides and
    comments, whose first line opens with a full name (2 to 4 capitalised
    words) before a separator or the line's end. After a byline word or a
    label the element's word for the author is taken as it is, a handle or an
    address ("Autor: www.jdoe.example"); after a credit's own label, a full
    name ("Text und Interview: Jane Doe").
    """
    for element in tree.xpath(_BYLINE_CLASS_XPATH):
        if outside_article(element):
            continue
        line = next(iter(_printed_lines(element).split("\n")), "")
        if len(line) > _BYLINE_MAX_CHARS:
            continue
        # "Jane Doe, John Roe & Ann Poe | 3 May": every person when the line lists only full names
        listed = _until_role([n.strip() for n in NAME_JOINER.split(BYLINE_PREFIX.sub("", _CREDIT_END.split(line, 1)[0]))])
        if len(listed) > 1 and all(_FULL_NAME.fullmatch(n) for n in listed):
            return "; ".join(listed)
        first = _LINE_PIECES.split(line, 1)[0]
        name = _FOLLOW_BUTTON.sub("", BYLINE_PREFIX.sub("", first).strip())
        if _FULL_NAME.fullmatch(name) or (BYLINE_PREFIX.match(first) and _HANDLE.fullmatch(name)):
            return name
        credit = _CREDIT_LABEL.match(first)
        if credit and _FULL_NAME.fullmatch(first[credit.end():].strip()):
            return first[credit.end():].strip()
    return ""


def printed_in_article(tree, names: str) -> str:
    """The names of ``names`` ("; "-joined) that the page prints outside its comments: not those printed only
    in comments, a sidebar or a widget (its "recent comments"), where trafilatura's author xpaths find
    commenters too. A name printed nowhere as it is written (trafilatura capitalises handles) stays."""
    kept = []
    for name in filter(None, names.split("; ")):
        places = tree.xpath("//body//text()[contains(., $name)]", name=name)
        if " " not in name:  # a single word is a commenter's when it is the whole text ("Alexander" in "Dr. Alexander Doe")
            places = [text for text in places if text.strip(" \t\n:,.") == name]
        if not places or not all(outside_article(text.getparent(), by_tag=False) for text in places):
            kept.append(name)
    return "; ".join(kept)


def _printed_lines(element) -> str:
    """The element's text as printed: words apart ("<span>By</span><a>Jane</a>" is two), a line break
    at <br> and between blocks, so that a name never runs into the next line ("Jane Doe<br>Kakuma")."""
    text = " ".join(_texts_and_breaks(element))  # the source's own line breaks are spaces in print
    return "\n".join(" ".join(line.split()) for line in text.split(_BREAK) if line.strip())


def _texts_and_breaks(element):
    if element.text:
        yield element.text
    for child in element:
        if not isinstance(child.tag, str):
            pass  # a comment or a processing instruction: its tail only
        elif child.tag == "br" or child.tag in _BLOCK_TAGS:
            yield _BREAK
            yield from _texts_and_breaks(child)
            yield _BREAK
        else:
            yield from _texts_and_breaks(child)
        if child.tail:
            yield child.tail


def _until_sentence_end(names: list[str]) -> list[str]:
    """The names up to a word that ends a sentence ("Von Jane Doe. Sie schreibt ..."): a full stop after
    two small letters, past a name's first word, is no initial ("J.R.", "Jr.") nor a title ("Prof.")."""
    kept = []
    for name in names:
        words = name.split()
        end = next((i for i, w in enumerate(words) if i and _SENTENCE_END_WORD.search(w)), None)
        kept.append(name if end is None else " ".join(words[:end + 1]).rstrip("."))
        if end is not None:
            break
    return kept


def _without_place(names: list[str], written: str) -> list[str]:
    """The names without the place a byline ends with ("Von Markus Balser, Berlin"): one word after the last
    comma, behind full names only ("Jane Doe, John Roe" and "Jane Doe und Cher" stay)."""
    last = names[-1]
    if len(names) > 1 and " " not in last and all(" " in n for n in names[:-1]) \
            and re.search(r",\s*" + re.escape(last) + r"\W*$", written):
        return names[:-1]
    return names


def without_job(name: str) -> str:
    """The name without the job a byline prints in front of it ("Rechtsanwalt Jane Doe", "Reporterin Ana Ruiz"):
    a first word that is a newsroom's or a profession's job (:data:`_ROLE_WORD`), before a full name."""
    job, _, rest = name.partition(" ")
    if _ROLE_WORD.fullmatch(job.strip(".,:")) and _FULL_NAME.fullmatch(rest.strip()):
        return rest.strip()
    return name


def _until_role(names: list[str]) -> list[str]:
    """The names up to the first that holds a newsroom job (:data:`_ROLE_WORD`): "Jane Doe, Senior Editor" is one
    person and her job."""
    kept: list[str] = []
    for name in names:
        if kept and any(_ROLE_WORD.fullmatch(word.strip(".,;:()")) for word in name.split()):
            break
        kept.append(name)
    return kept


def _byline_nodes(tree):
    """Elements of the body with a text of their own holding a byline word, in page order.

    One regex pass over the body's texts joined, not one per element: a
    Python loop over every element costs a tenth of trafilatura's extraction.
    The texts are joined by a space, so "<span>By</span><a>Jane</a>" reads as
    a byline.
    """
    texts = tree.xpath("//body//text()[not(parent::script or parent::style or parent::noscript)][normalize-space()]")
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    joined = " ".join(texts)
    seen = set()
    for match in _BYLINE_START.finditer(joined):
        text = texts[bisect_right(starts, match.start(1)) - 1]
        element = text.getparent()
        if element is not None and text.is_tail:  # "<a>Home</a> by Jane": the text of the element around
            element = element.getparent()
        if element is None or element in seen:
            continue
        seen.add(element)
        yield element


def outside_article(node, by_tag: bool = True) -> bool:
    """Inside navigation, a footer, an aside, a sidebar or the comments (whose names are readers').

    Without ``by_tag``, only a part whose class or id says so: an article's own <footer> or <aside> holds its
    byline at times ("<article>...<footer class="meta"><address class="author">").
    """
    for ancestor in node.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False  # a body class ("has-sidebar", "comments-open") describes the page, not this part
        if by_tag and ancestor.tag in ("nav", "footer", "aside"):
            return True
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if _OUTSIDE_MARKS.search(marks):
            return True
        if ancestor.get("itemprop") == "articleBody":
            return False  # the article's own text, however its containers are named (Blogger's "widget Blog")
    return False
