"""What changed since a cited version: computed from hand-made registers, and from the kept releases."""

from __future__ import annotations

import subprocess

import pandas as pd
import pytest

from conftest import ROOT
from double_ally.book import changes
from double_ally.core import text
from payloads import PAYLOADS

COLUMNS = ["claim_id", "paragraph", "claim", "verdict", "reason"]


def register(*rows) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(COLUMNS, r)) for r in rows], dtype=str)


OLD = register(("p01-a", "1", "Claim A.", "supported", "Index 0.73 in 2010-2019; 3 of 3 tests hold."),
               ("p02-b", "2", "Claim B.", "supported", "Trade was 1.3 times its 2010 level."),
               ("p03-c", "3", "Claim C.", "contradicted", "No break found (0)."))
NEW = register(("p01-a", "1", "Claim A.", "supported", "Index 0.73 in 2010-2019; 3 of 3 tests hold."),
               ("p02-b", "2", "Claim B.", "partly supported", "Trade was 1.4 times its 2010 level."),
               ("p04-d", "4", "Claim D.", "supported", "Gap -0.10 to 0.18 on 2018-07-04."))


def test_added_removed_verdicts_and_numbers_between_two_registers():
    found = changes.compare(OLD, NEW, "1.0.0", "1.1.0")
    assert (found.old, found.new) == ("1.0.0", "1.1.0")
    assert [r["claim_id"] for r in found.added] == ["p04-d"]
    assert [r["claim_id"] for r in found.removed] == ["p03-c"]
    assert found.verdicts == [{"claim_id": "p02-b", "paragraph": "2", "claim": "Claim B.",
                               "was": "supported", "now": "partly supported"}]
    assert [(r["claim_id"], r["was"], r["now"]) for r in found.figures] == [("p02-b", ["1.3"], ["1.4"])]


def test_an_unchanged_register_has_no_changes_and_says_so():
    found = changes.compare(OLD, OLD.copy())
    assert not found and "No claim was added or removed" in changes.markdown(found)


def test_a_reworded_reason_with_the_same_numbers_is_no_change():
    reworded = OLD.copy()
    reworded.loc[0, "reason"] = "3 of 3 tests hold; the index was 0.73 (2010-2019)."
    assert not changes.compare(OLD, reworded)


@pytest.mark.parametrize("reason, found", [
    ("In 2010-2019 the index was 0.72.", ["2010", "2019", "0.72"]),      # a range's dash is no minus
    ("gap -0.10, interval (-0.2 to 0.18)", ["-0.10", "-0.2", "0.18"]),
    ("1,234 arrivals; 5 leaders, 1990", ["1,234", "5", "1990"]),
    ("entry of 2018-07-04, p07 and U.S. 2", ["2018-07-04", "2"]),
])
def test_numbers_are_read_as_a_reader_reads_them(reason, found):
    assert changes.numbers(reason) == found


def test_releases_are_ordered_by_version_not_by_name(tmp_path):
    for version in ("0.10.0", "0.2.0", "0.9.1"):
        OLD.to_csv(tmp_path / f"claims-{version}.csv", index=False)
    (tmp_path / "claims-draft.csv").write_text("x\n")
    assert [v for v, _ in changes.releases(tmp_path)] == ["0.2.0", "0.9.1", "0.10.0"]


def test_history_compares_each_release_with_the_next_and_with_this_build(tmp_path):
    OLD.to_csv(tmp_path / "claims-1.0.0.csv", index=False)
    NEW.to_csv(tmp_path / "claims-1.1.0.csv", index=False)
    current = tmp_path / "current.csv"
    NEW.to_csv(current, index=False)
    found = changes.history(tmp_path, current)
    assert [(c.old, c.new) for c in found] == [("1.1.0", "this build"), ("1.0.0", "1.1.0"),
                                               ("1.0.0", "this build")]
    assert not found[0] and found[1] and found[2]
    page = changes.page(found)
    assert page.index("From 1\\.1\\.0 to this build") < page.index("From 1\\.0\\.0 to 1\\.1\\.0")


def test_strings_from_the_registers_are_escaped():
    for payload in PAYLOADS:
        new = NEW.copy()
        new.loc[1, "claim"] = payload
        shown = changes.markdown(changes.compare(OLD, new))
        assert text.md(payload) in shown and payload not in shown, payload  # only in its escaped form


@pytest.mark.parametrize("version, commit", [("0.2.0", "a49d59f"), ("0.3.0", "6efbe69")])
def test_kept_release_registers_are_the_releases_own(version, commit):
    kept = ROOT / "book" / "releases" / f"claims-{version}.csv"
    try:
        committed = subprocess.run(["git", "show", f"{commit}:data/claims.csv"], cwd=ROOT, capture_output=True,
                                   check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("the release's commit is not in this checkout")
    assert kept.read_bytes() == committed
    tagged = subprocess.run(["git", "show", f"{commit}:CITATION.cff"], cwd=ROOT, capture_output=True, text=True).stdout
    assert f'version: "{version}"' in tagged


def test_the_kept_releases_differ_as_the_changelog_says():
    """0.3.0 changed the ¶2, ¶4 (Georgia) and ¶7 verdicts and split ¶18 in two (book/changelog.md)."""
    (_, v020), (_, v030) = [(v, p) for v, p in changes.releases() if v in {"0.2.0", "0.3.0"}]
    found = changes.compare(changes.read(v020), changes.read(v030))
    assert {r["claim_id"] for r in found.verdicts} == {"p02-three-decades", "p04-georgia", "p07-trade"}
    assert [r["claim_id"] for r in found.removed] == ["p18-no-rash-steps"]
    assert {r["claim_id"] for r in found.added} == {"p18-seoul-no-rash-steps", "p18-moscow-no-steps"}
