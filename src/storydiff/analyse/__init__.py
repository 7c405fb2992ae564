"""Analyse: what one article says, stage by stage (see `storydiff.stages`): sentences, language,
entity mentions (`entities`, with backends in `ner/`), quotes and their speakers' mentions."""

from __future__ import annotations

from storydiff.analyse.language import detect_language
from storydiff.analyse.sentences import split_sentences

__all__ = ["detect_language", "split_sentences"]
