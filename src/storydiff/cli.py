"""The command line: a thin shell over the library. Heavy imports happen inside each command so that
`storydiff --help` answers at once.

Exit codes: 0 ok, 1 bad input (some inputs could not be read), 2 usage, 3 internal error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storydiff.errors import OutputError, StorydiffError, UsageError

__all__ = ["main"]

def _common() -> argparse.ArgumentParser:
    """Options every command takes, before or after the command name (`storydiff -v compare …` and
    `storydiff compare … -v` both work). SUPPRESS keeps a sub-command from resetting what was set
    before it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log what each stage does")
    common.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help="settings file (TOML): models, thresholds, alias, rule and language paths")
    return common


# The same format names for every command that lists things: text for people; jsonl, one object per
# line; json, one array of those same objects.
FORMATS = ("text", "json", "jsonl")
FORMAT_HELP = "output format: text, json (one array) or jsonl (one object per line)"


def _emit(fmt: str, records: Sequence[dict[str, Any]]) -> None:
    """Print records as JSON Lines or as one JSON array (`fmt` is "jsonl" or "json")."""
    if fmt == "json":
        print(json.dumps(list(records), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        for record in records:
            print(json.dumps(record, ensure_ascii=False, sort_keys=True))


def _add_input_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files (text or HTML) or directories; - reads one article from stdin")
    parser.add_argument("--text", action="append", default=[], metavar="TEXT",
                        help="an article given as text on the command line (repeatable)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="extra directory of cleaning-rule TOML files (repeatable)")


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _add_aliases(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--aliases", metavar="FILE", help="alias file (TOML or CSV) forcing or forbidding merges")


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="storydiff", parents=[common],
        description="How did different outlets tell the same story? Clean, align and compare articles.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=description, parents=[common])

    compare = command("compare", "compare two or more articles end to end",
                      "Clean the articles, align their facts and report what all report, what each adds and "
                      "omits, and the debris removed.")
    _add_input_args(compare)
    compare.add_argument("-f", "--format", default=None, metavar="FORMAT",
                         help="report format: terminal, json, markdown, html (default: terminal, or from the "
                         "-o file's extension)")
    compare.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    compare.add_argument("--store", nargs="?", const="", metavar="DB",
                         help="also save everything in a SQLite store (default path under the user data dir)")
    compare.add_argument("--no-embeddings", action="store_true",
                         help="align by words, names and numbers only (no sentence-embedding model)")
    compare.add_argument("--no-entities", action="store_true", help="skip people, organisations and places")
    compare.add_argument("--story", metavar="ID", help="compare one story of the --store (see `storydiff stories`)")
    _add_aliases(compare)

    entities = command("entities", "people, organisations and places across the articles",
                       "Find the entities of a story and merge their variants; --explain NAME shows why names "
                       "were merged or kept apart.")
    _add_input_args(entities)
    entities.add_argument("--store", metavar="DB",
                          help="without PATHs: the entities of every comparison in this store, merged across stories")
    entities.add_argument("-f", "--format", choices=FORMATS, default="text", help=FORMAT_HELP)
    entities.add_argument("--explain", metavar="NAME", help="why NAME's entity holds its variants")
    _add_output(entities)
    _add_aliases(entities)

    clean = command("clean", "clean articles only: one article object per line",
                    "Split each article into headline, dateline, credits, captions, body and removed debris.")
    _add_input_args(clean)
    clean.add_argument("-f", "--format", choices=FORMATS, default="jsonl", help=FORMAT_HELP)
    clean.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    clean.add_argument("--store", nargs="?", const="", metavar="DB", help="also save the articles in a SQLite store")
    clean.add_argument("--explain-clean", action="store_true",
                       help="list on stderr what was taken out of each body and why")

    quotes = command("quotes", "the quotes of each article, with speakers",
                     "List each article's quotes (direct, partial, indirect) with speaker, verb and completeness; "
                     "one JSON object per article with --format jsonl. Each file is resolved as its own article "
                     "unless --one-story says they tell one story.")
    _add_input_args(quotes)
    quotes.add_argument("-f", "--format", choices=FORMATS, default="text", help=FORMAT_HELP)
    _add_output(quotes)
    quotes.add_argument("--one-story", action="store_true",
                        help="the files tell one story: merge names across them before naming speakers")
    _add_aliases(quotes)

    names = command("names", "compare names across spellings, scripts and languages",
                    "Are two names the same referent? Prints same/different, a score and the reasons.")
    names_commands = names.add_subparsers(dest="names_command", required=True, metavar="ACTION")
    names_compare = names_commands.add_parser("compare", help="compare two names, or a file of pairs",
                                              parents=[common])
    names_compare.add_argument("names", nargs="*", metavar="NAME", help="two names to compare")
    names_compare.add_argument("--pairs", metavar="TSV", help="file of tab-separated name pairs, one per line")
    names_compare.add_argument("-f", "--format", choices=FORMATS, default="text", help=FORMAT_HELP)
    _add_output(names_compare)
    _add_aliases(names_compare)

    evaluate = command("eval", "score every stage on the gold set, or on a real dataset",
                       "Without --dataset: precision, recall and F1 per task on the gold set in the repo. "
                       "With --dataset NAME [PATH]: the figures on a public dataset in its published format, "
                       "beside a naive baseline run the same way (PATH defaults to ../shared/devdata/<folder>).")
    evaluate.add_argument("--task", action="append", metavar="TASK",
                          help="only this task (repeatable): clean, structure, align, html, names, entities, quotes")
    evaluate.add_argument("-f", "--format", choices=("text", "json"), default="text", help="output format")
    evaluate.add_argument("--no-embeddings", action="store_true", help="evaluate the lexical aligner only")
    evaluate.add_argument("--dataset", nargs="+", metavar=("NAME", "PATH"),
                          help="a real dataset: pages-trafilatura, pairs-tgcontest-ru, events-ecbplus, "
                          "parallel-wmt21-ru-en, polnear, wikidata-names, factrueval, collection5")
    evaluate.add_argument("--split", choices=("dev", "test", "all"), default="all",
                          help="dev: the half tuned on (errors listed); test: the half only scored; all: both")
    evaluate.add_argument("--limit", type=int, metavar="N", help="score only the first N items of the split")
    _add_output(evaluate)

    batch = command("batch", "read many sources into a store and group them into stories",
                    "Read files, directories, JSONL/CSV exports, RSS/Atom feeds, WARC archives and URLs; analyse "
                    "each new article (articles the store holds are skipped, so an interrupted batch resumes) and "
                    "place it in a story with the stored articles of the same days.")
    batch.add_argument("sources", nargs="+", metavar="SOURCE", help="file, directory, .jsonl/.csv, feed, .warc, URL")
    batch.add_argument("--store", default="", metavar="DB",
                       help="the store: a SQLite path or postgresql://… (default path under the user data dir)")
    batch.add_argument("--scheduler", metavar="URL",
                       help="run the per-article stages on this Dask scheduler (tcp://host:8786)")
    batch.add_argument("--chunk", type=int, default=32, metavar="N", help="articles per unit of work (default 32)")
    batch.add_argument("-f", "--format", choices=("text", "json"), default="text", help="output format")
    _add_output(batch)

    stories = command("stories", "the stories in a store, with their articles",
                      "List the stories `storydiff batch` found, biggest first, each with its articles.")
    stories.add_argument("--store", default="", metavar="DB", help="the store (default path under the user data dir)")
    stories.add_argument("-f", "--format", choices=("text", "json"), default="text", help="output format")
    _add_output(stories)

    doctor = command("doctor", "check that a store is consistent",
                     "Check a store: the file is sound, every migration applied, every article once, no rows "
                     "pointing at nothing, no half-saved comparison. Exit 0 when consistent, 1 otherwise.")
    doctor.add_argument("--store", default="", metavar="DB", help="the store (default path under the user data dir)")
    doctor.add_argument("-f", "--format", choices=("text", "json"), default="text", help="output format")
    _add_output(doctor)

    rejects = command("rejects", "inputs set aside, with the reason; --retry reads them again",
                      "List the inputs a store keeps aside because they could not be read or analysed, each "
                      "with its reason. --retry reads them again: those readable now are cleaned, saved and "
                      "leave the list.")
    rejects.add_argument("--store", default="", metavar="DB", help="the store (default path under the user data dir)")
    rejects.add_argument("--retry", action="store_true", help="read every set-aside input again")
    rejects.add_argument("-f", "--format", choices=("text", "json"), default="text", help="output format")
    _add_output(rejects)
    return parser


def _config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
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


def _version() -> str:
    try:
        from importlib.metadata import version

        return f"storydiff {version('storydiff')}"
    except Exception:  # pragma: no cover - not installed as a distribution
        return "storydiff (source)"


def _format_for(output: str | None, explicit: str | None) -> str:
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


def _inputs(args: argparse.Namespace) -> list[object]:
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


def _check_output(output: str | None, args: argparse.Namespace) -> None:
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


def _write(output: str | None, text: str) -> None:
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
    print(f"wrote {_printable(output)}", file=sys.stderr)


def _printable(text: str) -> str:
    """File names that are not valid UTF-8 (surrogate escapes) still print."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class _ProgressBar:
    """A rich progress bar on an interactive terminal once there are several inputs; silent when piped."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int, origin: str) -> None:
        if self._bar is None:
            if total < 3 or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=total)
        self._bar.update(self._task, completed=done, description=f"{self._label} {Path(origin).name}")

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _report_problems(problems: Sequence[object], articles: Sequence[object] = ()) -> None:
    for problem in problems:
        print(f"storydiff: skipped {_printable(problem.path)}: {problem.reason}", file=sys.stderr)  # type: ignore[attr-defined]
    for article in articles:
        for repair in article.repairs:  # type: ignore[attr-defined]
            print(f"storydiff: note: {_printable(article.path)}: {repair}", file=sys.stderr)  # type: ignore[attr-defined]


def _open_store(value: str, *, create: bool = True):  # type: ignore[no-untyped-def]
    from storydiff.store import default_store_path, open_store

    return open_store(value or default_store_path(), create=create)


def _save(store_arg: str | None, save: object) -> bool:
    """Save to the store after the report is out: a store problem is reported, never loses the report."""
    if store_arg is None:
        return True
    try:
        store = _open_store(store_arg)
        with store:
            save(store)  # type: ignore[operator]
    except StorydiffError as exc:
        print(f"storydiff: not saved: {exc}", file=sys.stderr)
        return False
    print(f"saved to {_printable(str(store.location))}", file=sys.stderr)
    return True


def cmd_compare(args: argparse.Namespace) -> int:
    from storydiff.pipeline import compare
    from storydiff.report import print_terminal, render

    fmt = _format_for(args.output, args.format)
    _check_output(args.output, args)
    config = _config(args)
    if args.story:
        from storydiff.pipeline import compare_articles

        with _ProgressBar("comparing") as progress:
            comparison = compare_articles(_story_articles(args), config=config, progress=progress)
    else:
        inputs = _inputs(args)
        with _ProgressBar("comparing") as progress:
            comparison = compare(inputs, config=config, progress=progress)  # type: ignore[arg-type]
    _report_problems(comparison.problems, comparison.articles)
    if fmt == "terminal" and not args.output:
        print_terminal(comparison)
    else:
        _write(args.output, render(comparison, fmt))
    saved = _save(args.store, lambda store: store.save_comparison(comparison))
    return 1 if comparison.problems or not saved else 0


def cmd_clean(args: argparse.Namespace) -> int:
    from storydiff.pipeline import clean

    _check_output(args.output, args)
    config = _config(args)
    inputs = _inputs(args)
    with _ProgressBar("cleaning") as progress:
        result = clean(inputs, config=config, progress=progress)  # type: ignore[arg-type]
    _report_problems(result.problems, result.articles)
    if args.explain_clean:
        from storydiff.clean.explain import explain_cleaning

        print("\n".join(explain_cleaning(a) for a in result.articles), file=sys.stderr)
    objects = [a.to_dict() for a in result.articles]
    if args.format == "json":
        text = json.dumps(objects, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    elif args.format == "text":  # what a reader wants to see: the clean article, and what was taken out
        text = "".join(_clean_text(a) for a in result.articles)
    else:
        text = "".join(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n" for o in objects)
    _write(args.output, text)
    saved = _save(args.store, lambda store: store.save_articles(result.articles, result.problems))
    return 1 if result.problems or not saved else 0


def _clean_text(article: Any) -> str:
    lines = [f"== {_printable(article.path)} ({article.label}, {article.language})"]
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

    matcher = Backends(_config(args)).matcher()
    with _open_store(args.store, create=False) as store:
        merged = merge_across_stories(store.stored_entities(), matcher)
    if args.format in ("json", "jsonl"):
        _emit(args.format, [asdict(entity) for entity in merged])
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
    config = _config(args)
    backends = default_backends(config)
    inputs = _inputs(args)
    with _ProgressBar("reading") as progress:
        result = clean(inputs, config=config, progress=progress, backends=backends)  # type: ignore[arg-type]
    _report_problems(result.problems)
    articles, resolution = find_entities(result.articles, config=config, backends=backends)
    labels = {a.id: a.label for a in articles}
    if args.explain:
        print("\n".join(resolution.explain(args.explain, backends.matcher())))
    elif args.format in ("json", "jsonl"):
        _emit(args.format, [entity.to_dict() for entity in resolution.entities])
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

    config = _config(args)
    inputs = _inputs(args)
    with _ProgressBar("reading") as progress:
        found, problems = quotes_by_article(inputs, config=config, one_story=args.one_story,  # type: ignore[arg-type]
                                            progress=progress)
    _report_problems(problems)
    if args.format in ("json", "jsonl"):
        _emit(args.format, [{"path": item.article.path, "article": item.article.id,
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

    matcher = Backends(_config(args)).matcher()
    if args.pairs:
        pairs = read_name_pairs(args.pairs)
    elif len(args.names) == 2:
        pairs = [NamePair(args.names[0], args.names[1], 0)]
    else:
        raise UsageError("names compare: give two names, or --pairs FILE")
    matches = [(pair, matcher.compare(pair.a, pair.b)) for pair in pairs]
    if args.format in ("json", "jsonl"):
        _emit(args.format, [match.to_dict() for _, match in matches])
        return 0
    for pair, match in matches:
        print(f"{'same' if match.same else 'different'}\t{match.score:.2f}\t{pair.a}\t{pair.b}")
        for reason in match.reasons:
            print(f"  - {reason}")
    return 0


def cmd_eval_dataset(args: argparse.Namespace) -> int:
    from storydiff.eval.datasets import get_dataset

    if len(args.dataset) > 2:
        raise UsageError("eval --dataset takes a NAME and at most one PATH")
    dataset = get_dataset(args.dataset[0])
    path = Path(args.dataset[1]) if len(args.dataset) == 2 else _devdata() / dataset.default_path
    if not path.exists():
        raise UsageError(f"{path}: no such dataset folder (give its PATH after the name)")
    report = dataset.run(path, args.split, _config(args), args.limit)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
    else:
        print(report.to_text())
    return 0


def _devdata() -> Path:
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

    report = run_evaluation(tasks=args.task, embedder=_config(args).models.embedder)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        print(report.to_text())
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from storydiff.run import executor_for, run_batch

    config = _config(args)
    executor = executor_for(args.scheduler)
    try:
        with _open_store(args.store) as store, _ProgressBar("analysing") as progress:
            report = run_batch(args.sources, store, config=config, executor=executor, chunk_size=max(args.chunk, 1),
                               progress=progress)
    finally:
        executor.close()
    for problem in report.problems:
        print(f"storydiff: skipped {_printable(problem.path)}: {problem.reason}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        print(report.to_text())
    return 1 if report.problems else 0


def cmd_stories(args: argparse.Namespace) -> int:
    with _open_store(args.store, create=False) as store:
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


def _story_articles(args: argparse.Namespace) -> list[Any]:
    if args.store is None:
        raise UsageError("compare --story needs --store DB")
    with _open_store(args.store, create=False) as store:
        ids = store.story_article_ids(args.story)
        if not ids:
            raise UsageError(f"{args.story}: no such story in {store.location} (see `storydiff stories`)")
        return [store.get_article(i) for i in ids]


def cmd_doctor(args: argparse.Namespace) -> int:
    with _open_store(args.store, create=False) as store:
        health = store.health()
    if args.format == "json":
        print(json.dumps(health.to_dict(), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        print(_printable(health.to_text()))
    return 0 if health.consistent else 1


def cmd_rejects(args: argparse.Namespace) -> int:
    from storydiff.pipeline import retry_rejects

    with _open_store(args.store, create=False) as store:
        if args.retry:
            result = retry_rejects(store, config=_config(args))
            for article in result.articles:
                print(f"storydiff: read now, saved: {_printable(article.path)}", file=sys.stderr)
        problems = store.problems()
    if args.format == "json":
        print(json.dumps({"rejects": [{"path": p.path, "reason": p.reason} for p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(f"{_printable(problem.path)}: {problem.reason}")
        if not problems:
            print("no inputs set aside")
    return 1 if args.retry and problems else 0


COMMANDS = {"compare": cmd_compare, "clean": cmd_clean, "entities": cmd_entities, "quotes": cmd_quotes,
            "names": cmd_names, "eval": cmd_eval, "doctor": cmd_doctor, "rejects": cmd_rejects,
            "batch": cmd_batch, "stories": cmd_stories}


# Commands that print their result: with -o it goes to the file, through the same safe write.
_PRINTING = {"entities", "quotes", "names", "eval", "doctor", "rejects", "batch", "stories"}


def _to_file(args: argparse.Namespace) -> int:
    import contextlib
    import io

    _check_output(args.output, args)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = COMMANDS[args.command](args)
    _write(args.output, buffer.getvalue())
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    verbose = getattr(args, "verbose", False)
    # Other libraries speak only on errors; storydiff's own warnings (a model's extra missing, so a
    # stage runs without it) are shown by default, its progress notes with -v.
    logging.basicConfig(level=logging.ERROR, format="storydiff: %(levelname)s %(message)s")
    logging.getLogger("storydiff").setLevel(logging.INFO if verbose else logging.WARNING)
    try:
        if args.command in _PRINTING and getattr(args, "output", None):
            return _to_file(args)
        return COMMANDS[args.command](args)
    except StorydiffError as exc:
        print(f"storydiff: {_printable(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line, exit 3; the traceback with -v
        if verbose:
            import traceback

            traceback.print_exc()
        print(f"storydiff: internal error: {type(exc).__name__}: {_printable(str(exc))} "
              "(rerun with -v for the traceback, and please report it)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
