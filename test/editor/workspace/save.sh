docker run -p 9000:9000 minio/minio server /data
