#!/usr/bin/env python3
"""Writes deploy/nginx/citymined.conf.template with this host's values filled in.

    python3 deploy/render_nginx.py --server-name www.citymined.org citymined.org \\
        --tls-certificate /etc/letsencrypt/live/www.citymined.org/fullchain.pem \\
        --tls-key /etc/letsencrypt/live/www.citymined.org/privkey.pem \\
        > /etc/nginx/sites-available/citymined

Only the standard library: it runs before the site's virtualenv exists."""

import argparse
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "citymined.conf.template"


def render(
    server_names,
    upstreams=("unix:/run/citymined/gunicorn.sock",),
    listen=None,
    static_root="/srv/citymined/static",
    media_root="/srv/citymined/media",
    cache_dir="/var/cache/citymined-nginx",
    tls_certificate=None,
    tls_key=None,
    session_cookie="sessionid",
):
    tls = bool(tls_certificate)
    listen = listen or (["443 ssl http2", "[::]:443 ssl http2"] if tls else ["80", "[::]:80"])
    values = {
        "UPSTREAMS": "\n    ".join(f"server {upstream};" for upstream in upstreams),
        # Edits are pushed to the loopback: the refreshes need not speak TLS.
        "LISTEN": "\n    ".join(f"listen {address};" for address in listen)
        + ("\n    listen 127.0.0.1:8080;" if tls else ""),
        "SERVER_NAME": " ".join(server_names),
        "TLS": (
            f"ssl_certificate {tls_certificate};\n    ssl_certificate_key {tls_key};" if tls else ""
        ),
        "REDIRECT_SERVER": (
            "server {\n    listen 80;\n    listen [::]:80;\n"
            f"    server_name {' '.join(server_names)};\n    server_tokens off;\n"
            "    return 301 https://$host$request_uri;\n}"
            if tls
            else ""
        ),
        # Behind TLS every request the site sees was made over HTTPS (the loopback
        # refreshes included), so the site's own redirect to HTTPS never fires here.
        "FORWARDED_PROTO": "https" if tls else "$scheme",
        "STATIC_ROOT": str(static_root).rstrip("/"),
        "MEDIA_ROOT": str(media_root).rstrip("/"),
        "CACHE_DIR": str(cache_dir),
        "SESSION_COOKIE": session_cookie,
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-name", nargs="+", required=True)
    parser.add_argument("--upstream", nargs="+", default=["unix:/run/citymined/gunicorn.sock"])
    parser.add_argument("--listen", nargs="+")
    parser.add_argument("--static-root", default="/srv/citymined/static")
    parser.add_argument("--media-root", default="/srv/citymined/media")
    parser.add_argument("--cache-dir", default="/var/cache/citymined-nginx")
    parser.add_argument("--tls-certificate")
    parser.add_argument("--tls-key")
    args = parser.parse_args(argv)
    sys.stdout.write(
        render(
            args.server_name,
            upstreams=args.upstream,
            listen=args.listen,
            static_root=args.static_root,
            media_root=args.media_root,
            cache_dir=args.cache_dir,
            tls_certificate=args.tls_certificate,
            tls_key=args.tls_key,
        )
    )


if __name__ == "__main__":
    main()
