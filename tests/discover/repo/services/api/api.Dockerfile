FROM golang:1.22 AS build
FROM scratch
ENTRYPOINT ["/api"]
CMD ["serve"]
