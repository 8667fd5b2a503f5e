"""Image configs: ``docker image inspect`` and OCI JSON, and the bundled catalog of
official images."""
