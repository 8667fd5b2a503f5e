"""The ``fuzz`` Hypothesis profile: the long campaign's example count and no deadline.

``pytest -m fuzz`` runs the properties marked ``fuzz`` with it (``CMDRESOLVE_FUZZ_EXAMPLES``
examples per input kind, 2,000 unless set); the quick properties keep their own small count.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("CMDRESOLVE_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
