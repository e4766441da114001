"""LoRA (`enable_lora`, `lora_rank=`) on Dense, EinsumDense and Embedding."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import kerasish as keras
from kerasish import layers


def _dense(**kwargs):
    layer = layers.Dense(3, **kwargs)
    layer.build((None, 4))
    return layer


def test_enable_lora_freezes_the_kernel_and_starts_from_it():
    layer = _dense()
    x = np.random.default_rng(0).normal(size=(2, 4)).astype("float32")
    before = np.asarray(layer(x))
    layer.enable_lora(2)
    assert [w.path for w in layer.trainable_weights] == [
        f"{layer.name}/bias",
        f"{layer.name}/lora_kernel_a",
        f"{layer.name}/lora_kernel_b",
    ]
    assert layer.lora_kernel_a.shape == (4, 2) and layer.lora_kernel_b.shape == (2, 3)
    # B starts at zero: the output is unchanged.
    np.testing.assert_allclose(np.asarray(layer(x)), before, rtol=1e-6)


def test_lora_output_and_merged_save(tmp_path):
    layer = _dense(lora_rank=2, lora_alpha=8)
    # Keras' Dense enables LoRA in `build` without the alpha: it becomes the rank.
    assert layer.lora_enabled and layer.lora_alpha == 2
    rng = np.random.default_rng(1)
    kernel, bias, a, b = (rng.normal(size=w.shape) for w in layer.get_weights())
    layer.set_weights([kernel, bias, a, b])
    x = rng.normal(size=(2, 4)).astype("float32")
    merged = kernel + (2 / 2) * a @ b
    np.testing.assert_allclose(layer(x), x @ merged + bias, rtol=1e-5, atol=1e-5)

    model = keras.Sequential([keras.Input((4,)), layer])
    model.save_weights(tmp_path / "m.weights.h5")
    model.load_weights(tmp_path / "m.weights.h5")
    # Loaded: the merged kernel, A and B zeroed; the outputs are the same.
    np.testing.assert_allclose(layer.kernel.numpy(), merged, rtol=1e-5, atol=1e-6)
    assert not np.any(layer.lora_kernel_a.numpy())
    np.testing.assert_allclose(layer(x), x @ merged + bias, rtol=1e-5, atol=1e-5)


def test_einsum_dense_and_embedding_lora():
    ein = layers.EinsumDense("ab,bc->ac", 3, bias_axes="c", lora_rank=2, lora_alpha=6)
    ein.build((None, 4))
    assert ein.lora_alpha == 6 and ein.get_config()["lora_rank"] == 2
    emb = layers.Embedding(5, 3, lora_rank=2)
    emb.build()
    assert emb.lora_embeddings_a.shape == (5, 2)
    assert emb.lora_embeddings_b.shape == (2, 3)
    assert [w.trainable for w in emb.weights] == [False, True, True]
    rng = np.random.default_rng(2)
    table, a, b = (rng.normal(size=w.shape) for w in emb.get_weights())
    emb.set_weights([table, a, b])
    ids = np.array([[0, 4]])
    np.testing.assert_allclose(emb(ids), (table + a @ b)[ids], rtol=1e-5, atol=1e-6)
    assert emb.get_config()["lora_alpha"] == 2


def test_lora_fine_tuning_trains_only_the_adapters():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Dense(1)])
    for layer in model.layers:
        layer.enable_lora(2)
    model.compile(optimizer="adam", loss="mse")
    x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
    frozen = [layer.kernel.numpy() for layer in model.layers]
    history = model.fit(x, x[:, :1], epochs=5, batch_size=8, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    for layer, kernel in zip(model.layers, frozen, strict=True):
        np.testing.assert_array_equal(layer.kernel.numpy(), kernel)
        assert np.any(layer.lora_kernel_b.numpy())
    grads = jax.grad(lambda p: jnp.sum(model.apply(p, x)))(model.params)
    assert all(g.shape for g in jax.tree_util.tree_leaves(grads))


def test_lora_errors():
    with pytest.raises(ValueError, match="isn't yet built"):
        layers.Dense(2).enable_lora(2)
    layer = _dense()
    layer.enable_lora(2)
    with pytest.raises(ValueError, match="already enabled"):
        layer.enable_lora(2)
    with pytest.raises(ValueError, match="remove the `kernel_constraint`"):
        _dense(kernel_constraint="non_neg").enable_lora(2)
    emb = layers.Embedding(3, 2, embeddings_constraint="non_neg")
    emb.build()
    with pytest.raises(ValueError, match="embedding constraints"):
        emb.enable_lora(1)
