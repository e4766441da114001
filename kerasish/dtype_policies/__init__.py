"""`keras.dtype_policies`: compute/variable dtype policies (mixed precision)."""

from kerasish.dtype_policies.dtype_policy import (
    DTypePolicy,
    FloatDTypePolicy,
    deserialize,
    dtype_policy,
    get,
    serialize,
    set_dtype_policy,
)

__all__ = [
    "DTypePolicy",
    "FloatDTypePolicy",
    "deserialize",
    "dtype_policy",
    "get",
    "serialize",
    "set_dtype_policy",
]
