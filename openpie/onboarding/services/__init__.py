"""Writes for starting an installation and its organisations: one module per part of the journey."""
