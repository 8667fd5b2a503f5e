# The first stage has no name: no --target selects it and no FROM can name it
# (BuildKit matches both by stage name only), so its CMDs reach no image.
# hadolint: DL3025 at 7, DL4003 at 8, DL3025 at 11.
# cmdresolve: CR108 at 11 only; 7 and 8 have no counterpart (UNREACHABLE).
FROM golang:1.22
RUN go build -o /app .
CMD go run .
CMD ["/app"]
FROM alpine:3.20
COPY --from=0 /app /app
CMD /app --serve
