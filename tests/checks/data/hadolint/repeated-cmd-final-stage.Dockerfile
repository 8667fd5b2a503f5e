# Three CMDs in the final stage: the pairs (5, 6) and (6, 7).
# hadolint: DL4003 at 6 and 7 (each later CMD), DL3025 at 6.
# cmdresolve: CR106 at 5 and 6 (each replaced CMD), CR108 at 6.
FROM alpine:3.20
CMD ["crond", "-f"]
CMD nginx -g 'daemon off;'
CMD ["nginx", "-g", "daemon off;"]
