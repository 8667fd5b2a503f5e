# A shell-form CMD in the only stage.
# hadolint: DL3025 at 5. cmdresolve: CR108 at 5.
FROM alpine:3.20
WORKDIR /srv
CMD node server.js --port 80
