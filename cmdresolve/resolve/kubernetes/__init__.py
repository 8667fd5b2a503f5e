"""Kubernetes: the kubelet's env and ``$(VAR)`` expansion, and the CRI runtime's merge."""
