"""Tests for `kerasish/utils/text_table.py`: tables and wrapping as rich lays
them out (expected text captured from rich 15.0.0, the version Keras 3.15.1 used
here, with `Table(*columns, width=..., show_lines=True)`)."""

import pytest

from kerasish.utils import text_table


def _table(*args):
    return "".join(f"{line}\n" for line in text_table.render_table(*args))


def test_wrap_ellipsis_and_justification():
    out = _table(
        ["Name", "Value", "Flag"],
        ["left", "right", "center"],
        [10, 8, 6],
        [["alpha beta gamma", "1,234", "Y"], ["averyveryverylongword x", "5", "-"]],
        30,
    )
    assert out == (
        "┏━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━┓\n"
        "┃ Name      ┃  Value ┃ Flag  ┃\n"
        "┡━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━┩\n"
        "│ alpha     │  1,234 │   Y   │\n"
        "│ beta      │        │       │\n"
        "│ gamma     │        │       │\n"
        "├───────────┼────────┼───────┤\n"
        "│ averyver… │      5 │   -   │\n"
        "│ x         │        │       │\n"
        "└───────────┴────────┴───────┘\n"
    )


def test_header_cells_are_bottom_aligned():
    out = _table(
        ["A long header that wraps", "B"], ["left", "right"], [8, 4], [["x", "y"]], 20
    )
    assert out == (
        "┏━━━━━━━━━━━┳━━━━━━┓\n"
        "┃ A long    ┃      ┃\n"
        "┃ header    ┃      ┃\n"
        "┃ that      ┃      ┃\n"
        "┃ wraps     ┃    B ┃\n"
        "┡━━━━━━━━━━━╇━━━━━━┩\n"
        "│ x         │    y │\n"
        "└───────────┴──────┘\n"
    )


def test_spare_width_is_spread_over_columns():
    out = _table(["c1", "c2"], ["center", "left"], [4, 4], [], 30)
    assert out == (
        "┏━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┓\n"
        "┃      c1      ┃ c2          ┃\n"
        "┡━━━━━━━━━━━━━━╇━━━━━━━━━━━━━┩\n"
        "└──────────────┴─────────────┘\n"
    )


def test_wrap_plain_folds_long_words():
    assert text_table.wrap_plain('Model: "abcdefghijkl"', 10) == [
        "Model: ",
        '"abcdefghi',
        'jkl"',
    ]


@pytest.mark.parametrize("columns, expected", [("123", 123), ("", 80), ("x", 80)])
def test_console_width_from_columns(monkeypatch, columns, expected):
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(text_table.os, "get_terminal_size", _no_terminal)
    assert text_table.console_width() == expected


def _no_terminal(fd):
    raise OSError(fd)
