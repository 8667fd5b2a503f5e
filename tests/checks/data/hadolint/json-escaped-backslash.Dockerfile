# Valid JSON with an escaped backslash before a quote (`\\"`): exec form to BuildKit
# (["cmd", "/S", "/C", "dir C:\"]), but hadolint's JSON reader takes `\"` for an
# escaped quote, finds the string unterminated and reports shell form.
# hadolint: DL3025 at 6. cmdresolve: nothing (HADOLINT_ONLY).
FROM alpine:3.20
CMD ["cmd", "/S", "/C", "dir C:\\"]
