# A shell-form ENTRYPOINT in a named stage the final stage only copies from.
# hadolint: DL3025 at 5. cmdresolve: CR102 at 5 (--target build).
FROM golang:1.22 AS build
WORKDIR /src
ENTRYPOINT go run .
FROM alpine:3.20
COPY --from=build /src/app /app
ENTRYPOINT ["/app"]
