"""Tests for kerasish/saving/object_registration.py."""

import pytest

import kerasish as keras
from kerasish.saving import object_registration


@pytest.fixture(autouse=True)
def _clean_registry():
    before = dict(object_registration.GLOBAL_CUSTOM_OBJECTS)
    names = dict(object_registration.GLOBAL_CUSTOM_NAMES)
    yield
    object_registration.GLOBAL_CUSTOM_OBJECTS.clear()
    object_registration.GLOBAL_CUSTOM_OBJECTS.update(before)
    object_registration.GLOBAL_CUSTOM_NAMES.clear()
    object_registration.GLOBAL_CUSTOM_NAMES.update(names)


def test_register_class_and_function():
    @keras.saving.register_keras_serializable("my_package")
    class MyDense(keras.layers.Dense):
        pass

    @keras.utils.register_keras_serializable(name="scaled")
    def my_fn(x):
        return x * 2

    assert keras.saving.get_registered_name(MyDense) == "my_package>MyDense"
    assert keras.saving.get_registered_object("my_package>MyDense") is MyDense
    assert keras.saving.get_registered_name(my_fn) == "Custom>scaled"
    assert keras.saving.get_custom_objects()["Custom>scaled"] is my_fn


def test_unregistered_name_is_python_name():
    class Plain:
        pass

    assert keras.saving.get_registered_name(Plain) == "Plain"
    assert keras.saving.get_registered_object("Plain") is None


def test_register_requires_get_config():
    with pytest.raises(ValueError, match="does not have a get_config"):
        keras.saving.register_keras_serializable()(type("NoConfig", (), {}))


def test_custom_object_scope_nests_and_restores():
    a, b = object(), object()
    with keras.saving.custom_object_scope({"a": a}):
        assert keras.saving.get_registered_object("a") is a
        with keras.utils.CustomObjectScope({"b": b}):
            # Keras replaces the outer scope's objects inside an inner scope.
            assert keras.saving.get_registered_object("a") is None
            assert keras.saving.get_registered_object("b") is b
        assert keras.saving.get_registered_object("a") is a
    assert keras.saving.get_registered_object("a") is None
    assert keras.saving.get_registered_object("a", custom_objects={"a": b}) is b
