"""Einsum equations of multi-head attention: projections, scores, combination."""

from __future__ import annotations

import string


def _letter(i: int) -> str:
    return string.ascii_lowercase[i]


def build_attention_equation(rank: int, attn_axes: tuple) -> tuple[str, str, int]:
    """`(dot_product_equation, combine_equation, scores_rank)`.

    Projected query/key/value have shape `(batch, <non-attention dims>,
    <attention dims>, num_heads, channels)`; the batch and non-attention dims
    (and the heads) are batch dims of the scores
    `(<batch dims>, num_heads, <query attention dims>, <key attention dims>)`.
    """
    target = "".join(_letter(i) for i in range(rank))
    batch_dims = [i for i in range(rank) if i not in (*attn_axes, rank - 1)]
    offset = rank
    source = ""
    for i in range(rank):
        if i in batch_dims or i == rank - 1:
            source += target[i]
        else:
            source += _letter(offset)
            offset += 1
    product = "".join(
        [target[i] for i in batch_dims]
        + [target[i] for i in attn_axes]
        + [source[i] for i in attn_axes]
    )
    dot_product = f"{source},{target}->{product}"
    combine = f"{product},{source}->{target}"
    return dot_product, combine, len(product)


def build_proj_equation(
    free_dims: int, bound_dims: int, output_dims: int
) -> tuple[str, str, int]:
    """`(equation, bias_axes, output_rank)` of a projection `EinsumDense`."""
    letters = [_letter(i) for i in range(free_dims + bound_dims + output_dims)]
    free = "".join(letters[:free_dims])
    bound = "".join(letters[free_dims : free_dims + bound_dims])
    out = "".join(letters[free_dims + bound_dims :])
    equation = f"{free}{bound},{bound}{out}->{free}{out}"
    return equation, out, free_dims + output_dims


def output_shape_for(output_rank: int, known_last_dims: list) -> list:
    """`[None, ..., *known_last_dims]` of length `output_rank`."""
    return [None] * (output_rank - len(known_last_dims)) + list(known_last_dims)
