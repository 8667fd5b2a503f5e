# A shell-form ENTRYPOINT of a base stage, replaced by the child stage's exec form
# (another stage: not a repeat for either tool). hadolint: DL3025 at 6.
# cmdresolve: CR108 at 6 (a stage the image is built from), and CR102 at 6 with
# --target base (the image it runs in).
FROM alpine:3.20 AS base
ENTRYPOINT /usr/local/bin/base-entry
FROM base
ENTRYPOINT ["/usr/local/bin/app"]
