"""Compat cases for reshaping layers (issue 3)."""

from compat.cases import Case

CASES: list[Case] = []
