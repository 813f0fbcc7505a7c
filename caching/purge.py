"""Purges at the proxy in front (deploy/nginx) the addresses an edit changed, as Wagtail's
frontend cache does: the item's, in every language, and every page that takes no argument
(home, lists, feeds). Other pages showing the item follow within HTTP_CACHE_SECONDS +
HTTP_STALE_SECONDS. Debian's nginx has no purge module: the site asks for each address
again with the refresh header, and nginx keeps the new answer."""

import contextlib
import functools
import http.client
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from content.models import LANGUAGE_CODES, url_in

logger = logging.getLogger(__name__)


def addresses_of(instance):
    """The addresses an edit of `instance` changed (none without a proxy)."""
    if not settings.FRONTEND_CACHE_URL:
        return set()
    addresses = set(list_addresses())
    for item in [instance, *_items_shown_with(instance)]:
        if hasattr(item, "get_absolute_url"):
            for code in LANGUAGE_CODES:
                with contextlib.suppress(NoReverseMatch, ValueError):  # none in that language
                    addresses.add(url_in(item, code))
    return addresses


def addresses_showing(instance):
    """What an edit of `instance`, shown by content (a picture of the library), changed:
    its addresses, and those of the items (or parts, such as a gallery's row) pointing to it."""
    addresses = addresses_of(instance)
    for relation in instance._meta.get_fields(include_hidden=True) if addresses else ():
        if relation.auto_created and not relation.concrete and relation.related_model:
            pointing = relation.related_model._base_manager
            for item in pointing.filter(**{relation.field.name: instance}):
                addresses.update(addresses_of(item))
    return addresses


def _items_shown_with(instance):
    """What `instance` is a part of (a gallery row's project): what its foreign keys point to."""
    for field in instance._meta.concrete_fields:
        if field.many_to_one:
            with contextlib.suppress(ObjectDoesNotExist):
                yield getattr(instance, field.name)


@functools.cache
def list_addresses():
    """Every public address that takes no argument, in every language."""
    names = list(_argumentless_names(get_resolver().url_patterns))
    addresses = set()
    for code in LANGUAGE_CODES:
        with translation.override(code):
            addresses.update(reverse(name) for name in names)
    return addresses


def _argumentless_names(patterns, namespace=""):
    for pattern in patterns:
        if pattern.pattern.regex.groups:  # it takes arguments
            continue
        if isinstance(pattern, URLResolver) and pattern.namespace != "admin":
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _argumentless_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def purge(addresses):
    if addresses and settings.FRONTEND_CACHE_URL:
        # The editor does not wait for nginx, which may wait for this worker; not a
        # daemon, so that a command that saved still purges before it exits.
        threading.Thread(target=refresh, args=(sorted(addresses),), name="purge").start()


def refresh(paths):
    proxy = urlsplit(settings.FRONTEND_CACHE_URL)
    for host in settings.FRONTEND_CACHE_HOSTS:
        connection = http.client.HTTPConnection(proxy.hostname, proxy.port or 80, timeout=30)
        try:
            for path in paths:
                connection.request("GET", path, headers={"Host": host, "X-Citymined-Refresh": "1"})
                connection.getresponse().read()
        except OSError as error:
            logger.warning("The proxy's copies were not refreshed: %s", error)
        finally:
            connection.close()
