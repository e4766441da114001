"""Plain-text tables laid out exactly like the `rich` tables Keras prints.

Covers what `model.summary()` uses: a `rich.table.Table(width=...)` of
fixed-width columns with a heavy-headed box, `show_lines=True`, padding of one
space each side, word wrapping with `…` ellipsis for words that do not fit,
and left / right / center justification; plus `Console.print`'s folding of
long plain lines and its terminal-width detection. Widths are measured in
characters (wide East Asian characters are not special-cased).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
_PADDING = 2  # one space on each side of every cell

# rich's HEAVY_HEAD box: (left, horizontal, cross, right) per ruled line, and
# the (edge, divider) verticals of the header row and of the body rows.
_TOP = ("┏", "━", "┳", "┓")
_HEAD_RULE = ("┡", "━", "╇", "┩")
_ROW_RULE = ("├", "─", "┼", "┤")
_BOTTOM = ("└", "─", "┴", "┘")
_HEAD_VERTICAL = "┃"
_BODY_VERTICAL = "│"


def console_width() -> int:
    """The width rich's `Console` assumes: `$COLUMNS`, a terminal's size, or 80."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        return width or 80
    return 80


def _divide_line(text: str, width: int, fold: bool) -> list[int]:
    """Offsets where rich breaks `text` to wrap it at `width` (its `divide_line`)."""
    breaks = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        word_length = len(word.rstrip())
        if width - offset >= word_length:
            offset += len(word)
        elif word_length > width:
            if fold:
                chunks = [word[i : i + width] for i in range(0, len(word), width)]
                for i, chunk in enumerate(chunks):
                    if start:
                        breaks.append(start)
                    if i == len(chunks) - 1:
                        offset = len(chunk)
                    else:
                        start += len(chunk)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _split_at(text: str, offsets: list[int]) -> list[str]:
    bounds = [0, *offsets, len(text)]
    return [text[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _rstrip_end(line: str, width: int) -> str:
    """Drops trailing whitespace that overflows `width` (rich's `rstrip_end`)."""
    excess = len(line) - width
    match = _TRAILING_SPACE.search(line)
    if excess > 0 and match is not None:
        return line[: len(line) - min(len(match.group(0)), excess)]
    return line


def _truncate(line: str, width: int, overflow: str) -> str:
    if len(line) <= width:
        return line
    if overflow == "ellipsis":
        return line[: max(width - 1, 0)] + "…"
    return line[:width]


def _wrap(text: str, width: int, justify: str, overflow: str) -> list[str]:
    """rich's `Text.wrap`: word wrap, then justify each line."""
    lines = []
    for paragraph in text.split("\n"):
        pieces = _split_at(
            paragraph, _divide_line(paragraph, width, fold=overflow == "fold")
        )
        for piece in pieces:
            line = _rstrip_end(piece, width)
            if justify == "left":
                line = _truncate(line, width, overflow).ljust(width)
            elif justify in ("right", "center"):
                line = _truncate(line.rstrip(), width, overflow)
                space = width - len(line)
                left = space if justify == "right" else space // 2
                line = (" " * left + line).ljust(width)
            lines.append(_truncate(line, width, overflow))
    return lines


def wrap_plain(text: str, width: int) -> list[str]:
    """Lines of `text` as rich's `Console.print` wraps it (folding long words)."""
    return _wrap(text, width, justify="default", overflow="fold")


def _render_cell(text: str, width: int, justify: str) -> list[str]:
    inner = width - _PADDING
    if inner < 1:
        return []  # rich renders nothing into a cell with no room for text
    lines = _wrap(text, inner, justify=justify, overflow="ellipsis")
    # The table crops or pads each padded line to the cell width.
    return [f" {line[:inner].ljust(inner)} "[:width].ljust(width) for line in lines]


def _ratio_reduce(total: int, maximums: list[int], values: list[int]) -> list[int]:
    """rich's `ratio_reduce` with equal ratios: take `total` off `values`."""
    ratios = [1 if maximum else 0 for maximum in maximums]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            # Python's `round` (half to even), as rich uses.
            distributed = min(maximum, round(ratio * total / total_ratio))
            result.append(value - distributed)
            total -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _ratio_distribute(total: int, ratios: list[int]) -> list[int]:
    """rich's `ratio_distribute`: split `total` in proportion to `ratios`."""
    total_ratio = sum(ratios)
    result = []
    for ratio in ratios:
        if total_ratio > 0:
            distributed = math.ceil(ratio * total / total_ratio)
        else:
            distributed = total
        result.append(distributed)
        total_ratio -= ratio
        total -= distributed
    return result


def _fit_widths(widths: Sequence[int], max_width: int) -> list[int]:
    """Cell widths (padding included) of fixed-width columns in a table of
    `max_width` inner characters, as rich's `Table._calculate_column_widths`."""

    def measure(width: int, available: int) -> int:
        return 0 if available < 1 else min(width + _PADDING, available)

    fitted = [measure(w, max_width) or 1 for w in widths]
    table_width = sum(fitted)
    if table_width > max_width:
        fitted = _ratio_reduce(table_width - max_width, fitted, fitted)
        table_width = sum(fitted)
        fitted = [measure(w, f) for w, f in zip(widths, fitted, strict=True)]
    # A table with an explicit width expands to fill it.
    if table_width < max_width:
        extra = _ratio_distribute(max_width - table_width, fitted)
        fitted = [w + e for w, e in zip(fitted, extra, strict=True)]
    return fitted


def _rule(chars: tuple[str, str, str, str], widths: list[int]) -> str:
    left, horizontal, cross, right = chars
    return left + cross.join(horizontal * w for w in widths) + right


def render_table(
    header: Sequence[str],
    justify: Sequence[str],
    widths: Sequence[int],
    rows: Sequence[Sequence[str]],
    table_width: int,
) -> list[str]:
    """Lines of a rich `Table(width=table_width, show_lines=True)`.

    Args:
        header: Column titles.
        justify: `"left"`, `"right"` or `"center"` per column.
        widths: Requested content width of each column.
        rows: Cell texts, one sequence per row.
        table_width: Total width, borders included.

    Returns:
        The table's lines, without newlines.
    """
    cell_widths = _fit_widths(widths, table_width - (len(header) + 1))
    lines = [_rule(_TOP, cell_widths)]
    for index, row in enumerate([header, *rows]):
        is_header = index == 0
        cells = [
            _render_cell(text, width, how)
            for text, width, how in zip(row, cell_widths, justify, strict=True)
        ]
        height = max(1, *(len(cell) for cell in cells))
        for cell, width in zip(cells, cell_widths, strict=True):
            blank = [" " * width] * (height - len(cell))
            # Header cells are bottom-aligned, body cells top-aligned.
            if is_header:
                cell[:0] = blank
            else:
                cell.extend(blank)
        vertical = _HEAD_VERTICAL if is_header else _BODY_VERTICAL
        for line_no in range(height):
            parts = [cell[line_no] for cell in cells]
            lines.append(vertical + vertical.join(parts) + vertical)
        if is_header:
            lines.append(_rule(_HEAD_RULE, cell_widths))
        elif index < len(rows):
            lines.append(_rule(_ROW_RULE, cell_widths))
    lines.append(_rule(_BOTTOM, cell_widths))
    return lines
