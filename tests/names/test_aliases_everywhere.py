"""A user's alias file reaches every stage that matches names: recognition (the known-names pass),
entity merging, quote speakers and quote links, and the names command."""

from pathlib import Path

import pytest

from storydiff import compare, from_text
from storydiff.backends import Backends
from storydiff.config import load_config

A = 'The port was shut all week.\n\n"We will reopen the port on Monday," Katarina Olsen said on Friday.\n'
B = 'Storm damage was repaired.\n\n"We will reopen the port on Monday," Kata Borg said on Friday.\n'


@pytest.fixture()
def aliases(tmp_path: Path) -> Path:
    path = tmp_path / "aliases.toml"
    path.write_text('[[entity]]\nnames = ["Katarina Olsen", "Kata Borg"]\ntype = "PERSON"\n')
    return path


def _compare(config, backends=None):
    return compare([from_text(A, "a"), from_text(B, "b")], config=config, backends=backends)


def test_known_names_pass_finds_names_from_the_alias_file(aliases):
    config = load_config(None, {"aliases": str(aliases), "models.embedder": "none"})
    without_models = Backends(config, recognizer_names={})  # no NER model: names come from lists only
    comparison = _compare(config, without_models)
    olsen = [e for e in comparison.entities if e.name in ("Katarina Olsen", "Kata Borg")]
    assert len(olsen) == 1 and set(olsen[0].variants) >= {"Katarina Olsen", "Kata Borg"}


def test_entity_merge_and_quote_speakers_use_the_alias_file(aliases):
    plain = _compare(load_config(None, {"models.embedder": "none"}))
    assert [link.relation for link in plain.quote_links] == ["misattributed"]
    aliased = _compare(load_config(None, {"aliases": str(aliases), "models.embedder": "none"}))
    assert len({q.speaker for q in aliased.quotes}) == 1
    assert [link.relation for link in aliased.quote_links] == ["same"]


def test_quote_links_use_the_alias_file_without_entities(aliases):
    """With entities off, speakers are names as written and the linker's matcher decides: it must be
    the one built from the user's alias file (it used to build its own)."""
    config = load_config(None, {"aliases": str(aliases), "models.embedder": "none", "models.entities": False})
    assert [link.relation for link in _compare(config).quote_links] == ["same"]


def test_names_command_uses_the_alias_file(aliases, capsys):
    from storydiff.cli import main

    assert main(["names", "compare", "Katarina Olsen", "Kata Borg", "--aliases", str(aliases)]) == 0
    assert capsys.readouterr().out.startswith("same")
