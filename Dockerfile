# fkas as a container image: one self-contained binary on a distroless base.
#
#   docker build -t fkas:0.1.0 .
#   docker run --rm -p 3333:3333 -p 20000-20099:20000-20099 fkas:0.1.0 serve --ports 20000-20099
#
# Flags and FKAS_* environment variables are the same as for `fkas serve` anywhere else
# (`docker run --rm fkas:0.1.0 --help`).

# Builder: Bun compiles main.ts, its sources and node_modules into one executable (no runtime
# download, so the build works offline once the dependencies are installed).
FROM oven/bun:1.4.5 AS builder
WORKDIR /src
# Dependencies first, so editing the sources does not invalidate this layer.
COPY package.json bun.lock ./
RUN bun install --frozen-lockfile
COPY main.ts ./
COPY src/ ./src/
RUN bun build --compile main.ts --outfile /fkas

# Runtime: distroless "base" rather than "static", because a Bun executable links against glibc
# (libc, libpthread, libdl, libm). "nonroot" runs as uid/gid 65532 and has no shell.
FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=builder /fkas /fkas
USER 65532:65532
# The control API; the fake clusters listen on --ports (20000-30000 by default), one port each.
EXPOSE 3333
ENTRYPOINT ["/fkas"]
# Outside a pod fkas binds loopback by default; in a container that would be unreachable through
# `docker run -p`, and the container is the boundary: bind every interface of the container.
# (Arguments given to `docker run` replace these; in a pod the manifests set their own.)
CMD ["serve", "--control-address=0.0.0.0:3333", "--listen-host=0.0.0.0"]
