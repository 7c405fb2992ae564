"""Commands on a store: batch, stories, doctor, rejects."""

from __future__ import annotations

import argparse
import json
import sys

from storydiff.cli.output import ProgressBar, config_from, open_store_arg, printable

__all__ = ["cmd_batch", "cmd_doctor", "cmd_rejects", "cmd_stories"]


def cmd_batch(args: argparse.Namespace) -> int:
    from storydiff.run import executor_for, run_batch

    config = config_from(args)
    executor = executor_for(args.scheduler)
    try:
        with open_store_arg(args.store) as store, ProgressBar("analysing") as progress:
            report = run_batch(args.sources, store, config=config, executor=executor, chunk_size=max(args.chunk, 1),
                               progress=progress)
    finally:
        executor.close()
    for problem in report.problems:
        print(f"storydiff: skipped {printable(problem.path)}: {problem.reason}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        print(report.to_text())
    return 1 if report.problems else 0


def cmd_stories(args: argparse.Namespace) -> int:
    with open_store_arg(args.store, create=False) as store:
        found = store.stories()
    if args.format == "json":
        print(json.dumps({"stories": [s.to_dict() for s in found]}, ensure_ascii=False, indent=2))
        return 0
    for story in found:
        print(f"{story.id}  {len(story.articles)} articles  [{', '.join(story.languages)}]  {story.title}")
        print(f"    sources: {', '.join(story.sources) or '—'}")
    if not found:
        print("no stories yet (storydiff batch SOURCE… --store DB finds them)")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    with open_store_arg(args.store, create=False) as store:
        health = store.health()
    if args.format == "json":
        print(json.dumps(health.to_dict(), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        print(printable(health.to_text()))
    return 0 if health.consistent else 1


def cmd_rejects(args: argparse.Namespace) -> int:
    from storydiff.pipeline import retry_rejects

    with open_store_arg(args.store, create=False) as store:
        if args.retry:
            result = retry_rejects(store, config=config_from(args))
            for article in result.articles:
                print(f"storydiff: read now, saved: {printable(article.path)}", file=sys.stderr)
        problems = store.problems()
    if args.format == "json":
        print(json.dumps({"rejects": [{"path": p.path, "reason": p.reason} for p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(f"{printable(problem.path)}: {problem.reason}")
        if not problems:
            print("no inputs set aside")
    return 1 if args.retry and problems else 0
