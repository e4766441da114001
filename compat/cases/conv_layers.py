"""Compat cases for conv layers (issue 3)."""

from compat.cases import Case

CASES: list[Case] = []
