import docker

client = docker.from_env()
web = client.containers.run("nginx:1.27", detach=True, ports={"80/tcp": 8080})
