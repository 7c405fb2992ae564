"""Commands on articles given on the command line: compare, clean, entities, quotes, names."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from storydiff.cli.output import (
    ProgressBar,
    check_output,
    config_from,
    emit_records,
    inputs_of,
    open_store_arg,
    printable,
    report_format,
    report_problems,
    save_to_store,
    write_output,
)
from storydiff.errors import UsageError

__all__ = ["cmd_clean", "cmd_compare", "cmd_entities", "cmd_names", "cmd_quotes"]


def cmd_compare(args: argparse.Namespace) -> int:
    from storydiff.pipeline import compare
    from storydiff.report import render

    fmt = report_format(args.output, args.format)
    check_output(args.output, args)
    config = config_from(args)
    if args.story:
        from storydiff.pipeline import compare_articles

        with ProgressBar("comparing") as progress:
            comparison = compare_articles(story_articles(args), config=config, progress=progress)
    else:
        inputs = inputs_of(args)
        with ProgressBar("comparing") as progress:
            comparison = compare(inputs, config=config, progress=progress)  # type: ignore[arg-type]
    report_problems(comparison.problems, comparison.articles)
    if fmt == "terminal" and not args.output:
        from storydiff.report import print_terminal  # rich only for the terminal report

        print_terminal(comparison)
    else:
        write_output(args.output, render(comparison, fmt))
    saved = save_to_store(args.store, lambda store: store.save_comparison(comparison))
    return 1 if comparison.problems or not saved else 0


def story_articles(args: argparse.Namespace) -> list[Any]:
    if args.store is None:
        raise UsageError("compare --story needs --store DB")
    with open_store_arg(args.store, create=False) as store:
        ids = store.story_article_ids(args.story)
        if not ids:
            raise UsageError(f"{args.story}: no such story in {store.location} (see `storydiff stories`)")
        return [store.get_article(i) for i in ids]


def cmd_clean(args: argparse.Namespace) -> int:
    from storydiff.pipeline import clean

    check_output(args.output, args)
    config = config_from(args)
    inputs = inputs_of(args)
    with ProgressBar("cleaning") as progress:
        result = clean(inputs, config=config, progress=progress)  # type: ignore[arg-type]
    report_problems(result.problems, result.articles)
    if args.explain_clean:
        from storydiff.clean.explain import explain_cleaning

        print("\n".join(explain_cleaning(a) for a in result.articles), file=sys.stderr)
    objects = [a.to_dict() for a in result.articles]
    if args.format == "json":
        text = json.dumps(objects, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    elif args.format == "text":  # what a reader wants to see: the clean article, and what was taken out
        text = "".join(clean_text(a) for a in result.articles)
    else:
        text = "".join(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n" for o in objects)
    write_output(args.output, text)
    saved = save_to_store(args.store, lambda store: store.save_articles(result.articles, result.problems))
    return 1 if result.problems or not saved else 0


def clean_text(article: Any) -> str:
    lines = [f"== {printable(article.path)} ({article.label}, {article.language})"]
    if article.headline:
        lines.append(f"headline: {article.headline.text}")
    if article.dateline:
        lines.append(f"dateline: {article.dateline.text}")
    if article.published:
        lines.append(f"published: {article.published}")
    lines += ["", article.body, ""]
    removed = len(article.removed) + len(article.captions) + len(article.credits)
    lines.append(f"({removed} piece(s) of debris, captions and credits set aside; --explain-clean lists them)")
    return "\n".join(lines) + "\n\n"


def cmd_store_entities(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from storydiff.backends import Backends
    from storydiff.compare.entities import merge_across_stories

    matcher = Backends(config_from(args)).matcher()
    with open_store_arg(args.store, create=False) as store:
        merged = merge_across_stories(store.stored_entities(), matcher)
    if args.format in ("json", "jsonl"):
        emit_records(args.format, [asdict(entity) for entity in merged])
        return 0
    for entity in merged:
        others = [v for v in entity.variants if v != entity.name]
        print(f"{entity.type:<7}{entity.name}  [{entity.stories} stories, {entity.mentions} mentions]")
        if others:
            print(f"       also: {', '.join(others)}")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from storydiff.backends import default_backends
    from storydiff.pipeline import clean, find_entities

    if not args.paths and not args.text:
        if args.store:
            return cmd_store_entities(args)
        raise UsageError("entities: give article PATHs, or --store DB")
    config = config_from(args)
    backends = default_backends(config)
    inputs = inputs_of(args)
    with ProgressBar("reading") as progress:
        result = clean(inputs, config=config, progress=progress, backends=backends)  # type: ignore[arg-type]
    report_problems(result.problems)
    articles, resolution = find_entities(result.articles, config=config, backends=backends)
    labels = {a.id: a.label for a in articles}
    if args.explain:
        print("\n".join(resolution.explain(args.explain, backends.matcher())))
    elif args.format in ("json", "jsonl"):
        emit_records(args.format, [entity.to_dict() for entity in resolution.entities])
    else:
        for entity in resolution.entities:
            counts = Counter(labels[m.article_id] for m in entity.mentions)
            where = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
            print(f"{entity.type:<7}{entity.name}  [{where}]")
            others = [v for v in entity.variants if v != entity.name]
            if others:
                print(f"       also: {', '.join(others)}")
    return 1 if result.problems else 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from storydiff.pipeline import quotes_by_article

    config = config_from(args)
    inputs = inputs_of(args)
    with ProgressBar("reading") as progress:
        found, problems = quotes_by_article(inputs, config=config, one_story=args.one_story,  # type: ignore[arg-type]
                                            progress=progress)
    report_problems(problems)
    if args.format in ("json", "jsonl"):
        emit_records(args.format, [{"path": item.article.path, "article": item.article.id,
                             "quotes": [q.to_dict() for q in item.quotes]} for item in found])
        return 1 if problems else 0
    for item in found:
        article = item.article
        print(f"== {article.path} ({len(item.quotes)} quotes)")
        for quote in item.quotes:
            speaker = quote.speaker_name or "unknown speaker"
            cut = "" if quote.complete else " [cut]"
            print(f"  {quote.kind:<8} {speaker} ({quote.verb or '—'}){cut}: {quote.text}")
    return 1 if problems else 0


def cmd_names(args: argparse.Namespace) -> int:
    from storydiff.backends import Backends
    from storydiff.names import NamePair, read_name_pairs

    matcher = Backends(config_from(args)).matcher()
    if args.pairs:
        pairs = read_name_pairs(args.pairs)
    elif len(args.names) == 2:
        pairs = [NamePair(args.names[0], args.names[1], 0)]
    else:
        raise UsageError("names compare: give two names, or --pairs FILE")
    matches = [(pair, matcher.compare(pair.a, pair.b)) for pair in pairs]
    if args.format in ("json", "jsonl"):
        emit_records(args.format, [match.to_dict() for _, match in matches])
        return 0
    for pair, match in matches:
        print(f"{'same' if match.same else 'different'}\t{match.score:.2f}\t{pair.a}\t{pair.b}")
        for reason in match.reasons:
            print(f"  - {reason}")
    return 0
