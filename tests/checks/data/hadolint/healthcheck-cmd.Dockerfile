# HEALTHCHECK's CMD in shell form: not the container's command, and BuildKit's own
# JSONArgsRecommended check leaves it alone, but hadolint's DL3025 reports it.
# hadolint: DL3025 at 6. cmdresolve: nothing (HADOLINT_ONLY).
FROM nginx:1.27
CMD ["nginx", "-g", "daemon off;"]
HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
