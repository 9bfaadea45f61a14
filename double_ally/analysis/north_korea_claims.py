"""Verdicts decided by the chapter book/north_korea.md (registered with ``verdicts.claim``)."""
