"""Known variants (built in) and a user's alias file: names forced together or kept apart.

Alias files are TOML (`[[entity]] names = [...]`, `[[forbid]] names = [a, b]`) or CSV
(`name,alias` rows force a merge; a third column `forbid` keeps the pair apart).
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from storydiff.errors import ConfigError

__all__ = ["AliasBook", "load_aliases"]

_BUILTIN = Path(__file__).parent / "known_names.toml"


def _norm(name: str) -> str:
    return " ".join(name.replace(".", "").casefold().split())


@dataclass
class AliasBook:
    groups: dict[str, int] = field(default_factory=dict)  # normalised name -> group number
    group_names: list[list[str]] = field(default_factory=list)
    group_types: list[str | None] = field(default_factory=list)
    group_source: list[str] = field(default_factory=list)
    forbidden: set[frozenset[str]] = field(default_factory=set)

    def add_group(self, names: list[str], kind: str | None, source: str) -> None:
        existing = {self.groups[_norm(n)] for n in names if _norm(n) in self.groups}
        if existing:
            number = min(existing)
            for other in sorted(existing - {number}):  # a user group may join two built-in ones
                for name in self.group_names[other]:
                    self.groups[_norm(name)] = number
                self.group_names[number].extend(self.group_names[other])
                self.group_names[other] = []
        else:
            number = len(self.group_names)
            self.group_names.append([])
            self.group_types.append(kind)
            self.group_source.append(source)
        for name in names:
            self.groups[_norm(name)] = number
            if name not in self.group_names[number]:
                self.group_names[number].append(name)

    def group_of(self, name: str) -> int | None:
        return self.groups.get(_norm(name))

    def same_group(self, a: str, b: str) -> str | None:
        """The source that says a and b are one referent, or None."""
        ga, gb = self.group_of(a), self.group_of(b)
        if ga is not None and ga == gb:
            return self.group_source[ga]
        return None

    def is_forbidden(self, a: str, b: str) -> bool:
        return frozenset((_norm(a), _norm(b))) in self.forbidden

    def type_of(self, name: str) -> str | None:
        group = self.group_of(name)
        return self.group_types[group] if group is not None else None


def _read_toml(book: AliasBook, path: Path, source: str) -> None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read alias file: {exc}") from exc
    for entry in data.get("entity", []):
        names = [str(n) for n in entry.get("names", [])]
        if len(names) < 2:
            raise ConfigError(f"{path}: an [[entity]] needs at least two names: {names}")
        book.add_group(names, entry.get("type"), source)
    for entry in data.get("forbid", []):
        names = [str(n) for n in entry.get("names", [])]
        if len(names) != 2:
            raise ConfigError(f"{path}: a [[forbid]] entry names exactly two names: {names}")
        book.forbidden.add(frozenset(_norm(n) for n in names))


def _read_csv(book: AliasBook, path: Path, source: str) -> None:
    try:
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read alias file: {exc}") from exc
    for number, row in enumerate(rows, 1):
        if not row or row[0].startswith("#"):
            continue
        if len(row) < 2:
            raise ConfigError(f"{path}:{number}: expected 'name,alias[,forbid]'")
        if len(row) > 2 and row[2].strip().lower() == "forbid":
            book.forbidden.add(frozenset((_norm(row[0]), _norm(row[1]))))
        else:
            book.add_group([row[0].strip(), row[1].strip()], None, source)


def load_aliases(path: str | Path | None = None) -> AliasBook:
    """The built-in known variants, plus the user's file when given."""
    book = AliasBook()
    _read_toml(book, _BUILTIN, "known variant (built-in list)")
    if path is not None:
        file = Path(path)
        if not file.exists():
            raise ConfigError(f"{file}: alias file not found")
        reader = _read_csv if file.suffix.lower() == ".csv" else _read_toml
        reader(book, file, f"alias file {file.name}")
    return book
