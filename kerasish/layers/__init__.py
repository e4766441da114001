"""`keras.layers`: the layer classes, plus `serialize` / `deserialize`."""

from typing import Any

from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.activations.activation import Activation
from kerasish.layers.activations.elu import ELU
from kerasish.layers.activations.leaky_relu import LeakyReLU
from kerasish.layers.activations.prelu import PReLU
from kerasish.layers.activations.relu import ReLU
from kerasish.layers.activations.softmax import Softmax
from kerasish.layers.attention.additive_attention import AdditiveAttention
from kerasish.layers.attention.attention import Attention
from kerasish.layers.attention.multi_head_attention import MultiHeadAttention
from kerasish.layers.convolutional.conv import (
    Conv1D,
    Conv2D,
    Conv3D,
    Convolution1D,
    Convolution2D,
    Convolution3D,
)
from kerasish.layers.convolutional.conv_transpose import (
    Conv1DTranspose,
    Conv2DTranspose,
    Conv3DTranspose,
    Convolution1DTranspose,
    Convolution2DTranspose,
    Convolution3DTranspose,
)
from kerasish.layers.convolutional.depthwise_conv import (
    DepthwiseConv1D,
    DepthwiseConv2D,
)
from kerasish.layers.convolutional.separable_conv import (
    SeparableConv1D,
    SeparableConv2D,
    SeparableConvolution1D,
    SeparableConvolution2D,
)
from kerasish.layers.core.dense import Dense
from kerasish.layers.core.einsum_dense import EinsumDense
from kerasish.layers.core.embedding import Embedding
from kerasish.layers.core.identity import Identity
from kerasish.layers.core.input_layer import Input, InputLayer
from kerasish.layers.core.lambda_layer import Lambda
from kerasish.layers.core.masking import Masking
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.merging.concatenate import Concatenate, concatenate
from kerasish.layers.merging.dot import Dot, dot
from kerasish.layers.merging.elementwise import (
    Add,
    Average,
    Maximum,
    Minimum,
    Multiply,
    Subtract,
    add,
    average,
    maximum,
    minimum,
    multiply,
    subtract,
)
from kerasish.layers.normalization.batch_normalization import BatchNormalization
from kerasish.layers.normalization.group_normalization import GroupNormalization
from kerasish.layers.normalization.layer_normalization import LayerNormalization
from kerasish.layers.normalization.unit_normalization import UnitNormalization
from kerasish.layers.pooling.average_pooling import (
    AveragePooling1D,
    AveragePooling2D,
    AveragePooling3D,
    AvgPool1D,
    AvgPool2D,
    AvgPool3D,
)
from kerasish.layers.pooling.global_average_pooling import (
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalAveragePooling3D,
    GlobalAvgPool1D,
    GlobalAvgPool2D,
    GlobalAvgPool3D,
)
from kerasish.layers.pooling.global_max_pooling import (
    GlobalMaxPool1D,
    GlobalMaxPool2D,
    GlobalMaxPool3D,
    GlobalMaxPooling1D,
    GlobalMaxPooling2D,
    GlobalMaxPooling3D,
)
from kerasish.layers.pooling.max_pooling import (
    MaxPool1D,
    MaxPool2D,
    MaxPool3D,
    MaxPooling1D,
    MaxPooling2D,
    MaxPooling3D,
)
from kerasish.layers.preprocessing import (
    CategoryEncoding,
    CenterCrop,
    Discretization,
    Normalization,
    RandomBrightness,
    RandomContrast,
    RandomCrop,
    RandomFlip,
    RandomRotation,
    RandomTranslation,
    RandomZoom,
    Rescaling,
    Resizing,
)
from kerasish.layers.regularization.activity_regularization import (
    ActivityRegularization,
)
from kerasish.layers.regularization.alpha_dropout import AlphaDropout
from kerasish.layers.regularization.dropout import Dropout
from kerasish.layers.regularization.gaussian_dropout import GaussianDropout
from kerasish.layers.regularization.gaussian_noise import GaussianNoise
from kerasish.layers.regularization.spatial_dropout import (
    SpatialDropout1D,
    SpatialDropout2D,
    SpatialDropout3D,
)
from kerasish.layers.reshaping.cropping import Cropping1D, Cropping2D, Cropping3D
from kerasish.layers.reshaping.flatten import Flatten
from kerasish.layers.reshaping.permute import Permute
from kerasish.layers.reshaping.repeat_vector import RepeatVector
from kerasish.layers.reshaping.reshape import Reshape
from kerasish.layers.reshaping.up_sampling import (
    UpSampling1D,
    UpSampling2D,
    UpSampling3D,
)
from kerasish.layers.reshaping.zero_padding import (
    ZeroPadding1D,
    ZeroPadding2D,
    ZeroPadding3D,
)
from kerasish.layers.rnn.bidirectional import Bidirectional
from kerasish.layers.rnn.gru import GRU, GRUCell
from kerasish.layers.rnn.lstm import LSTM, LSTMCell
from kerasish.layers.rnn.rnn import RNN
from kerasish.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from kerasish.layers.rnn.stacked_rnn_cells import StackedRNNCells
from kerasish.layers.rnn.time_distributed import TimeDistributed
from kerasish.layers.serialization import serialize_layer as serialize

__all__ = [
    "Activation",
    "ActivityRegularization",
    "Add",
    "AdditiveAttention",
    "AlphaDropout",
    "Attention",
    "Average",
    "AveragePooling1D",
    "AveragePooling2D",
    "AveragePooling3D",
    "AvgPool1D",
    "AvgPool2D",
    "AvgPool3D",
    "BatchNormalization",
    "Bidirectional",
    "CategoryEncoding",
    "CenterCrop",
    "Concatenate",
    "Conv1D",
    "Conv1DTranspose",
    "Conv2D",
    "Conv2DTranspose",
    "Conv3D",
    "Conv3DTranspose",
    "Convolution1D",
    "Convolution1DTranspose",
    "Convolution2D",
    "Convolution2DTranspose",
    "Convolution3D",
    "Convolution3DTranspose",
    "Cropping1D",
    "Cropping2D",
    "Cropping3D",
    "Dense",
    "DepthwiseConv1D",
    "DepthwiseConv2D",
    "Discretization",
    "Dot",
    "Dropout",
    "ELU",
    "EinsumDense",
    "Embedding",
    "Flatten",
    "GRU",
    "GRUCell",
    "GaussianDropout",
    "GaussianNoise",
    "GlobalAveragePooling1D",
    "GlobalAveragePooling2D",
    "GlobalAveragePooling3D",
    "GlobalAvgPool1D",
    "GlobalAvgPool2D",
    "GlobalAvgPool3D",
    "GlobalMaxPool1D",
    "GlobalMaxPool2D",
    "GlobalMaxPool3D",
    "GlobalMaxPooling1D",
    "GlobalMaxPooling2D",
    "GlobalMaxPooling3D",
    "GroupNormalization",
    "Identity",
    "Input",
    "InputLayer",
    "InputSpec",
    "KerasTensor",
    "LSTM",
    "LSTMCell",
    "Lambda",
    "Layer",
    "LayerNormalization",
    "LeakyReLU",
    "Masking",
    "MaxPool1D",
    "MaxPool2D",
    "MaxPool3D",
    "MaxPooling1D",
    "MaxPooling2D",
    "MaxPooling3D",
    "Maximum",
    "Minimum",
    "MultiHeadAttention",
    "Multiply",
    "Normalization",
    "PReLU",
    "Permute",
    "RNN",
    "RandomBrightness",
    "RandomContrast",
    "RandomCrop",
    "RandomFlip",
    "RandomRotation",
    "RandomTranslation",
    "RandomZoom",
    "ReLU",
    "RepeatVector",
    "Rescaling",
    "Reshape",
    "Resizing",
    "SeparableConv1D",
    "SeparableConv2D",
    "SeparableConvolution1D",
    "SeparableConvolution2D",
    "SimpleRNN",
    "SimpleRNNCell",
    "Softmax",
    "SpatialDropout1D",
    "SpatialDropout2D",
    "SpatialDropout3D",
    "StackedRNNCells",
    "Subtract",
    "TimeDistributed",
    "UnitNormalization",
    "UpSampling1D",
    "UpSampling2D",
    "UpSampling3D",
    "ZeroPadding1D",
    "ZeroPadding2D",
    "ZeroPadding3D",
    "add",
    "average",
    "concatenate",
    "deserialize",
    "dot",
    "maximum",
    "minimum",
    "multiply",
    "serialize",
    "subtract",
]


def deserialize(config: dict, custom_objects: dict | None = None) -> Layer:
    """Rebuilds a layer from Keras' `{class_name, config, ...}` form."""
    class_name = config.get("class_name")
    cls = (custom_objects or {}).get(class_name) or globals().get(class_name)
    if cls is None:
        from kerasish import models

        cls = getattr(models, class_name, None)
    if not (isinstance(cls, type) and issubclass(cls, Layer)):
        raise ValueError(
            f"Unknown layer: '{class_name}'. Please ensure you are using a "
            "`keras.utils.custom_object_scope` and that this object is included "
            "in the scope, or pass it in `custom_objects`."
        )
    inner: Any = config.get("config", {})
    if hasattr(cls, "from_config"):
        return cls.from_config(inner)
    return cls(**inner)
