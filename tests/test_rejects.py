"""The quarantine: inputs set aside stay in the store with their reason, and can be retried."""

from storydiff import Config
from storydiff.models import Problem
from storydiff.pipeline import retry_rejects
from tests.store.memory_store import InMemoryStore

TEXT = ("OSTREL, May 3 (Meridian Wire) - Rescue teams reached the flooded villages of the Ostrel valley "
        "on Tuesday, officials said. About 1,200 people were moved to schools and sports halls.\n")


def test_a_fixed_input_leaves_the_quarantine_and_a_broken_one_stays_with_todays_reason(tmp_path):
    fixed, still_empty, gone = tmp_path / "fixed.txt", tmp_path / "empty.txt", tmp_path / "gone.txt"
    still_empty.write_text("")
    store = InMemoryStore()
    store.save_articles((), [Problem(str(fixed), "no such file"), Problem(str(still_empty), "is empty"),
                             Problem(str(gone), "is empty"), Problem("<stdin>", "is empty")])
    fixed.write_text(TEXT, encoding="utf-8")

    result = retry_rejects(store, config=Config())

    assert [a.path for a in result.articles] == [str(fixed)]
    assert [a.path for a in store.iter_articles()] == [str(fixed)]
    remaining = {(p.path, p.reason) for p in store.problems()}
    assert (str(still_empty), "is empty") in {(p, r.split(" (")[0]) for p, r in remaining}
    assert any(p == str(gone) and "no such file" in r for p, r in remaining)  # today's reason, not the old one
    assert ("<stdin>", "is empty") in remaining  # text given on the command line cannot be read again
    assert not any(p == str(fixed) for p, _ in remaining)
