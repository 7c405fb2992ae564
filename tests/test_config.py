from pathlib import Path

import pytest

from storydiff.config import Config, load_config
from storydiff.errors import ConfigError


def test_defaults_file_then_command_line(tmp_path: Path):
    (tmp_path / "aliases.toml").write_text('[[entity]]\nnames = ["A B", "C D"]\n')
    config_file = tmp_path / "storydiff.toml"
    config_file.write_text(
        'aliases = "aliases.toml"\nrules = ["rules"]\n'
        "[models]\nembedder = \"none\"\nthreads = 3\n"
        "[alignment]\nthreshold = 0.5\n"
    )
    config = load_config(config_file, {"alignment.threshold": 0.4, "names.threshold": None})
    assert config.models.embedder is None and config.models.threads == 3
    assert config.alignment.threshold == 0.4  # the command line wins over the file
    assert config.names.threshold == Config().names.threshold  # an unset option changes nothing
    assert config.aliases == tmp_path / "aliases.toml"  # relative to the config file
    assert config.rules_dirs == (tmp_path / "rules",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[alignment]\nthreshhold = 0.5\n", "unknown setting alignment.threshhold"),
        ("[aligment]\nthreshold = 0.5\n", "unknown section [aligment]"),
        ("[alignment]\nthreshold = \"high\"\n", "must be a number"),
        ("[models]\nentities = 1\n", "must be true or false"),
        ("colour = 1\n", "unknown setting 'colour'"),
        ("[models\n", "not valid TOML"),
    ],
)
def test_bad_config_is_a_config_error_naming_the_file(tmp_path: Path, text: str, message: str):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert message in str(error.value) and "bad.toml" in str(error.value)


def test_fingerprint_covers_settings_and_file_contents(tmp_path: Path):
    aliases = tmp_path / "a.toml"
    aliases.write_text('[[entity]]\nnames = ["A B", "C D"]\n')
    before = load_config(None, {"aliases": str(aliases)}).fingerprint()
    assert before == load_config(None, {"aliases": str(aliases)}).fingerprint()
    assert before != load_config(None, {"aliases": str(aliases), "alignment.threshold": 0.5}).fingerprint()
    aliases.write_text('[[entity]]\nnames = ["A B", "E F"]\n')  # same path, other content
    assert before != load_config(None, {"aliases": str(aliases)}).fingerprint()


def test_cli_reads_the_config_file(tmp_path: Path, capsys):
    import json

    from storydiff.cli import main
    from tests.conftest import DEMO

    config_file = tmp_path / "c.toml"
    config_file.write_text("[models]\nembedder = \"none\"\nentities = false\n")
    assert main(["compare", str(DEMO / "flood"), "--config", str(config_file), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["aligner"] == "lexical" and data["entities"] == []
    # -v and --config are accepted before the command too
    assert main(["-v", "--config", str(config_file), "compare", str(DEMO / "flood"), "-f", "json"]) == 0
