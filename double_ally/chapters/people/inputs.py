"""What the people chapter's derivations share: the publishers of its sources (from ``tables.yaml``)
and the hand-curated facts (``facts.yaml``)."""

from __future__ import annotations

from pathlib import Path

import yaml

from double_ally.core.datapackage import read_sources

SOURCES = read_sources(Path(__file__).with_name("tables.yaml"))  # publishers, as in tables.yaml
FACTS = yaml.safe_load(Path(__file__).with_name("facts.yaml").read_text(encoding="utf-8"))  # hand-curated
