"""The execution cache never serves pages computed from other data: its key covers the data package the
build reads (its files and the DOUBLE_ALLY_DATA setting), and every build checks it."""

from __future__ import annotations

from conftest import MINIMAL_NOTEBOOK_HEADER, tasks, tiny_book

PAGE = MINIMAL_NOTEBOOK_HEADER + """
# Reads the data

```{code-cell} ipython3
from double_ally.core.data import load

frame = load("trade_kor_rus_bilateral")
print("first value:", frame.loc[(frame["year"] == 1992) & (frame["reporter"] == "KOR")
                                & (frame["flow"] == "exports"), "value_usd_m"].item())
```
"""


def rewrite_first_value(data_dir, value: str) -> None:
    """Change the 1992 Korean export value and record the new digest, as a deliberate edit would."""
    import hashlib
    import json

    path = data_dir / "trade_kor_rus_bilateral.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[1].startswith("1992,KOR,RUS,exports,")
    cells = lines[1].split(",")
    cells[5] = value
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == "trade_kor_rus_bilateral":
            data = path.read_bytes()
            res["hash"], res["bytes"] = f"sha256:{hashlib.sha256(data).hexdigest()}", len(data)
    (data_dir / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


def test_the_fingerprint_follows_the_data_the_build_reads(data_copy, monkeypatch):
    monkeypatch.delenv("DOUBLE_ALLY_DATA", raising=False)
    own = tasks.inputs_fingerprint()
    monkeypatch.setenv("DOUBLE_ALLY_DATA", str(data_copy))
    elsewhere = tasks.inputs_fingerprint()
    rewrite_first_value(data_copy, "999.9")
    changed = tasks.inputs_fingerprint()
    assert len({own, elsewhere, changed}) == 3


def test_a_build_on_other_data_runs_the_notebooks_again(tmp_path, data_copy, tiny_build):
    """Same notebook, same output folder: the second build, pointed at other data, shows the other value."""
    source = tiny_book(tmp_path / "src", {"book/intro": "# Cache\n", "book/reads": PAGE})
    out = tmp_path / "out"
    code, output = tiny_build(source, out)
    assert code == 0, output[-3000:]
    page = out / "_build" / "html" / "book" / "reads.html"
    assert "first value: 117.6" in page.read_text()
    rewrite_first_value(data_copy, "999.9")
    code, output = tiny_build(source, out, env={"DOUBLE_ALLY_DATA": str(data_copy)})
    assert code == 0, output[-3000:]
    assert "first value: 999.9" in page.read_text()
