"""What a page says about itself to search engines and link previews: canonical URL,
hreflang alternates, title, description, Open Graph and structured data (JSON-LD).

Everything derives from the object the page shows, what its model declares
(`summary_field`, `og_type`, `linked_data()`) and "exists in language X"; the alternates
come from `seo.sitemaps.language_links`, as the sitemap's do."""

import json
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from caching.fragments import cached
from content.models import Content, plain_text, shown_value, url_in
from media.images import picture_of
from media.models import Image
from seo.sitemaps import content_locations, language_links, section_locations

SHARE_IMAGE = "img/share.png"
LOGO = "img/logo.png"
DESCRIPTION_WORDS = 30
# Query parameters that make a list page different content of its own; every other
# parameter (filters, preview, tracking) is left out of the canonical URL.
CANONICAL_PARAMETERS = ("page",)


def site_description():
    return _(
        "City Mine(d) makes urban development everyone's business: over a hundred "
        "projects in twelve European cities since 1997."
    )


def content_object(context):
    obj = context.get("object")
    return obj if isinstance(obj, Content) else None


def alternates(request, context, obj):
    """The page's hreflang links: an object's languages, or every language for a
    section that exists in all of them; none for other pages (search, errors)."""
    if obj is not None:
        locations = content_locations(obj)
    elif context.get("in_every_language"):
        locations = section_locations(request.resolver_match.view_name)
    else:
        return []
    return language_links(
        {code: request.build_absolute_uri(path) for code, path in locations.items()}
    )


def page_head(context):
    request = context.get("request")
    if request is None:  # rendered outside a request: nothing to link to
        title = context.get("page_title") or context["organisation"].name
        return {
            "title": title,
            "document_title": document_title(title, context["organisation"].name),
            "description": site_description(),
            "feeds": feed_links,
        }
    language = get_language()
    obj = content_object(context)
    links = alternates(request, context, obj)
    languages = [link["lang_code"] for link in links if link["lang_code"] != "x-default"]
    text_language = _text_language(obj, language)
    # A page read in a language it does not exist in shows another language's text:
    # its canonical is the version in that language.
    canonical_language = text_language if text_language in languages else language
    title = _title(context, obj, language)
    return {
        "canonical": _canonical(request, obj, canonical_language),
        "alternates": links,
        "title": title,
        "document_title": document_title(title, context["organisation"].name),
        "description": _description(obj, text_language),
        "type": obj.og_type if obj is not None else "website",
        "locale": og_locale(canonical_language),
        "locale_alternates": [og_locale(code) for code in languages if code != canonical_language],
        "noindex": bool(context.get("preview") or context.get("noindex")),
        # Worked out by the template, which calls it, only when it draws them: the copies
        # of the head and footer it keeps do not.
        "feeds": feed_links,
        **_image(request, obj, text_language, context["organisation"]),
    }


def og_locale(language):
    return settings.SITE_LANGUAGES[language]["og_locale"]


def _text_language(obj, language):
    if obj is None:
        return language
    return shown_value(obj, "body", language)[1] or language


def _canonical(request, obj, language):
    if obj is not None:
        return request.build_absolute_uri(url_in(obj, language))
    kept = {key: request.GET[key] for key in CANONICAL_PARAMETERS if key in request.GET}
    if kept.get("page") == "1":
        del kept["page"]
    query = f"?{urlencode(kept)}" if kept and len(kept) == len(request.GET) else ""
    return request.build_absolute_uri(request.path + query)


def _title(context, obj, language):
    """The page's title as the visitor reads it: `<title>`, og:title and JSON-LD."""
    if obj is not None:
        return shown_value(obj, "title", language)[0]
    return context.get("page_title") or context["organisation"].name


def document_title(title, brand):
    """The `<title>`: the page's title followed by the organisation's name, unless the
    title names it already ("About City Mine(d)"), which would then read twice."""
    if brand.casefold() in title.casefold():
        return title
    return f"{title} · {brand}"


def _description(obj, language):
    if obj is None:
        return site_description()
    if obj.summary_field:
        summary = getattr(obj, f"{obj.summary_field}_{language}", None)
        if summary and summary.strip():
            return summary.strip()
    body = plain_text(getattr(obj, f"body_{language}", ""))
    return Truncator(body).words(DESCRIPTION_WORDS) or site_description()


def _image(request, obj, language, organisation):
    picture = getattr(obj, "cover", None)
    cover = picture_of(picture, "share") if isinstance(picture, Image) else None
    if cover:
        return {
            "image": request.build_absolute_uri(cover["src"]),
            "image_alt": shown_value(picture, "alt", language)[0],
            "image_width": cover["width"],
            "image_height": cover["height"],
        }
    return {
        "image": request.build_absolute_uri(static(SHARE_IMAGE)),
        "image_alt": organisation.name,
        "image_width": 1200,
        "image_height": 630,
    }


def feed_links():
    return [
        {"type": "application/atom+xml", "name": "Atom", "url": reverse("feeds:atom")},
        {"type": "application/rss+xml", "name": "RSS", "url": reverse("feeds:rss")},
    ]


# Structured data (schema.org as JSON-LD).


def organisation_data(request, organisation):
    """The organisation as the page's language names it: its address differs."""
    own_host = request.get_host()
    data = {
        "@type": "NGO",
        "@id": organisation_id(request),
        "name": organisation.name,
        "url": request.build_absolute_uri(reverse(settings.HOME_URL_NAME)),
        "logo": request.build_absolute_uri(static(LOGO)),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": organisation.street,
            "postalCode": organisation.postal_code,
            "addressLocality": organisation.locality,
            "addressCountry": organisation.country,
        },
        "contactPoint": [
            {
                "@type": "ContactPoint",
                "contactType": "customer service",
                "telephone": number,
                "email": organisation.email,
                "availableLanguage": [code for code, _name in settings.LANGUAGES],
            }
            for number, _label in organisation.phone_numbers()
        ],
        # Its own other sites and profiles (never a partner's or a project's site: sameAs
        # says "the same entity"), not this site under another name.
        "sameAs": [url for url in organisation.own_links() if urlsplit(url).netloc != own_host],
    }
    if organisation.email:
        data["email"] = organisation.email
    if organisation.founded:
        data["foundingDate"] = organisation.founded.isoformat()
    return data


def organisation_id(request):
    return request.build_absolute_uri("/") + "#organisation"


def json_ld(data):
    """A JSON-LD script element. The browser never runs it (so CSP leaves it alone), but
    `</script>` in an editor's text must not end it: escaped as Django's json_script does."""
    text = json.dumps(
        {"@context": "https://schema.org", **data}, ensure_ascii=False, separators=(",", ":")
    )
    text = text.translate({ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"})
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _organisation_script(request, organisation):
    """The same on every page of a language and host: cached until an edit."""
    key = ("organisation-json-ld", get_language(), request.scheme, request.get_host())
    return cached(key, lambda: json_ld(organisation_data(request, organisation)))


def structured_data(context):
    request = context.get("request")
    if request is None:
        return ""
    scripts = [_organisation_script(request, context["organisation"])]
    obj = content_object(context)
    if obj is not None:
        head = {**context["head"], "organisation_id": organisation_id(request)}
        data = obj.linked_data(head)
        if data:
            scripts.append(json_ld(data))
    return mark_safe("\n".join(scripts))
