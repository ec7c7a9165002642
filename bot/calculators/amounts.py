"""Amounts and small numbers as workers type them: "1200", "1.200", "1 200", "1200,50", "€ 300",
"300 euro", "300e", "14.71". Money is Decimal, never float.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from bot.language.folding import WORD, fold_token

# A number with optional thousands separators (dot, comma, space) and decimals.
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ .,]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?![\w])")


def to_decimal(whole: str, decimals: str | None) -> Decimal | None:
    digits = re.sub(r"[ .,]", "", whole)
    try:
        return Decimal(f"{digits}.{decimals}") if decimals else Decimal(digits)
    except InvalidOperation:
        return None


def find_amounts(text: str) -> list[tuple[Decimal, int, int]]:
    """(amount, start, end) for every number in the text, in order."""
    out = []
    for match in NUMBER.finditer(text or ""):
        value = to_decimal(match.group(1), match.group(2))
        if value is not None:
            out.append((value, match.start(), match.end()))
    return out


def parse_amount(text: str, maximum: Decimal) -> Decimal | None:
    """The one amount in a reply such as "300 euro" or "1.200,50"; None when there is none, or
    more than one, or it is negative or above `maximum`."""
    if re.search(r"-\s*\d", text or ""):
        return None
    amounts = find_amounts(text)
    if len(amounts) != 1:
        return None
    value = amounts[0][0]
    return value if Decimal(0) <= value <= maximum else None


# Words near an amount that say what it is (folded: no diacritics, Cyrillic transliterated).
HOUSING_WORDS = frozenset("""
pokoj pokoju mieszkanie mieszkania kwatera kwatere kwatery zakwaterowanie domek housing room house
rent accommodation huur kamer woning huisvesting camera camerei cazare chirie chiria locuinta
casa kvartira kvartirata staya stayata staqta nastanyavane naem kashta lozhko bed
""".split())
INSURANCE_WORDS = frozenset("""
ubezpieczenie ubezpieczenia zorgverzekering insurance asigurare asigurarea asigurarii
zastrahovka zastrahovkata verzekering zorg
""".split())
GROSS_WORDS = frozenset("""
z ze from of din ot van wyplata wyplaty pensja pensji brutto gross salary salariu
salariul zaplata zaplatata loon bruto earn earned zarabiam zarobilem castig
""".split())


def _role(words: list[str]) -> str | None:
    if set(words) & HOUSING_WORDS:
        return "housing"
    if set(words) & INSURANCE_WORDS:
        return "insurance"
    if set(words) & GROSS_WORDS:
        return "gross"
    return None


def amounts_with_roles(text: str) -> dict[str, Decimal]:
    """Amounts named in a deduction question: {"housing": 300, "gross": 1200} from
    "szef zabral 300 euro za pokoj z 1200". Words right after an amount say what it is
    ("300 za pokoj"); failing that, the word right before it ("z 1200", "from 1,200"). An unnamed
    amount larger than the others is taken as the gross pay."""
    words = [(fold_token(m.group(0)), m.start())
             for m in WORD.finditer(text or "")]
    amounts = find_amounts(text)
    roles: dict[str, Decimal] = {}
    unnamed: list[Decimal] = []
    for i, (value, start, end) in enumerate(amounts):
        next_start = amounts[i + 1][1] if i + 1 < len(amounts) else len(text)
        previous_end = amounts[i - 1][2] if i else 0
        after = [w for w, pos in words if end <= pos < next_start][:5]
        before = [w for w, pos in words if previous_end <= pos < start][-2:]
        role = _role(after) or _role(before[-1:]) or _role(before)
        if role and role not in roles:
            roles[role] = value
        else:
            unnamed.append(value)
    if "gross" not in roles and unnamed:
        largest = max(unnamed)
        if all(largest > v for v in roles.values()):
            roles["gross"] = largest
    return roles
