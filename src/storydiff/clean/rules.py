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
from re import _parser  # type: ignore[attr-defined]  # the stdlib's own parser: what a pattern opens with

from storydiff.errors import ConfigError

__all__ = ["BUILTIN_RULES_DIR", "LineRule", "RuleSet", "load_rules"]

BUILTIN_RULES_DIR = Path(__file__).parent / "rules"


@dataclass(frozen=True)
class LineRule:
    reason: str
    pattern: re.Pattern[str]
    family: str
    after_spaces: re.Pattern[str] | None = None  # `pattern` without its leading `\s*` (see `search`)

    def search(self, line: str) -> re.Match[str] | None:
        r"""`pattern.search(line)`. A pattern that opens with `\s*` (most inline rules) costs a try at
        every place of a line; the rest of it is looked for instead, and the match taken from the
        start of the spaces before the first place it is found: the leftmost match, as `search`'s."""
        if self.after_spaces is None:
            return self.pattern.search(line)
        found = self.after_spaces.search(line)
        if found is None:
            return None
        start = found.start()
        while start > 0 and line[start - 1].isspace():
            start -= 1
        return self.pattern.match(line, start)


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


_LEADING_SPACES = re.compile(r"^(\(\?[aiLmsux]+\))?\\s\*")  # "(?i)\s*…": flags, then `\s*`


def _after_spaces(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""The pattern without the greedy `\s*` it opens with, when it is one sequence that does
    (no alternation around it, Unicode spaces: `str.isspace`'s); else None."""
    opening = _LEADING_SPACES.match(pattern.pattern)
    if opening is None or pattern.flags & re.ASCII:
        return None
    rest = (opening.group(1) or "") + pattern.pattern[opening.end() :]
    try:
        whole, tail = _parser.parse(pattern.pattern), _parser.parse(rest)
    except (re.error, AttributeError):  # pragma: no cover - another Python's parser
        return None
    spaces = (_parser.MAX_REPEAT, (0, _parser.MAXREPEAT, [(_parser.IN, [(_parser.CATEGORY, _parser.CATEGORY_SPACE)])]))
    if not whole.data or repr(whole.data[0]) != repr(spaces) or repr(whole.data[1:]) != repr(tail.data):
        return None
    return re.compile(rest, pattern.flags)


def _load_family(path: Path) -> RuleFamily:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read rules file: {exc}") from exc
    name = str(data.get("name", path.stem))

    def line_rules(key: str) -> tuple[LineRule, ...]:
        compiled = [(str(r["reason"]), _compile(r["pattern"], f"{path} [{key}]")) for r in data.get(key, [])]
        return tuple(LineRule(reason, pattern, name, _after_spaces(pattern)) for reason, pattern in compiled)

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
