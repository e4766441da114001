"""Reference-file IO and output normalisation shared by `generate.py` and the tests.

A reference is one compressed `.npz` per case. Arrays are stored under plain
keys; a list of arrays `name` is stored as `name/0`, `name/1`, ...; JSON-able
extras (History dicts, names, printed text) live in one JSON string under
`__json__`; `__case__` holds the case digest it was recorded from.
"""

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REFERENCE_DIR = Path(__file__).parent / "reference"
MANIFEST = REFERENCE_DIR / "manifest.json"


def pack(arrays: dict, extras: dict, digest: str) -> dict[str, np.ndarray]:
    """Flattens `arrays` (values: arrays or lists of arrays) into npz entries."""
    out: dict[str, np.ndarray] = {}
    for key, value in arrays.items():
        if isinstance(value, list | tuple):
            for i, item in enumerate(value):
                out[f"{key}/{i}"] = np.asarray(item)
        else:
            out[key] = np.asarray(value)
    out["__json__"] = np.asarray(json.dumps(extras, sort_keys=True))
    out["__case__"] = np.asarray(digest)
    return out


class Reference:
    """Read access to one case's reference data.

    `ref["x"]` is an array, `ref.seq("weights")` a list of arrays,
    `ref.extras` the JSON extras, `"x" in ref` tests for a key.
    """

    def __init__(self, path: Path):
        with np.load(path, allow_pickle=False) as data:
            self._arrays = {k: data[k] for k in data.files}
        self.extras = json.loads(str(self._arrays.pop("__json__")))
        self.digest = str(self._arrays.pop("__case__"))

    def __getitem__(self, key: str) -> np.ndarray:
        return self._arrays[key]

    def __contains__(self, key: str) -> bool:
        return key in self._arrays or f"{key}/0" in self._arrays

    def seq(self, key: str) -> list[np.ndarray]:
        items = []
        while f"{key}/{len(items)}" in self._arrays:
            items.append(self._arrays[f"{key}/{len(items)}"])
        return items

    def keys(self) -> list[str]:
        return sorted(self._arrays)


def load_manifest() -> dict:
    """The manifest (`{}` when none has been generated)."""
    if not MANIFEST.exists():
        return {}
    return json.loads(MANIFEST.read_text())


# Timings in Progbar lines: "12ms/step", "3s", "0:01:05" (ETA), "1:05".
# ANSI codes such as "\x1b[1m" may directly precede a timing, hence the narrow
# look-behind.
_TIME = re.compile(r"(?<![\d.:])(?:\d+:\d\d(?::\d\d)?|\d+(?:ms|us|s))(?![\w])")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e[-+]\d+)?(?![\w.])")


def final_lines(text: str) -> list[str]:
    """What a terminal shows after `text` (with its `\\r` / `\\b` rewrites) ends:
    per line, the text after the last carriage return, backspaces removed,
    trailing blanks stripped; empty lines dropped."""
    lines = []
    for chunk in text.split("\n"):
        line = chunk.rsplit("\r", 1)[-1].replace("\b", "").rstrip()
        if line:
            lines.append(line)
    return lines


def mask_times(line: str) -> str:
    """Replaces wall-clock timings in a Progbar line by `<T>`."""
    return _TIME.sub("<T>", line)


def split_numbers(line: str) -> tuple[str, list[float]]:
    """`("3/3 - loss: <N>", [1.2345])`: the line's template and its log values.

    Only numbers after `": "` (the log values) are extracted; step counters and
    epoch numbers stay in the template and are compared exactly.
    """
    numbers: list[float] = []
    parts = line.split(": ")
    for i in range(1, len(parts)):
        match = _NUMBER.match(parts[i])
        if match:
            numbers.append(float(match.group()))
            parts[i] = "<N>" + parts[i][match.end() :]
    return ": ".join(parts), numbers


def normalize_log(text: str) -> tuple[list[str], list[list[float]]]:
    """Templates and values of the final lines of captured `fit` output."""
    templates, values = [], []
    for line in final_lines(text):
        template, numbers = split_numbers(mask_times(line))
        templates.append(template)
        values.append(numbers)
    return templates, values


def assert_same_log(
    actual: str, expected_templates: Sequence[str], expected_values, atol
):
    """Asserts captured output matches a recorded one in structure and values."""
    templates, values = normalize_log(actual)
    assert templates == list(expected_templates)
    for got, want in zip(values, expected_values, strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=atol)
