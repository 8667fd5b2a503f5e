"""cmdresolve: the exact process a container runs, and why."""

__version__ = "0.1.0"
# The project's repository: SARIF's informationUri, and under it each rule's helpUri
# (render/sarif.py: the rule's module, whose docstring is its documentation).
HOME = "https://github.com/cmdresolve/cmdresolve"
