#!/bin/sh
# Prepares the data folder, then runs the command, but as a child of this shell.
chown -R app /data
"$@"
