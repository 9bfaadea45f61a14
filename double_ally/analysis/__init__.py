"""Small pure functions the chapters use; each has unit tests in ``tests/``."""
