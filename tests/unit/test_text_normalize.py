import pytest

from bot.language.folding import fold_token

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("raw, folded", [
    ("Zabrał", "zabral"), ("wypłaty", "wyplaty"), ("Știu", "stiu"), ("pașaportul", "pasaportul"),
    ("паспорта", "pasporta"), ("щастие", "shtastie"), ("6efa", "shefa"), ("4akam", "chakam"),
    ("1200", "1200"),
])
def test_spelling_variants_meet(raw, folded):
    assert fold_token(raw) == folded
