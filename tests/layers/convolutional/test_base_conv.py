"""Bad input to the convolution layers: clear ValueErrors naming the argument."""

import numpy as np
import pytest

from kerasish import layers
from tests.layer_checks import check_layer


def test_base_conv_contract_with_constraints_and_regularizers():
    check_layer(
        layers.Conv1D,
        {
            "filters": 2,
            "kernel_size": 2,
            "kernel_constraint": "non_neg",
            "bias_regularizer": "l2",
            "activation": "relu",
        },
        (2, 4, 3),
        (2, 3, 2),
        2,
        0,
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"filters": 0, "kernel_size": 3}, "filters"),
        ({"filters": 2, "kernel_size": 0}, "kernel_size"),
        ({"filters": 2, "kernel_size": (3, 3, 3)}, "kernel_size"),
        ({"filters": 2, "kernel_size": 3, "strides": -1}, "strides"),
        ({"filters": 2, "kernel_size": 3, "padding": "full"}, "padding"),
        ({"filters": 2, "kernel_size": 3, "padding": "causal"}, "padding"),
        ({"filters": 2, "kernel_size": 3, "data_format": "nhwc"}, "data_format"),
        ({"filters": 3, "kernel_size": 3, "groups": 2}, "groups"),
        ({"filters": 2, "kernel_size": 3, "groups": 0}, "groups"),
        ({"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, "strides"),
    ],
)
def test_conv2d_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        layers.Conv2D(**kwargs)


def test_wrong_rank_names_the_layer():
    layer = layers.Conv2D(2, 3, name="c2")
    with pytest.raises(ValueError, match='"c2".*ndim=4.*found ndim=3'):
        layer(np.zeros((1, 5, 5), "float32"))
    with pytest.raises(
        ValueError, match="'c2'.*rank 4.*input_shape=\\(1, 5, 5, 2, 1\\)"
    ):
        layer(np.zeros((1, 5, 5, 2, 1), "float32"))


def test_channel_mismatch_against_built_kernel():
    layer = layers.Conv1D(2, 3, name="c1")
    layer(np.zeros((1, 5, 3), "float32"))
    with pytest.raises(ValueError, match='"c1".*axis -1.*value 3.*\\(1, 5, 4\\)'):
        layer(np.zeros((1, 5, 4), "float32"))


def test_kernel_larger_than_input_with_valid_padding():
    layer = layers.Conv2D(2, 4, name="big")
    with pytest.raises(ValueError, match="'big'.*zero or negative.*\\(1, 3, 3, 1\\)"):
        layer(np.zeros((1, 3, 3, 1), "float32"))
    layer = layers.Conv2D(2, 2, name="later")
    layer(np.zeros((1, 3, 3, 1), "float32"))
    with pytest.raises(ValueError, match="'later'.*zero or negative"):
        layer(np.zeros((1, 1, 3, 1), "float32"))


def test_input_channels_not_divisible_by_groups():
    with pytest.raises(ValueError, match="groups=2.*3 channels"):
        layers.Conv1D(4, 2, groups=2)(np.zeros((1, 4, 3), "float32"))


def test_transpose_output_padding_must_be_below_stride():
    with pytest.raises(ValueError, match="output_padding"):
        layers.Conv2DTranspose(2, 3, strides=2, output_padding=2)


def test_depthwise_and_separable_reject_causal_and_zero_multiplier():
    with pytest.raises(ValueError, match="padding"):
        layers.DepthwiseConv1D(3, padding="causal")
    with pytest.raises(ValueError, match="depth_multiplier"):
        layers.SeparableConv2D(2, 3, depth_multiplier=0)
