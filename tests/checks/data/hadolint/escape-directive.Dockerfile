# escape=`
# The backtick continues lines.
# hadolint: DL3025 at 5, DL4003 at 7. cmdresolve: CR108 at 5, CR106 at 5.
FROM alpine:3.20
CMD echo one `
    two
CMD ["final"]
