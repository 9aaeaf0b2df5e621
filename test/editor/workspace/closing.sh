docker run -p 8443:443 proxy
