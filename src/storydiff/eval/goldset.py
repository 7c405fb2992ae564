"""Where the gold set lives, and how its articles are read (cleaned story by story, as in use)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from storydiff.models import Article

__all__ = ["GOLD_DIR", "load_json", "load_jsonl", "repo_root", "story_articles"]

GOLD_DIR = Path(__file__).parent / "gold"


def repo_root() -> Path:
    """The checkout the gold set refers to (the demo corpus is not part of the installed package)."""
    for parent in GOLD_DIR.parents:
        if (parent / "demo" / "corpus").is_dir():
            return parent
    raise FileNotFoundError("storydiff eval needs a source checkout (demo/corpus not found)")


def load_json(name: str) -> Any:
    return json.loads((GOLD_DIR / name).read_text(encoding="utf-8"))


def load_jsonl(name: str) -> list[dict[str, Any]]:
    lines = (GOLD_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@lru_cache(maxsize=32)
def story_articles(directory: str) -> dict[str, Article]:
    """Clean a whole story directory at once (datelines take their year from the story) and index
    the articles by file name."""
    from storydiff.pipeline import clean

    result = clean([str(repo_root() / directory)])
    return {Path(a.path).name: a for a in result.articles}
