"""The North Korea chapter's hand-curated facts -- title rules, draft symbols, units, former reporters
and our paraphrase of every page fact -- kept as data in ``facts.yaml`` beside this module."""

from __future__ import annotations

from pathlib import Path

import yaml

FACTS = yaml.safe_load((Path(__file__).with_name("facts.yaml")).read_text(encoding="utf-8"))
