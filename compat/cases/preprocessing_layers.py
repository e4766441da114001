"""Compat cases for preprocessing layers (issue 3): feature preprocessing,
resizing and cropping, and the augmentation layers in inference mode."""

from compat.cases import Case

FWD_GRADS = ("forward", "forward_train", "grads")
# Augmentation layers are random in training mode: only inference is comparable.
FWD_GRADS_INFERENCE = ("forward", "grads")
BINS = [-0.5, 0.0, 0.5]


def _dense(units: int = 3) -> tuple[str, dict]:
    return ("Dense", {"units": units, "name": "d0"})


def _flat_dense() -> tuple:
    return (("Flatten", {"name": "f0"}), _dense())


def _case(name: str, layers: tuple, input_shape: tuple, checks=FWD_GRADS) -> Case:
    return Case(
        f"layer_pre_{name}",
        "layer",
        layers=layers,
        input_shape=input_shape,
        checks=checks,
    )


CASES = [
    _case(
        "rescaling",
        (("Rescaling", {"scale": 0.5, "offset": -1.0, "name": "p0"}), _dense()),
        (4,),
    ),
    _case(
        "normalization_given",
        (
            (
                "Normalization",
                {"mean": [0.5, -1.0, 2.0], "variance": [4.0, 0.25, 1.0], "name": "p0"},
            ),
            _dense(),
        ),
        (3,),
    ),
    _case(
        "normalization_weights",
        (("Normalization", {"name": "p0"}), _dense()),
        (3,),
    ),
    _case(
        "normalization_axis_none_invert",
        (
            (
                "Normalization",
                {
                    "axis": None,
                    "mean": 0.5,
                    "variance": 2.0,
                    "invert": True,
                    "name": "p0",
                },
            ),
            *_flat_dense(),
        ),
        (2, 3),
    ),
    _case(
        "normalization_middle_axis",
        (
            (
                "Normalization",
                {"axis": 1, "mean": [1.0, -1.0], "variance": [2.0, 0.5], "name": "p0"},
            ),
            *_flat_dense(),
        ),
        (2, 3),
    ),
    _case(
        "discretization_one_hot",
        (
            (
                "Discretization",
                {"bin_boundaries": BINS, "output_mode": "one_hot", "name": "p0"},
            ),
            *_flat_dense(),
        ),
        (3,),
    ),
    _case(
        "discretization_count",
        (
            (
                "Discretization",
                {"bin_boundaries": BINS, "output_mode": "count", "name": "p0"},
            ),
            _dense(),
        ),
        (5,),
    ),
    _case(
        "category_encoding_multi_hot",
        (
            ("Discretization", {"bin_boundaries": BINS, "name": "p0"}),
            ("CategoryEncoding", {"num_tokens": 4, "name": "p1"}),
            _dense(),
        ),
        (5,),
    ),
    _case(
        "category_encoding_one_hot",
        (
            ("Discretization", {"bin_boundaries": BINS, "name": "p0"}),
            (
                "CategoryEncoding",
                {"num_tokens": 4, "output_mode": "one_hot", "name": "p1"},
            ),
            *_flat_dense(),
        ),
        (3,),
    ),
    _case(
        "category_encoding_count",
        (
            ("Discretization", {"bin_boundaries": BINS, "name": "p0"}),
            (
                "CategoryEncoding",
                {"num_tokens": 4, "output_mode": "count", "name": "p1"},
            ),
            _dense(),
        ),
        (6,),
    ),
    _case(
        "resizing_bilinear",
        (("Resizing", {"height": 3, "width": 3, "name": "p0"}), *_flat_dense()),
        (4, 5, 2),
    ),
    _case(
        "resizing_nearest_crop",
        (
            (
                "Resizing",
                {
                    "height": 3,
                    "width": 2,
                    "interpolation": "nearest",
                    "crop_to_aspect_ratio": True,
                    "name": "p0",
                },
            ),
            *_flat_dense(),
        ),
        (5, 5, 1),
    ),
    _case(
        "resizing_pad_channels_first",
        (
            (
                "Resizing",
                {
                    "height": 4,
                    "width": 4,
                    "pad_to_aspect_ratio": True,
                    "fill_value": 1.0,
                    "data_format": "channels_first",
                    "name": "p0",
                },
            ),
            *_flat_dense(),
        ),
        (2, 3, 5),
    ),
    _case(
        "center_crop",
        (("CenterCrop", {"height": 3, "width": 4, "name": "p0"}), *_flat_dense()),
        (5, 6, 2),
    ),
    _case(
        "center_crop_upscale",
        (("CenterCrop", {"height": 6, "width": 4, "name": "p0"}), *_flat_dense()),
        (4, 5, 1),
    ),
    # All augmentation layers chained: each must be the identity at inference.
    _case(
        "augmentation_inference",
        (
            ("RandomFlip", {"seed": 1, "name": "p0"}),
            ("RandomRotation", {"factor": 0.2, "seed": 1, "name": "p1"}),
            ("RandomZoom", {"height_factor": 0.2, "seed": 1, "name": "p2"}),
            (
                "RandomTranslation",
                {"height_factor": 0.1, "width_factor": 0.2, "seed": 1, "name": "p3"},
            ),
            ("RandomContrast", {"factor": 0.3, "seed": 1, "name": "p4"}),
            ("RandomBrightness", {"factor": 0.2, "seed": 1, "name": "p5"}),
            *_flat_dense(),
        ),
        (5, 6, 2),
        FWD_GRADS_INFERENCE,
    ),
    # Keras 3.15.1 quirk: RandomCrop returns its inputs uncropped at inference.
    _case(
        "random_crop_inference",
        (("RandomCrop", {"height": 3, "width": 3, "seed": 1, "name": "p0"}),),
        (5, 6, 2),
        FWD_GRADS_INFERENCE,
    ),
]
