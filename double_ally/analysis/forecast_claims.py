"""Verdicts decided by the chapter book/forecast.md (registered with ``verdicts.claim``)."""
