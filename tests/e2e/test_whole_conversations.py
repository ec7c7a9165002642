"""Whole conversations the way workers write them, over the REST channel, in every language: the
place said in passing, the answer before the questions, two problems at once, follow-ups in the
context of the topic, and a conversation language that is never lost."""
import pytest
import requests

from bot import messages as M
from bot.i18n import translate

pytestmark = pytest.mark.e2e


def texts(replies):
    return "\n".join(r.get("text", "") for r in replies)


def payloads(replies):
    return [b["payload"] for r in replies for b in r.get("buttons") or []]


# A place named in passing inside another problem, then "where can I go with this?".
PLACE_IN_PASSING = {
    "pl": ("pracuje w chlodni kolo Almelo, agencja trzyma moj dowod", "a gdzie z tym?",
           "Almelo"),
    "ro": ("lucrez la o sera in Westland si seful imi tine pasaportul", "unde ma duc cu asta?",
           "Westland"),
    "bg": ("работя в склад във Венло и шефа ми взе паспорта", "къде да ходя с това?", "Venlo"),
    "nl": ("ik woon in Venray, het uitzendbureau houdt mijn ID", "waar kan ik hiermee heen?",
           "Venray"),
    "en": ("I live in Venray, the agency keeps my ID", "where can I go with this?", "Venray"),
}


@pytest.mark.parametrize("lang", list(PLACE_IN_PASSING))
def test_a_place_said_in_passing_is_used_without_asking_again(bot, sender, lang):
    story, where, place = PLACE_IN_PASSING[lang]
    first = bot.say(sender, story)
    assert "0800 51 51" in texts(first)  # the passport answer
    assert bot.slots(sender)["town"] == place
    replies = bot.say(sender, where)
    assert place in texts(replies)
    assert translate(lang, M.ASK_TOWN) not in texts(replies)
    assert bot.slots(sender)["language"] == lang
    # "a person please" gives the region's contact as well, again without asking
    person = {"pl": "chce porozmawiac z czlowiekiem", "ro": "vreau sa vorbesc cu un om",
              "bg": "искам да говоря с човек", "nl": "ik wil met een mens praten",
              "en": "i want to talk to a real person"}[lang]
    replies = bot.say(sender, person)
    assert place in texts(replies) and translate(lang, M.ASK_TOWN) not in texts(replies)


AMOUNTS = {
    "pl": "biora mi 110 na tydzien za lozko w kontenerze, czy to zgodne z prawem?",
    "ro": "imi iau 110 pe saptamana pentru un pat in container, e legal?",
    "bg": "взимат ми 110 на седмица за легло в контейнер, законно ли е?",
    "nl": "het bureau houdt 95 euro per week in voor zijn kamer, mag dat?",
    "en": "they take 110 a week for a bed in a container, is that legal?",
}


@pytest.mark.parametrize("lang", list(AMOUNTS))
def test_a_question_with_amounts_gets_the_answer_first_and_one_offer_to_check(bot, sender, lang):
    replies = bot.say(sender, AMOUNTS[lang])
    assert translate(lang, M.ASK_AGE) not in texts(replies)
    assert translate(lang, M.CHECK_INTRO) not in texts(replies)
    assert translate(lang, M.LAST_CHECKED, date="").split("{")[0].strip() in texts(replies)
    offers = [b for r in replies for b in r.get("buttons") or []
              if b["title"] == translate(lang, M.CHECK_WITH_AMOUNTS)]
    assert len(offers) == 1
    # A different question afterwards is answered, not read as a number.
    replies = bot.say(sender, {"pl": "szef zabral mi paszport", "ro": "seful mi-a luat pasaportul",
                               "bg": "шефа ми взе паспорта", "nl": "mijn baas heeft mijn paspoort",
                               "en": "my boss took my passport"}[lang])
    assert "0800 51 51" in texts(replies)
    assert translate(lang, M.INVALID_NUMBER, example="25") not in texts(replies)


TWO_PROBLEMS = {
    "pl": ("agencja trzyma moj paszport i jeszcze bierze 120 za pokoj",
           "ask_passport_held", "/ask_wage_deductions"),
    "ro": ("m-au dat afara si nu mi-au platit salariul pe ultima luna",
           "ask_unpaid_wages", "/ask_dismissal"),
    "bg": ("уволниха ме и не ми платиха заплатата за последния месец",
           "ask_unpaid_wages", "/ask_dismissal"),
    "nl": ("ik ben ontslagen en ze hebben mijn loon niet betaald", "ask_unpaid_wages",
           "/ask_dismissal"),
    "en": ("my boss keeps my passport and they deduct 120 for the room", "ask_passport_held",
           "/ask_wage_deductions"),
}


@pytest.mark.parametrize("lang", list(TWO_PROBLEMS))
def test_the_second_problem_is_offered_after_the_most_urgent(bot, sender, lang):
    text, urgent, other = TWO_PROBLEMS[lang]
    replies = bot.say(sender, text)
    assert bot.slots(sender)["last_topic"] == urgent
    assert other in payloads(replies)
    assert translate(lang, M.ALSO_ASKED) in texts(replies)


# After the health-insurance answer: "and then?", "really?", "ok".
FOLLOW_UPS = {
    "pl": ("skonczyla mi sie praca czy mam jeszcze ubezpieczenie", "a potem?", "naprawde?", "ok"),
    "ro": ("nu mai lucrez, mai am asigurare medicala?", "si acum ce fac?", "serios?", "da"),
    "bg": ("спрях работа, имам ли още здравна застраховка", "а след това?", "наистина ли?",
           "ok"),
    "nl": ("mijn contract is afgelopen, ben ik nog verzekerd", "en wat nu?", "is dat zo?",
           "bedankt"),
    "en": ("my job ended am i still covered by health insurance", "so what now?", "really?",
           "ok"),
}


@pytest.mark.parametrize("lang", list(FOLLOW_UPS))
def test_follow_ups_stay_on_the_topic(bot, sender, lang):
    question, then, really, ok = FOLLOW_UPS[lang]
    bot.say(sender, question)
    assert bot.slots(sender)["last_topic"] == "ask_health_insurance"
    menu = {translate(lang, m) for m in (M.NOT_UNDERSTOOD, M.GOODBYE, M.GREETING, M.AFFIRM)}
    replies = bot.say(sender, then)
    assert translate(lang, M.NEXT_STEP) == replies[0]["text"]
    assert not menu & {r.get("text") for r in replies}
    assert '/ask_health_insurance{"check": "date"}' in payloads(replies)
    replies = bot.say(sender, really)
    assert replies[0]["text"].startswith(translate(lang, M.IS_THAT_SO, date="").split("{")[0][:20])
    assert bot.slots(sender)["last_topic"] == "ask_health_insurance"
    replies = bot.say(sender, ok)
    assert not menu - {translate(lang, M.AFFIRM)} & {r.get("text") for r in replies}
    assert len(texts(replies)) < 120  # a short acknowledgement
    assert bot.slots(sender)["language"] == lang


# "What if…?" and "whom do I turn to with this?" after an answer: still about that problem,
# even where the words alone look like another topic ("zglosic" is "report").
IN_CONTEXT = {
    "pl": ("agencja trzyma moj paszport", "a co jesli nie odda?", "gdzie sie z tym zglosic?"),
    "ro": ("seful mi-a luat pasaportul", "si daca refuza?", "la cine ma adresez?"),
    "bg": ("шефът ми взе паспорта", "а ако откаже?", "към кого да се обърна?"),
    "nl": ("het bureau houdt mijn paspoort", "maar als ze weigeren?", "waar kan ik dit melden?"),
    "en": ("my boss keeps my passport", "what if he refuses?", "who do i turn to?"),
}


@pytest.mark.parametrize("lang", list(IN_CONTEXT))
def test_what_if_and_whom_to_turn_to_stay_on_the_problem(bot, sender, lang):
    question, what_if, whom = IN_CONTEXT[lang]
    bot.say(sender, question)
    assert bot.slots(sender)["last_topic"] == "ask_passport_held"
    replies = bot.say(sender, what_if)
    assert translate(lang, M.NEXT_STEP) == replies[0]["text"]
    bot.say(sender, whom)
    assert bot.slots(sender)["last_topic"] == "ask_passport_held"
    assert bot.slots(sender)["language"] == lang


# After an answer, "is that legal?" doubts that answer, and "btw I live in <town>" says where the
# worker is: both stay on the problem; the town's help point is given without asking.
LEGAL_AND_TOWN = {
    "pl": ("szef zabral mi paszport", "czy to legalne?", "btw mieszkam w Venlo", "Venlo"),
    "ro": ("proprietarul mi-a luat buletinul", "e legal ce face?", "btw stau in Hoogezand",
           "Midden-Groningen"),
    "bg": ("шефът ми взе паспорта", "законно ли е?", "живея в Горинхем", "Gorinchem"),
    "nl": ("mijn baas houdt mijn paspoort", "mag dat wel?", "ik woon trouwens in Emmen", "Emmen"),
    "en": ("my boss keeps my passport", "is that legal?", "i live in Tiel btw", "Tiel"),
}


@pytest.mark.parametrize("lang", list(LEGAL_AND_TOWN))
def test_is_that_legal_and_a_town_after_an_answer_stay_on_the_problem(bot, sender, lang):
    question, legal, lives, town = LEGAL_AND_TOWN[lang]
    bot.say(sender, question)
    assert bot.slots(sender)["last_topic"] == "ask_passport_held"
    replies = bot.say(sender, legal)
    assert replies[0]["text"].startswith(translate(lang, M.IS_IT_ALLOWED, date="")[:20])
    assert not replies[0]["text"].startswith(translate(lang, M.IS_THAT_SO, date="")[:3])
    assert bot.slots(sender)["last_topic"] == "ask_passport_held"
    replies = bot.say(sender, lives)
    slots = bot.slots(sender)
    assert slots["town"] == town and slots["last_topic"] == "ask_passport_held"
    assert translate(lang, M.ASK_TOWN) not in texts(replies)
    assert town in texts(replies)  # the help of the town's region
    assert slots["language"] == lang


# A short question the classifier half places elsewhere asks more about the same problem; one
# with another problem's words is a new question.
MORE_ON_THE_PROBLEM = {
    "pl": ("jestem chory 3 dni, czy agencja mi zaplaci?", "serio pierwszy dzien nic nie placa??"),
    "ro": ("sunt bolnav de 3 zile, primesc bani?", "si celelalte zile? trebuie sa plateasca?"),
    "bg": ("болен съм от 3 дни, ще ми платят ли?", "а другите дни? трябва ли да платят?"),
    "nl": ("ik ben 3 dagen ziek, krijg ik loon?", "al 3 dagen niks. wat nu"),
    "en": ("i am sick 3 days, will the agency pay me?", "and the other days? they must pay?"),
}


@pytest.mark.parametrize("lang", list(MORE_ON_THE_PROBLEM))
def test_a_short_question_after_an_answer_stays_on_the_problem(bot, sender, lang):
    question, more = MORE_ON_THE_PROBLEM[lang]
    bot.say(sender, question)
    assert bot.slots(sender)["last_topic"] == "ask_sick_pay"
    replies = bot.say(sender, more)
    assert bot.slots(sender)["last_topic"] == "ask_sick_pay"
    assert translate(lang, M.NOT_UNDERSTOOD) not in texts(replies)


def test_a_lost_job_asked_after_the_insurance_answer_is_a_question_of_its_own(bot, sender):
    bot.say(sender, "agentia mi-a oprit zorgverzekering, ce fac?")
    assert bot.slots(sender)["last_topic"] == "ask_health_insurance"
    bot.say(sender, "si daca ma dau afara din cauza sarcinii?")
    assert bot.slots(sender)["last_topic"] == "ask_dismissal"


def test_latin_bulgarian_with_digits_opens_a_conversation_in_bulgarian(bot, sender):
    bot.say(sender, "karat ni da rabotim na pokriva na oran4eriqta bez kolani i bez ni6to. "
                    "ami ako padne nqkoi?")
    assert bot.slots(sender)["language"] == "bg"


@pytest.mark.parametrize("short", ["kude da hodq?", "a sega?", "koi moje da pomogne?"])
def test_a_bulgarian_conversation_keeps_its_language_on_short_latin_messages(bot, sender, short):
    bot.say(sender, "шефа ми взе паспорта")
    replies = bot.say(sender, short)
    assert not texts(replies).startswith(translate("en", M.UNSUPPORTED_LANGUAGE)[:20])
    assert translate("bg", M.NOT_UNDERSTOOD) not in texts(replies)
    assert bot.slots(sender)["language"] == "bg"


def test_a_dutch_place_name_and_one_polish_word_keep_the_polish(bot, sender):
    bot.say(sender, "nie dostalem wyplaty za pazdziernik")
    replies = bot.say(sender, "Zeewolde pomocy")
    assert bot.slots(sender)["language"] == "pl"
    assert "Zeewolde" in texts(replies)


def test_a_language_named_in_the_question_sets_it_and_the_question_is_answered(bot, sender):
    replies = bot.say(sender, "ma poate ajuta cineva, in romana?")
    assert bot.slots(sender)["language"] == "ro"
    assert replies[0]["text"] == translate("ro", M.LANGUAGE_SET)
    assert len(replies) > 1 and bot.slots(sender)["last_topic"] == "ask_human"


DAY_AFTER_INSURANCE = {
    "pl": ("czy mam jeszcze ubezpieczenie zdrowotne jak skonczyla sie praca",
           "umowa skonczyla sie 3 pazdziernika"),
    "ro": ("mai am asigurare medicala dupa ce s-a terminat munca?", "pe 3 octombrie"),
    "bg": ("имам ли здравна застраховка след края на работата", "на 3 октомври"),
    "nl": ("ben ik nog verzekerd als mijn werk stopt", "op 3 oktober"),
    "en": ("am i still insured after my job ends", "it ended on 3 October"),
}


@pytest.mark.parametrize("lang", list(DAY_AFTER_INSURANCE))
def test_a_date_after_the_insurance_answer_gives_the_last_insured_day(bot, sender, lang):
    import datetime as dt

    from bot.calculators.insured_until import insured_until
    from bot.i18n import format_day

    question, day = DAY_AFTER_INSURANCE[lang]
    bot.say(sender, question)
    replies = bot.say(sender, day)
    assert format_day(lang, insured_until(dt.date(2026, 10, 3))) in texts(replies)
    assert bot.slots(sender)["last_topic"] == "ask_health_insurance"


def test_how_much_after_the_deduction_answer_gives_the_amounts(bot, sender):
    bot.say(sender, "czy agencja moze mi zabierac pieniadze za mieszkanie z wyplaty")
    replies = bot.say(sender, "a ile moga?")
    assert "25" in texts(replies)  # the housing maximum: 25% of the minimum wage
    assert bot.slots(sender)["last_topic"] == "ask_wage_deductions"


def test_the_answer_carries_the_conversation_language(bot, sender):
    """The web app shows the page in it without a second request for the whole tracker."""
    import requests

    from bot.channels.request_body import LANGUAGE_HEADER

    r = requests.post(f"{bot.url}/webhooks/rest/webhook", timeout=60,
                      json={"sender": sender, "message": "szef zabral mi paszport"})
    assert r.status_code == 200 and r.headers[LANGUAGE_HEADER] == "pl"
    r = requests.post(f"{bot.url}/webhooks/rest/webhook", timeout=60,
                      json={"sender": sender, "message": "ok"})
    assert r.headers[LANGUAGE_HEADER] == "pl"


# A story whose second question is only in a clause of its own: the classifier reads each clause
# (bot/rasa/clause_intents.py), so the holiday-pay question is offered after the passport answer.
SECOND_IN_A_CLAUSE = {
    "pl": "szef trzyma moj paszport w biurze. i jeszcze jedno, kiedy wyplacaja vakantiegeld?",
    "ro": "seful imi tine pasaportul in birou. si inca ceva, cand se plateste vakantiegeld?",
    "bg": "шефът държи паспорта ми в офиса. и още нещо, кога плащат vakantiegeld?",
    "nl": "mijn baas houdt mijn paspoort in zijn kantoor. en nog iets, wanneer krijg ik "
          "vakantiegeld?",
    "en": "my boss keeps my passport in his office. and one more thing, when do they pay the "
          "vakantiegeld?",
}


@pytest.mark.parametrize("lang", list(SECOND_IN_A_CLAUSE))
def test_a_second_question_in_its_own_clause_is_offered(bot, sender, lang):
    text = SECOND_IN_A_CLAUSE[lang]
    parse = requests.post(f"{bot.url}/model/parse", params={"token": bot.token},
                          json={"text": text}, timeout=30).json()
    clauses = {c["name"] for c in parse["clause_intents"] if c["confidence"] >= 0.8}
    assert {"ask_passport_held", "ask_holiday_allowance"} <= clauses
    replies = bot.say(sender, text)
    assert bot.slots(sender)["last_topic"] == "ask_passport_held"
    assert "/ask_holiday_allowance" in payloads(replies)


def test_a_problem_asked_with_where_to_go_stays_the_topic(bot, sender):
    # What to know about the passport first, then the help in Venlo; the conversation is about
    # the passport, so "and then?" gets its next step.
    replies = bot.say(sender, "szukam informatiepunt w Venlo, szef ma moj paszport")
    assert "0800 51 51" in texts(replies) and "Venlo" in texts(replies)
    assert bot.slots(sender)["last_topic"] == "ask_passport_held"
    replies = bot.say(sender, "a potem?")
    assert translate("pl", M.NEXT_STEP) == replies[0]["text"]
    assert bot.slots(sender)["last_topic"] == "ask_passport_held"


def test_a_question_asked_before_the_language_was_known_is_answered_once_it_is(bot, sender):
    first = bot.say(sender, "minimalna zaplata kolko e?")  # Bulgarian or Polish: the menu
    assert '/choose_language{"lang": "bg"}' in payloads(first)
    replies = bot.say(sender, "na 4as kolko?")  # only Bulgarian
    assert bot.slots(sender)["language"] == "bg"
    assert bot.slots(sender)["last_topic"] == "ask_minimum_wage"
    assert "14,99" in texts(replies) or "14.99" in texts(replies)


def test_a_text_that_only_looks_like_a_button_keeps_the_conversation_language(bot, sender):
    bot.say(sender, "szef zabral mi paszport")
    bot.say(sender, '/ask_human{"x":1}')  # not one of our buttons: read as words, no language
    assert bot.slots(sender)["language"] == "pl"
    replies = bot.say(sender, "a gdzie z tym?")
    assert bot.slots(sender)["language"] == "pl" and replies


# A pasted letter or WhatsApp, in Dutch or English, inside the worker's own words.
PASTED = {
    "pl": ("dostalem list i nic nie rozumiem, przepisuje: 'Hierbij zeggen wij de huurovereenkomst "
           "van uw kamer aan de Kerkstraat te Grubbenvorst op per 1 juni. U dient de kamer leeg "
           "op te leveren.' co to znaczy?? dalej normalnie pracuje", "Horst aan de Maas"),
    "ro": ("mi-a trimis coordonatorul asta pe grup, ce inseamna?? 'Beste bewoners, vanaf 1 juli "
           "wordt de huur voor de kamer in Klundert verhoogd naar 135 per week. Wie niet akkoord "
           "gaat moet de woning binnen 14 dagen verlaten.' eu platesc deja 110", "Moerdijk"),
    "bg": ("Коорд. ми прати това по уатсап, какво значи? 'Hi, due to less work your assignment "
           "ends 14/6. Your last working day is friday. Thank you for working with us.' Значи ли "
           "че съм уволнен? Работя в Тилбург", "Tilburg"),
    "en": ("can someone explain me this letter: 'Hierbij delen wij u mede dat uw "
           "uitzendovereenkomst eindigt per 30 mei. U hoeft niet meer op de werkplek te "
           "verschijnen.' am i fired? i work in Venlo", "Venlo"),
    "nl": ("mijn baas stuurde dit: 'Hi all, from Monday there is no more work for you, your "
           "contract ends this week, thank you.' wat betekent dit voor mij? ik woon in Emmen",
           "Emmen"),
}


@pytest.mark.parametrize("lang", list(PASTED))
def test_a_pasted_letter_keeps_the_workers_language_and_place(bot, sender, lang):
    text, town = PASTED[lang]
    replies = bot.say(sender, text)
    slots = bot.slots(sender)
    assert slots["language"] == lang and slots["town"] == town
    assert slots["last_topic"] in ("ask_housing_contract", "ask_wage_deductions", "ask_dismissal")
    assert translate(lang, M.NOT_UNDERSTOOD) not in texts(replies)


# A question on the answer in more words, or full of another topic's words.
ON_THE_ANSWER = {
    "en": ("the agency says i must leave the room in 7 days, i have no separate rent contract",
           "how many days notice they must give me then?", "ask_housing_contract"),
    "ro": ("agentia zice ca trebuie sa plec din camera in 3 zile, n-am contract de inchiriere",
           "cate zile trebuie sa-mi dea minim?", "ask_housing_contract"),
    "pl": ("agencja trzyma moj paszport od 3 tygodni",
           "ok ale jak mam go odzyskac, koordynator tylko sie smieje jak pytam o to",
           "ask_passport_held"),
    "nl": ("ik ben ziek, krijg ik loon van het bureau?",
           "bureau zegt in fase A krijg je niks als je ziek bent. klopt dat", "ask_sick_pay"),
    "bg": ("агенцията ми взе паспорта още първия ден",
           "ok ama kak da si go vzema obratno, koordinatora samo se smee kato pitam",
           "ask_passport_held"),
}


@pytest.mark.parametrize("lang", list(ON_THE_ANSWER))
def test_a_longer_question_on_the_answer_stays_on_the_problem(bot, sender, lang):
    first, more, topic = ON_THE_ANSWER[lang]
    bot.say(sender, first)
    assert bot.slots(sender)["last_topic"] == topic
    bot.say(sender, more)
    assert bot.slots(sender)["last_topic"] == topic
    assert bot.slots(sender)["language"] == lang


def test_one_more_thing_starts_a_new_question(bot, sender):
    bot.say(sender, "agencja trzyma moj paszport od 3 tygodni")
    bot.say(sender, "i jeszcze jedno, ile wynosi minimalna stawka na godzine?")
    assert bot.slots(sender)["last_topic"] == "ask_minimum_wage"


def test_a_town_written_as_bulgarian_spells_it_in_latin_letters(bot, sender):
    bot.say(sender, "padnah ot stulbata v sklada i si udarih kraka, shefa kaza da ne kazvam")
    bot.say(sender, "i sega kakvo, tuk v venrai ima li spe6no")
    assert bot.slots(sender)["town"] == "Venray"
    assert bot.slots(sender)["language"] == "bg"


def test_coming_back_to_a_problem_the_answer_offered(bot, sender):
    first = bot.say(sender, "zwolnili mnie bez wypowiedzenia po 2 latach, czy tak mozna?? i "
                            "agencja kazala oddac klucze do domu i od wczoraj spie w aucie")
    assert bot.slots(sender)["last_topic"] == "ask_homelessness"
    assert "/ask_dismissal" in payloads(first)
    bot.say(sender, "w nocy jest zimno, gdzie moge dzis przenocowac")
    bot.say(sender, "dobra a z tym zwolnieniem co mam robic?")
    assert bot.slots(sender)["last_topic"] == "ask_dismissal"
