"""cmdresolve: the exact process a container runs, and why."""

__version__ = "0.1.0"
