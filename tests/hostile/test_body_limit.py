"""A request body over the limit is refused before the application reads it."""

import io

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


class Unreadable(io.RawIOBase):
    """A body that fails if anything reads it: the refusal must come first."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = read


def post_with_length(path, length):
    client = Client()
    return client.generic(
        "POST",
        path,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )


@pytest.mark.parametrize("path", ["/en/", "/admin/login/", "/en/search/", "/healthz"])
def test_a_200_mb_post_is_refused_unread(settings, path):
    response = post_with_length(path, 200 * 1024 * 1024)
    assert response.status_code == 413


def test_a_body_just_over_the_limit_is_refused(settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    assert post_with_length("/en/", 1001).status_code == 413


def test_an_ordinary_form_is_not_refused(client):
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 200
