"""Verdicts decided by the chapter book/alliance.md (registered with ``verdicts.claim``)."""
