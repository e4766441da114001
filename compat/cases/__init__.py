"""Compat cases: plain data that both real Keras and kerasish build from.

A `Case` names what to build (layer class names with explicit kwargs, an input
shape) and what to record. `build_model(module, case)` works with either the
real Keras module or `kerasish`, using only the public Keras API, so both sides
build the same model from the same data.
"""

import copy
import hashlib
import importlib
import pathlib
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType


@dataclass(frozen=True)
class Case:
    """One recorded behaviour.

    Args:
        name: unique case name; also the reference file stem.
        kind: which recorder (`compat/generate.py` or `compat/recorders/`) and
            test handle it.
        layers: `((class_name, kwargs), ...)` for `build_model`; every kwargs
            dict carries an explicit `name` (Keras auto-names use a global
            counter).
        input_shape: input shape without the batch axis; `None` builds a
            Sequential with no `Input` (unbuilt).
        checks: what to record (kind-specific, e.g. `("forward", "grads")`).
        seed: seed for the data drawn by the generator and for Keras' init.
        spec: kind-specific plain data (optimizer spec, loss kwargs, ...).
    """

    name: str
    kind: str
    layers: tuple = ()
    input_shape: tuple | None = ()
    checks: tuple = ()
    seed: int = 0
    spec: dict = field(default_factory=dict)

    def digest(self) -> str:
        """sha256 of the case's repr: a changed case invalidates its reference."""
        return hashlib.sha256(repr(self).encode()).hexdigest()


def build_layers(module: ModuleType, case: Case) -> list:
    """Instantiates `case.layers` from `module.layers`."""
    return [getattr(module.layers, cls)(**copy.deepcopy(kw)) for cls, kw in case.layers]


def build_model(module: ModuleType, case: Case):
    """Builds `case` as a Sequential with `module` (real Keras or kerasish)."""
    layers = build_layers(module, case)
    name = case.spec.get("model_name", "sequential")
    if case.input_shape is None:
        return module.Sequential(layers, name=name)
    return module.Sequential([module.Input(shape=case.input_shape), *layers], name=name)


def build_optimizer(module: ModuleType, spec: tuple[str, dict]):
    """Builds `("Adam", {...})`; a `learning_rate` given as `(cls, kwargs)` is a
    `module.optimizers.schedules` schedule."""
    cls, kwargs = spec
    kwargs = copy.deepcopy(kwargs)
    lr = kwargs.get("learning_rate")
    if isinstance(lr, tuple):
        kwargs["learning_rate"] = getattr(module.optimizers.schedules, lr[0])(**lr[1])
    return getattr(module.optimizers, cls)(**kwargs)


def all_cases() -> list[Case]:
    """Every case of every module in `compat/cases/` (names must be unique)."""
    package = pathlib.Path(__file__).parent
    cases = []
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda m: m.name):
        module = importlib.import_module(f"compat.cases.{info.name}")
        cases.extend(getattr(module, "CASES", ()))
    names = [c.name for c in cases]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"Duplicate compat case names: {duplicates}")
    return cases


def cases_of(kind: str) -> list[Case]:
    """The cases of one kind."""
    return [c for c in all_cases() if c.kind == kind]
