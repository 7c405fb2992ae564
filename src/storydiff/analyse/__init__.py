"""Analyse: language and sentences of a cleaned article (entities, quotes and claims come later)."""

from __future__ import annotations

from dataclasses import replace

from storydiff.analyse.language import detect_language
from storydiff.analyse.sentences import split_sentences
from storydiff.models import Article, Sentence, sentence_id

__all__ = ["Analyser", "detect_language", "split_sentences"]


class Analyser:
    """One public method: `analyse(Article) -> Article` with `language` and `sentences` set."""

    def analyse(self, article: Article) -> Article:
        sentences: list[Sentence] = []
        for number, paragraph in enumerate(article.paragraphs):
            for start, end in split_sentences(article.text, paragraph.start, paragraph.end):
                sentences.append(
                    Sentence(
                        id=sentence_id(article.id, len(sentences)),
                        text=article.text[start:end],
                        start=start,
                        end=end,
                        paragraph=number,
                        index=len(sentences),
                    )
                )
        language = detect_language(article.body or article.text)
        return replace(article, sentences=tuple(sentences), language=language)
