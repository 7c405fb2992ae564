"""Language packs: what storydiff knows about each language, as data (`lang/<code>.toml`).

Speech verbs, abbreviations, month names, stopwords, number words and the rest live in one TOML file
per language, not in the modules that use them. `load_language_packs(dirs)` reads the built-in packs
and then the user's: a user file with a new code adds a language, one with a known code extends that
pack (its lists and tables are added to, its single values replace the built-in ones; `replace =
true` replaces the whole pack). Every public function that reads language takes an optional
`packs=`; without it, the built-in packs (`default_language_packs()`).

Adding a language is one file, for example `eo.toml`:

    code = "eo"
    name = "Esperanto"
    script = "Latin"
    speech_verbs = ["diris", "diras", "deklaris"]
    indirect_that = ["ke"]
    abbreviations = ["ekz", "k.t.p"]
    [months]
    januaro = 1
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from storydiff.errors import ConfigError
from storydiff.lang.pack import LanguagePack, LanguagePacks, alternation, merge_pack, phrase_regex, read_pack_file

__all__ = [
    "LanguagePack",
    "LanguagePacks",
    "alternation",
    "default_language_packs",
    "load_language_packs",
    "phrase_regex",
    "reset_language_packs",
]

BUILTIN_DIR = Path(__file__).resolve().parent


def _pack_files(location: str | Path) -> list[Path]:
    path = Path(location).expanduser()
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(path.glob("*.toml"))
    raise ConfigError(f"{path}: no such language pack file or directory")


def load_language_packs(extra_dirs: Iterable[str | Path] = ()) -> LanguagePacks:
    """The built-in packs, then every `*.toml` in each of `extra_dirs` (or a single file) in turn.

    Raises ConfigError, naming the file and the key, for a malformed pack."""
    packs: dict[str, LanguagePack] = {}
    for location in (BUILTIN_DIR, *extra_dirs):
        for path in _pack_files(location):
            values = read_pack_file(path)
            try:
                packs[values["code"]] = merge_pack(packs.get(values["code"]), values)
            except TypeError as exc:  # a wrong combination of keys the file reader let through
                raise ConfigError(f"{path}: {exc}") from exc
    ordered = sorted(packs.values(), key=lambda p: (p.order, p.code))
    return LanguagePacks(tuple(ordered))


@cache
def default_language_packs() -> LanguagePacks:
    """The built-in packs, read once per process."""
    return load_language_packs()


def reset_language_packs() -> None:
    """Forget the built-in packs read so far (the next call reads the files again)."""
    default_language_packs.cache_clear()
