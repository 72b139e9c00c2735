# The image deploy/k8s/cronjob.yaml runs: synergy as one static binary, the
# shipped datasets (both profiles' manifests), cbc for the plan backtest and CA
# certificates for the live profile's HTTPS fetches.
#
#   docker build -t registry.example.org/synergy:latest .
#
# The binary links DuckDB statically (cgo, external linker, -static). The netgo
# and osusergo tags keep Go's own DNS resolver and user lookup, so the binary does
# not load glibc's NSS modules at run time; the linker still warns that DuckDB
# uses dlopen (extension loading, never used: extensions are linked in) and
# getpwuid (expanding "~" in paths, which synergy never passes).

FROM golang:1.26-trixie AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -tags netgo,osusergo \
      -ldflags '-s -w -linkmode external -extldflags -static' \
      -o /out/synergy ./cmd/synergy \
 && /out/synergy version

FROM debian:trixie-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates coinor-cbc \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin synergy
COPY --from=build /out/synergy /usr/local/bin/synergy
COPY datasets /opt/synergy/datasets
COPY docs /opt/synergy/docs
USER 10001:10001
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/synergy"]
CMD ["status", "--out", "/data/out"]
