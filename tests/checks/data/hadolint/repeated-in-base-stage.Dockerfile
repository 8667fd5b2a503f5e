# Repeats in a base stage and in the final stage; a CMD in each stage is no repeat.
# hadolint: DL4004 at 5, DL4003 at 9. cmdresolve: CR106 at 4 and 8.
FROM alpine:3.20 AS base
ENTRYPOINT ["/bin/first"]
ENTRYPOINT ["/bin/second"]
CMD ["x"]
FROM base
CMD ["y"]
CMD ["z"]
