"""Language identification on the short, diacritic-less messages workers really send."""
import pytest

from bot.language.conversation_policy import ACCEPT_CONFIDENCE
from bot.language.detection import detect

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, code", [
    ("nie dostalem wyplaty", "pl"),
    ("szef zabrał mi paszport", "pl"),
    ("paszport szef zabral", "pl"),
    ("mam problem z loonstrook i huurcontract od uitzendbureau", "pl"),
    ("nu am primit banii", "ro"),
    ("seful mi-a luat pasaportul", "ro"),
    ("nu stiu ce sa fac cu loonstrook", "ro"),
    ("ne mi platiha", "bg"),
    ("шефа ми взе паспорта", "bg"),
    ("kade moga da otida za pomosht", "bg"),
    ("6efa mi vze pasporta", "bg"),
    ("baas heeft mijn paspoort", "nl"),
    ("ik heb geen loonstrook gekregen", "nl"),
    ("my boss took my passport", "en"),
    ("they did not pay me for two weeks", "en"),
])
def test_detects_the_language_of_typical_messages(text, code):
    assert detect(text).code == code


def test_latin_script_bulgarian_is_never_taken_for_another_slavic_language():
    story = ("Zdraveite, rabotim 5 bulgari v oranjeriq kraj De Lier. Ve4e 3 sedmici zaplatata "
             "zakasnqva, vsqka sedmica ni kazvat v petak, posle v ponedelnik. Nqmame pari za "
             "hrana. Mojem li da gi opla4em nqkade oficialno?")
    guess = detect(story)
    assert guess.code == "bg" and guess.unsupported is None


def test_latin_script_bulgarian_with_digits_for_letters_is_sure_enough_to_answer():
    # Mostly words Polish shares ("na", "bez", "i", "da"): "oran4eriqta", "ni6to", "nqkoi" decide.
    guess = detect("karat ni da rabotim na pokriva na oran4eriqta bez kolani i bez ni6to. "
                   "ami ako padne nqkoi?")
    assert guess.code == "bg" and guess.confidence >= ACCEPT_CONFIDENCE


@pytest.mark.parametrize("text", ["", "   ", "1200 300 14", "!!!", "/greet", "ok", "🙂🙂"])
def test_says_nothing_when_there_is_nothing_to_go_on(text):
    assert detect(text).code is None


@pytest.mark.parametrize("text, unsupported", [
    ("мій паспорт забрав роботодавець", "uk"),
    ("мне не заплатили деньги, что мне делать?", "ru"),
])
def test_recognises_cyrillic_languages_we_do_not_speak(text, unsupported):
    guess = detect(text)
    assert guess.code is None
    assert guess.unsupported == unsupported


def test_recognises_a_latin_language_we_do_not_speak():
    guess = detect("Szia, nem kaptam meg a fizetésemet a munkáltatótól")
    assert guess.code is None
    assert guess.unsupported


def test_dutch_domain_words_do_not_pull_a_polish_sentence_to_dutch():
    guess = detect("agencja nie dala mi loonstrook ani huurcontract, a gemeente nie pomaga")
    assert guess.code == "pl"


def test_is_deterministic():
    text = "nie wiem co robic"
    assert len({detect(text).confidence for _ in range(20)}) == 1


def test_confidence_is_higher_for_a_sentence_than_for_one_word():
    assert detect("nie dostałem wypłaty za dwa tygodnie").confidence > detect("tak").confidence


@pytest.mark.parametrize("text, code", [
    ("dzieki", "pl"), ("jasne", "pl"), ("multumesc", "ro"), ("nu stiu", "ro"),
    ("благодаря", "bg"), ("blagodarq", "bg"), ("ne znam", "bg"), ("bedankt", "nl"),
    ("dank je wel", "nl"), ("thank you", "en"), ("loonstrook", "nl"),
])
def test_one_or_two_words_that_belong_to_one_language(text, code):
    assert detect(text).code == code


@pytest.mark.parametrize("text", [
    "Mir wurde ohne Grund gekündigt",
    "No me han pagado el sueldo de este mes",
    "Vyhodili ma z práce bez dôvodu",
    "Aš nesuprantu savo loonstrook, ką daryti?",
])
def test_languages_we_do_not_speak_are_not_misread_as_ours(text):
    guess = detect(text)
    assert guess.code is None and guess.unsupported


@pytest.mark.parametrize("text, code", [
    ("mi-a trimis coordonatorul asta pe grup, ce inseamna?? 'Beste bewoners, vanaf 1 juli wordt "
     "de huur voor de kamer verhoogd naar 135 per week. Wie niet akkoord gaat moet de woning "
     "binnen 14 dagen verlaten.' eu platesc deja 110", "ro"),
    ("Коорд. ми прати това по уатсап, какво значи? 'Hi, due to less work your assignment ends "
     "14/6. Your last working day is friday. Thank you for working with us.' Значи ли че съм "
     "уволнен?", "bg"),
    ('dostalem list i nic nie rozumiem, przepisuje: "Hierbij zeggen wij de huurovereenkomst van '
     'uw kamer op per 1 juni. U dient de kamer leeg op te leveren." co to znaczy??', "pl"),
])
def test_a_pasted_letter_is_not_the_language_the_worker_writes_in(text, code):
    assert detect(text).code == code


def test_a_term_in_quotes_is_the_workers_own_words():
    from bot.language.quoted import own_words

    text = "i don't know what 'reservering vakantiegeld' means, they're not paying"
    assert own_words(text) == text
    assert own_words("'Beste collega's, vanaf week 23 wordt de bijdrage verhoogd'") \
        .startswith("'Beste")  # nothing of the worker's own around it: read as it is
