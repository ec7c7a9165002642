"""Where is the worker? A town, village, district or postcode in a message, matched to its
municipality and arbeidsmarktregio, and the regional help points on record: an in-memory index of
the region tables in the database (loaded from data/regions/, CBS 2026, by
`python -m bot regions load`).

Names are matched folded (no diacritics, Cyrillic transliterated: "Тилбург" finds Tilburg),
inside inflected phrases ("w Venlo", "la Breda", "в Тилбург"), with typos through rapidfuzz.
A name that exists in two municipalities comes back as two candidates, so the bot can ask.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.language.detection import DUTCH_DOMAIN_WORDS, LEXICON
from bot.language.folding import fold_token

# Similarity (Damerau-Levenshtein: a swap of two letters is one edit) a typo must reach:
# one edit in five letters ("Venrey", "Tilbrug", "Rotterdm").
FUZZY_CUTOFF = 0.8
_POSTCODE = re.compile(r"(?<!\d)([1-9]\d{3})\s?(?:[A-Za-z]{2})?(?![\dA-Za-z])")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?\n]")
# What may come before a capital that only starts a sentence: its end, a colon, a quote mark
# ("przepisuje: 'Beste medewerkers, ..." is not Best).
_OPENING = re.compile(r"[.!?\n:;\"'“”„«»‘’]")
# Inflected endings and the base they come from: Polish locatives ("w Tilburgu", "w Bredzie",
# "w Utrechcie", "w Hadze", "w Rotterdamie"), Romanian articles ("Venlo-ul").
_ENDINGS = (("dzie", "da"), ("dzie", "d"), ("cie", "t"), ("dze", "ga"), ("ie", ""), ("u", ""),
            ("-ului", ""), ("-ul", ""), ("-u", ""), ("ul", ""), ("e", ""), ("a", ""), ("om", ""),
            ("ach", ""), ("ze", ""), ("ta", ""), ("to", ""))


# Frequent words of our languages that are also place names ("loon", "best", "handel", "ede").
COMMON_WORDS = frozenset().union(*LEXICON.values(), DUTCH_DOMAIN_WORDS,
                                 {"handel", "hall", "best", "loon", "maken", "haar", "mark", "echt",
                                  "baan", "lek", "den", "lijn", "auto", "strand", "rijs", "dam"})
# Countries are never the place: "w Holandii", "in nederland" (a hamlet in Steenwijkerland).
NEVER_PLACES = frozenset("""nederland nederlands netherland netherlands holland holandia holandii
    holandie olanda olandei olandia niderlandy niderlandach holandiya holandiq niderlandiya
    nizozemsko europa europe polska polsce polonia romania rumunia bulgaria balgariya
    bulgariya belgie belgia belgium germany duitsland niemcy niemczech germania portugal
    portugalia portugalii portugaliya portugaliq""".split())
# A typo in a place named in passing (fuzzy=False, in_passing=True): only a long word that looks
# like a place and is close to one name alone ("Roosendal", "Doetinchen").
PASSING_TYPO_CUTOFF = 0.85
PASSING_TYPO_MIN_LETTERS = 7
TOWN_NAME_MIN_LETTERS = 5
# Four digits that are more likely a year or an amount than a postcode without its letters.
_YEARS = range(1990, 2036)
_AMOUNT_WORDS = re.compile(r"\s*(?:€|eur|euro|zl|zł|lei|ron|лв|лева|uur|godz|ore|час|hours|h\b"
                           r"|brutto|netto|bruto)")


# Words that say the worker moved ("I moved to Tilburg", "przeprowadzilem sie do Venlo",
# "m-am mutat la Breda", "преместих се в Хага", "ik ben verhuisd naar Zwolle"), folded.
_MOVED = re.compile(r"\b(moved|move to|przeprowadz\w*|mutat\w*|premestih\w*|premesti\w*|"
                    r"verhuis\w*|teraz mieszkam|acum (?:stau|locuiesc)|now (?:live|living))\b")


# Words before a place name ("w Venlo", "la Breda", "във Венло", "kolo Almelo"), folded.
PLACE_WORDS = frozenset("""w we we kolo obok pod niedaleko blisko do okolice okolicy okolicach
    in la langa din v vav vuv blizo kray kraj okolo bij te uit naar rond omgeving at near
    around from to gemeente gmina gminie municipality primaria obshtina van buurt nabij richting
    zona zone regio region regiunea rejon rejonie rayon rayona area""".split())
# The same words as Bulgarian writes them in Latin letters: after these, a name may be spelled as
# Cyrillic spells it ("v venrai", "v hofdorp").
LATIN_BG_PLACE_WORDS = frozenset({"v", "vav", "vuv", "kray", "kraj", "blizo", "okolo"})
# A message this short that names a place is about the place ("Zeewolde pomocy").
SHORT_MESSAGE_WORDS = 3


def _looks_like_a_place(raw: list[str], words: list[str], i: int) -> bool:
    return (raw[i][:1].isupper() or (i > 0 and words[i - 1] in PLACE_WORDS)
            or len(words) <= SHORT_MESSAGE_WORDS)


def says_moved(text: str) -> bool:
    return bool(_MOVED.search(" ".join(fold_token(w) for w in _WORD.findall(text or ""))))


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    region_code: str
    region_name: str


@dataclass(frozen=True)
class HelpPoint:
    region: str
    name: str
    where: str
    status: str             # open, planned or unconfirmed
    checked: dt.date        # the day someone last checked this record
    source: str
    email: str | None = None
    website: str | None = None
    languages: tuple[str, ...] = ()
    phone: str | None = None
    opening_hours: str | None = None
    source_date: dt.date | None = None


@dataclass
class Gazetteer:
    municipalities: dict[str, Municipality]
    names: dict[str, set[str]] = field(default_factory=dict)  # folded name -> municipality codes
    # How names come back from Bulgarian Cyrillic (cyrillic_spellings), for Cyrillic words only:
    # "Хус" is Goes, but "hoor" in "ja hoor" is no respelling of Goor.
    respelled: dict[str, set[str]] = field(default_factory=dict)
    postcodes: dict[str, set[str]] = field(default_factory=dict)  # 48 lie in two municipalities
    points: dict[str, list[HelpPoint]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = {m.name.lower(): m for m in self.municipalities.values()}
        self.by_initial: dict[str, list[str]] = {}
        self.respelled_by_initial: dict[str, list[str]] = {}
        self.region_names = frozenset(fold_name(m.region_name)
                                      for m in self.municipalities.values())
        # A municipality's own name of five letters or more, not a frequent word, is a place
        # wherever it stands ("tilburg, near the station", "sunt in gara eindhoven").
        self.town_names = frozenset(
            name for name in (fold_name(m.name) for m in self.municipalities.values())
            if len(name) >= TOWN_NAME_MIN_LETTERS and name not in COMMON_WORDS)

    def index(self) -> None:
        """Group the names by first letter for typo matching (after all names are added)."""
        self.by_initial, self.respelled_by_initial = {}, {}
        for name in self.names:
            self.by_initial.setdefault(name[:1], []).append(name)
        for name in self.respelled:
            self.respelled_by_initial.setdefault(name[:1], []).append(name)

    def _codes(self, name: str, cyrillic: bool) -> set[str]:
        return self.names.get(name) or (self.respelled.get(name, set()) if cyrillic else set())

    def _candidates(self, initial: str, cyrillic: bool) -> list[str]:
        names = self.by_initial.get(initial, [])
        return names + self.respelled_by_initial.get(initial, []) if cyrillic else names

    def find(self, text: str, fuzzy: bool = True, in_passing: bool = False) -> list[Municipality]:
        """Municipalities the text names (a postcode wins); several when the name is ambiguous.
        `fuzzy` allows typos: right for an answer to "which town?", too eager for any message.
        `in_passing`: a place inside a longer message about something else must look like one:
        capitalised, after a word such as "in", "w", "la", "в", or in a message of a few words;
        "chiar" or "negru" in a story are words, even where a village has that name."""
        codes = self._postcode(text or "")
        if codes:
            return sorted((self.municipalities[c] for c in codes), key=lambda m: m.name)
        exact = self.by_name.get((text or "").strip().lower())
        if exact:  # a municipality's own name, as the "which one?" buttons send it
            return [exact]
        found = list(_WORD.finditer(text or ""))
        raw = [m.group(0) for m in found]
        words = [fold_token(w) for w in raw]
        # A capital that only starts a sentence does not make a word a name ("Een collega ..."
        # is not the village Een).
        opens = {i for i, m in enumerate(found)
                 if i == 0 or _OPENING.search(text[found[i - 1].end():m.start()])}
        # A word that is a sentence of its own ("rosendaal. waar kan ik heen") names a place.
        alone = {i for i in opens if i + 1 == len(found)
                 or _SENTENCE_END.search(text[found[i].end():found[i + 1].start()])}
        # Exact names first, longest phrases first ("den haag" before "den"); typos only when no
        # name matched exactly, so the common case stays fast.
        for allow_typos in ((False, True) if fuzzy else (False,)):
            for size in ((2, 1) if allow_typos else (4, 3, 2, 1)):
                for i in range(len(words) - size + 1):
                    phrase = " ".join(words[i:i + size])
                    if size == 1 and phrase in NEVER_PLACES:
                        continue
                    common = size == 1 and self._common_word(phrase, allow_typos)
                    if common and (not raw[i][:1].isupper() or i in opens and len(raw) > 1):
                        continue  # "loon", "handel", "best", "Beste ...": words first
                    if in_passing and not _looks_like_a_place(raw, words, i) \
                            and not (size == 1 and phrase in self.town_names):
                        continue
                    cyrillic = bool(_CYRILLIC.search(" ".join(raw[i:i + size])))
                    # Bulgarian in Latin letters spells names as Cyrillic does ("v venrai",
                    # "v hofdorp"): those spellings count after "v", "kray", "blizo".
                    respelled = cyrillic or (i > 0 and words[i - 1] in LATIN_BG_PLACE_WORDS)
                    codes = self._lookup(phrase, allow_typos, respelled)
                    if in_passing and len(codes) > 1:
                        codes = self._named_so(phrase, codes, cyrillic)
                    if codes:
                        return sorted((self.municipalities[c] for c in codes), key=lambda m: m.name)
        if in_passing and not fuzzy:
            return self._typo_in_passing(raw, words, alone)
        return []

    def _common_word(self, phrase: str, typos: bool) -> bool:
        """A frequent word, or a name found only through an inflected form that is one
        ("Beste bewoners" is not Best)."""
        if phrase in COMMON_WORDS:
            return True
        if typos or self.names.get(phrase):
            return False
        return next((form in COMMON_WORDS for form in _forms(phrase)[1:]
                     if self.names.get(form)), False)

    def without_places(self, text: str) -> str:
        """The text with the place names it holds taken out: "Zeeuws-Vlaanderen" or "Terneuzen"
        say nothing about the language a worker writes in. Frequent words stay ("in", "van")."""
        matches = list(_WORD.finditer(text or ""))
        words = [fold_token(m.group(0)) for m in matches]
        cut, i = [], 0
        while i < len(words):
            for size in (3, 2, 1):
                phrase = " ".join(words[i:i + size])
                if len(words) - i < size or size == 1 and (
                        phrase in COMMON_WORDS or phrase in NEVER_PLACES):
                    continue
                cyrillic = bool(_CYRILLIC.search(matches[i].group(0)))
                if phrase in self.region_names or self._lookup(phrase, False, cyrillic):
                    cut.append((matches[i].start(), matches[i + size - 1].end()))
                    i += size
                    break
            else:
                i += 1
        for start, end in reversed(cut):
            text = text[:start] + text[end:]
        return text

    def _typo_in_passing(self, raw: list[str], words: list[str],
                         alone: set[int]) -> list[Municipality]:
        """One long word after "in", "w", "la", "в", capitalised inside the message or a
        sentence of its own, close to exactly one place ("Roosendal", "Doetinchen",
        "rosendaal."); never a frequent word of our languages."""
        for i, word in enumerate(words):
            marked = i in alone or i > 0 and (words[i - 1] in PLACE_WORDS or raw[i][:1].isupper())
            if not marked or len(word) < PASSING_TYPO_MIN_LETTERS or word in COMMON_WORDS \
                    or word in NEVER_PLACES:
                continue
            cyrillic = bool(_CYRILLIC.search(raw[i]))
            # The word as written first, then without an inflected ending ("w roosendalu").
            for form in _forms(word):
                if len(form) < PASSING_TYPO_MIN_LETTERS:
                    continue
                found = process.extract(form, self._candidates(form[:1], cyrillic), limit=2,
                                        scorer=DamerauLevenshtein.normalized_similarity,
                                        score_cutoff=PASSING_TYPO_CUTOFF)
                codes = {c for name, _, _ in found for c in self._codes(name, cyrillic)}
                if len(codes) == 1:
                    return [self.municipalities[codes.pop()]]
                if codes:
                    break  # close to several places: not one to guess
        return []

    def _postcode(self, text: str) -> set[str]:
        """A postcode with its letters ("5912 AB") or without ("jestem w 5912"), except four
        digits that read as a year (2025) or an amount ("1200 euro", "€ 1500", "1600 brutto")."""
        for match in _POSTCODE.finditer(text):
            with_letters = len(match.group(0).replace(" ", "")) == 6
            after = text[match.end():match.end() + 8].lower()
            before = text[max(0, match.start() - 2):match.start()]
            amount = "€" in before or _AMOUNT_WORDS.match(after)
            bare_ok = int(match.group(1)) not in _YEARS and not amount
            if (with_letters or bare_ok) and match.group(1) in self.postcodes:
                return self.postcodes[match.group(1)]
        return set()

    def _lookup(self, phrase: str, typos: bool, cyrillic: bool = False) -> set[str]:
        forms = _forms(phrase)
        if not typos:
            for form in forms:
                codes = self._codes(form, cyrillic)
                if codes:
                    return codes
            return set()
        for form in forms:
            # Typos rarely hit the first letter: compare with names that share it.
            candidates = self._candidates(form[:1], cyrillic)
            if len(form) < 5 or not candidates:
                continue
            found = process.extractOne(form, candidates,
                                       scorer=DamerauLevenshtein.normalized_similarity,
                                       score_cutoff=FUZZY_CUTOFF)
            if found:
                return self._codes(found[0], cyrillic)
        return set()

    def _named_so(self, phrase: str, codes: set[str], cyrillic: bool) -> set[str]:
        """Of several municipalities a name fits, the one that bears it: "Hoorn" or "Хорн" in a
        story is the town of Hoorn, not the village of Horn in Leudal; "Oosterhout" is the town,
        not the village in Overbetuwe. Unchanged where none or several bear it (Bergen)."""
        def own(code: str) -> set[str]:
            name = fold_name(self.municipalities[code].name)
            return {name} | (cyrillic_spellings(name) if cyrillic else set())

        forms = set(_forms(phrase))
        bearing = {code for code in codes if own(code) & forms}
        return bearing if len(bearing) == 1 else codes

    def help_points(self, municipality: Municipality) -> list[HelpPoint]:
        return self.points.get(municipality.region_code, [])


def _forms(phrase: str) -> list[str]:
    """The phrase and the bases its inflected endings come from: "tilburgu" -> "tilburg"."""
    return [phrase] + [phrase[: -len(end)] + base for end, base in _ENDINGS
                       if phrase.endswith(end) and len(phrase) - len(end) >= 2]


def fold_name(name: str) -> str:
    name = re.sub(r"\s*\((?:[A-Za-z.]+)\)\s*$", "", name)  # "Bergen (NH.)" -> "Bergen"
    return " ".join(fold_token(w) for w in _WORD.findall(name))


def written_spellings(folded: str) -> set[str]:
    """How workers type a Dutch name in Latin letters: without its hyphens ("etten leur",
    "nieuw vennep") and with Y for IJ ("bleiswyk", "nymegen"). Names of five letters or more."""
    if len(folded) < 5:
        return set()
    forms = {folded.replace("-", " ")}
    forms |= {form.replace("ij", "y") for form in forms}
    return {form for form in forms if form != folded}


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_VOICED_S = re.compile(r"(?<=[aeiou])s(?=[aeiou])")


def cyrillic_spellings(folded: str) -> set[str]:
    """How a Dutch name comes back from Bulgarian Cyrillic, folded: Westland is "Вестланд"
    ("vestland"), Naaldwijk "Наалдвайк" ("naaldvayk"), Roermond "Рурмонд", Oss "Ос": W becomes
    V, IJ becomes AY or EY, OE becomes U, OU becomes AU, an S between vowels Z, a first G may be
    H, and doubled letters may be single. Names of three letters or more only, so that short
    words do not become places."""
    if len(folded) < 3:
        return set()
    v = folded.replace("w", "v").replace("oe", "u")
    forms = {v} | {v.replace("ij", ij) for ij in ("ay", "ey", "ai", "ei")}  # й folds to i
    forms |= {form.replace("ei", "ai") for form in forms}  # Bleiswijk is "Блайсвайк"
    forms |= {form.replace("ie", "i") for form in forms}  # De Lier is "Де Лир"
    forms |= {form.replace("sch", "sh") for form in forms}  # Den Bosch, "Ден Бош"; "Схидам"
    forms |= {form.replace("ou", "au") for form in forms}  # Gouda is "Гауда"
    forms |= {_VOICED_S.sub("z", form) for form in forms}  # Roosendaal is "Розендал"
    forms |= {"h" + form[1:] for form in forms if form.startswith("g")}  # Goes "Хус", "Хауда"
    forms |= {form.replace("ay", "ai") for form in forms}  # Venray is "Венрай"
    forms |= {re.sub(r"(.)\1", r"\1", form) for form in forms}
    return {form for form in forms if form != folded and len(form) >= 2}


def build_gazetteer(session) -> Gazetteer:
    """The in-memory index of the region tables (loaded by `python -m bot regions load`)."""
    from sqlalchemy import select

    from bot.db import models

    municipalities = {
        m.cbs_code: Municipality(m.cbs_code, m.name, r.code, r.name)
        for m, r in session.execute(select(models.Municipality, models.Region).join(
            models.Region, models.Municipality.region_code == models.Region.code))
    }
    g = Gazetteer(municipalities)
    for m in municipalities.values():
        g.names.setdefault(fold_name(m.name), set()).add(m.code)
    for place in session.execute(select(models.Place)).scalars():
        g.names.setdefault(fold_name(place.name), set()).add(place.municipality_code)
    for name, codes in list(g.names.items()):
        for form in written_spellings(name):
            if form not in g.names:  # a real name always wins over another spelling
                g.names[form] = set(codes)
    for postcode in session.execute(select(models.Postcode)).scalars():
        g.postcodes.setdefault(postcode.pc4, set()).add(postcode.municipality_code)
    for p in session.execute(select(models.HelpPoint).order_by(models.HelpPoint.id)).scalars():
        point = HelpPoint(p.region_code, p.name, p.address, p.status, p.last_checked, p.source,
                          p.email, p.website,
                          tuple((p.languages or "").split(",")) if p.languages else (),
                          p.phone, p.opening_hours, p.source_date)
        g.points.setdefault(point.region, []).append(point)
    for name, codes in list(g.names.items()):
        for form in cyrillic_spellings(name):
            if form not in g.names:  # a real name always wins over a respelling
                g.respelled.setdefault(form, set()).update(codes)
    g.names.pop("", None)
    g.index()
    return g


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per process from the database at DATABASE_URL."""
    from bot.db.session import engine_from_url, session_scope

    engine = engine_from_url()
    try:
        with session_scope(engine) as session:
            return build_gazetteer(session)
    finally:
        engine.dispose()
