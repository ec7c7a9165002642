"""Reading a message in the context of a conversation, without Rasa: follow-ups, every problem
a message raises and its order of urgency, and places in passing."""
import pytest

from bot.dialogue.follow_ups import follow_up_kind, read_in_context
from bot.dialogue.several_topics import topics_raised
from bot.dialogue.turn import read_turn
from bot.places.gazetteer import cyrillic_spellings

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, kind", [
    ("a potem?", "next"), ("I CO TERAZ??", "next"), ("а след това?", "next"),
    ("a sled tova", "next"), ("si acum ce fac?", "next"), ("en wat nu?", "next"),
    ("so what now?", "next"),
    ("a gdzie z tym?", "where"), ("kude da hodq?", "where"), ("къде да ходя", "where"),
    ("koi moje da pomogne?", "where"), ("waar kan ik hiermee heen?", "where"),
    ("is dat zo?", "is_that_so"), ("naprawdę?", "is_that_so"), ("наистина ли?", "is_that_so"),
    ("ok", "thanks"), ("tak", "thanks"), ("da", "thanks"), ("dziękuję", "thanks"),
    ("merci", "thanks"), ("bedankt", "thanks"), ("ok dzieki za pomoc", "thanks"),
    # one joining word before the phrase
    ("а към кого да се обърна?", "where"), ("and where can i go?", "where"),
    ("ok, what now?", "next"),
    # "is that legal?" is not doubt: the answer to it must not start with "Yes."
    ("czy to legalne?", "is_it_allowed"), ("e legal ce face?", "is_it_allowed"),
    ("законно ли е?", "is_it_allowed"), ("mag dat wel?", "is_it_allowed"),
    ("is that legal?", "is_it_allowed"),
])
def test_follow_ups_in_every_language_and_script(text, kind):
    assert follow_up_kind(text) == kind


@pytest.mark.parametrize("text", [
    "ok, a szef zabral mi paszport i nie chce oddac",  # a new question after "ok"
    "a potem szef powiedzial ze nie zaplaci za ostatni miesiac",
    "/ask_human", "", "Venlo",
    "mag dat bureau zomaar 95 euro per week inhouden voor mijn kamer?",
])
def test_a_new_question_is_not_a_follow_up(text):
    assert follow_up_kind(text) is None


def ranking(*pairs):
    return [{"name": n, "confidence": c} for n, c in pairs]


@pytest.mark.parametrize("text, intent, expected", [
    # the most urgent first, whatever the classifier ranked first
    ("szef trzyma moj paszport i jeszcze bierze 120 za pokoj", "ask_wage_deductions",
     ["ask_passport_held", "ask_wage_deductions"]),
    ("m-au dat afara si nu mi-au platit salariul", "ask_dismissal",
     ["ask_unpaid_wages", "ask_dismissal"]),
    ("lost my job and my room today, nowhere to sleep", "ask_dismissal",
     ["ask_homelessness", "ask_dismissal"]),
    # danger first: threats before the missing pay
    ("szef nam grozi i nie zaplacil za marzec", "ask_unpaid_wages",
     ["report_abuse", "ask_unpaid_wages"]),
    # a request for help stays the answer; the problem comes with it
    ("gdzie moge isc w Venlo, szef ma moj paszport", "find_informatiepunt",
     ["find_informatiepunt", "ask_passport_held"]),
    # losing the job is part of the insurance question, not a second problem
    ("stracilem prace, czy mam jeszcze ubezpieczenie zdrowotne", "ask_health_insurance",
     ["ask_health_insurance"]),
    ("hoeveel vakantiegeld krijg ik", "ask_holiday_allowance", ["ask_holiday_allowance"]),
    # a contract ended because of the illness is a dismissal, answered before the sick pay
    ("was 2 weken ziek en nu zegt het bureau dat mijn contract stopt", "ask_sick_pay",
     ["ask_dismissal", "ask_sick_pay"]),
    ("bylem chory tydzien, jak wrocilem to powiedzieli ze juz mnie nie potrzebuja", "ask_sick_pay",
     ["ask_dismissal", "ask_sick_pay"]),
    ("бях болна две седмици и сега ми казаха че вече не съм нужна", "ask_sick_pay",
     ["ask_dismissal", "ask_sick_pay"]),
    ("/ask_passport_held", "ask_passport_held", ["ask_passport_held"]),
    # "for the room" is a deduction beside an amount; a contract for the room is not one
    ("they take 95 for the room every week", "ask_wage_deductions", ["ask_wage_deductions"]),
    ("Живея в къща на агенцията. Договор за квартирата никога не съм получавал",
     "ask_housing_contract", ["ask_housing_contract"]),
    # the sick days and an unsafe ladder are offered beside the more urgent problem
    ("Sunt ziek si agentia mi-a scris ca mi s-a terminat contractul. Nici zilele de boala nu "
     "mi le-au platit", "ask_sick_pay", ["ask_dismissal", "ask_sick_pay"]),
    ("the agency took my room when i was ziek and they dont pay the sick days", "ask_homelessness",
     ["ask_homelessness", "ask_sick_pay"]),
    # unpaid sick days are the sick-pay question, not missing pay answered before the dismissal
    ("the agency says my contract is finished. They also not paid my sick days", "ask_dismissal",
     ["ask_dismissal", "ask_sick_pay"]),
    ("they did not pay me for march and i was sick last week", "ask_unpaid_wages",
     ["ask_unpaid_wages"]),
    # beside an amount too, the contract for the room is the rent-contract question
    ("Живеем в къща на агенцията, договора за стаята е вътре в трудовия договор. Сега искат "
     "650 на месец", "ask_housing_contract", ["ask_housing_contract"]),
    # a dismissal denied is none: the room is the question
    ("Трябва да освободим къщата до 3 дни. Ние още работим при тях, не сме уволнени",
     "ask_housing_contract", ["ask_housing_contract"]),
    ("I was not fired, but they want me out of the room", "ask_housing_contract",
     ["ask_housing_contract"]),
    ("ne-au dat afara de la munca ieri", "ask_sick_pay", ["ask_dismissal", "ask_sick_pay"]),
    # holiday pay named beside missing pay is offered
    ("they still not paid his last 2 weeks and also the vakantiegeld", "ask_unpaid_wages",
     ["ask_unpaid_wages", "ask_holiday_allowance"]),
    ("slaap in mijn auto. paspoort ligt nog bij bureau", "ask_passport_held",
     ["ask_homelessness", "ask_passport_held"]),
    # fewer hours on the payslip than worked is missing pay, before the deduction
    ("Ik werk 50 uur per week maar op loonstrook staat maar 38 uur. En ze halen 40 euro af",
     "ask_wage_deductions", ["ask_unpaid_wages", "ask_wage_deductions"]),
    ("na zaplatata imame po 10-15 4asa po-malko ot tova koeto sme rabotili", "ask_payslip",
     ["ask_unpaid_wages", "ask_payslip"]),
    # leaving the room told with the lost job is offered after it
    ("I am sick and agency say my contract finish tomorrow, and I must leave the room also",
     "ask_dismissal", ["ask_dismissal", "ask_housing_contract"]),
])
def test_every_problem_of_a_message_in_order_of_urgency(text, intent, expected):
    assert topics_raised(text, intent) == expected


def test_the_classifiers_second_guess_counts_when_it_is_likely():
    found = topics_raised("xyz", "ask_dismissal",
                          ranking(("ask_dismissal", 0.5), ("ask_unpaid_wages", 0.35),
                                  ("ask_payslip", 0.1)))
    assert found == ["ask_unpaid_wages", "ask_dismissal"]


@pytest.mark.parametrize("text, place", [
    ("pracuje w chlodni kolo Almelo, agencja trzyma moj dowod", "Almelo"),
    ("I live in Venray, the agency keeps my ID", "Venray"),
    ("pracuje w venlo i szef nie placi", "Venlo"),  # lower case after "w"
    ("работя в склад във Вестланд", "Westland"),  # Bulgarian spells W as В
    ("работя в оранжерия в наалдвайк", "Westland"),  # Naaldwijk, IJ as АЙ
    ("Zeewolde pomocy", "Zeewolde"),
    ("pe bune? chiar daca a fost la negru?", None),  # "bune" is a word here, not a village
    ("szef zabral mi paszport", None),
    ("/find_informatiepunt", None),
    # a sentence's first capital is not a name: "Een" is a village in Drenthe, and a word
    ("Een collega is gevallen in het magazijn in Waalwijk. Wie betaalt?", "Waalwijk"),
    ("ik woon in Een", "Noordenveld"),
    # a name both a town and a village elsewhere bear is the town that bears it
    ("Naast ons in Oosterhout wonen 14 mannen", "Oosterhout"),  # not the village in Overbetuwe
    ("къде има център близо до Хорн?", "Hoorn"),  # not Horn in Leudal
    ("живея в Ноордвайк", "Noordwijk"),
    ("ik woon in Bergen", None),  # two towns bear it: asked, not guessed
])
def test_a_place_named_in_passing(text, place):
    found = read_turn({"text": text, "intent": {"name": "ask_passport_held"}}, "pl").place
    assert (found.name if found else None) == place


def test_cyrillic_spellings_of_dutch_names():
    assert cyrillic_spellings("westland") == {"vestland"}
    assert cyrillic_spellings("zeewolde") == {"zeevolde", "zevolde"}
    assert {"naaldvayk", "naldvayk"} <= cyrillic_spellings("naaldwijk")
    assert "rurmond" in cyrillic_spellings("roermond")
    assert cyrillic_spellings("oss") == {"os"}
    assert cyrillic_spellings("ee") == set()  # too short to respell safely


@pytest.mark.parametrize("text", ["ile?", "a ile moga?", "cat?", "колко?", "hoeveel?",
                                  "how much?"])
def test_how_much_is_a_follow_up(text):
    assert follow_up_kind(text) == "how_much"


@pytest.mark.parametrize("text, kind", [
    ("gdzie moge sie zglosic??", "where"),
    ("a kude moga da otida s tova tuk?", "where"),
    ("serieus? ook met een vast contract bij het bureau?", "is_that_so"),
    ("is dat echt zo? het bureau zegt van niet", "is_that_so"),
    ("is it true i can go to court for my money?", "is_that_so"),
    ("si dupa ce il cer ce urmeaza?", "next"),
])
def test_a_follow_up_in_more_words_is_read_in_the_context_of_the_topic(text, kind):
    assert follow_up_kind(text) is None  # not on its own
    assert read_in_context(text, "ask_unpaid_wages", other_topic_sure=False) == kind


@pytest.mark.parametrize("text, sure", [
    ("and what about my passport, they keep it", False),  # another problem by our words
    ("serieus? ook met een vast contract bij het bureau?", True),  # the classifier is sure
    ("ok but my boss did not pay me", False),  # "ok" never opens a loose follow-up
    ("serieus ook met een vast contract", False),  # one word must end a sentence of its own
])
def test_a_longer_message_with_another_problem_is_a_new_question(text, sure):
    assert read_in_context(text, "ask_wage_deductions", other_topic_sure=sure) is None


@pytest.mark.parametrize("text, sure, kind", [
    ("stau in Hoogeveen, e cineva aici sa ma ajute cu asta?", False, "where"),  # refers back
    ("kto mi pomoze z tym?", False, "where"),
    ("and who pays the doctor with this accident", True, None),  # the classifier is sure
    ("Is dat echt zo, ook bij een uitzendbureau?", True, "is_that_so"),  # a long phrase wins
])
def test_who_or_where_with_a_word_that_refers_back(text, sure, kind):
    assert read_in_context(text, "ask_registration", other_topic_sure=sure) == kind


def test_a_loose_follow_up_needs_a_topic_to_follow():
    assert read_in_context("gdzie moge sie zglosic??", None, other_topic_sure=False) is None


@pytest.mark.parametrize("text, place", [
    ("sunt in gara la Roosendal cu bagajele", "Roosendaal"),  # one letter missing
    ("am primit ontslag de la fabrica din Doetinchen", "Doetinchem"),
    ("ben net 1 week in nederland, woon bij vriend in hoogezand", "Midden-Groningen"),
    ("Pracuje w Holandii od roku", None),  # a country, never a place
    ("appointment in gemeente heerenveen is in 2 months", "Heerenveen"),
    ("работих в оранжерия в Блайсвайк", "Lansingerland"),  # Bleiswijk: EI as АЙ
    ("работя в оранжерия в Де Лир", "Westland"),  # De Lier: IE as И
    ("Pracowalem przy pomidorach cale lato", None),  # a long capitalised word is no typo
    ("ik werk in de buurt van zwolle bij een fabriek", "Zwolle"),
    ("lucrez in zona westland la o sera", "Westland"),
    ("lucrez la Zwolle-ul de doua luni", "Zwolle"),  # the Romanian article
    ("работя в Ден Бош", "'s-Hertogenbosch"),  # SCH as Ш
    ("rabotq v hagata ot mesec", "'s-Gravenhage"),  # the Bulgarian article
    ("ik krijg van de baas niks", None),
    ("работя в Хус в оранжерия", "Goes"),  # G as Х, OE as У
    ("адресът ми беше в Роозендаал", "Roosendaal"),
    ("работя в Гауда", "Gouda"),  # OU as АУ
    # Respellings are for Cyrillic words only: Dutch, Polish and Romanian words stay words.
    ("ja hoor", None), ("nee hoor", None),  # not Goor
    ("m-am lovit la cap in hala, trebuie raportat?", None),  # not Brummen
    ("kolega mowi ze minimalna poszla w gore", None),  # not Goor
])
def test_places_in_passing_with_typos_and_respellings(text, place):
    found = read_turn({"text": text, "intent": {"name": "ask_dismissal"}}, "ro").place
    assert (found.name if found else None) == place


@pytest.mark.parametrize("text", ["ok, multumesc mult", "a sega?", "dobra dzieki"])
def test_a_short_follow_up_never_changes_the_conversation_language(text):
    parse = {"text": text, "intent": {"name": "thank"},
             "language": {"code": "ro", "confidence": 0.99}}
    assert read_turn(parse, "en").language == "en"


@pytest.mark.parametrize("text, code", [
    ("buna, aveti o adresa de informatiepunt? stau in Terneuzen, lucrez in Westland", "ro"),
    ("pracuje w Venlo", "pl"),
])
def test_place_names_do_not_hide_the_language_of_a_first_message(text, code):
    from bot.language.detection import detect

    guess = detect(text)
    parse = {"text": text, "intent": {"name": "find_informatiepunt"},
             "language": {"code": guess.code, "confidence": guess.confidence}}
    assert read_turn(parse, None).language == code


def test_a_clause_the_classifier_is_sure_of_raises_its_topic():
    clauses = [{"name": "ask_passport_held", "confidence": 0.99},
               {"name": "ask_holiday_allowance", "confidence": 0.95},
               {"name": "ask_sick_pay", "confidence": 0.5},  # not sure enough
               {"name": "report_abuse", "confidence": 0.9},  # a few words: not sure enough
               {"name": "find_informatiepunt", "confidence": 0.99}]  # a request: not a problem
    found = topics_raised("xyz", "ask_holiday_allowance", [], clauses)
    assert found == ["ask_passport_held", "ask_holiday_allowance"]
    # where the whole story left the classifier unsure, a clause it is nearly sure of counts
    unsure = [{"name": "nlu_fallback", "confidence": 0.3},
              {"name": "ask_temp_agency", "confidence": 0.3}]
    found = topics_raised("xyz", "nlu_fallback", unsure,
                          [{"name": "ask_unpaid_wages", "confidence": 0.94}])
    assert found == ["ask_unpaid_wages", "ask_temp_agency"]


def test_clauses_split_at_punctuation_and_joining_words():
    from types import SimpleNamespace

    from bot.rasa.clause_intents import clause_spans

    text = "they fired me last week, and the agency still has my id card. ok"
    tokens, at = [], 0
    for word in text.replace(",", "").replace(".", "").split():
        start = text.index(word, at)
        at = start + len(word)
        tokens.append(SimpleNamespace(text=word, lemma=word.lower(), start=start, end=at))
    spans = clause_spans(text, tokens)
    assert [" ".join(t.text for t in tokens[a:b]) for a, b in spans] == [
        "they fired me last week", "the agency still has my id card"]  # "ok" is too short


def parsed(text, intent, confidence=0.5):
    return read_turn({"text": text, "intent": {"name": intent, "confidence": confidence}}, "en")


@pytest.mark.parametrize("text, intent, confidence, stays", [
    ("and the other days? they must pay?", "ask_unpaid_wages", 0.49, True),  # part of sick pay
    ("how much they must pay, 100%?", "ask_minimum_wage", 0.36, True),
    ("so they owe me the difference?", "ask_minimum_wage", 0.74, False),  # sure enough
    ("and my passport? the boss keeps it", "ask_passport_held", 0.6, False),  # its own words
    ("qwrtz pfft blorg", "nlu_fallback", 0.3, False),  # not understood: no question in it
    ("thanks a lot", "thank", 0.9, False),
    ("i want to talk to a person", "ask_human", 0.6, False),
    # Longer, but no other problem's words and the classifier unsure.
    ("ok but how i get it back, coordinator just laugh when i ask", "ask_dismissal", 0.45, True),
    # Opens as a question on the answer: only a near-certain classifier takes it elsewhere.
    ("how many days notice they must give me then?", "ask_dismissal", 0.85, True),
    ("cat trebuie sa-mi ramana minim?", "ask_minimum_wage", 0.87, True),
    ("and how much is the minimum wage now?", "ask_minimum_wage", 0.99, False),
    # The worker says a new question comes.
    ("one more thing, how much is the minimum wage?", "ask_minimum_wage", 0.6, False),
    ("i jeszcze jedno, ile wynosi minimalna stawka?", "ask_minimum_wage", 0.6, False),
    # ends in doubt about what was said
    ("dar ei zic ca asa scrie in regulament. e legal asa?", "ask_housing_contract", 0.81,
     True),
])
def test_a_short_unsure_question_after_an_answer_stays_on_the_problem(text, intent, confidence,
                                                                       stays):
    assert parsed(text, intent, confidence).stays_on("ask_sick_pay") is stays


def test_a_question_the_classifier_only_just_understood_stays_on_the_problem():
    ranking = [{"name": "nlu_fallback", "confidence": 0.3},
               {"name": "ask_unpaid_wages", "confidence": 0.32}]
    turn = read_turn({"text": "ok and what we do now, can we get some money from uwv or nothing",
                      "intent": {"name": "nlu_fallback", "confidence": 0.3},
                      "intent_ranking": ranking}, "en")
    assert turn.stays_on("ask_sick_pay")
    gibberish = read_turn({"text": "qwrtz pfft blorg", "intent": {"name": "nlu_fallback",
                                                                  "confidence": 0.3}}, "en")
    assert not gibberish.stays_on("ask_sick_pay")


@pytest.mark.parametrize("text, only", [
    ("btw stau in Hoogezand", True), ("mieszkam w Venlo", True), ("живея в Горинхем", True),
    ("i live in Tiel now", True),
    ("zwolnili mnie w Venlo", False),  # another problem
    ("pracuje w Venlo od marca i nie wiem co robic", False),  # more than where the worker is
    ("szef zabral mi paszport", False),  # no place
])
def test_a_message_that_only_says_where_the_worker_is(text, only):
    assert parsed(text, "find_informatiepunt").only_names_place is only


def test_the_problems_the_last_answers_offered_are_read_from_the_events():
    from bot.dialogue.context import offered_topics

    def bot(*payloads):
        return {"event": "bot", "data": {"buttons": [{"payload": p} for p in payloads]}}

    events = [{"event": "user", "text": "old"}, bot("/ask_payslip"),
              {"event": "user", "text": "a"}, bot("/find_informatiepunt", "/ask_human"),
              bot("/ask_dismissal"),
              {"event": "user", "text": "b"}, bot('/ask_wage_deductions{"check": "pay"}'),
              {"event": "user", "text": "c"}, bot("/ask_housing_contract"),
              {"event": "user", "text": "now"}]
    # The replies to the last three messages; help nearby, a person and checks are no problems.
    assert offered_topics(events) == ("ask_housing_contract", "ask_dismissal")
    assert offered_topics([]) == () and offered_topics([None, "x"]) == ()
