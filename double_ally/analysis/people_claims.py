"""Verdicts decided by the chapter book/people.md (registered with ``verdicts.claim``)."""
