"""Links to other sites that editors (or an import, or the shell) store: only http and
https. Templates put them in an `href`, where `javascript:` or `data:` would run."""

from urllib.parse import urlsplit

from django.core.validators import URLValidator
from django.db import models

WEB_SCHEMES = ("http", "https")
validate_web_address = URLValidator(schemes=list(WEB_SCHEMES))


def is_web_address(value):
    return bool(value) and urlsplit(str(value).strip()).scheme.lower() in WEB_SCHEMES


def web_address(value):
    """`value` when it is an http(s) address, else "": what a page may link to even if
    something stored another kind of address before this rule existed."""
    return str(value).strip() if is_web_address(value) else ""


class WebAddressField(models.URLField):
    """A URLField checked on every save, not only in forms: code paths outside the
    admin (imports, scripts, the shell) save without a form."""

    default_validators = [validate_web_address]

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if value:
            self.run_validators(value)
        return value
