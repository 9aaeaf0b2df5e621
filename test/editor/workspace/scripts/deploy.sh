#!/bin/sh
docker run -d -P grafana/grafana
