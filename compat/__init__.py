"""Compat suite: kerasish checked against outputs recorded from real Keras."""
