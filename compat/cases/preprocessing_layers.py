"""Compat cases for preprocessing layers (issue 3)."""

from compat.cases import Case

CASES: list[Case] = []
