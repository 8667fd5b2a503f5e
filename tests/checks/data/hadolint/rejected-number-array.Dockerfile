# A JSON array of numbers: BuildKit refuses the file ("arrays must be comprised of
# strings only"), and so does cmdresolve. hadolint: DL3025 at 4.
FROM alpine:3.20
CMD [1, 2]
