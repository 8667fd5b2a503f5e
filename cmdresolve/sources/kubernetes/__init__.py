"""Kubernetes manifests in YAML or JSON, read as the API server decodes them."""
