"""Compat cases for merging, EinsumDense and attention layers (issue 5).

Kind "functional_layer": one layer called on several inputs. `spec` holds
`inputs` (shapes without the batch axis), `call` (`"list"`: `layer([a, b])`,
`"args"`: `layer(a, b)`, `"single"`: `layer(a)`), optional `call_inputs`
(indices into the inputs, e.g. `[0, 0]` for self-attention), `masked` (inputs
passed through `Masking(0.0)` first; the generator zeroes the last `b`
timesteps of sample `b`), `attention_mask` (a random boolean `(T, S)` mask
input) and `call_kwargs`. The generator records the initial weights, the
inputs, every output and the gradients of `sum(y**2)` over all outputs.
"""

from compat.cases import Case

CHECKS = ("forward", "grads")
NAMES = {
    "MultiHeadAttention": "mha",
    "AdditiveAttention": "additive_attention",
    "EinsumDense": "einsum_dense",
}


def _case(name: str, cls: str, kwargs: dict, inputs: list, call: str, **spec):
    return Case(
        name,
        "functional_layer",
        layers=((cls, {"name": NAMES.get(cls, cls.lower()), **kwargs}),),
        input_shape=None,
        checks=CHECKS,
        seed=len(name),
        spec={"inputs": inputs, "call": call, **spec},
    )


PAIR = [(3, 4), (3, 4)]

MERGING = [
    _case("ma_add", "Add", {}, [(3, 4)] * 3, "list"),
    _case("ma_subtract", "Subtract", {}, PAIR, "list"),
    _case("ma_multiply_masked", "Multiply", {}, PAIR, "list", masked=[0, 1]),
    _case("ma_average", "Average", {}, PAIR, "list"),
    _case("ma_maximum_masked", "Maximum", {}, PAIR, "list", masked=[0, 1]),
    _case("ma_minimum_masked_first", "Minimum", {}, PAIR, "list", masked=[0]),
    _case("ma_add_broadcast", "Add", {}, [(3, 4), (4,)], "list"),
    _case("ma_concatenate_axis1", "Concatenate", {"axis": 1}, [(3, 4), (2, 4)], "list"),
    _case("ma_concatenate_masked", "Concatenate", {}, PAIR, "list", masked=[0]),
    _case("ma_dot_axes", "Dot", {"axes": (1, 2)}, [(3, 4), (5, 3)], "list"),
    _case(
        "ma_dot_normalize",
        "Dot",
        {"axes": -1, "normalize": True},
        [(3, 4), (5, 4)],
        "list",
    ),
    _case("ma_dot_vectors", "Dot", {"axes": 1}, [(4,), (4,)], "list"),
]

EINSUM = [
    _case(
        "ma_einsum_dense_2d",
        "EinsumDense",
        {"equation": "ab,bc->ac", "output_shape": 5, "bias_axes": "c"},
        [(4,)],
        "single",
    ),
    _case(
        "ma_einsum_dense_heads",
        "EinsumDense",
        {
            "equation": "abc,cde->abde",
            "output_shape": (None, 2, 3),
            "bias_axes": "de",
            "activation": "tanh",
        },
        [(3, 4)],
        "single",
    ),
    _case(
        "ma_einsum_dense_left_ellipsis",
        "EinsumDense",
        {"equation": "...b,bc->...c", "output_shape": 5, "bias_axes": "c"},
        [(3, 4)],
        "single",
    ),
    _case(
        "ma_einsum_dense_right_ellipsis",
        "EinsumDense",
        {"equation": "ab...,bc->ac...", "output_shape": 5, "bias_axes": "c"},
        [(3, 4)],
        "single",
    ),
    _case(
        "ma_einsum_dense_no_bias",
        "EinsumDense",
        {"equation": "abc,cd->abd", "output_shape": (None, 2)},
        [(3, 4)],
        "single",
    ),
]

ATTENTION = [
    _case("ma_attention_dot", "Attention", {}, [(3, 4), (5, 4)], "list"),
    _case(
        "ma_attention_concat_key",
        "Attention",
        {"use_scale": True, "score_mode": "concat"},
        [(3, 4), (5, 4), (5, 4)],
        "list",
    ),
    _case(
        "ma_attention_masked_causal",
        "Attention",
        {"use_scale": True},
        PAIR,
        "list",
        masked=[0, 1],
        call_kwargs={"use_causal_mask": True, "return_attention_scores": True},
    ),
    _case("ma_additive_attention", "AdditiveAttention", {}, [(3, 4), (5, 4)], "list"),
    _case(
        "ma_additive_attention_masked",
        "AdditiveAttention",
        {},
        PAIR,
        "list",
        masked=[0, 1],
        call_kwargs={"return_attention_scores": True},
    ),
]

MHA = "MultiHeadAttention"
SELF = {"inputs": [(4, 6)], "call_inputs": [0, 0]}

MULTI_HEAD = [
    _case("ma_mha_self", MHA, {"num_heads": 2, "key_dim": 3}, call="args", **SELF),
    _case(
        "ma_mha_cross_key",
        MHA,
        {"num_heads": 2, "key_dim": 3, "value_dim": 2, "output_shape": 5},
        [(4, 6), (3, 5), (3, 7)],
        "args",
        # Keras' fused path (jax.nn.dot_product_attention) needs value_dim ==
        # key_dim; the scores path does not.
        call_kwargs={"return_attention_scores": True},
    ),
    _case(
        "ma_mha_attention_mask_scores",
        MHA,
        {"num_heads": 2, "key_dim": 3},
        [(4, 6), (3, 6)],
        "args",
        attention_mask=True,
        call_kwargs={"return_attention_scores": True},
    ),
    _case(
        "ma_mha_attention_mask_fused",
        MHA,
        {"num_heads": 2, "key_dim": 3},
        [(4, 6), (3, 6)],
        "args",
        attention_mask=True,
    ),
    _case(
        "ma_mha_causal",
        MHA,
        {"num_heads": 2, "key_dim": 3},
        call="args",
        call_kwargs={"use_causal_mask": True},
        **SELF,
    ),
    _case(
        "ma_mha_causal_scores",
        MHA,
        {"num_heads": 2, "key_dim": 3},
        call="args",
        call_kwargs={"use_causal_mask": True, "return_attention_scores": True},
        **SELF,
    ),
    _case(
        "ma_mha_masked",
        MHA,
        {"num_heads": 2, "key_dim": 3},
        [(4, 6), (4, 6)],
        "args",
        masked=[0, 1],
    ),
    _case(
        "ma_mha_masked_scores",
        MHA,
        {"num_heads": 2, "key_dim": 3},
        [(4, 6), (4, 6)],
        "args",
        masked=[0, 1],
        call_kwargs={"return_attention_scores": True, "use_causal_mask": True},
    ),
    _case(
        "ma_mha_2d_attention_axes",
        MHA,
        {"num_heads": 2, "key_dim": 2, "use_bias": False, "attention_axes": (1, 2)},
        [(2, 3, 4)],
        "args",
        call_inputs=[0, 0],
    ),
    _case(
        "ma_mha_gate_sliding_window",
        MHA,
        {"num_heads": 2, "key_dim": 3, "use_gate": True, "sliding_window": 2},
        call="args",
        **SELF,
    ),
]

CASES = [*MERGING, *EINSUM, *ATTENTION, *MULTI_HEAD]


def call_layer(module, layer, tensors: list, spec: dict, attention_mask=None):
    """Calls `layer` on `tensors` as the case says (same code for Keras and
    kerasish): `Masking` on the masked inputs, then the call form."""
    tensors = [
        module.layers.Masking(mask_value=0.0, name=f"masking_{i}")(t)
        if i in spec.get("masked", ())
        else t
        for i, t in enumerate(tensors)
    ]
    tensors = [tensors[i] for i in spec.get("call_inputs", range(len(tensors)))]
    kwargs = dict(spec.get("call_kwargs", {}))
    if attention_mask is not None:
        kwargs["attention_mask"] = attention_mask
    if spec["call"] == "list":
        return layer(tensors, **kwargs)
    if spec["call"] == "single":
        return layer(tensors[0], **kwargs)
    return layer(*tensors, **kwargs)
