"""What `manage.py check` (and so `migrate` and `makemigrations`) says of a kind of
content whose declarations the shared machinery cannot use: refused here, with what to
change, rather than by a migration that fails halfway or a search that breaks."""

from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from modeltranslation.translator import NotRegistered, translator

from content.fields import RichTextField
from content.models import content_models

# The fields every item's search vector reads already (content/search_vectors.py).
SEARCHED_ANYWAY = ("title", "body")


def check_content_kinds(app_configs=None, **kwargs):
    errors = []
    for model in content_models():
        if app_configs is None or model._meta.app_config in app_configs:
            errors.extend(check_summary_field(model))
    return errors


def check_summary_field(model):
    """The summary is a sentence or two of plain text in each language, of its own:
    lists, search results, search engines and link previews show it, and search reads
    it beside the title and the text."""
    name = model.summary_field
    if name is None:
        return []
    label = f"{model.__name__}.summary_field"
    hint = (
        f"Set {label} to a short plain-text field of {model.__name__} registered in its "
        "app's translation.py (a CharField such as 'teaser' or 'description'), or to None "
        "if it has no summary."
    )
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return [
            checks.Error(
                f"{label} names '{name}', which is no field of {model.__name__}.",
                hint=hint,
                obj=model,
                id="content.E002",
            )
        ]
    if name in SEARCHED_ANYWAY or isinstance(field, RichTextField):
        return [
            checks.Error(
                f"{label} names '{name}', the item's {'rich text' if name != 'title' else 'title'}"
                ": a summary is a short text of its own, shown where the whole text is not.",
                hint=hint,
                obj=model,
                id="content.E001",
            )
        ]
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = {}
    if name not in translated:
        return [
            checks.Error(
                f"{label} names '{name}', which is not translated: the summary is shown "
                "in each language.",
                hint=hint,
                obj=model,
                id="content.E003",
            )
        ]
    return []
