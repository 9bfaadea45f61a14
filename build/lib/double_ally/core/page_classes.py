"""The quality class of each page the tables cite: primary, agency or newspaper, reference, or mirror.

``classify(url, publisher)`` applies the rules of ``page_classes.yaml`` beside this module: an Internet
Archive copy takes the class of the page it keeps; then the host (or a domain it belongs to) if listed;
then words of the publisher text ("mirror", "repost" ...); then the default. ``index(frames)`` lists the
pages of a set of tables, one row per address, with the tables that cite it and its class.

A table's page addresses are in its columns whose names end in ``_url`` or ``_urls`` (a ``_urls`` cell
holds several, separated by spaces); only http(s) addresses count. The publisher is the row's
``source_publisher`` or ``publisher`` column, where the table has one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import yaml

RULES = Path(__file__).with_name("page_classes.yaml")
CLASSES = ("primary", "agency or newspaper", "reference", "mirror")
PUBLISHER_COLUMNS = ("source_publisher", "publisher")
ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(https?://.+)$", re.IGNORECASE)
INDEX_COLUMNS = ["url", "host", "publisher", "source_class", "tables"]


@dataclass(frozen=True)
class Rules:
    hosts: Mapping[str, str]
    mirror_words: tuple[str, ...]
    default: str
    meanings: Mapping[str, str] | None = None  # what each class means, in words


@lru_cache(maxsize=4)
def rules(path: Path = RULES) -> Rules:
    """The rules of ``page_classes.yaml``, checked: every class named is one of ``CLASSES``."""
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if tuple(spec["classes"]) != CLASSES:
        raise ValueError(f"{Path(path).name}: classes must be, in order, {CLASSES}")
    hosts = {str(host).lower(): cls for host, cls in spec["hosts"].items()}
    wrong = {host: cls for host, cls in {**hosts, "default": spec["default"]}.items() if cls not in CLASSES}
    if wrong:
        raise ValueError(f"{Path(path).name}: not a class of {CLASSES}: {wrong}")
    return Rules(hosts, tuple(str(w).lower() for w in spec["mirror_words"]), spec["default"], dict(spec["classes"]))


def host(url: str) -> str:
    """The host of ``url``, lower case, without a trailing dot."""
    return (urlsplit(url).hostname or "").rstrip(".")


def classify(url: str, publisher: str | None = None, given: Rules | None = None) -> str:
    """The quality class of the page at ``url`` whose table names ``publisher``."""
    given = given or rules()
    archived = ARCHIVED.match(url.strip())
    if archived:
        return classify(archived.group(1), None, given)
    labels = host(url).split(".")
    for i in range(len(labels)):
        listed = given.hosts.get(".".join(labels[i:]))
        if listed:
            return listed
    text = (publisher or "").lower()
    if any(word in text for word in given.mirror_words):
        return "mirror"
    return given.default


def page_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.endswith("_url") or c.endswith("_urls")]


def page_rows(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Every page address ``frame`` cites: table, url, publisher (one row per address and row)."""
    publisher_col = next((c for c in PUBLISHER_COLUMNS if c in frame.columns), None)
    rows = []
    for column in page_columns(frame):
        for cell, publisher in zip(frame[column], frame[publisher_col] if publisher_col else [None] * len(frame)):
            if not isinstance(cell, str):
                continue
            for url in cell.split():
                if re.match(r"^https?://", url, re.IGNORECASE):
                    rows.append({"table": name, "url": url,
                                 "publisher": publisher if isinstance(publisher, str) else ""})
    return pd.DataFrame(rows, columns=["table", "url", "publisher"])


def index(frames: Mapping[str, pd.DataFrame], given: Rules | None = None) -> pd.DataFrame:
    """One row per page address the tables cite: url, host, publisher(s), source_class, tables citing it;
    in the order of host, then address."""
    parts = [page_rows(name, frame) for name, frame in frames.items()]
    rows = pd.concat(parts, ignore_index=True) if parts else page_rows("", pd.DataFrame())
    out = []
    for url, group in rows.groupby("url", sort=True):
        publishers = " | ".join(dict.fromkeys(p for p in group["publisher"] if p))
        out.append({"url": url, "host": host(url), "publisher": publishers,
                    "source_class": classify(url, publishers, given),
                    "tables": " ".join(sorted(set(group["table"])))})
    return pd.DataFrame(out, columns=INDEX_COLUMNS).sort_values(["host", "url"], ignore_index=True)
