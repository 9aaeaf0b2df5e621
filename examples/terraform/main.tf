# A homelab's containers, created with Terraform's Docker provider.
resource "docker_image" "grafana" {
  name = "grafana/grafana:11.1.0"
}

resource "docker_container" "grafana" {
  name  = "grafana"
  image = docker_image.grafana.image_id

  ports {
    internal = 3000
    external = 3000
  }
}

resource "docker_container" "postgres" {
  name  = "postgres"
  image = "postgres:16"

  ports {
    internal = 5432
    external = 5432
    ip       = "127.0.0.1"
  }
}

resource "docker_container" "node_exporter" {
  name         = "node-exporter"
  image        = "prom/node-exporter:v1.8.1"
  network_mode = "host"
}
