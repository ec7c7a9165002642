"""Two fixes for Rasa 3.6 on the hot path of every message, installed in the Rasa server process.
Found by profiling the server under load (`benchmarks/load.py` with py-spy); behaviour unchanged.

1. Rasa checks each action server response with `jsonschema.validate()`, which first validates the
   fixed response schema itself against the JSON Schema meta-schema, on every call: 62% of the
   server's CPU. Here the schema is checked once and one validator is reused; a response that does
   not fit still goes through Rasa's own method, so the error and its message are Rasa's.
2. Every event read from the tracker store finds its class by walking all subclasses of Event
   (`Event.resolve_by_type`): 15-20% of the CPU. Here the walk is done once per type name; a name
   not found is passed to Rasa's own method.
"""
from __future__ import annotations

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    rasa_validate = RemoteAction._validate_action_result

    def validate_with_cached_schema(self, result) -> bool:
        if exceptions.best_match(validator.iter_errors(result)) is None:
            return True
        return rasa_validate(self, result)  # raises Rasa's ValidationError

    RemoteAction._validate_action_result = validate_with_cached_schema
    _cache_event_types()
    _installed = True


def _cache_event_types() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    rasa_resolve = Event.resolve_by_type
    classes: dict = {}
    for cls in all_subclasses(Event):  # the first class with a name wins, as in Rasa's loop
        classes.setdefault(cls.type_name, cls)

    def resolve_by_type(type_name, default=None):
        found = classes.get(type_name)
        return found if found is not None else rasa_resolve(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)
