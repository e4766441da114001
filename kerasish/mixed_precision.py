"""`keras.mixed_precision`: dtype policies and loss scaling (Keras' legacy names).

`set_global_policy("mixed_bfloat16")` makes layers built afterwards compute in
bfloat16 while their variables stay float32; losses and metrics compute in
float32. Under `"mixed_float16"`, `compile` wraps the optimizer in a
`LossScaleOptimizer`.
"""

from kerasish.dtype_policies.dtype_policy import (
    DTypePolicy,
    dtype_policy,
    set_dtype_policy,
)
from kerasish.optimizers.loss_scale_optimizer import LossScaleOptimizer

Policy = DTypePolicy
global_policy = dtype_policy
set_global_policy = set_dtype_policy

__all__ = [
    "DTypePolicy",
    "LossScaleOptimizer",
    "Policy",
    "dtype_policy",
    "global_policy",
    "set_dtype_policy",
    "set_global_policy",
]
