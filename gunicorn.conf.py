"""Read by gunicorn when it starts in the project folder (`gunicorn citymined.wsgi`)."""

import gunicorn.http.wsgi

# gunicorn always sends a Server header, by default with its name: name nothing an
# attacker could look up vulnerabilities for. (nginx in front drops it anyway.)
gunicorn.http.wsgi.SERVER = "-"
