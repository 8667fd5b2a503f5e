# SHELL changes the shell shell forms are wrapped in, not whether they are shell form.
# hadolint: DL3025 at 6 and 8. cmdresolve: CR108 at 6 (the base stage's CMD, reset by
# the child's ENTRYPOINT), CR102 at 8.
FROM alpine:3.20 AS base
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
CMD echo base | tee /log
FROM base
ENTRYPOINT cat /log
