#!/bin/sh
docker run -d -p 3456:3000 app-in-port
