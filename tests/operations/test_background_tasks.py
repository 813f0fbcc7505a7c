"""Heavy work waits for the background worker instead of holding up a request."""

import subprocess
import sys
from pathlib import Path

from django.tasks import task
from django_tasks_db.models import DBTaskResult

DONE = []


@task
def remember(word):
    DONE.append(word)


def test_a_queued_task_runs_when_the_worker_runs_not_before(background_worker):
    DONE.clear()
    result = remember.enqueue("resized")
    assert DONE == []
    assert DBTaskResult.objects.ready().filter(id=result.id).exists()

    background_worker()

    assert DONE == ["resized"]
    assert not DBTaskResult.objects.ready().exists()


def test_the_worker_the_deployment_runs_starts_and_finds_the_queue(tmp_path):
    """`manage.py db_worker`, as make run and deploy/systemd start it, on a site's own
    database: migrated, queued, run."""
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "tests-only-key-never-used-in-production-0123456789abcdef",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "CONTENT_VERSION_FILE": str(tmp_path / "version"),
        "PATH": "/usr/bin:/bin",
    }
    manage = [sys.executable, str(Path(__file__).parents[2] / "manage.py")]

    def run(*args):
        return subprocess.run(
            [*manage, *args],
            env=env,
            cwd=manage[1].rsplit("/", 1)[0],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )

    run("migrate", "--no-input", "-v", "0")
    marker = tmp_path / "ran"
    run(
        "shell",
        "-c",
        f"from tests.operations.test_background_tasks import touch; touch.enqueue({str(marker)!r})",
    )
    assert not marker.exists()

    run("db_worker", "--batch", "--no-startup-delay")

    assert marker.read_text() == "done"


@task
def touch(path):
    Path(path).write_text("done")
