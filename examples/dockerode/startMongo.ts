// Starts MongoDB for local development with dockerode.
import Docker from 'dockerode';

const docker = new Docker();

export async function startMongo(): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: 'mongo:7',
    name: 'dev-mongo',
    HostConfig: {
      PortBindings: {
        '27017/tcp': [{ HostPort: '27017' }],
      },
    },
  });
  await container.start();
  return container;
}
