"""Using the admin as staff do: reading a form as a browser would submit it, posting
it back with changes, and the versions it keeps."""

from html.parser import HTMLParser

from django.test import Client
from reversion.models import Version


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values = {}
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        # A browser sends nothing for a disabled field.
        name = None if "disabled" in attrs else attrs.get("name")
        if tag == "input" and name:
            self._read_input(name, attrs)
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = [""]
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select].append(attrs.get("value", ""))

    def _read_input(self, name, attrs):
        kind = attrs.get("type", "text")
        if kind in {"submit", "button", "file", "image", "reset"}:
            return
        if kind in {"checkbox", "radio"} and "checked" not in attrs:
            return
        default = "on" if kind in {"checkbox", "radio"} else ""
        self.values.setdefault(name, []).append(attrs.get("value") or default)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data


def form_values(html, form_id):
    """The fields of the form `form_id` as the browser would post them, unchanged: a
    name → list of values mapping, as the test client accepts."""
    reader = _FormReader(form_id)
    reader.feed(html)
    # A textarea's content starts after the newline that follows its opening tag.
    return {
        name: [value.removeprefix("\n") for value in values]
        for name, values in reader.values.items()
    }


def open_change_form(client, url, form_id):
    response = client.get(url)
    assert response.status_code == 200
    return form_values(response.content.decode(), form_id)


def change_url(obj):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def form_id(obj):
    return f"{obj._meta.model_name}_form"


def save_in_admin(client, obj, **changes):
    """Open the change form of `obj`, change what `changes` says, save; the response."""
    data = open_change_form(client, change_url(obj), form_id(obj))
    data.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    return client.post(change_url(obj), data)


def versions_of(obj):
    """Its kept versions, oldest first."""
    return list(reversed(Version.objects.get_for_object(obj)))


def signed_in(user, language="en"):
    """A browser signed in to the admin as `user`, asking for `language`."""
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    return client


def new_project_data(**overrides):
    """What the add form for a project posts, filled in every language, no pictures."""
    data = {
        "title_nl": "Nieuw project",
        "title_fr": "Nouveau projet",
        "title_en": "New project",
        "slug_nl": "nieuw-project",
        "slug_fr": "nouveau-projet",
        "slug_en": "new-project",
        "teaser_nl": "",
        "teaser_fr": "",
        "teaser_en": "",
        "body_nl": "<p>Tekst</p>",
        "body_fr": "<p>Texte</p>",
        "body_en": "<p>Text</p>",
        "start_year": "2024",
        "end_year": "",
        "website": "",
        "cover": "",
        "cover_caption_nl": "",
        "cover_caption_fr": "",
        "cover_caption_en": "",
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "project_partners-TOTAL_FORMS": "0",
        "project_partners-INITIAL_FORMS": "0",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "offered_documents-TOTAL_FORMS": "0",
        "offered_documents-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def refused_keeping_the_upload(client, add_url, upload, filename):
    """Posts an add form with `upload` and no title: the form is refused, but not for
    the file, which is kept for the next try. Returns the page and the kept file's token."""
    response = client.post(add_url, {"file": upload})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors and "file" not in form.errors
    html = response.content.decode()
    assert f"Kept from your last attempt: {filename}" in html
    return html, html.split('name="file-kept" value="', 1)[1].split('"', 1)[0]
