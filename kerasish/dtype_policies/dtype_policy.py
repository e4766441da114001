"""`DTypePolicy`: a layer's compute and variable dtypes, and the global policy."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

_MIXED = {"mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}
_global_policy: DTypePolicy | None = None


def _standardize(name: str) -> str:
    return str(jnp.dtype(name))


class DTypePolicy:
    """A dtype policy for a Keras layer: its computation and variable dtypes.

    `"mixed_float16"` / `"mixed_bfloat16"` compute in float16 / bfloat16 and
    keep variables in float32; any dtype name (`"float32"`, `"float64"`, ...)
    uses that dtype for both. Pass a policy (or its name) as a layer's `dtype=`
    argument, or set it globally with `keras.config.set_dtype_policy`.

    Args:
        name: The policy name. Defaults to the global policy's name.
    """

    def __init__(self, name: str | None = None) -> None:
        if name is None:
            name = dtype_policy().name
        self._name = name
        self._compute_dtype, self._variable_dtype = self._parse_name(name)
        self._quantization_mode = None

    @staticmethod
    def _parse_name(name: Any) -> tuple[str, str]:
        if not isinstance(name, str):
            raise TypeError(
                "'name' must be a string, such as 'mixed_float16'. "
                f"Received: name={name} (of type {type(name)})"
            )
        if name in _MIXED:
            return _MIXED[name], "float32"
        try:
            dtype = _standardize(name)
        except TypeError:
            raise ValueError(
                f"Cannot convert '{name}' to a mixed precision DTypePolicy. Valid "
                "policies include 'mixed_float16', 'mixed_bfloat16', and the name "
                "of any float dtype such as 'float32'."
            ) from None
        return dtype, dtype

    @property
    def name(self) -> str:
        """The name of this policy."""
        return self._name

    @property
    def compute_dtype(self) -> str:
        """The dtype layers compute in (and usually output)."""
        return self._compute_dtype

    @property
    def variable_dtype(self) -> str:
        """The dtype layers create their variables in."""
        return self._variable_dtype

    @property
    def quantization_mode(self) -> None:
        """Always `None`: kerasish has no quantized policies."""
        return self._quantization_mode

    def get_config(self) -> dict:
        return {"name": self._name}

    @classmethod
    def from_config(cls, config: dict) -> DTypePolicy:
        return cls(**config)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, DTypePolicy) and self._name == other._name

    def __hash__(self) -> int:
        return hash(self._name)

    def __repr__(self) -> str:
        return f'<DTypePolicy "{self._name}">'


FloatDTypePolicy = DTypePolicy


def set_dtype_policy(policy: DTypePolicy | str) -> None:
    """Sets the default dtype policy globally (`keras.config.set_dtype_policy`).

    Example: `keras.config.set_dtype_policy("mixed_bfloat16")`.
    """
    global _global_policy
    if isinstance(policy, str):
        policy = DTypePolicy(policy)
    if not isinstance(policy, DTypePolicy):
        raise ValueError(
            "Invalid `policy` argument. Expected the string name of a policy (such "
            "as 'mixed_float16') or a `DTypePolicy` instance. "
            f"Received: policy={policy} (of type {type(policy)})"
        )
    _global_policy = policy


def dtype_policy() -> DTypePolicy:
    """Returns the current default dtype policy object."""
    global _global_policy
    if _global_policy is None:
        from kerasish.backend import config

        _global_policy = DTypePolicy(config.floatx())
    return _global_policy


def reset_dtype_policy() -> None:
    """Forgets the global policy: the next read derives it from `floatx()`."""
    global _global_policy
    _global_policy = None


def get(identifier: Any) -> DTypePolicy:
    """A `DTypePolicy` from `None` (the global one), a name, a config or a policy."""
    if identifier is None:
        return dtype_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return DTypePolicy(identifier)
    try:
        return DTypePolicy(_standardize(identifier))
    except (TypeError, ValueError):
        raise ValueError(
            "Cannot interpret `dtype` argument. Expected a string or an instance "
            f"of DTypePolicy. Received: dtype={identifier}"
        ) from None


def serialize(policy: DTypePolicy) -> dict:
    """Keras' `{module, class_name, config, registered_name}` form of a policy."""
    if not isinstance(policy, DTypePolicy):
        raise ValueError(
            "`dtype_policy` must be a DTypePolicy instance. "
            f"Received: dtype_policy={policy} (of type {type(policy)})"
        )
    return {
        "module": "keras",
        "class_name": "DTypePolicy",
        "config": policy.get_config(),
        "registered_name": None,
    }


def deserialize(config: dict, custom_objects: Any = None) -> DTypePolicy:
    """Rebuilds a policy from `serialize`'s output."""
    del custom_objects
    if config.get("class_name") not in ("DTypePolicy", "FloatDTypePolicy"):
        raise ValueError(
            "Could not interpret dtype policy config. Expected class_name "
            f"'DTypePolicy'. Received: config={config}"
        )
    return DTypePolicy.from_config(config.get("config") or {})
