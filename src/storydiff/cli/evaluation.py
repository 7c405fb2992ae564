"""`storydiff eval`: the gold set, or a public dataset beside its baseline."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storydiff.cli.output import config_from
from storydiff.errors import UsageError

__all__ = ["cmd_eval"]


def cmd_eval_dataset(args: argparse.Namespace) -> int:
    from storydiff.eval.datasets import get_dataset

    if len(args.dataset) > 2:
        raise UsageError("eval --dataset takes a NAME and at most one PATH")
    dataset = get_dataset(args.dataset[0])
    path = Path(args.dataset[1]) if len(args.dataset) == 2 else devdata() / dataset.default_path
    if not path.exists():
        raise UsageError(f"{path}: no such dataset folder (give its PATH after the name)")
    report = dataset.run(path, args.split, config_from(args), args.limit)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
    else:
        print(report.to_text())
    return 0


def devdata() -> Path:
    """../shared/devdata beside the checkout (or the current directory)."""
    for base in (Path.cwd(), *Path(__file__).resolve().parents):
        candidate = base.parent / "shared" / "devdata"
        if candidate.is_dir():
            return candidate
    return Path("../shared/devdata")


def cmd_eval(args: argparse.Namespace) -> int:
    if args.dataset:
        return cmd_eval_dataset(args)
    from storydiff.eval import run_evaluation

    report = run_evaluation(tasks=args.task, embedder=config_from(args).models.embedder)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        print(report.to_text())
    return 0
