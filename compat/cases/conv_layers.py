"""Compat cases for convolution and pooling layers (issue 3)."""

from compat.cases import Case

FWD_GRADS = ("forward", "forward_train", "grads")
# Dropout is random in training mode: only inference outputs are comparable.
FWD_GRADS_INFERENCE = ("forward", "grads")
CF = {"data_format": "channels_first"}


def _layer(cls: str, name: str, **kwargs) -> tuple[str, dict]:
    return (cls, {"name": name, **kwargs})


def _head(units: int = 2) -> tuple:
    """Flatten + Dense: checks the (H, W, C) flatten order after a conv."""
    return (_layer("Flatten", "flat"), _layer("Dense", "head", units=units))


def _case(name: str, layers: tuple, input_shape: tuple, checks=FWD_GRADS) -> Case:
    return Case(name, "layer", layers=layers, input_shape=input_shape, checks=checks)


CONV_CASES = [
    _case(
        "layer_conv_conv1d_valid_same_causal_groups",
        (
            _layer("Conv1D", "c0", filters=3, kernel_size=3),
            _layer("Conv1D", "c1", filters=4, kernel_size=4, strides=2, padding="same"),
            _layer(
                "Conv1D",
                "c2",
                filters=4,
                kernel_size=2,
                padding="causal",
                dilation_rate=2,
                activation="tanh",
            ),
            _layer("Conv1D", "c3", filters=2, kernel_size=3, groups=2),
            *_head(),
        ),
        (10, 2),
    ),
    _case(
        "layer_conv_conv1d_groups_channels_first",
        (_layer("Conv1D", "c0", filters=4, kernel_size=3, groups=2, **CF),),
        (4, 7),
    ),
    _case(
        "layer_conv_conv2d_valid_same_dilated_groups",
        (
            _layer("Conv2D", "c0", filters=3, kernel_size=3, activation="relu"),
            # Odd total padding: TF puts the extra row/column at the end.
            _layer(
                "Conv2D",
                "c1",
                filters=4,
                kernel_size=(3, 2),
                strides=2,
                padding="same",
            ),
            _layer(
                "Conv2D",
                "c2",
                filters=4,
                kernel_size=3,
                dilation_rate=2,
                groups=2,
                padding="same",
                use_bias=False,
            ),
            *_head(),
        ),
        (8, 7, 2),
    ),
    _case(
        "layer_conv_conv2d_channels_first",
        (
            _layer(
                "Conv2D",
                "c0",
                filters=3,
                kernel_size=2,
                strides=2,
                padding="same",
                **CF,
            ),
            *_head(),
        ),
        (2, 5, 5),
    ),
    _case(
        "layer_conv_conv3d_same_valid",
        (
            _layer("Conv3D", "c0", filters=2, kernel_size=2, strides=2, padding="same"),
            _layer("Conv3D", "c1", filters=2, kernel_size=(2, 1, 2)),
        ),
        (3, 4, 5, 2),
    ),
    _case(
        "layer_conv_conv1d_transpose_valid_same_output_padding",
        (
            _layer("Conv1DTranspose", "c0", filters=3, kernel_size=3, strides=2),
            _layer(
                "Conv1DTranspose",
                "c1",
                filters=2,
                kernel_size=4,
                strides=3,
                padding="same",
                output_padding=1,
            ),
        ),
        (4, 2),
    ),
    _case(
        "layer_conv_conv2d_transpose_same_valid_output_padding",
        (
            _layer(
                "Conv2DTranspose",
                "c0",
                filters=3,
                kernel_size=3,
                strides=2,
                padding="same",
                activation="relu",
            ),
            _layer(
                "Conv2DTranspose",
                "c1",
                filters=2,
                kernel_size=(3, 2),
                strides=(2, 3),
                output_padding=(1, 2),
            ),
        ),
        (3, 2, 2),
    ),
    _case(
        "layer_conv_conv2d_transpose_channels_first_dilated",
        (
            _layer(
                "Conv2DTranspose", "c0", filters=2, kernel_size=3, dilation_rate=2, **CF
            ),
        ),
        (2, 4, 4),
    ),
    _case(
        "layer_conv_conv3d_transpose_same",
        (
            _layer(
                "Conv3DTranspose",
                "c0",
                filters=2,
                kernel_size=2,
                strides=2,
                padding="same",
            ),
        ),
        (2, 3, 2, 2),
    ),
    _case(
        "layer_conv_depthwise1d_separable1d",
        (
            _layer(
                "DepthwiseConv1D",
                "c0",
                kernel_size=3,
                depth_multiplier=2,
                padding="same",
            ),
            _layer(
                "SeparableConv1D",
                "c1",
                filters=3,
                kernel_size=3,
                strides=2,
                padding="same",
                depth_multiplier=2,
            ),
        ),
        (7, 2),
    ),
    _case(
        "layer_conv_depthwise2d_separable2d",
        (
            _layer(
                "DepthwiseConv2D", "c0", kernel_size=3, strides=2, depth_multiplier=2
            ),
            _layer(
                "SeparableConv2D", "c1", filters=4, kernel_size=3, activation="relu"
            ),
            *_head(),
        ),
        (9, 9, 2),
    ),
    _case(
        "layer_conv_depthwise2d_separable2d_channels_first_dilated",
        (
            _layer(
                "DepthwiseConv2D",
                "c0",
                kernel_size=2,
                dilation_rate=2,
                padding="same",
                **CF,
            ),
            _layer(
                "SeparableConv2D", "c1", filters=2, kernel_size=2, dilation_rate=2, **CF
            ),
        ),
        (2, 5, 5),
    ),
    _case(
        "layer_conv_aliases",
        (
            _layer("Convolution1D", "c0", filters=2, kernel_size=2),
            _layer("SeparableConvolution1D", "c1", filters=2, kernel_size=2),
            _layer("Convolution1DTranspose", "c2", filters=2, kernel_size=2),
        ),
        (5, 2),
    ),
]

POOL_CASES = [
    _case(
        "layer_pool_1d_max_avg_same_global_max",
        (
            _layer("Conv1D", "c0", filters=2, kernel_size=2),
            _layer("MaxPooling1D", "p0"),
            _layer("AveragePooling1D", "p1", pool_size=3, strides=2, padding="same"),
            _layer("GlobalMaxPooling1D", "g0"),
            _layer("Dense", "head", units=2),
        ),
        (12, 2),
    ),
    _case(
        "layer_pool_2d_max_avg_same_divisor_global_avg",
        (
            _layer("Conv2D", "c0", filters=2, kernel_size=2),
            _layer("MaxPooling2D", "p0", pool_size=3, strides=2, padding="same"),
            # "same" average: each window divides by its count of real elements.
            _layer("AveragePooling2D", "p1", pool_size=3, strides=2, padding="same"),
            _layer("GlobalAveragePooling2D", "g0"),
            _layer("Dense", "head", units=2),
        ),
        (9, 10, 2),
    ),
    _case(
        "layer_pool_2d_channels_first",
        (
            _layer("AveragePooling2D", "p0", pool_size=(2, 3), **CF),
            _layer("MaxPooling2D", "p1", pool_size=2, strides=1, **CF),
            _layer("GlobalMaxPooling2D", "g0", keepdims=True, **CF),
        ),
        (2, 5, 6),
    ),
    _case(
        "layer_pool_3d_max_avg_global",
        (
            _layer("AveragePooling3D", "p0", pool_size=2, strides=1, padding="same"),
            _layer("MaxPooling3D", "p1", pool_size=2),
            _layer("GlobalAveragePooling3D", "g0", keepdims=True),
            _layer("GlobalMaxPooling3D", "g1"),
        ),
        (4, 4, 3, 2),
    ),
    _case(
        "layer_pool_3d_channels_first",
        (_layer("MaxPooling3D", "p0", pool_size=2, **CF),),
        (2, 4, 4, 3),
    ),
    _case(
        "layer_pool_global_avg1d_channels_first",
        (_layer("GlobalAveragePooling1D", "g0", **CF),),
        (3, 5),
    ),
    _case(
        "layer_pool_aliases",
        (
            _layer("MaxPool2D", "p0", pool_size=2, strides=1),
            _layer("AvgPool2D", "p1", pool_size=2),
            _layer("GlobalMaxPool2D", "g0", keepdims=True),
            _layer("GlobalAvgPool2D", "g1"),
        ),
        (5, 5, 2),
    ),
    _case(
        "layer_conv_mnist_convnet_small",
        (
            _layer("Conv2D", "c0", filters=4, kernel_size=(3, 3), activation="relu"),
            _layer("MaxPooling2D", "p0", pool_size=(2, 2)),
            _layer("Conv2D", "c1", filters=6, kernel_size=(3, 3), activation="relu"),
            _layer("MaxPooling2D", "p1", pool_size=(2, 2)),
            _layer("Flatten", "flat"),
            _layer("Dropout", "drop", rate=0.5),
            _layer("Dense", "head", units=3, activation="softmax"),
        ),
        (12, 12, 1),
        FWD_GRADS_INFERENCE,
    ),
]

CASES: list[Case] = [*CONV_CASES, *POOL_CASES]
