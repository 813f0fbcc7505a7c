"""Parts of the site's surroundings a test (or the benchmark) can start, stop and freeze
itself: its own Redis on a free port, a TCP proxy in front of PostgreSQL, the site under
gunicorn, and nginx in front with deploy/'s configuration.
The machine's shared Redis and PostgreSQL are never touched."""

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
from render_nginx import render  # noqa: E402


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing answers on port {port}")


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [REDIS_SERVER, "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for_port(self.port)

    def stop(self):
        self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        self.process.wait(5)

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)


class TcpProxy:
    """Forwards a free loopback port to `upstream`. `cut()` closes every connection and
    refuses new ones at once; `freeze()` closes them and lets new ones hang, as a
    database host that has stopped answering does; `stall()` keeps them open but
    carries nothing more, and lets new ones hang, as a frozen host looks to a client
    connected before (the kernel still acknowledges, nothing answers); `restore()`
    forwards again."""

    def __init__(self, upstream_port):
        self.upstream = ("127.0.0.1", upstream_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.state = "up"
        self.connections = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _address = self.listener.accept()
            if self.state == "cut":
                client.close()
            elif self.state in ("frozen", "stalled"):
                self._track(client)
            else:
                upstream = socket.create_connection(self.upstream)
                self._track(client, upstream)
                threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _track(self, *sockets):
        with self.lock:
            self.connections.extend(sockets)

    def _pump(self, client, upstream):
        pair = {client: upstream, upstream: client}
        try:
            while True:
                if self.state == "stalled":
                    time.sleep(0.05)
                    continue
                readable, _, _ = select.select(list(pair), [], [], 0.1)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    pair[sock].sendall(data)
        except (OSError, ValueError):  # ValueError: a socket closed meanwhile
            return

    def _close_all(self):
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.connections.clear()

    def cut(self):
        self.state = "cut"
        self._close_all()

    def freeze(self):
        self.state = "frozen"
        self._close_all()

    def stall(self):
        self.state = "stalled"

    def restore(self):
        self._close_all()
        self.state = "up"

    def close(self):
        self.state = "closed"
        self._close_all()
        self.listener.close()


class Site:
    """The site under gunicorn, as production runs it, with the given environment."""

    def __init__(self, port=None, threads=4, **environment):
        self.port = port or free_port()
        env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", **environment}
        command = [
            *(sys.executable, "-m", "gunicorn", "citymined.wsgi"),
            *("--bind", f"127.0.0.1:{self.port}", "--worker-class", "gthread"),
            *("--workers", "1", "--threads", str(threads), "--timeout", "60"),
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_port(self.port, timeout=30)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class Nginx:
    """Debian's nginx with the rendered configuration of deploy/, on a free port."""

    def __init__(self, folder, port, upstream_ports, static_root):
        self.folder = Path(folder) / "nginx"
        self.folder.mkdir()
        self.port = port
        (self.folder / "citymined.conf").write_text(
            render(
                ["127.0.0.1", "localhost"],
                upstreams=[f"127.0.0.1:{port}" for port in upstream_ports],
                listen=[f"127.0.0.1:{self.port}"],
                static_root=static_root,
                media_root=Path(folder) / "media",
                cache_dir=self.folder / "cache",
            )
        )
        temporary = "\n".join(
            f"  {kind}_temp_path {self.folder / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.folder / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1;\npid {self.folder / 'nginx.pid'};\n"
            + f"error_log {self.folder / 'error.log'};\nevents {{}}\nhttp {{\n"
            + "  include /etc/nginx/mime.types;\n"
            + "  log_format refresh '$remote_addr $host $request $status "
            + "$upstream_cache_status refresh=$http_x_citymined_refresh';\n"
            + f"  access_log {self.folder / 'access.log'} refresh;\n{temporary}\n"
            + f"  include {self.folder / 'citymined.conf'};\n}}\n"
        )
        self.process = subprocess.Popen(
            [NGINX, "-e", str(self.folder / "error.log"), "-p", str(self.folder)]
            + ["-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
