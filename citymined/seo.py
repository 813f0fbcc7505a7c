"""What a page says about itself to search engines and link previews: canonical URL,
hreflang alternates, description, Open Graph and structured data (JSON-LD).

Everything derives from the object the page shows and "exists in language X"; the
alternates come from the sitemap itself (citymined.sitemaps.alternates)."""

import json
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from citymined import organisation
from citymined.content import Content, plain_text, shown_value, url_in
from citymined.images import renditions
from citymined.sitemaps import alternates
from citymined.web_addresses import web_address
from projects.models import ProjectPartner

SHARE_IMAGE = "img/share.png"
LOGO = "img/logo.png"
# The field that summarises an item in one or two sentences: Page.description,
# Project.teaser.
SUMMARY_FIELDS = ("description", "teaser")
DESCRIPTION_WORDS = 30
# Query parameters that make a list page different content of its own; every other
# parameter (filters, preview, tracking) is left out of the canonical URL.
CANONICAL_PARAMETERS = ("page",)


def site_description():
    return _(
        "City Mine(d) makes urban development everyone's business: over a hundred "
        "projects in twelve European cities since 1997."
    )


def is_project(obj):
    return obj is not None and obj._meta.label == "projects.Project"


def content_object(context):
    obj = context.get("object")
    return obj if isinstance(obj, Content) else None


def page_head(context):
    request = context.get("request")
    if request is None:  # rendered outside a request: nothing to link to
        return {"description": site_description(), "feeds": feed_links()}
    language = get_language()
    obj = content_object(context)
    resolver_match = getattr(request, "resolver_match", None)
    item = obj or getattr(resolver_match, "view_name", None)
    links = alternates(request, item)
    languages = [link["lang_code"] for link in links if link["lang_code"] != "x-default"]
    text_language = _text_language(obj, language)
    # A page read in a language it does not exist in shows another language's text:
    # its canonical is the version in that language.
    canonical_language = text_language if text_language in languages else language
    head = {
        "canonical": _canonical(request, obj, canonical_language),
        "alternates": links,
        "title": _title(context, obj, language),
        "description": _description(obj, text_language),
        "type": "article" if is_project(obj) else "website",
        "locale": og_locale(canonical_language),
        "locale_alternates": [og_locale(code) for code in languages if code != canonical_language],
        "noindex": bool(context.get("preview") or context.get("noindex")),
        "feeds": feed_links(),
        **_image(request, obj, text_language),
    }
    return head


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
    if obj is not None:
        return shown_value(obj, "title", language)[0]
    object_list = context.get("object_list")
    if hasattr(object_list, "model"):
        return capfirst(object_list.model._meta.verbose_name_plural)
    return context.get("page_title") or organisation.NAME


def _description(obj, language):
    if obj is None:
        return site_description()
    for field in SUMMARY_FIELDS:
        summary = getattr(obj, f"{field}_{language}", None)
        if summary and summary.strip():
            return summary.strip()
    body = plain_text(getattr(obj, f"body_{language}", ""))
    return Truncator(body).words(DESCRIPTION_WORDS) or site_description()


def _image(request, obj, language):
    cover = renditions(getattr(obj, "cover", None), "share")
    if cover:
        return {
            "image": request.build_absolute_uri(cover["src"]),
            "image_alt": shown_value(obj, "cover_alt", language)[0],
            "image_width": cover["width"],
            "image_height": cover["height"],
        }
    return {
        "image": request.build_absolute_uri(static(SHARE_IMAGE)),
        "image_alt": organisation.NAME,
        "image_width": 1200,
        "image_height": 630,
    }


def feed_links():
    return [
        {"type": "application/atom+xml", "name": "Atom", "url": reverse("feeds:atom")},
        {"type": "application/rss+xml", "name": "RSS", "url": reverse("feeds:rss")},
    ]


# Structured data (schema.org as JSON-LD).


def organisation_data(request, language):
    """The organisation as the page's language names it: its address differs."""
    home = request.build_absolute_uri(reverse("pages:home"))
    address = organisation.address(language)
    own_host = request.get_host()
    return {
        "@context": "https://schema.org",
        "@type": "NGO",
        "@id": organisation_id(request),
        "name": organisation.NAME,
        "url": home,
        "logo": request.build_absolute_uri(static(LOGO)),
        "email": organisation.EMAIL,
        "foundingDate": organisation.FOUNDED,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address["street"],
            "postalCode": address["postal_code"],
            "addressLocality": address["locality"],
            "addressCountry": organisation.COUNTRY,
        },
        "contactPoint": [
            {
                "@type": "ContactPoint",
                "contactType": "customer service",
                "telephone": number,
                "email": organisation.EMAIL,
                "availableLanguage": [code for code, _name in settings.LANGUAGES],
            }
            for number, _label in organisation.PHONES
        ],
        # Its other sites, not this one under another name.
        "sameAs": [url for url in organisation.OTHER_SITES if urlsplit(url).netloc != own_host],
    }


def organisation_id(request):
    return request.build_absolute_uri("/") + "#organisation"


def project_data(request, project, head):
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": head["title"],
        "description": head["description"],
        "url": head["canonical"],
        "image": head["image"],
        "foundingDate": str(project.start_year),
        "parentOrganization": {"@id": organisation_id(request)},
        "location": [{"@type": "Place", "name": city.name} for city in project.cities.all()],
        # From the partners the page has fetched already.
        "funder": [
            _organisation(role.partner)
            for role in project.project_partners.all()
            if role.role == ProjectPartner.Role.FUNDER
        ],
    }
    if project.end_year:
        data["dissolutionDate"] = str(project.end_year)
    if web_address(project.website):
        data["sameAs"] = [web_address(project.website)]
    return data


def _organisation(partner):
    data = {"@type": "Organization", "name": partner.name}
    if web_address(partner.website):
        data["url"] = web_address(partner.website)
    return data


def json_ld(data):
    """A JSON-LD script element. The browser never runs it (so CSP leaves it alone), but
    `</script>` in an editor's text must not end it: escaped as Django's json_script does."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.translate({ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"})
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def structured_data(context):
    request = context.get("request")
    if request is None:
        return ""
    scripts = [json_ld(organisation_data(request, get_language()))]
    obj = content_object(context)
    if is_project(obj):
        scripts.append(json_ld(project_data(request, obj, context["head"])))
    return mark_safe("\n".join(scripts))
