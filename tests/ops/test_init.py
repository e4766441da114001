"""Tests for the `kerasish.ops` namespace layout."""

from kerasish import ops


def test_namespaces_and_exports():
    for name in ("nn", "numpy", "image", "math", "core", "linalg"):
        assert name in ops.__all__
    assert ops.numpy.sum is ops.sum
    assert ops.nn.softmax is ops.softmax
    assert ops.math.top_k is ops.top_k
    assert ops.image.resize.__name__ == "resize"
    for name in (
        "shape",
        "reshape",
        "expand_dims",
        "cast",
        "tensordot",
        "one_hot",
        "gelu",
    ):
        assert callable(getattr(ops, name))
    assert "slogdet" in ops.numpy.__all__
