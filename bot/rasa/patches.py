"""Every change we make to Rasa's own code, in one place, installed explicitly by the Rasa server
at start (bot/rasa/serve.py), never as a side effect of importing or constructing something.

Each patch names the Rasa versions it was written for and the attribute it replaces. `install()`
refuses a patch, with one clear log line, when the installed Rasa is another version or the
attribute is gone; Rasa then runs unpatched, only slower. `uninstall()` puts the originals back.

The two patches (found by profiling the server under load, `benchmarks/load.py` with py-spy;
behaviour unchanged):
1. Rasa checks each action server response with `jsonschema.validate()`, which first validates the
   fixed response schema itself against the JSON Schema meta-schema, on every call: 62% of the
   server's CPU. Here the schema is checked once and one validator is reused; a response that does
   not fit still goes through Rasa's own method, so the error and its message are Rasa's.
2. Every event read from the tracker store finds its class by walking all subclasses of Event
   (`Event.resolve_by_type`): 15-20% of the CPU. Here the walk is done once per type name; a name
   not found is passed to Rasa's own method.

`written_for()` is the same check for the subclasses in bot/rasa/stores.py.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

# The Rasa versions these patches and our store subclasses were written and tested for.
WRITTEN_FOR_RASA = ("3.6.",)

logger = logging.getLogger(__name__)


def rasa_version() -> str:
    import rasa

    return rasa.__version__


def written_for(owner: type, attribute: str, refusal: str) -> bool:
    """Whether the installed Rasa is one we wrote for and `owner` still has `attribute`; if
    not, one clear log line (`refusal`: what is not done) and the caller leaves Rasa alone."""
    version = rasa_version()
    if version.startswith(WRITTEN_FOR_RASA) and hasattr(owner, attribute):
        return True
    logger.error("%s: written for Rasa %s with %s.%s, found Rasa %s", refusal,
                 "/".join(WRITTEN_FOR_RASA), owner.__name__, attribute, version)
    return False


@dataclass
class Patch:
    """One replaced attribute: where it lives, and how to build the replacement from the
    original (which the replacement calls for everything it does not handle itself)."""
    name: str
    owner: Callable[[], type]
    attribute: str
    build: Callable[[Any], Any]


def _validate_with_cached_schema(original):
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def validate_with_cached_schema(self, result) -> bool:
        if exceptions.best_match(validator.iter_errors(result)) is None:
            return True
        return original(self, result)  # raises Rasa's ValidationError

    return validate_with_cached_schema


def _resolve_by_cached_type(original):
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    classes: dict = {}
    for cls in all_subclasses(Event):  # the first class with a name wins, as in Rasa's loop
        classes.setdefault(cls.type_name, cls)

    def resolve_by_type(type_name, default=None):
        found = classes.get(type_name)
        return found if found is not None else original(type_name, default)

    return staticmethod(resolve_by_type)


def _remote_action() -> type:
    from rasa.core.actions.action import RemoteAction

    return RemoteAction


def _event() -> type:
    from rasa.shared.core.events import Event

    return Event


PATCHES = (
    Patch("cached action response schema", _remote_action, "_validate_action_result",
          _validate_with_cached_schema),
    Patch("cached event types", _event, "resolve_by_type", _resolve_by_cached_type),
)

# name -> (owner, the attribute as it was in the class's __dict__)
_originals: dict[str, tuple[type, Any]] = {}


def install() -> list[str]:
    """Install every patch that fits the installed Rasa; returns the names installed."""
    for patch in PATCHES:
        if patch.name in _originals:
            continue
        owner = patch.owner()
        if not written_for(owner, patch.attribute, f"Rasa patch '{patch.name}' not installed"):
            continue
        raw = owner.__dict__[patch.attribute]  # keeps a staticmethod a staticmethod
        _originals[patch.name] = (owner, raw)
        setattr(owner, patch.attribute, patch.build(getattr(owner, patch.attribute)))
        logger.info("Rasa patch installed: %s", patch.name)
    return installed()


def installed() -> list[str]:
    return [patch.name for patch in PATCHES if patch.name in _originals]


def uninstall() -> None:
    """Put Rasa's own attributes back (tests; a server never needs this)."""
    for patch in PATCHES:
        if patch.name in _originals:
            owner, raw = _originals.pop(patch.name)
            setattr(owner, patch.attribute, raw)
