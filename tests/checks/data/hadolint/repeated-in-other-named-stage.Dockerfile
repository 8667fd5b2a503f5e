# Repeats in a named stage the final stage does not build from (--target tools).
# hadolint: DL3025 at 4, DL4003 at 5. cmdresolve: CR108 at 4, CR106 at 4.
FROM alpine:3.20 AS tools
CMD echo tools
CMD ["tools"]
FROM alpine:3.20
CMD ["app"]
