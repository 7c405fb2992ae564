"""ECB+: each topic holds two events of one kind (two earthquakes, two arrests); `<n>ecb.xml`
documents report event A and `<n>ecbplus.xml` documents event B. Event mentions are linked across
documents by instance ids.

Per topic, a bounded sample is compared as one story: the first `DOCS_PER_EVENT` documents (by
number) of each event that have annotated sentences. Each CAT sentence is one storydiff paragraph.
Scored, over the fully annotated sentences only (`ECBplus_coreference_sentences.csv`):

- sentence pairs from different documents that storydiff puts in one fact, against the gold pairs
  that mention one event instance: pairwise precision, recall, F1;
- the share of cross-event pairs (one sentence from an ecb document, one from an ecbplus document
  of the topic) that storydiff aligns;
- document grouping: storydiff's story groups (`compare.same_story`) against the two events, B-cubed
  F1, beside TF-IDF cosine with average-linkage agglomerative clustering.

Baseline for sentences: USE cosine between the sentences, one threshold fitted on dev. Topics are
split dev/test by topic id.

Known gap: the gold pairs are sentences that mention one event instance, not sentences that report
one fact: a lead and a later "she did not say when she entered the clinic" are a gold pair (on the
dev topics 74% of cross-document pairs within one event are gold). Statement facts alone keep
restatements of one precise fact (high precision, low recall); the event fact of each story group
(`compare.events`) adds every outlet's sentences that use the trigger words of the group's leads
without a clashing year or name, which recovers most of the rest. What it still misses: documents
of one event that story grouping splits apart (never paired), sentences naming the event only by a
pronoun or a word no lead uses, and triggers read as 5-letter stems of lower-case lead words, not
lemmas (a Title Case headline gives none; "dies" and "died" do not match).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from storydiff.backends import Backends
from storydiff.config import Config
from storydiff.eval.alignment import aligned_segment_pairs, article_from_segments, best_threshold, prf
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset
from storydiff.models import Article

__all__ = ["DOCS_PER_EVENT", "EcbDocument", "b_cubed", "read_topic", "run", "sample_topics", "story_grouping"]

DOCS_PER_EVENT = 3
BASELINE_THRESHOLD = 0.41  # USE cosine between sentences; the F1-best cut on the dev topics
TFIDF_THRESHOLD = 0.1  # cosine at which average-linkage TF-IDF clustering stops; fitted on dev
_BCubed = tuple[float, float, float]  # precision, recall, F1


@dataclass(frozen=True)
class EcbDocument:
    name: str  # e.g. 1_10ecb
    event: str  # "ecb" (event A) or "ecbplus" (event B)
    sentences: tuple[str, ...]  # detokenised, by CAT sentence number
    annotated: frozenset[int]  # sentence numbers in ECBplus_coreference_sentences.csv
    instances: dict[int, frozenset[str]]  # sentence number -> event instance ids mentioned


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m)", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return text.replace("`` ", '"').replace(" ''", '"').replace("``", '"').replace("''", '"')


def _read_document(path: Path, annotated: frozenset[int]) -> EcbDocument:
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[str]] = {}
    sentence_of: dict[str, int] = {}
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        by_sentence.setdefault(number, []).append(token.text or "")
        sentence_of[token.get("t_id", "")] = number
    mention_sentence: dict[str, int] = {}
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        if markable.tag.startswith(("ACTION_", "NEG_ACTION_")):
            anchors = [a.get("t_id", "") for a in markable.iter("token_anchor")]
            if anchors and anchors[0] in sentence_of:
                mention_sentence[markable.get("m_id", "")] = sentence_of[anchors[0]]
    instances: dict[int, set[str]] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        if relation.tag != "CROSS_DOC_COREF":
            continue
        note = relation.get("note", "")
        for source in relation.iter("source"):
            found = mention_sentence.get(source.get("m_id", ""))
            if found is not None:
                instances.setdefault(found, set()).add(note)
    name = path.stem
    sentences = tuple(_detokenise(by_sentence[k]) for k in sorted(by_sentence))
    return EcbDocument(name, "ecbplus" if name.endswith("ecbplus") else "ecb", sentences, annotated,
                       {k: frozenset(v) for k, v in instances.items()})


def _annotated(path: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    with (path / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def _number(name: str) -> int:
    match = re.search(r"_(\d+)ecb", name)
    return int(match.group(1)) if match else 0


def read_topic(path: Path, topic: str, per_event: int = DOCS_PER_EVENT,
               annotated: dict[str, set[int]] | None = None) -> list[EcbDocument]:
    """The sample of one topic: the first `per_event` annotated documents of each event."""
    annotated = annotated if annotated is not None else _annotated(path)
    chosen: list[EcbDocument] = []
    for event in ("ecb", "ecbplus"):
        files = sorted((f for f in (path / "ECB+" / topic).glob(f"*_*{event}.xml")
                        if f.stem.endswith(event) and (event == "ecbplus" or not f.stem.endswith("ecbplus"))),
                       key=lambda f: _number(f.stem))
        files = [f for f in files if annotated.get(f.stem)]
        chosen.extend(_read_document(f, frozenset(annotated[f.stem])) for f in files[:per_event])
    return chosen


def sample_topics(path: Path, split: Split, limit: int | None = None) -> list[tuple[str, list[EcbDocument]]]:
    annotated = _annotated(path)
    topics = sorted((d.name for d in (path / "ECB+").iterdir() if d.is_dir()), key=int)
    topics = [t for t in topics if in_split(f"ecbplus-topic-{t}", split)][: limit or None]
    return [(t, read_topic(path, t, annotated=annotated)) for t in topics]


def articles_of(documents: list[EcbDocument]) -> list[Article]:
    return [article_from_segments(d.name, d.sentences, "en") for d in documents]


def b_cubed(predicted: list[int], gold: list[str]) -> tuple[float, float, float]:
    n = len(gold)
    precision = recall = 0.0
    for i in range(n):
        same_pred = {j for j in range(n) if predicted[j] == predicted[i]}
        same_gold = {j for j in range(n) if gold[j] == gold[i]}
        precision += len(same_pred & same_gold) / len(same_pred)
        recall += len(same_pred & same_gold) / len(same_gold)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def story_grouping(path: Path, split: Split, config: Config, limit: int | None = None) -> tuple[Figure, ...]:
    """Document story grouping alone (B-cubed F1, precision, recall beside TF-IDF agglomerative), without
    the sentence alignment: quick enough to hold a floor on every topic of a split."""
    from storydiff.compare.entities import EntityResolver
    from storydiff.compare.same_story import StoryJudge
    from storydiff.pipeline import analyse_articles

    backends = Backends(config)
    judge = StoryJudge(backends.embedder(), config.same_story, packs=backends.packs())
    resolver = EntityResolver(backends.matcher(), packs=backends.packs())
    ours: list[_BCubed] = []
    base: list[_BCubed] = []
    for _, documents in sample_topics(path, split, limit):
        if len(documents) < 2:
            continue
        articles = analyse_articles(articles_of(documents), config=config, backends=backends)
        entities = resolver.resolve(articles).entities if config.models.entities else ()
        gold = [d.event for d in documents]
        ours.append(b_cubed(judge.judge(articles, entities)[1], gold))
        base.append(b_cubed(_tfidf_groups(documents, TFIDF_THRESHOLD), gold))
    return _grouping_figures(ours, base)


def _grouping_figures(ours: list[_BCubed], base: list[_BCubed]) -> tuple[Figure, ...]:
    def mean(values: list[_BCubed], k: int) -> float:
        return sum(v[k] for v in values) / len(values) if values else 0.0

    return (
        Figure("story-grouping-bcubed-f1", mean(ours, 2), mean(base, 2), len(ours),
               note="baseline: TF-IDF + average-linkage agglomerative"),
        Figure("story-grouping-bcubed-precision", mean(ours, 0), mean(base, 0), len(ours)),
        Figure("story-grouping-bcubed-recall", mean(ours, 1), mean(base, 1), len(ours)),
    )


def _tfidf_groups(documents: list[EcbDocument], threshold: float) -> list[int]:
    """TF-IDF cosine, average-linkage agglomerative clustering stopped at `threshold`."""
    bags = [Counter(w.casefold() for s in d.sentences for w in re.findall(r"[^\W\d_]{3,}", s)) for d in documents]
    vocabulary = sorted(set().union(*bags))
    index = {w: k for k, w in enumerate(vocabulary)}
    counts = np.zeros((len(bags), len(vocabulary)))
    for row, bag in enumerate(bags):
        for word, count in bag.items():
            counts[row, index[word]] = count
    idf = np.log((1 + len(bags)) / (1 + (counts > 0).sum(axis=0))) + 1
    vectors = counts * idf
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    cosine = vectors @ vectors.T
    clusters = [[k] for k in range(len(documents))]
    while len(clusters) > 1:
        best, pair = -1.0, (0, 1)
        for a, b in combinations(range(len(clusters)), 2):
            value = float(cosine[np.ix_(clusters[a], clusters[b])].mean())
            if value > best:
                best, pair = value, (a, b)
        if best < threshold:
            break
        clusters[pair[0]].extend(clusters.pop(pair[1]))
    groups = [0] * len(documents)
    for g, members in enumerate(clusters):
        for k in members:
            groups[k] = g
    return groups


def run(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.compare.same_story import StoryJudge
    from storydiff.pipeline import compare_articles

    backends = Backends(config)
    embedder = backends.embedder()
    ours, base = [0, 0, 0], [0, 0, 0]
    cross = [0, 0, 0]  # cross-event pairs: total, aligned by storydiff, by the baseline
    bcubed: list[tuple[float, float, float]] = []
    base_bcubed: list[tuple[float, float, float]] = []
    scores: list[float] = []
    labels: list[bool] = []
    errors: list[str] = []
    topics = sample_topics(path, split, limit)
    for topic, documents in topics:
        if len(documents) < 2:
            continue
        articles = articles_of(documents)
        comparison = compare_articles(articles, config=config, backends=backends)
        by_id = {a.id: d for a, d in zip(comparison.articles, documents, strict=True)}
        predicted = {frozenset(((by_id[x[0]].name, x[1]), (by_id[y[0]].name, y[1])))
                     for x, y in aligned_segment_pairs(comparison)}
        keys = [(d.name, k) for d in documents for k in sorted(d.annotated) if k < len(d.sentences)]
        doc = {d.name: d for d in documents}
        texts = [doc[name].sentences[k] for name, k in keys]
        cosine = np.asarray(embedder.encode(texts)) @ np.asarray(embedder.encode(texts)).T if embedder else None
        for i, j in combinations(range(len(keys)), 2):
            (na, ka), (nb, kb) = keys[i], keys[j]
            if na == nb:
                continue
            gold = bool(doc[na].instances.get(ka, frozenset()) & doc[nb].instances.get(kb, frozenset()))
            ours_says = frozenset((keys[i], keys[j])) in predicted
            base_says = cosine is not None and cosine[i, j] >= BASELINE_THRESHOLD
            for tally, says in ((ours, ours_says), (base, base_says)):
                tally[0] += gold and says
                tally[1] += says and not gold
                tally[2] += gold and not says
            if cosine is not None:
                scores.append(float(cosine[i, j]))
                labels.append(gold)
            if doc[na].event != doc[nb].event:
                cross[0] += 1
                cross[1] += ours_says
                cross[2] += base_says
            if split == "dev" and ours_says != gold and len(errors) < 200:
                kind = "wrong" if ours_says else "missed"
                errors.append(f"topic {topic}: {kind} link {na}#{ka} ~ {nb}#{kb}")
        gold_events = [d.event for d in documents]
        _, groups = StoryJudge(embedder, config.same_story, packs=backends.packs()).judge(
            comparison.articles, comparison.entities)
        bcubed.append(b_cubed(groups, gold_events))
        base_bcubed.append(b_cubed(_tfidf_groups(documents, TFIDF_THRESHOLD), gold_events))
        if split == "dev" and len(set(groups)) != 2:
            errors.append(f"topic {topic}: story groups {groups} for events {gold_events}")
    p, r, f = prf(*ours)
    bp, br, bf = prf(*base)
    count = ours[0] + ours[2]

    figures = [
        Figure("sentence-pair-f1", f, bf, count),
        Figure("sentence-pair-precision", p, bp, count),
        Figure("sentence-pair-recall", r, br, count),
        Figure("cross-event-pairs-aligned", cross[1] / cross[0] if cross[0] else 0.0,
               cross[2] / cross[0] if cross[0] else 0.0, cross[0], note="share; lower is better"),
        *_grouping_figures(bcubed, base_bcubed),
    ]
    if split == "dev" and scores:
        figures.append(Figure("baseline-threshold-fitted", best_threshold(scores, labels), BASELINE_THRESHOLD,
                              len(scores), note="F1-best cosine cut on this split (baseline column: the one used)"))
    return DatasetReport("events-ecbplus", split, figures,
                         baseline=f"USE cosine between sentences >= {BASELINE_THRESHOLD} (fitted on dev); "
                         f"TF-IDF agglomerative at {TFIDF_THRESHOLD} for groups",
                         errors=errors)



register_dataset(DatasetEval(
    name="events-ecbplus",
    description="ECB+ (two events of one kind per topic): sentence pairs aligned into one fact against "
    "gold event coreference, cross-event pairs aligned, and document story grouping (B-cubed), "
    f"on {DOCS_PER_EVENT}+{DOCS_PER_EVENT} documents per topic.",
    run=run,
    default_path="events-ecbplus",
))
