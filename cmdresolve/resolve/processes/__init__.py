"""The container's other processes: probes, lifecycle hooks and health checks, each
resolved with the exec rules of the system that starts it."""
