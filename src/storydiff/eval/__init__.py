"""`storydiff eval`: scores on the gold set in the repo, per task.

Tasks: clean (debris removed), structure (headline, dateline, credits, captions), align (facts
across articles), html (body extraction vs trafilatura alone, and headline/date from pages), names
(merge precision and recall on name pairs across romanisations, overall and per source language),
entities (mention F1 and merge precision/recall on annotated English and Russian demo articles),
quotes (span F1, attribution and kind accuracy, and link relation accuracy; for the accuracies the
"precision" column is the share right).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from storydiff.eval.alignment import score_alignment, score_conflicts
from storydiff.eval.cleaning import score_clean, score_structure
from storydiff.eval.entities import score_entities
from storydiff.eval.html_body import score_html
from storydiff.eval.names import score_names
from storydiff.eval.quotes import score_demo_quotes, score_quote_links, score_quotes
from storydiff.eval.scoring import Score

__all__ = ["TASKS", "EvalReport", "Score", "run_evaluation"]

TASKS = ("clean", "structure", "align", "html", "names", "entities", "quotes")


@dataclass
class EvalReport:
    scores: dict[str, Score] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"scores": {k: v.to_dict() for k, v in self.scores.items()}, "notes": self.notes}

    def to_text(self) -> str:
        lines = [f"{'task':<22}{'precision':>10}{'recall':>10}{'f1':>10}"]
        for name, score in self.scores.items():
            lines.append(f"{name:<22}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}")
        for name, notes in self.notes.items():
            if notes:
                lines.append(f"\n{name}: {len(notes)} error(s)")
                lines.extend(f"  - {n}" for n in notes[:25])
                if len(notes) > 25:
                    lines.append(f"  … {len(notes) - 25} more")
        return "\n".join(lines)


def run_evaluation(tasks: Sequence[str] | None = None, embedder: str | None = "use-m3") -> EvalReport:
    chosen = list(tasks or TASKS)
    unknown = set(chosen) - set(TASKS)
    if unknown:
        from storydiff.errors import ConfigError

        raise ConfigError(f"unknown eval task(s): {', '.join(sorted(unknown))}; known: {', '.join(TASKS)}")
    report = EvalReport()
    if "clean" in chosen:
        report.scores["clean"], report.notes["clean"] = score_clean()
    if "structure" in chosen:
        report.scores["structure"], report.notes["structure"] = score_structure()
    if "align" in chosen:
        report.scores["align"], report.notes["align"], parts = score_alignment(embedder)
        for name, score in parts.items():
            report.scores[f"align-{name}"] = score
        report.scores["conflicts"], report.notes["conflicts"] = score_conflicts(embedder)
    if "html" in chosen:
        html_scores, report.notes["html"] = score_html()
        report.scores["html-body"] = html_scores["storydiff"]
        report.scores["html-body-trafilatura"] = html_scores["trafilatura"]
        report.scores["html-metadata"] = html_scores["metadata"]
    if "names" in chosen:
        total, by_language, report.notes["names"] = score_names()
        report.scores["names-merge"] = total
        for language, score in by_language.items():
            report.scores[f"names-merge-{language}"] = score
    if "entities" in chosen:
        report.scores["entities-mentions"], report.scores["entities-merge"], report.notes["entities"] = (
            score_entities()
        )
    if "quotes" in chosen:
        spans, speakers, kinds, notes = score_quotes()
        report.scores["quotes-spans"] = spans
        report.scores["quotes-attribution"] = speakers  # precision = accuracy on the quotes found
        report.scores["quotes-kind"] = kinds
        demo_spans, demo_speakers, demo_notes = score_demo_quotes()
        report.scores["quotes-demo-spans"] = demo_spans
        report.scores["quotes-demo-attribution"] = demo_speakers
        links, by_relation, link_notes = score_quote_links(embedder)
        report.scores["quote-links-relation"] = links  # precision = accuracy over the gold pairs
        for relation, score in by_relation.items():
            report.scores[f"quote-links-{relation}"] = score
        report.notes["quotes"] = notes + demo_notes + link_notes
    return report
