"""Command-line helpers; run them on the host or inside docker, whichever is at hand."""
import argparse
import http.server


def serve(port=8080, directory="."):
    handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=directory)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    serve(parser.parse_args().port)
