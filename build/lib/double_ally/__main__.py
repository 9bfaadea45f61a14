"""``python -m double_ally derive``: re-derive data/ from the raw sources, then the claims register.
``python -m double_ally register``: rewrite data/claims.csv from the chapters' rules."""

from __future__ import annotations

import sys
import time


def derive() -> int:
    from double_ally import chapters
    from double_ally.core.derive import write
    from double_ally.core.datapackage import MetadataError
    from double_ally.core.expect import DerivedTableError
    from double_ally.core.sources import RawSourceChanged, RawSourceMissing, RawSourceUnreadable, raw_dir
    from double_ally.core.validate import DataError

    start = time.perf_counter()
    try:
        written = write(chapters.tables())
    except (RawSourceMissing, RawSourceChanged, RawSourceUnreadable, DerivedTableError, DataError,
            MetadataError) as err:
        print(err, file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.name}")
    print(f"derived {len(written)} tables from {raw_dir()} in {time.perf_counter() - start:.1f} s")
    return register()


def register() -> int:
    from double_ally.book import register as claims_register

    print(f"wrote {claims_register.write()}")
    return 0


COMMANDS = {"derive": derive, "register": register}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python -m double_ally {{{'|'.join(COMMANDS)}}}")
    sys.exit(COMMANDS[sys.argv[1]]())
