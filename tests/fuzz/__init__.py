"""The standing fuzz campaign of issue 12 (a package: its ``strategies`` must not shadow
``tests/strategies.py``)."""
