"""Editing through the admin as staff do, for the history and safety-net tests."""

from reversion.models import Version

from projects.models import GalleryImage, Project, ProjectPartner
from tests.admin_forms import open_change_form
from tests.images import upload


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


def project_with_gallery_and_funder():
    """A project of the initial content with two gallery images and a funder."""
    project = Project.objects.filter(project_partners__role=ProjectPartner.Role.FUNDER).first()
    for number in (1, 2):
        GalleryImage.objects.create(
            project=project,
            image=upload(f"picture-{number}.jpg"),
            image_alt_en=f"Picture {number}",
            image_alt_nl=f"Foto {number}",
            order=number,
        )
    return project


def funder_of(project):
    return (
        ProjectPartner.objects.filter(project=project, role=ProjectPartner.Role.FUNDER)
        .first()
        .partner
    )
