"""Which of our languages is one message written in? Built for short, diacritic-less phone text.

langdetect alone guesses badly on "nie dostalem wyplaty" or "ok" (and is random unless seeded), so
the evidence is combined:
1. script: Cyrillic is Bulgarian unless it has letters Bulgarian lacks (ы э ё і ї є ґ);
2. letters only one of our languages has (ą ę ł ś ż ź ć ń; ă ș ț â î);
3. frequent function and everyday words per language, with and without diacritics, including
   Bulgarian written in Latin letters;
4. langdetect, seeded, over its whole profile set: its probabilities for our five languages, and
   a signal when the text is confidently in a language we do not support.
Dutch domain words (loonstrook, BSN, gemeente...) count for no language: workers of every language
use them, so they must not pull a Polish sentence to Dutch.

`detect()` returns a LanguageGuess with `code` None when it cannot tell; `unsupported` carries
langdetect's code when the text looks like a language we do not speak (Ukrainian, Hungarian...).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.languages import SUPPORTED_LANGUAGES
from bot.text_normalize import fold_token

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

# Words every worker uses, whatever their language: neutral evidence.
NEUTRAL_WORDS = frozenset("""
loonstrook loonstroken huurcontract zorgverzekering uitzendbureau uitzendbureaus gemeente bsn
vakantiegeld vakantiebijslag ontslag werkgever inhouding inhoudingen huisarts digid rni brp
informatiepunt zorgtoeslag toeslag arbeidsinspectie eigen risico ziektewet ww uwv sncu fnv cao
ok okay oke okej okey euro eur cm hr tilburg venlo westland naaldwijk rotterdam amsterdam breda
eindhoven utrecht zwolle horst venray almere emmen den haag bosch nl holland nederland
whatsapp sms email mail internet online app id pin stop hallo hello
""".split())

# Letters that only one of our languages has (after lower-casing).
_SPECIFIC_LETTERS = {
    "pl": set("ąęłśżźćń"),
    "ro": set("ășşțţâî"),
}
# Letters that point to a language we do not support (Latin script).
_FOREIGN_LETTERS = set("ėįųūőűřěůßñãõçğış") | set("ä")  # ä: German/Slovak; not in pl/ro/nl/en

# Cyrillic letters Bulgarian does not use: Russian and Ukrainian.
_NON_BULGARIAN_CYRILLIC = {"ы": "ru", "э": "ru", "ё": "ru", "і": "uk", "ї": "uk", "є": "uk", "ґ": "uk"}

# Frequent words per language, written folded (lower case, no diacritics, Cyrillic transliterated).
LEXICON: dict[str, frozenset[str]] = {
    "pl": frozenset("""
nie jest mi sie czy jak co ze na do w z ktory ktora moj moja moje mam mamy masz szef szefa
prosze dzieki dziekuje tak pracy praca prace wyplata wyplaty wyplate gdzie mnie jestem bo ale juz
dla od po pieniadze pieniedzy ubezpieczenie mieszkanie pokoj pokoju umowa umowy umowe agencja
agencji paszport paszportu dowod zabral zabrali zabiera dostalem dostalam nic moge mozna musze
trzeba jaki jaka jakie kiedy dlaczego bardzo tylko jeszcze teraz dzien dobry czesc witam cze
polsku polski chce chcialem pomoc pomocy kto ten ta to tu tam sa byl byla bylo beda bez przez
przy pod nad miesiac tygodniu godzin godziny zaplacili placa oddac oddaje mieszkam pracuje
potrzebuje rozmawiac czlowiekiem dobrze wiem wiesz robic zrobic urlop choroby chory szpital
zwolnili zwolnienie mieszkaniu kwatera kwatery koordynator jezyk jezyku cos ktos""".split()),
    "ro": frozenset("""
nu si este e am pe la de ca sa mi imi ce cum unde pentru pt cu din sunt vreau ma bani banii
banilor sef seful sefu multumesc mersi buna ziua lucru munca muncesc lucrez salariu salariul
pasaport pasaportul pasaportu buletin buletinul asigurare asigurarea locuinta casa camera camerei
contract contractul agentie agentia firma firmei nimic pot poate trebuie care cand de ce foarte
doar acum inca mai am avem are au fost fi fie va vom voi te rog va rog ajutor ajuta cineva
nu stiu stiu vorbesc romana romaneste romaneasca vorbi om persoana luat luata luat dat dau
platit platesc primit primesc saptamana luna ore orele spital bolnav medic concediu cazare
unei unui al ale ai aici acolo daca sau dar si ea el ei eu tu noi voi lor meu mea mele mei
nou noua zi zile da""".split()),
    "bg": frozenset("""
ne mi me sam sum e sa na za ot s v i ili no che shte li kato tuk tam vse oshte veche sega dnes
utre vchera nishto nikoi moite moya moi moq moqta moyata mnogo malko kolko koi koya koga
iskam imam nqma nyama moga mozhe moje mojesh mozhesh kade kude kak kakvo zashto zasto shefa
shefat shef rabota rabotq rabotya rabotata pari parite zaplata zaplatata pasport pasporta
pasportat lichna karta kartata zastrahovka zastrahovkata kvartira kvartirata stayata staqta
molq molya blagodarq blagodarya zdravei zdrasti zdraveite dobar den dovizhdane dovijdane chao
az ti toi tya tq nie vie te dokumenti dokumentite bolnica bolen lekar firmata agenciyata
agenciqta uvolnen uvolniha platiha vzeha vzel vze dadoha dade kazaha kazva trqbva tryabva
pomosht pomogni problem bulgarski balgarski govorq govorya razbiram ima bila bil bilo sme ste
sa tova tozi tazi onova neshto nqkoi nyakoi chovek choveka dogovor dogovora mesec sedmica
chasa chasove evro""".split()),
    "nl": frozenset("""
ik het de een niet is wat hoe waar mijn heb hebt je jij van en op met voor dat kan wil geen ook
er bij dank bedankt ja nee die dit deze zijn was wordt word worden moet moeten mag mijn me mij
we wij ze zij hij haar hem ons onze jullie u uw naar uit aan over om tot te nog al maar of als
dan wel hier daar wanneer waarom welke kunnen willen krijg krijgen gekregen betaald betalen
loon baas huis kamer paspoort werk werken werkt ziek geld dag goedemorgen goedemiddag
doei groetjes graag alstublieft alsjeblieft spreek praten iemand mens hulp helpen woon woning
contract verzekering verzekerd nederlands""".split()),
    "en": frozenset("""
the i you my is not what how where have has can do dont don't does to of and for with please
thanks thank yes no it this that are was be am me we they he she his her our your their from
at in on about if or but so get got give gave take took want need know help work job boss pay
paid money salary room house passport insurance contract agency sick ill fired speak english
person human someone who why when which there here still after before week month hours
hi hey morning evening bye goodbye sorry ok also any some much many""".split()),
}

# Weights of the evidence (tuned on tests/langid; see benchmarks/langid.py).
_W_LEXICON = 1.0
_W_LETTER = 1.5
_W_LANGDETECT = 1.2
_EVIDENCE_FOR_FULL_CONFIDENCE = 2.5


@dataclass(frozen=True)
class LanguageGuess:
    code: str | None
    confidence: float
    unsupported: str | None = None
    scores: dict[str, float] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        out: dict = {"code": self.code, "confidence": round(self.confidence, 3)}
        if self.unsupported:
            out["unsupported"] = self.unsupported
        return out


UNKNOWN = LanguageGuess(None, 0.0)


@lru_cache(maxsize=1)
def _langdetect_factory():
    # Loading langdetect's profiles takes ~0.5 s: do it once, on first use.
    from langdetect.detector_factory import DetectorFactory, init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def _langdetect_probabilities(text: str) -> dict[str, float]:
    from langdetect.lang_detect_exception import LangDetectException

    factory = _langdetect_factory()
    try:
        detector = factory.create()
        detector.append(text)
        return {p.lang: p.prob for p in detector.get_probabilities()}
    except LangDetectException:
        return {}


# Bulgarian writes ь only before о ("шофьор"); Russian uses it freely ("деньги", "делать").
_RUSSIAN_SOFT_SIGN = re.compile(r"ь(?!о)")
_RUSSIAN_WORDS = frozenset({"что", "мне", "меня", "это", "нет", "если", "когда", "деньги", "сейчас"})


def _cyrillic_guess(lowered: str, letters: list[str]) -> LanguageGuess:
    for ch in letters:
        if ch in _NON_BULGARIAN_CYRILLIC:
            return LanguageGuess(None, 0.0, unsupported=_NON_BULGARIAN_CYRILLIC[ch])
    if _RUSSIAN_SOFT_SIGN.search(lowered) or _RUSSIAN_WORDS.intersection(_WORD.findall(lowered)):
        return LanguageGuess(None, 0.0, unsupported="ru")
    return LanguageGuess("bg", 0.99 if len(letters) >= 4 else 0.9, scores={"bg": 1.0})


def detect(text: str) -> LanguageGuess:
    """Guess the language of one message; see the module docstring for the evidence used."""
    if not text or text.startswith("/"):  # empty, or a button payload such as /greet
        return UNKNOWN
    lowered = text.lower()
    letters = [ch for ch in lowered if ch.isalpha()]
    if not letters:
        return UNKNOWN
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyrillic / len(letters) > 0.5:
        return _cyrillic_guess(lowered, letters)

    words = _WORD.findall(lowered)
    scores = {code: 0.0 for code in SUPPORTED_LANGUAGES}
    content_words = 0
    for word in words:
        folded = fold_token(word)
        if folded in NEUTRAL_WORDS or word in NEUTRAL_WORDS:
            continue
        content_words += 1
        for code, specific in _SPECIFIC_LETTERS.items():
            if any(ch in specific for ch in word):
                scores[code] += _W_LETTER
        owners = [code for code, lexicon in LEXICON.items() if folded in lexicon]
        for code in owners:
            scores[code] += _W_LEXICON / len(owners)
    if content_words == 0:
        return UNKNOWN

    foreign_letters = sum(1 for ch in letters if ch in _FOREIGN_LETTERS)
    unsupported = None
    lexical_total = sum(scores.values())
    # langdetect needs some text to say anything useful; on one or two words it is noise.
    if content_words >= 2 or lexical_total == 0:
        probs = _langdetect_probabilities(" ".join(w for w in words if w not in NEUTRAL_WORDS))
        for code in SUPPORTED_LANGUAGES:
            scores[code] += _W_LANGDETECT * probs.get(code, 0.0)
        if probs:
            top_lang, top_prob = max(probs.items(), key=lambda kv: kv[1])
            if top_lang not in SUPPORTED_LANGUAGES and top_prob > 0.9 and (
                lexical_total < 0.34 * content_words or foreign_letters
            ):
                unsupported = top_lang
    if foreign_letters and lexical_total < 1.0:
        unsupported = unsupported or "other"
    if unsupported:
        return LanguageGuess(None, 0.0, unsupported=unsupported, scores=scores)

    total = sum(scores.values())
    if total <= 0:
        return UNKNOWN
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    share = ranked[0] / total
    strength = 1.0 - math.exp(-total / _EVIDENCE_FOR_FULL_CONFIDENCE * 2)
    confidence = share * strength
    if ranked[0] == ranked[1]:
        return LanguageGuess(None, confidence, scores=scores)
    return LanguageGuess(best, confidence, scores=scores)
