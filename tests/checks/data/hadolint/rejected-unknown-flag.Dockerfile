# CMD takes no flags: BuildKit refuses the file ("unknown flag: --verbose"), and so
# does cmdresolve. hadolint: DL3025 at 4.
FROM alpine:3.20
CMD --verbose app
