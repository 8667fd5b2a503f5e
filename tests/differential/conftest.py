"""Print how many Dockerfiles the differential test compared (shown even with -q)."""

from __future__ import annotations

import sys

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for module in list(sys.modules.values()):
        if getattr(module, "__file__", "") and module.__file__.endswith("test_official_parser.py"):
            line = module.summary_line()
            if line:
                terminalreporter.write_line(line)
