"""Compat cases for reshaping and regularization layers and Lambda (issue 3).

Each case chains several layers (both data formats) ending in a small Dense, so
one reference covers a family and gradients reach real weights. Deterministic
chains record forward passes in both modes and gradients; chains with random
regularization layers record inference outputs and gradients only.
"""

import operator

from compat.cases import Case

FWD_GRADS = ("forward", "forward_train", "grads")
# Random in training mode: only inference outputs are comparable.
FWD_GRADS_INFERENCE = ("forward", "grads")
CF = {"data_format": "channels_first"}


def _chain(*layers: tuple[str, dict]) -> tuple:
    """Names the layers `l0`, `l1`, ... and appends `Dense(2, name="head")`."""
    named = tuple((cls, {**kw, "name": f"l{i}"}) for i, (cls, kw) in enumerate(layers))
    return (*named, ("Dense", {"units": 2, "name": "head"}))


CASES = [
    Case(
        "layer_reshape_1d",
        "layer",
        layers=_chain(
            ("ZeroPadding1D", {"padding": (1, 2)}),  # (6, 2)
            ("Cropping1D", {"cropping": (2, 0)}),  # (4, 2)
            ("UpSampling1D", {"size": 3}),  # (12, 2)
            ("ZeroPadding1D", {"padding": 1, **CF}),  # (12, 4)
            ("Permute", {"dims": (2, 1)}),  # (4, 12)
        ),
        input_shape=(3, 2),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_reshape_2d",
        "layer",
        layers=_chain(
            ("ZeroPadding2D", {"padding": ((1, 0), (2, 1))}),  # (4, 6, 2)
            ("Cropping2D", {"cropping": ((1, 2), (0, 1))}),  # (1, 5, 2)
            ("UpSampling2D", {"size": (2, 3)}),  # (2, 15, 2)
            ("ZeroPadding2D", {"padding": (1, 2), **CF}),  # (2, 17, 6)
            ("Cropping2D", {"cropping": 1, **CF}),  # (2, 15, 4)
            ("UpSampling2D", {"size": 2, **CF}),  # (2, 30, 8)
            ("Flatten", CF),
        ),
        input_shape=(3, 3, 2),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_reshape_up_sampling2d_bilinear",
        "layer",
        layers=_chain(
            ("UpSampling2D", {"size": (2, 3), "interpolation": "bilinear"}),
            ("UpSampling2D", {"size": 2, "interpolation": "bilinear", **CF}),
        ),
        input_shape=(3, 3, 2),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_reshape_3d",
        "layer",
        layers=_chain(
            ("ZeroPadding3D", {"padding": ((1, 0), (0, 1), (1, 1))}),  # (3, 3, 4, 1)
            ("Cropping3D", {"cropping": ((1, 0), (1, 1), (0, 1))}),  # (2, 1, 3, 1)
            ("UpSampling3D", {"size": (1, 2, 1)}),  # (2, 2, 3, 1)
            ("ZeroPadding3D", {"padding": 1, **CF}),  # (2, 4, 5, 3)
            ("Cropping3D", {"cropping": (1, 0, 1), **CF}),  # (2, 2, 5, 1)
            ("UpSampling3D", {"size": 2, **CF}),  # (2, 4, 10, 2)
        ),
        input_shape=(2, 2, 2, 1),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_reshape_vector_permute_flatten",
        "layer",
        layers=_chain(
            ("RepeatVector", {"n": 3}),  # (3, 4)
            ("Permute", {"dims": (2, 1)}),  # (4, 3)
            ("Reshape", {"target_shape": (2, -1, 3)}),  # (2, 2, 3)
            ("Flatten", CF),  # (12,)
            ("ActivityRegularization", {"l1": 0.1, "l2": 0.01}),
        ),
        input_shape=(4,),
        checks=FWD_GRADS,
    ),
    Case(
        "layer_reg_spatial_dropout",
        "layer",
        layers=_chain(
            ("Dense", {"units": 3}),  # (4, 3)
            ("SpatialDropout1D", {"rate": 0.5, "seed": 1}),
            ("Reshape", {"target_shape": (2, 2, 3)}),
            ("SpatialDropout2D", {"rate": 0.5, "seed": 2}),
            ("Reshape", {"target_shape": (2, 1, 2, 3)}),
            ("SpatialDropout3D", {"rate": 0.5, **CF}),
            ("Flatten", {}),
        ),
        input_shape=(4, 3),
        checks=FWD_GRADS_INFERENCE,
    ),
    Case(
        "layer_reg_noise",
        "layer",
        layers=_chain(
            ("Dense", {"units": 3}),
            ("GaussianNoise", {"stddev": 0.5, "seed": 1}),
            ("GaussianDropout", {"rate": 0.3, "seed": 1}),
            ("AlphaDropout", {"rate": 0.2, "seed": 1}),
        ),
        input_shape=(5,),
        checks=FWD_GRADS_INFERENCE,
    ),
    # A Lambda needs a function, which a case can only hold as a builtin with a
    # stable repr (the case digest hashes it): `operator.neg` / `operator.abs`.
    Case(
        "layer_lambda",
        "layer",
        layers=_chain(
            ("Dense", {"units": 3}),
            ("Lambda", {"function": operator.neg}),
            ("Lambda", {"function": operator.abs, "output_shape": (3,)}),
        ),
        input_shape=(4,),
        checks=FWD_GRADS,
    ),
]
