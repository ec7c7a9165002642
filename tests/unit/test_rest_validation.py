import pytest

from bot.channels.request_body import MAX_MESSAGE_CHARS, RequestError, validate_body

pytestmark = pytest.mark.unit


def test_a_good_body_passes_and_metadata_keeps_only_known_short_keys():
    sender, message, metadata = validate_body({
        "sender": "abc", "message": "hi",
        "metadata": {"lang": "pl", "src": "nla", "phone": "+48123", "topic": "x" * 500}})
    assert (sender, message, metadata) == ("abc", "hi", {"lang": "pl", "src": "nla"})


@pytest.mark.parametrize("body", [[], "text", None, 3, {}, {"sender": ""}, {"sender": ["a"]},
                                  {"sender": "a", "message": {"x": 1}}, {"sender": "x" * 500}])
def test_malformed_bodies_are_refused(body):
    with pytest.raises(RequestError) as error:
        validate_body(body)
    assert error.value.status == 400


def test_a_number_as_sender_and_an_empty_message_are_fine():
    assert validate_body({"sender": 42, "message": ""})[:2] == ("42", "")


@pytest.mark.parametrize("body", [{"sender": "a"}, {"sender": "a", "message": None}])
def test_a_missing_message_is_refused(body):
    with pytest.raises(RequestError):
        validate_body(body)


def test_a_huge_message_is_refused_as_too_large():
    with pytest.raises(RequestError) as error:
        validate_body({"sender": "a", "message": "x" * (MAX_MESSAGE_CHARS + 1)})
    assert error.value.status == 413


@pytest.mark.parametrize("sender", ["x\udfff", "a\x00b", "a\nb", "\u202e", "s" * 129])
def test_a_sender_that_is_not_clean_text_is_refused(sender):
    with pytest.raises(RequestError) as error:
        validate_body({"sender": sender, "message": "hi"})
    assert error.value.status == 400


def test_message_text_is_repaired_so_no_database_driver_fails_on_it():
    _, message, metadata = validate_body({"sender": "a", "message": "paszport \udfff\x00!",
                                          "metadata": {"lang": "pl\udfff", "src": "web"}})
    assert message == "paszport \ufffd!"
    assert metadata == {"src": "web"}


def test_a_sliding_window_refuses_the_message_over_the_limit_and_says_how_long_to_wait():
    from bot.channels.rate_limits import SlidingWindow

    window = SlidingWindow(3, seconds=60)
    assert [window.retry_after("a", now) for now in (0, 1, 2)] == [None, None, None]
    assert window.retry_after("a", 3) == 57  # the first of the three leaves the window at 60
    assert window.retry_after("b", 3) is None  # another key has its own budget
    assert window.retry_after("a", 60.5) is None


def test_src_counts_only_with_the_web_apps_signature():
    from bot.channels.source_signature import sign, trusted_metadata

    metadata = {"lang": "pl", "src": "nla"}
    assert trusted_metadata("web-abc", metadata, "secret") == {"lang": "pl"}  # unsigned
    signed = {**metadata, "src_sig": sign("secret", "web-abc", "nla")}
    assert trusted_metadata("web-abc", signed, "secret") == {"lang": "pl", "src": "nla"}
    assert trusted_metadata("web-xyz", signed, "secret") == {"lang": "pl"}  # another sender
    assert trusted_metadata("web-abc", signed, None) == {"lang": "pl"}  # no secret configured
