"""The command line: a thin shell over the library. Heavy imports happen inside each command so that
`storydiff --help` answers at once.

Exit codes: 0 ok, 1 bad input (some inputs could not be read), 2 usage, 3 internal error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from storydiff.cli.articles import cmd_clean, cmd_compare, cmd_entities, cmd_names, cmd_quotes
from storydiff.cli.corpus import cmd_batch, cmd_doctor, cmd_rejects, cmd_stories
from storydiff.cli.evaluation import cmd_eval
from storydiff.cli.output import check_output, printable, write_output
from storydiff.cli.parser import build_parser
from storydiff.errors import StorydiffError

__all__ = ["build_parser", "main"]

COMMANDS = {"compare": cmd_compare, "clean": cmd_clean, "entities": cmd_entities, "quotes": cmd_quotes,
            "names": cmd_names, "eval": cmd_eval, "doctor": cmd_doctor, "rejects": cmd_rejects,
            "batch": cmd_batch, "stories": cmd_stories}

# Commands that print their result: with -o it goes to the file, through the same safe write.
_PRINTING = {"entities", "quotes", "names", "eval", "doctor", "rejects", "batch", "stories"}


def _to_file(args: argparse.Namespace) -> int:
    import contextlib
    import io

    check_output(args.output, args)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = COMMANDS[args.command](args)
    write_output(args.output, buffer.getvalue())
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    verbose = getattr(args, "verbose", False)
    # Other libraries speak only on errors; storydiff's own warnings (a model's extra missing, so a
    # stage runs without it) are shown by default, its progress notes with -v.
    logging.basicConfig(level=logging.ERROR, format="storydiff: %(levelname)s %(message)s")
    logging.getLogger("storydiff").setLevel(logging.INFO if verbose else logging.WARNING)
    # The HTML extractor logs an ERROR for every fragment it cannot parse; storydiff reports each input
    # it sets aside itself, so those lines are noise unless -v asks for everything.
    logging.getLogger("trafilatura").setLevel(logging.INFO if verbose else logging.CRITICAL)
    try:
        if args.command in _PRINTING and getattr(args, "output", None):
            return _to_file(args)
        return COMMANDS[args.command](args)
    except StorydiffError as exc:
        print(f"storydiff: {printable(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line, exit 3; the traceback with -v
        if verbose:
            import traceback

            traceback.print_exc()
        print(f"storydiff: internal error: {type(exc).__name__}: {printable(str(exc))} "
              "(rerun with -v for the traceback, and please report it)", file=sys.stderr)
        return 3
