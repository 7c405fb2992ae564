"""The models a run uses, loaded once and only when a stage first needs them.

`Backends` is handed to the stages; tests and users inject their own (a fake recogniser, another
embedder) by passing them in. The process keeps one default instance so that a second comparison
does not load the models again; `reset_backends()` drops it (tests, or after changing models).
A model whose extra is not installed is reported once, at WARNING, naming the extra, and the stage
goes on without it.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING

from storydiff.config import Config
from storydiff.errors import MissingExtraError

if TYPE_CHECKING:
    from storydiff.analyse.ner import Recognizer
    from storydiff.embed import Embedder, EncodedRequests
    from storydiff.lang import LanguagePacks
    from storydiff.models import Article
    from storydiff.names import AliasBook, NameMatcher

__all__ = ["Backends", "RecentArticles", "default_backends", "reset_backends"]

log = logging.getLogger(__name__)

_UNSET = object()


class RecentArticles:
    """The last analysed articles, each under what its analysis is a pure function of (the cleaned
    article, the stages and the config; the models are those of the `Backends` holding this): the
    same article compared again is not parsed again. Bounded: the oldest goes first."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._articles: OrderedDict[Hashable, Article] = OrderedDict()
        self._lock = threading.Lock()  # the analysis runs outside it; only the book-keeping is shared

    def analysed(self, key: Hashable, analyse: Callable[[], Article]) -> Article:
        with self._lock:
            found = self._articles.get(key)
            if found is not None:
                self._articles.move_to_end(key)
                return found
        article = analyse()
        with self._lock:
            self._articles[key] = article
            while len(self._articles) > self.size:
                self._articles.popitem(last=False)
        return article


class Backends:
    def __init__(
        self,
        config: Config | None = None,
        *,
        embedder: Embedder | None | object = _UNSET,
        recognizers: Mapping[str, Recognizer] | None = None,
        recognizer_names: Mapping[str, str] | None = None,
    ) -> None:
        self.config = config or Config()
        self._embedder = embedder
        self._recognizers: dict[str, Recognizer | None] = dict(recognizers or {})
        # language -> "backend[:option]"; by default each language pack's `ner` key says.
        self._recognizer_names = dict(recognizer_names) if recognizer_names is not None else None
        self._packs: LanguagePacks | None = None
        self._aliases: AliasBook | None = None
        self._matcher: NameMatcher | None = None
        self._warned: set[str] = set()
        self._requests: EncodedRequests | None = None
        self._recent: RecentArticles | None = None

    def embedder(self) -> Embedder | None:
        """The sentence encoder named in the config, or None (switched off, or its extra missing)."""
        if self._embedder is _UNSET:
            name = self.config.models.embedder
            if name is None:
                self._embedder = None
            else:
                from storydiff.embed import load_embedder

                try:
                    self._embedder = load_embedder(name, self.config.models)
                except MissingExtraError as exc:
                    self._warn(str(exc), "aligning facts by words, names and numbers only (same language only)")
                    self._embedder = None
        return self._embedder  # type: ignore[return-value]

    def encoded_requests(self) -> EncodedRequests:
        """The embedder's answers to earlier comparisons' requests (they live and die with the model)."""
        if self._requests is None:
            from storydiff.embed import EncodedRequests

            self._requests = EncodedRequests()
        return self._requests

    def recent_articles(self) -> RecentArticles:
        """The articles these models analysed last (a comparison run again skips their analysis)."""
        if self._recent is None:
            self._recent = RecentArticles()
        return self._recent

    def recognizer(self, language: str) -> Recognizer | None:
        """The model-based recogniser for a language, or None (no model for it, or its extra missing)."""
        if language not in self._recognizers:
            if self._recognizer_names is not None:
                name = self._recognizer_names.get(language)
            else:
                pack = self.packs().get(language)
                name = pack.ner if pack is not None else None
            recognizer = None
            if name and name != "known-names":  # the known-names list runs for every language anyway
                from storydiff.analyse.ner import recognizer_factory

                backend, _, option = name.partition(":")
                try:
                    recognizer = recognizer_factory(backend)(option or None)
                except MissingExtraError as exc:
                    self._warn(str(exc), "names come from the built-in list of known names only")
            self._recognizers[language] = recognizer
        return self._recognizers[language]

    def packs(self) -> LanguagePacks:
        """The built-in language packs plus the config's language directories."""
        if self._packs is None:
            from storydiff.lang import default_language_packs, load_language_packs

            dirs = self.config.language_dirs
            self._packs = load_language_packs(dirs) if dirs else default_language_packs()
        return self._packs

    def aliases(self) -> AliasBook:
        """The built-in known variants plus the config's alias file: one book for every stage."""
        if self._aliases is None:
            from storydiff.names import load_aliases

            self._aliases = load_aliases(self.config.aliases)
        return self._aliases

    def matcher(self) -> NameMatcher:
        if self._matcher is None:
            from storydiff.names import NameMatcher

            self._matcher = NameMatcher(self.aliases(), threshold=self.config.names.threshold)
        return self._matcher

    def _warn(self, message: str, consequence: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            log.warning("%s; %s", message, consequence)


_default: Backends | None = None


def default_backends(config: Config) -> Backends:
    """The process's shared backends for this config (models are reused while the models' settings,
    alias file and name threshold stay the same)."""
    global _default
    current = _default
    if current is None or not _same_models(current.config, config):
        current = _default = Backends(config)
    elif current.config != config:
        # Same models, other thresholds: keep the loaded models, take the new settings.
        current.config = config
    return current


def _same_models(a: Config, b: Config) -> bool:
    return a.models == b.models and a.aliases == b.aliases and a.names == b.names and a.language_dirs == b.language_dirs


def reset_backends() -> None:
    """Forget every loaded model (the next run loads them again)."""
    global _default
    _default = None
