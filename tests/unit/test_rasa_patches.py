"""The patches to Rasa (bot/rasa/patches.py): in place after install(), behaving as Rasa's own
methods (errors included), refused on another Rasa version or a missing attribute, and gone
again after uninstall()."""
import logging

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from bot.rasa import patches

pytestmark = pytest.mark.unit

RASA_VALIDATE = RemoteAction.__dict__["_validate_action_result"]
RASA_RESOLVE = Event.__dict__["resolve_by_type"]


@pytest.fixture
def installed():
    assert patches.installed() == [], "a patch was left installed by an earlier test"
    names = patches.install()
    yield names
    patches.uninstall()
    assert RemoteAction.__dict__["_validate_action_result"] is RASA_VALIDATE
    assert Event.__dict__["resolve_by_type"] is RASA_RESOLVE


def rasa_error(call):
    with pytest.raises(Exception) as caught:
        call()
    return type(caught.value), str(caught.value)


def test_each_patch_is_in_place(installed):
    assert installed == ["cached action response schema", "cached event types"]
    assert RemoteAction.__dict__["_validate_action_result"] is not RASA_VALIDATE
    assert Event.__dict__["resolve_by_type"] is not RASA_RESOLVE
    assert isinstance(Event.__dict__["resolve_by_type"], staticmethod)
    assert patches.install() == installed  # a second install changes nothing


def test_the_response_check_behaves_as_rasas(installed):
    action = RemoteAction("action_answer_topic", None)
    good = {"events": [], "responses": [{"text": "hi"}]}
    assert action._validate_action_result(good) is RASA_VALIDATE(action, good) is True
    for bad in ({"events": "not a list"}, {"responses": "not a list"}):
        patched = rasa_error(lambda bad=bad: action._validate_action_result(bad))
        own = rasa_error(lambda bad=bad: RASA_VALIDATE(action, bad))
        assert patched == own and patched[0] is ValidationError


def test_the_event_lookup_behaves_as_rasas(installed):
    own = RASA_RESOLVE.__func__
    for cls in all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name) is own(cls.type_name)
    assert rasa_error(lambda: Event.resolve_by_type("no_such_event")) == \
        rasa_error(lambda: own("no_such_event"))
    assert Event.resolve_by_type("no_such_event", default=Event) is own("no_such_event", Event)


def test_another_rasa_version_gets_no_patch_and_a_log_line(monkeypatch, caplog):
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with caplog.at_level(logging.ERROR, logger="bot.rasa.patches"):
        assert patches.install() == []
    assert RemoteAction.__dict__["_validate_action_result"] is RASA_VALIDATE
    assert "not installed: written for Rasa 3.6. with RemoteAction._validate_action_result, " \
           "found Rasa 3.7.0" in caplog.text


def test_a_missing_attribute_gets_no_patch(monkeypatch, caplog):
    class Changed:
        pass

    gone = patches.Patch("gone", lambda: Changed, "renamed_in_rasa", lambda original: original)
    monkeypatch.setattr(patches, "PATCHES", (gone,))
    with caplog.at_level(logging.ERROR, logger="bot.rasa.patches"):
        assert patches.install() == []
    assert not hasattr(Changed, "renamed_in_rasa") and "Changed.renamed_in_rasa" in caplog.text
