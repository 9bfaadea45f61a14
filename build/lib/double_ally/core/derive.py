"""Tables described in metadata -> the tidy CSVs in ``data/`` and ``data/datapackage.json``.

``write(tables)`` derives every table it is given (``double_ally.chapters.tables()`` finds them all),
checks each against what its ``tables.yaml`` expects (``core.expect``) and against its schema, and only
then writes. ``python -m double_ally derive`` runs it.

The data folder is replaced whole. The new package is written to a hidden folder beside it
(``.data.new-*``, same file system), with every file of the old folder that the derivation does not write
(``claims.csv`` ...), and flushed to disk; then the two folders are swapped in one step with Linux's
``renameat2(RENAME_EXCHANGE)``, so that a process killed at any moment leaves either the old package or the
new one. Where the system cannot exchange, two renames do it (``data`` -> ``.data.old-*``, new ->
``data``); a kill between them leaves no ``data/``, and the next ``write`` (or ``recover``) puts the old
folder back. Leftover hidden folders are removed by the next ``write``. Run one derivation at a time.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from double_ally.core import expect
from double_ally.core.datapackage import Table, csv_bytes, resource_descriptor, write_package
from double_ally.core.paths import DATA_DIR

PACKAGE_FILE = "datapackage.json"


def build(tables: list[Table]) -> dict[str, bytes]:
    """Derive every table in memory: {table name: CSV bytes}. Raises on a missing raw file, or on a table
    that differs from its ``expect`` or holds garbled text (``expect.DerivedTableError``)."""
    built = {}
    for table in tables:
        frame = table.check_columns(_derived(table))
        if table.expect is not None:
            expect.check(table.name, table.expect, frame)
        expect.check_text(table.name, frame)
        built[table.name] = csv_bytes(frame)
    return built


def _derived(table: Table):
    """``table.derive()``; a failure while reading its raw files becomes ``RawSourceUnreadable`` naming
    the table, the files and the cause (the messages of our own checks pass through as they are)."""
    from double_ally.core.sources import RawSourceChanged, RawSourceMissing, RawSourceUnreadable, handed_out

    handed_out.clear()
    try:
        return table.derive()
    except (RawSourceMissing, RawSourceChanged, expect.DerivedTableError):
        raise
    except Exception as err:
        if not handed_out:  # the failure came before any raw file was read: not the raw file's fault
            raise
        files = ", ".join(str(p) for p in dict.fromkeys(handed_out))
        raise RawSourceUnreadable(
            f"table {table.name}: deriving it failed while reading {files}: {type(err).__name__}: {err}. "
            f"The file is not in the form this table's derive function reads; restore the original file "
            f"(see its raw.yaml entry) or adapt the function.") from err


def descriptors(tables: list[Table], built: dict[str, bytes]) -> list[dict]:
    """The Data Package resource of each table, validated against the bytes it describes."""
    from double_ally.core.validate import validate_resource

    resources = []
    for table in tables:
        descriptor = resource_descriptor(table, built[table.name])
        validate_resource(descriptor, built[table.name])
        resources.append(descriptor)
    return resources


def write(tables: list[Table], data_dir: Path = DATA_DIR) -> list[Path]:
    """Derive every table, validate it, then replace ``data_dir`` by the new package in one step.

    Nothing is written unless every table derives and validates; a failed or killed write leaves the old
    package. Returns the paths of the tables' CSV files."""
    data_dir = Path(data_dir).absolute()
    recover(data_dir)
    built = build(tables)
    resources = descriptors(tables, built)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.new-", dir=data_dir.parent))
    try:
        for table in tables:
            _write_file(new / f"{table.name}.csv", built[table.name])
        write_package(resources, new / PACKAGE_FILE)
        _sync(new / PACKAGE_FILE)
        if data_dir.is_dir():
            _copy_missing(data_dir, new)
        os.chmod(new, data_dir.stat().st_mode & 0o7777 if data_dir.is_dir() else 0o777 & ~_umask())
        _sync(new)
        old = _swap(new, data_dir)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    _sync(data_dir.parent)
    shutil.rmtree(old, ignore_errors=True)
    return [data_dir / f"{table.name}.csv" for table in tables]


def recover(data_dir: Path = DATA_DIR) -> None:
    """Undo a write that was stopped: put the old folder back if it was moved aside and ``data_dir`` is
    missing, and remove the hidden folders a stopped write left beside it."""
    data_dir = Path(data_dir).absolute()
    aside = sorted(data_dir.parent.glob(f".{data_dir.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not data_dir.exists() and aside:
        os.rename(aside.pop(), data_dir)
    for leftover in aside + list(data_dir.parent.glob(f".{data_dir.name}.new-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, so that ``path`` is never half-written."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _copy_missing(source: Path, target: Path) -> None:
    """Copy into ``target`` every file and folder of ``source`` that ``target`` does not have."""
    for item in sorted(source.iterdir()):
        dest = target / item.name
        if dest.exists():
            continue
        if item.is_dir():
            dest.mkdir()
            _copy_missing(item, dest)
        else:
            _write_file(dest, item.read_bytes())
        shutil.copymode(item, dest)


def _sync(path: Path) -> None:
    """Flush a file, or a folder's entries, to disk (folders: where the system allows opening them)."""
    flags = os.O_RDONLY
    if path.is_dir():
        if not hasattr(os, "O_DIRECTORY"):
            return
        flags |= os.O_DIRECTORY
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap(new: Path, data_dir: Path) -> Path:
    """Put ``new`` in place of ``data_dir``; return the path that now holds the old folder."""
    if not data_dir.exists():
        os.rename(new, data_dir)
        return new
    if _exchange(new, data_dir):
        return new
    aside = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.old-", dir=data_dir.parent))
    os.rmdir(aside)
    os.rename(data_dir, aside)
    try:
        os.rename(new, data_dir)
    except BaseException:
        os.rename(aside, data_dir)
        raise
    return aside


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))
