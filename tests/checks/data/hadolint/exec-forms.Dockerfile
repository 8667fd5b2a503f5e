# Exec forms only, one CMD and one ENTRYPOINT per stage: neither tool reports.
FROM alpine:3.20 AS base
ENTRYPOINT []
CMD [ "sh" ]
FROM base
ENTRYPOINT ["/usr/bin/env", \
            "app"]
cmd ["--serve", "--port=80"]
