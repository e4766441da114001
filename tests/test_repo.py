"""Repository rules: module size cap and no Keras/TensorFlow imports."""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
FORBIDDEN = re.compile(r"^\s*(import|from)\s+(keras|tensorflow)\b", re.MULTILINE)
ALLOWED = {
    ROOT / "compat" / "generate.py",
    *(ROOT / "compat" / "recorders").glob("*.py"),
}


def _python_files():
    for folder in ("kerasish", "tests", "examples", "compat"):
        yield from (ROOT / folder).rglob("*.py")


def test_modules_stay_under_600_lines():
    too_long = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "kerasish").rglob("*.py")
        if len(p.read_text().splitlines()) > 600
    ]
    assert too_long == []


def test_no_keras_or_tensorflow_imports():
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files()
        if p not in ALLOWED and FORBIDDEN.search(p.read_text())
    ]
    assert offenders == []


def test_import_kerasish_stays_light():
    code = (
        "import sys, kerasish as keras; keras.Sequential; "
        "heavy = [m for m in ('tensorflow', 'keras', 'sklearn', 'torch', 'rich') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
