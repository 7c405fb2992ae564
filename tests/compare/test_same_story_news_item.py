"""The news-item features of the same-story decision: two reports of one event each give the other's
headline and lead; a comment on an event (another item of the same thread) names its speaker, whom the
event's report never gives (fictional articles)."""

import re

import numpy as np

from storydiff.compare.same_story import StoryJudge
from storydiff.models import Article, Entity, Mention
from storydiff.pipeline import clean, from_text

KIDNAP_A = (
    "Gunmen seize auditor Pell Ranford in Dorvik\n\nGunmen seized the deputy auditor Pell Ranford in Dorvik "
    "on Monday, police said. His car was found near the Osk bridge. The gunmen have not been identified."
)
KIDNAP_B = (
    "Deputy auditor Pell Ranford kidnapped in Dorvik\n\nThe deputy auditor Pell Ranford was seized by gunmen "
    "in Dorvik on Monday, police said. Officers found his car by the Osk bridge."
)
COMMENT = (
    "Senator Mara Quill: Dorvik is lawless\n\nSenator Mara Quill said on Tuesday that the city of Dorvik "
    "was lawless and called for a curfew. Quill spoke to the Velm Gazette. An auditor was seized there."
)


def _articles(*texts: str) -> list[Article]:
    return list(clean([from_text(t, f"{n}.txt") for n, t in enumerate(texts)]).articles)


class _WordEmbedder:
    """Bag-of-word-prefix vectors: statements that share words are close, the way a sentence encoder
    puts paraphrases close."""

    name = "words"

    def encode(self, texts):
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w{3,}", text.casefold()):
                out[row, sum(map(ord, word[:5])) % 256] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _person(key: str, texts: dict[Article, str]) -> Entity:
    """A person with one mention in the first sentence of each article given."""
    mentions = tuple(
        Mention(a.id, a.sentences[0].id, a.text.index(t), a.text.index(t) + len(t), t, "PERSON", t)
        for a, t in texts.items()
    )
    return Entity(key, key, "PERSON", tuple(texts.values()), (), mentions)


def test_reports_of_one_event_give_each_others_lead_and_a_comment_does_not():
    same, comment = StoryJudge(None).evidence(_articles(KIDNAP_A, KIDNAP_B, COMMENT))[:2]
    assert same.lead_missing < 0.2  # Pell Ranford, Dorvik, Monday, Osk: all in the other report
    assert comment.lead_missing > 0.5  # Mara Quill and the Velm Gazette are not in the report, nor Pell Ranford
    assert same.cover > comment.cover  # no embedder: the share of lead words the other gives


def test_a_person_a_headline_names_whom_the_other_never_gives():
    kidnap_a, kidnap_b, comment = articles = _articles(KIDNAP_A, KIDNAP_B, COMMENT)
    entities = [
        _person("ranford", {kidnap_a: "Pell Ranford", kidnap_b: "Pell Ranford"}),
        _person("quill", {comment: "Mara Quill"}),
    ]
    same, with_comment, _ = StoryJudge(None).evidence(articles, entities)
    assert same.headline_people_missing == 0.0
    assert with_comment.headline_people_missing == 1.0  # the comment's headline names its speaker


def test_the_comment_on_a_kidnapping_is_another_story_of_the_thread():
    kidnap_a, kidnap_b, comment = articles = _articles(KIDNAP_A, KIDNAP_B, COMMENT)
    entities = [
        _person("ranford", {kidnap_a: "Pell Ranford", kidnap_b: "Pell Ranford"}),
        _person("quill", {comment: "Mara Quill"}),
    ]
    judge = StoryJudge(_WordEmbedder())  # type: ignore[arg-type]
    same, with_comment, _ = judge.evidence(articles, entities)
    assert same.cover > with_comment.cover and same.probability > with_comment.probability
    assert judge.judge([kidnap_a, kidnap_b], entities)[0].verdict == "same"
    assert judge.judge([kidnap_a, comment], entities)[0].verdict != "same"
