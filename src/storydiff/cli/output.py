"""What every command shares: the one Config, inputs, safe writes to -o, progress, the store."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storydiff.errors import OutputError, StorydiffError, UsageError

__all__ = ["FORMATS", "FORMAT_HELP", "ProgressBar", "check_output", "config_from", "emit_records", "inputs_of",
           "open_store_arg", "printable", "report_format", "report_problems", "save_to_store", "version_text",
           "write_output"]

# The same format names for every command that lists things: text for people; jsonl, one object per
# line; json, one array of those same objects.
FORMATS = ("text", "json", "jsonl")

FORMAT_HELP = "output format: text, json (one array) or jsonl (one object per line)"


def emit_records(fmt: str, records: Sequence[dict[str, Any]]) -> None:
    """Print records as JSON Lines or as one JSON array (`fmt` is "jsonl" or "json")."""
    if fmt == "json":
        print(json.dumps(list(records), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        for record in records:
            print(json.dumps(record, ensure_ascii=False, sort_keys=True))


def config_from(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The one Config: defaults, then --config FILE, then this command's options."""
    from storydiff.config import load_config

    overrides: dict[str, object] = {}
    if getattr(args, "no_embeddings", False):
        overrides["models.embedder"] = "none"
    if getattr(args, "no_entities", False):
        overrides["models.entities"] = False
    if getattr(args, "aliases", None):
        overrides["aliases"] = args.aliases
    config = load_config(getattr(args, "config", None), overrides)
    rules = getattr(args, "rules", None)
    if rules:
        from dataclasses import replace

        config = replace(config, rules_dirs=config.rules_dirs + tuple(Path(r) for r in rules))
    return config


def version_text() -> str:
    try:
        from importlib.metadata import version

        return f"storydiff {version('storydiff')}"
    except Exception:  # pragma: no cover - not installed as a distribution
        return "storydiff (source)"


def report_format(output: str | None, explicit: str | None) -> str:
    """The report format: as asked, else from the -o file's extension, else the terminal report.
    Checked against the renderer registry before any work is done."""
    from storydiff.report import format_for_path, renderers

    known = [r.name for r in renderers()]
    if explicit == "text":
        explicit = "terminal"  # every command calls its human-readable output "text"
    if explicit:
        if explicit not in known:
            raise UsageError(f"unknown report format {explicit!r}; known: {', '.join(known)}")
        return explicit
    return (format_for_path(output) if output else None) or "terminal"


def inputs_of(args: argparse.Namespace) -> list[object]:
    """Paths stay paths (a missing file is reported missing); text comes only from --text or stdin."""
    from storydiff.pipeline import from_text

    inputs: list[object] = []
    for path in args.paths:
        if path == "-":
            inputs.append(from_text(sys.stdin.buffer.read().decode("utf-8", "replace"), "<stdin>"))
        else:
            inputs.append(path)
    inputs += [from_text(text, f"<text {n}>") for n, text in enumerate(args.text, 1)]
    if not inputs:
        raise UsageError(f"{args.command}: give article PATHs, - for stdin, or --text TEXT")
    return inputs


def check_output(output: str | None, args: argparse.Namespace) -> None:
    """Refuse, before any work is done, an -o that is a directory or one of the inputs."""
    if not output:
        return
    from storydiff.ingest import expand_paths

    target = Path(output)
    if target.is_dir():
        raise UsageError(f"{output}: is a directory; -o needs a file name")
    if target.exists():
        inputs = [p for p in getattr(args, "paths", ()) if p != "-"]
        inputs += [args.pairs] if getattr(args, "pairs", None) else []
        for path in expand_paths(inputs):
            try:
                same = Path(path).exists() and target.samefile(path)
            except OSError:
                same = False
            if same:
                raise UsageError(f"{output}: is one of the inputs; refusing to overwrite it with the report")


def write_output(output: str | None, text: str) -> None:
    """Write to a temporary file beside the target, then rename: a failed write never leaves half a
    report, and never destroys what was there."""
    if not output:
        sys.stdout.write(text)
        return
    import os
    import tempfile

    target = Path(output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(output, exc.strerror or str(exc)) from exc
    print(f"wrote {printable(output)}", file=sys.stderr)


def printable(text: str) -> str:
    """File names that are not valid UTF-8 (surrogate escapes) still print."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class ProgressBar:
    """A rich progress bar on an interactive terminal once there are several inputs; silent when piped."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._bar: Any = None
        self._task: Any = None
        self._started = 0.0

    def __call__(self, done: int, total: int, origin: str) -> None:
        if self._bar is None:
            if total < 3 or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=total, rate="")
            self._started = time.monotonic()
        elapsed = time.monotonic() - self._started
        rate = f"{done / elapsed:.1f}/s" if done and elapsed > 0 else ""
        self._bar.update(self._task, completed=done, total=total, rate=rate,
                         description=f"{self._label} {Path(origin).name}")

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def report_problems(problems: Sequence[object], articles: Sequence[object] = ()) -> None:
    for problem in problems:
        print(f"storydiff: skipped {printable(problem.path)}: {problem.reason}", file=sys.stderr)  # type: ignore[attr-defined]
    for article in articles:
        for repair in article.repairs:  # type: ignore[attr-defined]
            print(f"storydiff: note: {printable(article.path)}: {repair}", file=sys.stderr)  # type: ignore[attr-defined]


def open_store_arg(value: str, *, create: bool = True):  # type: ignore[no-untyped-def]
    from storydiff.store import default_store_path, open_store

    return open_store(value or default_store_path(), create=create)


def save_to_store(store_arg: str | None, save: object) -> bool:
    """Save to the store after the report is out: a store problem is reported, never loses the report."""
    if store_arg is None:
        return True
    try:
        store = open_store_arg(store_arg)
        with store:
            save(store)  # type: ignore[operator]
    except StorydiffError as exc:
        print(f"storydiff: not saved: {exc}", file=sys.stderr)
        return False
    print(f"saved to {printable(str(store.location))}", file=sys.stderr)
    return True
