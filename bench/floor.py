"""The floor: a bare WSGI app, served by the same gunicorn as the site, so that the
bench can say how close a page comes to what the server itself costs."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
