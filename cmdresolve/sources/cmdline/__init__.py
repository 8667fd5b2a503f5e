"""Command lines given to ``--run``: docker and podman ``run``/``create``, kubectl
``run``/``create``."""
