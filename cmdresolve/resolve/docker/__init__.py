"""Docker: the CLI's overrides and the daemon's merge with the image config."""
