# An unterminated bracket: shell form, and the ENTRYPOINT runs.
# hadolint: DL3025 at 4. cmdresolve: CR101 and CR102 at 4.
FROM alpine:3.20
ENTRYPOINT ["/docker-entrypoint.sh", "serve"
