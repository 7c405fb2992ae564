"""The command line's parser: every command, its options and its help."""

from __future__ import annotations

import argparse

from storydiff.cli.output import FORMAT_HELP, FORMATS, version_text

__all__ = ["build_parser"]


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
    parser.add_argument("--version", action="version", version=version_text())
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
                          "parallel-wmt21-ru-en, polnear, wikidata-names, factrueval, collection5, "
                          "grouping-ecbplus, grouping-gvc, grouping-generated, grouping-generated-dense; "
                          "held aside (nothing tuned on them): parallel-meantime, grouping-meantime, "
                          "grouping-newswcl50")
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
