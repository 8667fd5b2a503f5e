"""BuildKit: how a Dockerfile becomes an image config."""
