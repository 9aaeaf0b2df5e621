"""Test fixtures that start the services the integration tests talk to."""
import docker
import pytest


@pytest.fixture(scope="session")
def redis():
    client = docker.from_env()
    container = client.containers.run("redis:7", detach=True, ports={"6379/tcp": 6379})
    yield container
    container.remove(force=True)


@pytest.fixture(scope="session")
def api():
    client = docker.from_env()
    ports = {"8000/tcp": ("127.0.0.1", 8000)}
    container = client.containers.run("example/api:latest", detach=True, ports=ports)
    yield container
    container.remove(force=True)
