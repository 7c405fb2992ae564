"""Cleaning rules are data: TOML files with regular expressions, one file per outlet family.

`generic.toml` applies to every article. A family file applies only when one of its `detect`
patterns occurs in the article (or the user names it), so an outlet's quirks never leak into
another's text. Users can add their own files with `--rules DIR`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storydiff.errors import ConfigError

__all__ = ["BUILTIN_RULES_DIR", "LineRule", "RuleSet", "load_rules"]

BUILTIN_RULES_DIR = Path(__file__).parent / "rules"


@dataclass(frozen=True)
class LineRule:
    reason: str
    pattern: re.Pattern[str]
    family: str


@dataclass(frozen=True)
class SourcePattern:
    source: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class RuleFamily:
    name: str
    source: str | None
    detect: tuple[re.Pattern[str], ...]
    remove_line: tuple[LineRule, ...]
    remove_inline: tuple[LineRule, ...]
    credit_line: tuple[re.Pattern[str], ...]
    caption_credit: tuple[re.Pattern[str], ...]
    source_patterns: tuple[SourcePattern, ...]

    @property
    def is_generic(self) -> bool:
        return not self.detect


@dataclass(frozen=True)
class RuleSet:
    families: tuple[RuleFamily, ...]

    def for_text(self, text: str) -> RuleFamily:
        """The generic rules plus those of every family detected in `text`, merged into one."""
        active = [f for f in self.families if f.is_generic or any(p.search(text) for p in f.detect)]
        return RuleFamily(
            name="+".join(f.name for f in active),
            source=next((f.source for f in active if f.source and f.detect), None),
            detect=(),
            remove_line=tuple(r for f in active for r in f.remove_line),
            remove_inline=tuple(r for f in active for r in f.remove_inline),
            credit_line=tuple(r for f in active for r in f.credit_line),
            caption_credit=tuple(r for f in active for r in f.caption_credit),
            source_patterns=tuple(r for f in self.families for r in f.source_patterns),
        )


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression {pattern!r}: {exc}") from exc


def _load_family(path: Path) -> RuleFamily:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read rules file: {exc}") from exc
    name = str(data.get("name", path.stem))

    def line_rules(key: str) -> tuple[LineRule, ...]:
        return tuple(
            LineRule(str(r["reason"]), _compile(r["pattern"], f"{path} [{key}]"), name)
            for r in data.get(key, [])
        )

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(_compile(r["pattern"], f"{path} [{key}]") for r in data.get(key, []))

    return RuleFamily(
        name=name,
        source=data.get("source"),
        detect=tuple(_compile(p, f"{path} detect") for p in data.get("detect", [])),
        remove_line=line_rules("remove_line"),
        remove_inline=line_rules("remove_inline"),
        credit_line=patterns("credit_line"),
        caption_credit=patterns("caption_credit"),
        source_patterns=tuple(
            SourcePattern(str(r["source"]), _compile(r["pattern"], f"{path} source_pattern"))
            for r in data.get("source_pattern", [])
        ),
    )


def load_rules(extra_dirs: Iterable[str | Path] = ()) -> RuleSet:
    """Built-in rule files, then any the user adds (later files add rules, never remove them)."""
    files = sorted(BUILTIN_RULES_DIR.glob("*.toml"))
    for directory in extra_dirs:
        found = sorted(Path(directory).glob("*.toml"))
        if not found:
            raise ConfigError(f"{directory}: no .toml rule files found")
        files.extend(found)
    return RuleSet(tuple(_load_family(f) for f in files))
