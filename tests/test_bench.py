import subprocess
import sys

import pytest


@pytest.mark.slow
def test_benchmark_runs_and_reports_ratios():
    result = subprocess.run([sys.executable, "-m", "storydiff.bench", "--rounds", "1"],
                            capture_output=True, text=True, check=True, timeout=300)
    assert "compare / trafilatura:" in result.stdout
