# ONBUILD CMD/ENTRYPOINT: stored, not run, in their stage; BuildKit runs them first in
# a stage built from it (convert.go: initOnBuildTriggers).
# hadolint: nothing (it neither checks trigger forms nor counts triggers).
# cmdresolve: CR108 and CR106 at 10 (the trigger's shell-form CMD runs in the child
# stage, whose own CMD replaces it), which hadolint does not see.
FROM alpine:3.20 AS base
ONBUILD CMD echo triggered
ONBUILD ENTRYPOINT ["/bin/trigger"]
CMD ["base"]
FROM base
CMD ["child"]
