from storydiff import compare
from storydiff.compare.conflicts import disagreements, values_in
from tests.conftest import DEMO


def test_values():
    found = values_in("About 14 thousand people left; 1,200 monitors arrived on October 21, 2025, a dozen stayed.")
    assert {14000.0, 1200.0, 12.0} <= set(found.quantities)
    assert 2025.0 not in found.quantities and 21.0 not in found.quantities
    assert (10, 21) in found.dates
    assert (3, 4) in values_in("БРЕННИК, 4 мар — дамба прорвалась").dates


def test_disagreement_needs_a_value_on_each_side():
    a, b, c = values_in("9 dead and 40 missing"), values_in("11 dead, 40 missing"), values_in("40 missing")
    assert disagreements({"a": a, "b": b}) == {"a": ("9",), "b": ("11",)}
    assert disagreements({"a": a, "c": c}) == {}  # fewer numbers is not a contradiction
    assert disagreements({"x": values_in("a dozen villages"), "y": values_in("twelve villages")}) == {}


def test_demo_disagreements_are_conflicts():
    c = compare([str(DEMO / "monitors")], entities=False)
    disputed = [f for f in c.facts if f.status == "conflict"]
    values = {v for f in disputed for vs in f.conflicts.values() for v in vs}
    assert {"1,200", "1,500"} <= values
    assert {"October 20", "October 21"} <= values


def test_seeds_have_no_false_conflict(seed_comparison):
    assert not [f for f in seed_comparison.facts if f.status == "conflict"]
