# kycsim: one static binary serving every emulated API on :8080.
#   docker build -t kycsim .
#   docker run -p 8080:8080 kycsim
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /kycsim ./cmd/kycsim

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /kycsim /kycsim
EXPOSE 8080
ENV KYCSIM_ADDR=:8080
ENTRYPOINT ["/kycsim"]
