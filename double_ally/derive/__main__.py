"""``python -m double_ally.derive``: re-derive every table in data/ from the raw sources."""

import sys
import time

from ..sources import RawSourceMissing, raw_dir
from . import write


def main() -> int:
    start = time.perf_counter()
    try:
        written = write()
    except RawSourceMissing as err:
        print(err, file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.name}")
    print(f"derived {len(written)} tables from {raw_dir()} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
