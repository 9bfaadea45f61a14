"""``derive.write`` replaces the data folder all at once: a write killed at any moment, or failing, leaves the
old package or the new one, never a mix, and the loader reads every table of whichever it is.

The "new" package is two toy tables written over a copy of data/ (the real derivation needs the raw files);
each killed write runs in a subprocess whose file writes are slowed down, so that the kill lands inside it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.book import register
from double_ally.core import data, derive
from double_ally.core.datapackage import Field, Table
from double_ally.core.expect import Expect

HERE = Path(__file__).resolve().parent
RUNS = 8
PAUSE = 0.01  # seconds added to each file the killed writes write


def new_tables() -> list[Table]:
    """Two small tables, described like real ones (their source has a bibliography entry)."""
    sources = chapters.tables(with_derive=False)[0].sources
    counts = pd.DataFrame({"year": [2019, 2020, 2021], "count": [3, 5, 8]})
    names = pd.DataFrame({"code": ["KOR", "RUS"], "name": ["대한민국", "Россия"]})
    return [
        Table("toy_counts", "Toy counts", "Made-up counts.", (Field("year", "integer", "Year"),
              Field("count", "integer", "How many")), ("year",), sources, lambda: counts.copy(),
              expect=Expect(rows=3, years=(2019, 2021))),
        Table("toy_names", "Toy names", "Two names.", (Field("code", "string", "Code"),
              Field("name", "string", "Name")), ("code",), sources, lambda: names.copy(), expect=Expect(rows=2)),
    ]


def snapshot(folder: Path) -> dict[str, str]:
    """{file path inside the folder: sha256} of every file, or {} if the folder is missing."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


def load_all(folder: Path) -> dict[str, int]:
    """Every table of the package through the project's loader: {name: rows}."""
    package = folder / "datapackage.json"
    return {name: len(data.load(name, folder, package)) for name in data.table_names(package)}


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[dict, dict]:
    """The snapshots of the old package (a copy of data/) and of the new one (toy tables written over it)."""
    folder = tmp_path_factory.mktemp("reference") / "data"
    shutil.copytree(data.DATA_DIR, folder)
    old = snapshot(folder)
    derive.write(new_tables(), data_dir=folder)
    new = snapshot(folder)
    assert old != new
    return old, new


def test_the_new_package_keeps_the_files_the_derivation_does_not_write(versions, tmp_path):
    old, new = versions
    assert new["claims.csv"] == old["claims.csv"]
    assert {"toy_counts.csv", "toy_names.csv"} <= new.keys()
    assert new["datapackage.json"] != old["datapackage.json"]


# A server that imports the package once and forks one child per write: the test kills the child.
WRITER = textwrap.dedent("""\
    import os, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from test_derive_atomic import new_tables
    from double_ally.core import derive

    real_write = derive._write_file

    def slow_write(path, data):
        print("writing", path.name, flush=True)
        time.sleep(float(sys.argv[2]))
        real_write(path, data)

    derive._write_file = slow_write
    tables = new_tables()
    while folder := sys.stdin.readline().strip():
        pid = os.fork()
        if pid == 0:
            print("start", os.getpid(), flush=True)
            derive.write(tables, data_dir=Path(folder))
            print("done", flush=True)
            os._exit(0)
        print("exit", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
    """)


def kill_during_write(writer: subprocess.Popen, folder: Path, after_files: int, delay: float) -> int:
    """Have ``writer`` write the new package over ``folder`` and SIGKILL it ``delay`` seconds after it
    starts its ``after_files``-th file (0: after it starts); its exit code, -9 if the kill landed."""
    writer.stdin.write(f"{folder}\n")
    writer.stdin.flush()
    pid, files = None, 0
    while (line := writer.stdout.readline()).startswith(("start", "writing", "done")):
        if line.startswith("start"):
            pid = int(line.split()[1])
        files += line.startswith("writing")
        if files >= after_files:
            time.sleep(delay)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it had finished and been reaped
            line = writer.stdout.readline()
            while not line.startswith("exit"):
                line = writer.stdout.readline()
            break
    assert line.startswith("exit"), f"the writer stopped: {line!r}\n{writer.stderr.read()[-2000:]}"
    code = int(line.split()[1])
    assert code in (0, -signal.SIGKILL), f"the write failed by itself (exit {code})"
    return code


def test_a_write_killed_at_random_points_leaves_the_old_or_the_new_package(versions, tmp_path):
    old, new = versions
    files = len({*old, *new} - {"datapackage.json"})  # every file the write writes, but the package file
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(HERE), str(PAUSE)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    codes, outcomes, left = [], [], None
    try:
        for run in range(RUNS):
            point = (rng.randint(0, files), rng.uniform(0, 3 * PAUSE))
            folder = tmp_path / f"run{run}" / "data"
            shutil.copytree(data.DATA_DIR, folder)
            code = kill_during_write(writer, folder, *point)
            codes.append(code)
            where = f"seed {seed}, killed after file {point[0]} + {point[1]:.3f} s (exit {code})"
            state = snapshot(folder)
            assert state in (old, new), f"{where}: the folder is neither the old package nor the new one"
            rows = load_all(folder)
            assert ("toy_counts" in rows) == (state == new), where
            outcomes.append("new" if state == new else "old")
            if leftovers(folder):
                left = folder
    finally:
        writer.stdin.close()
        writer.wait(timeout=60)
    assert -signal.SIGKILL in codes, f"seed {seed}: no kill landed inside a write ({outcomes})"
    # the next write clears what a killed one left beside the folder and gives the new package
    left = left or folder
    derive.write(new_tables(), data_dir=left)
    assert snapshot(left) == new and leftovers(left) == []


def test_a_write_that_fails_leaves_the_old_package_and_no_temporary_folder(versions, data_copy, monkeypatch):
    old, _ = versions
    real_write = derive._write_file
    calls = []

    def disk_full(path, data):
        calls.append(path.name)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, data)

    monkeypatch.setattr(derive, "_write_file", disk_full)
    with pytest.raises(OSError, match="No space left"):
        derive.write(new_tables(), data_dir=data_copy)
    assert snapshot(data_copy) == old
    assert leftovers(data_copy) == []


def test_the_new_folder_keeps_the_old_folders_permissions(data_copy):
    os.chmod(data_copy, 0o750)
    derive.write(new_tables(), data_dir=data_copy)
    assert data_copy.stat().st_mode & 0o777 == 0o750


# ------------------------------------------------ where the system cannot exchange: two renames, recovered

CRASH_BETWEEN_RENAMES = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from test_derive_atomic import new_tables
    from double_ally.core import derive

    derive._exchange = lambda a, b: False
    real_rename = os.rename

    def rename_then_die(src, dst):
        real_rename(src, dst)
        if Path(src).name == "data":          # the old folder is now aside, the new one not yet in place
            os.kill(os.getpid(), signal.SIGKILL)

    os.rename = rename_then_die
    derive.write(new_tables(), data_dir=Path(sys.argv[1]))
    """)


def test_without_exchange_two_renames_give_the_new_package(versions, data_copy, monkeypatch):
    _, new = versions
    monkeypatch.setattr(derive, "_exchange", lambda a, b: False)
    derive.write(new_tables(), data_dir=data_copy)
    assert snapshot(data_copy) == new and leftovers(data_copy) == []


def test_a_kill_between_the_two_renames_is_undone_by_recover(versions, data_copy):
    old, _ = versions
    result = subprocess.run([sys.executable, "-c", CRASH_BETWEEN_RENAMES, str(data_copy), str(HERE)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    assert not data_copy.exists()
    with pytest.raises(data.DataError, match="missing"):
        load_all(data_copy)  # refused whole, never read half
    derive.recover(data_copy)
    assert snapshot(data_copy) == old and leftovers(data_copy) == []
    assert len(load_all(data_copy)) == len(chapters.tables(with_derive=False))


# -------------------------------------------------------------------------------- the claims register

def test_the_register_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"old register\n")
    frame = pd.DataFrame([["p01-x", 1, "A claim.", "fact", "book/x", "x-1", "supported", "because", "1 primary",
                           "robust (1 alternative tried, none changes the verdict)", ""]],
                         columns=register.COLUMNS)
    monkeypatch.setattr(register, "table", lambda: frame)

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", no_space)
        with pytest.raises(OSError):
            register.write(path)
    assert path.read_bytes() == b"old register\n" and sorted(os.listdir(tmp_path)) == ["claims.csv"]
    register.write(path)
    assert path.read_bytes() == register.csv_bytes(frame) and sorted(os.listdir(tmp_path)) == ["claims.csv"]
