#!/usr/bin/env bash
# Start the demo stack by hand. Every command below shows one rule.
set -euo pipefail

# public-bind: no address means every interface, IPv4 and IPv6.
docker run -d -p 3456:3000 app-in-port

# public-bind: a random host port, still on every interface.
docker run -d -p 4567 app-in-port

# public-bind as an error: PostgreSQL must never be public.
docker run -d --name db -e POSTGRES_PASSWORD=secret -p 5432:5432 postgres:16

# Fine: loopback only.
docker run -d -p 127.0.0.1:8080:80 nginx

# publish-all: every EXPOSEd port on a random public port.
docker run -dP --name web nginx

# host-network: the container listens on the host's interfaces directly.
sudo docker run --rm --network host prom/node-exporter

# invalid-port: Docker refuses host names as addresses.
docker run -p localhost:9000:9000 minio/minio server /data

# port-conflict: 8080 is already published above.
docker run -d -p 127.0.0.1:8080:8080 \
  --name api api:latest

# Not ours: -p after the image belongs to the container's command.
docker run img server -p 8080:80
echo "docker run -p 80:80 this-is-only-text"

# A deliberate public port, silenced.
# docker-port-safety ignore public-bind
docker run -d -p 443:443 traefik:v3
