// Package testenv starts the containers the integration tests need.
package testenv

import (
	"context"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
	"github.com/docker/go-connections/nat"
)

// StartNginx publishes nginx for the browser tests.
func StartNginx(ctx context.Context, cli *client.Client) (string, error) {
	created, err := cli.ContainerCreate(ctx,
		&container.Config{Image: "nginx:1.27"},
		&container.HostConfig{
			PortBindings: nat.PortMap{
				"80/tcp": []nat.PortBinding{{HostPort: "8080"}},
			},
		},
		nil, nil, "test-nginx")
	return created.ID, err
}
