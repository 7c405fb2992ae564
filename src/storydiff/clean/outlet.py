"""Which outlet published an article: HTML site name, a detected rule family, or the dateline's agency."""

from __future__ import annotations

from storydiff.clean.rules import RuleFamily

__all__ = ["detect_source"]


def detect_source(text: str, rules: RuleFamily, site_name: str | None, agency: str | None) -> str | None:
    if site_name:
        return site_name.strip()
    if rules.source:
        return rules.source
    for candidate in rules.source_patterns:
        if candidate.pattern.search(text):
            return candidate.source
    if agency:
        return agency
    return None
