# A shell-form CMD after a shell-form ENTRYPOINT.
# hadolint: DL3025 at 4 and 5. cmdresolve: CR102 at 4, CR108 at 5.
FROM alpine:3.20
ENTRYPOINT exec /app
CMD serve --port 80
