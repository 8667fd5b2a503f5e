"""Compose files: YAML read as Compose reads it, and ``.env`` files."""
