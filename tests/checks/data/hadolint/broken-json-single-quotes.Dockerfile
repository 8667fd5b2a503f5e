# Single quotes are not JSON: BuildKit keeps the text as shell form.
# hadolint: DL3025 at 4. cmdresolve: CR101 at 4.
FROM alpine:3.20
CMD ['echo', 'hello']
