# Continuations and comment lines: hadolint reports an instruction's first line;
# cmdresolve findings are compared by the instruction whose lines they fall on.
# hadolint: DL3025 at 7 and 9. cmdresolve: CR102 at 7, CR108 at 9.
FROM node:22-alpine
# a comment line before an instruction
ENV PORT=80
Entrypoint \
    exec node
CMD server.js \
# a comment line inside the continuation is dropped
    --port "$PORT" \
    --host 0.0.0.0
