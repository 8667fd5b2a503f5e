# CMD without arguments: BuildKit stores ["/bin/sh", "-c", ""].
# hadolint refuses to parse the file (DL1000). cmdresolve: CR108 at 5.
FROM alpine:3.20
RUN true
CMD
