"""Pooling layers: max/average pooling and their global variants, 1D to 3D."""
