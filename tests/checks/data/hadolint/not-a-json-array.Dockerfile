# JSON that is not an array of strings BuildKit accepts: a trailing comma, a string.
# hadolint: DL3025 at 5 and 7. cmdresolve: CR101 at 5 (BuildKit keeps the text as
# shell form; seen with --target comma) and CR108 at 7.
FROM alpine:3.20 AS comma
CMD ["echo", "hi",]
FROM alpine:3.20 AS string
CMD "echo hi"
