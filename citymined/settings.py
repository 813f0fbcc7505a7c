"""The only settings file. Everything that varies between machines comes from the
environment (or a `.env` file beside manage.py); `.env.example` lists every variable."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils.csp import CSP
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags, process_link

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# Without DEBUG there is no default: a production site must never run on a known key.
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="dev-only-insecure-key")
# Keys that appear in this repository, and keys short enough to guess, would let anyone
# forge sessions and password-reset links: refuse to start on one rather than warn.
KNOWN_SECRET_KEYS = {"change-me", "dev-only-insecure-key", "test-only-key"}
# Words of placeholders and of keys made for show, and Django's own development prefix.
WEAK_SECRET_KEY_WORDS = ("django-insecure", "insecure", "change-me", "changeme", "change_me")
WEAK_SECRET_KEY_WORDS += ("secret", "example", "placeholder", "password")


def weak_secret_key(key):
    """Why `key` is too weak to sign sessions and password-reset links, or None."""
    if key in KNOWN_SECRET_KEYS:
        return "it is a placeholder"
    if len(key) < 50:
        return "it is shorter than 50 characters"
    word = next((word for word in WEAK_SECRET_KEY_WORDS if word in key.lower()), None)
    if word:
        return f"it contains '{word}', as placeholders and examples do"
    if len(set(key)) < 20:
        return "it has fewer than 20 different characters"
    # A random key of 50 characters or more never repeats 8 in a row (the odds are
    # below one in 10^11); a made-up one (a word typed again, "xxxxxxxx…") does.
    if any(key.find(key[i : i + 8], i + 1) != -1 for i in range(len(key) - 8)):
        return "it repeats a pattern"
    return None


if not DEBUG and (_weakness := weak_secret_key(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak: {_weakness}. Generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "staff.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Its widget templates, for the form renderer that reads templates/ too.
    "django.forms",
    "django.contrib.sitemaps",
    # Search vectors and their indexes (content/search_vectors.py); inert on SQLite.
    "django.contrib.postgres",
    "django_prose_editor",
    "adminsortable2",
    # Versions of what staff edit: history, compare, restore, recover (history/).
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background tasks (Django's tasks framework), kept in the database until a worker
    # (`manage.py db_worker`) runs them: resized pictures, e-mail.
    "django_tasks_db",
    # The base: what every kind of content shares, and running the site.
    "content",
    "operations",
    # The services every kind of content gets by itself.
    "caching",
    "media",
    "history",
    "seo",
    "translations",
    "staff",
    # Mails to staff: translations to check, translations that arrived.
    "notifications",
    # The organisation's kinds of content.
    "pages",
    "projects",
    "news",
    "events",
    "search",
]

MIDDLEWARE = [
    # First: a page found in the cache is answered with the headers every middleware
    # below gave it when it was rendered, and skips them all (sessions, languages, CSRF).
    "caching.pages.cache_public_pages",
    "django.middleware.security.SecurityMiddleware",
    "operations.middleware.merge_leading_slashes",
    "operations.middleware.permissions_policy",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "operations.middleware.vary_on_language_only_for_redirects",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "operations.middleware.limit_request_body",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: a POST to a page that takes none answers 405, not 403.
    "operations.middleware.MethodNotAllowedBeforeCsrf",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Whose files a refused admin form keeps (media/kept_uploads.py).
    "media.kept_uploads.remember_request",
    # The admin speaks each staff member's own language, not the public pages' cookie.
    "staff.preferences.admin_language",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "citymined.urls"
# Widgets' templates are found where every other template is (templates/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# The home page's URL name: where the organisation's structured data points.
HOME_URL_NAME = "pages:home"
WSGI_APPLICATION = "citymined.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "caching.fragments.context",
                "pages.context_processors.site",
                "pages.context_processors.menus",
                "projects.context_processors.funders",
            ],
        },
    },
]

# SQLite in the project folder by default, so a newcomer needs nothing installed.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Opening a PostgreSQL connection per request cost a five-fold drop in throughput.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that is down or hung must cost a visitor seconds, not a worker's whole
# timeout: the "back soon" page (content/views.py) answers once these run out.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=10)
# A connection made but then silent (a frozen host) is noticed by neither: while a request
# is answered, no wait for the database lasts longer than this (operations/database.py).
DATABASE_ANSWER_TIMEOUT = env.float("DATABASE_ANSWER_TIMEOUT", default=4)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        options=f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
        # A network that silently drops packets is noticed after this many milliseconds.
        tcp_user_timeout=DATABASE_STATEMENT_TIMEOUT * 1000,
        keepalives_idle=30,
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
CACHES["default"]["KEY_FUNCTION"] = "operations.cache.make_key"
# Seconds one cache call may wait for Redis before the page is rendered without it.
CACHE_TIMEOUT = env.float("CACHE_TIMEOUT", default=0.25)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "operations.cache.ForgivingRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=CACHE_TIMEOUT, socket_timeout=CACHE_TIMEOUT
    )
# Heavy work (resized pictures, e-mail) never runs in a request: it is queued in the
# database and run by `manage.py db_worker` (`make run` starts one; docs/deployment.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail (staff notifications, notifications/), always sent by the background worker.
# EMAIL_URL as django-environ reads it (smtp+tls://user:password@host:587, …), turned
# into Django 6.1's MAILERS; in development the mails are printed on the console.
_mail = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
if _mail["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    _mail_options = {
        "host": _mail["EMAIL_HOST"] or "localhost",
        "port": _mail["EMAIL_PORT"],
        "username": _mail["EMAIL_HOST_USER"] or None,
        "password": _mail["EMAIL_HOST_PASSWORD"] or None,
        "use_tls": _mail.get("EMAIL_USE_TLS", False),
        "use_ssl": _mail.get("EMAIL_USE_SSL", False),
        # Seconds one mail may wait for the SMTP server.
        "timeout": env.int("EMAIL_TIMEOUT", default=30),
    }
elif _mail["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend":
    _mail_options = {"file_path": _mail["EMAIL_FILE_PATH"]}
else:
    _mail_options = {}
MAILERS = {"default": {"BACKEND": _mail["EMAIL_BACKEND"], "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="City Mine(d) <webmaster@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address as staff reach it, for the links in mails (which leave the request
# that would otherwise say it).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Everything cached has a lifetime, and is invalidated by every edit to what it shows
# (caching/): edits show at once whatever these are; a write that sends no signal (a
# queryset's update()) shows within them.
# How long a rendered public page may be served from the cache (0: never). It also
# bounds how late a scheduled item appears.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# How long each process keeps what many pages show the same (menus, the footer, cards).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=300)
# Public addresses outside the language prefixes that the page cache keeps too, looked
# up before the rest of the middleware as every language's pages are: the sitemaps.
PAGE_CACHE_UNPREFIXED = ("/sitemap",)
# Without a shared cache (CACHE_URL), the content version lives in this file (and each
# table's version in a file beside it), which every process of the site on this machine
# (workers, commands) reads and writes.
CONTENT_VERSION_FILE = env.path("CONTENT_VERSION_FILE", default=BASE_DIR / ".content-version")
# Each process's own cache of fragments and rows, kept as objects (not pickled).
CACHES["local"] = {
    "BACKEND": "operations.cache.ObjectCache",
    # A location of its own: in-process caches with the same one share their entries,
    # and the default cache (without CACHE_URL) keeps pickled values under the same keys.
    "LOCATION": "local-objects",
    "KEY_FUNCTION": "operations.cache.make_key",
    "TIMEOUT": FRAGMENT_CACHE_SECONDS,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# How long a proxy (nginx, a CDN) or a browser may keep an anonymous public page, and
# how much longer it may serve it while it asks the site again. The nginx in deploy/
# is told of edits at once; browsers and other caches learn of them within this time.
HTTP_CACHE_SECONDS = env.int("HTTP_CACHE_SECONDS", default=300)
HTTP_STALE_SECONDS = env.int("HTTP_STALE_SECONDS", default=60)
# The nginx of deploy/, told which addresses an edit changed (caching/purge.py)
# on a loopback address, for each of the host names visitors use. Default: not told.
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", default="")
FRONTEND_CACHE_HOSTS = env.list(
    "FRONTEND_CACHE_HOSTS",
    default=[host for host in ALLOWED_HOSTS if not host.startswith((".", "*"))],
)

# Staff logins (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords or codes for
# one account from one address, that pair is locked out for LOGIN_LOCKOUT_MINUTES; after
# LOGIN_ADDRESS_FAILURE_LIMIT for any accounts from one address (trying one password on
# many accounts), that address is (staff.accounts.LockoutHandler). An admin unlocks
# sooner by deleting the "access attempts" in the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_HANDLER = "staff.accounts.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "staff.accounts.client_address"
# Behind a proxy every request comes from the proxy's address: read the client's from
# X-Forwarded-For, as many entries from the end as there are proxies in front
# (TRUSTED_PROXY_COUNT, which a check requires), and only on requests that come from
# one of TRUSTED_PROXIES: whoever reaches the application server directly could write
# any address there.
USE_X_FORWARDED_FOR = env.bool("USE_X_FORWARDED_FOR", default=False)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
# Superusers must enrol and use an authenticator app (TOTP); other staff may.
OTP_REQUIRED_FOR_SUPERUSERS = env.bool("OTP_REQUIRED_FOR_SUPERUSERS", default=False)
OTP_TOTP_ISSUER = "City Mine(d)"
# Where the admin lives: a less obvious path keeps password-guessing bots off it.
ADMIN_PATH = env.str("ADMIN_PATH", default="admin/").strip("/") + "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the one table. Each row gives a language's code (its URL prefix), its name,
# the sentence that says a text is shown in it, its Open Graph locale, the PostgreSQL
# text-search configuration its stemming starts from, and the languages its missing text
# falls back to, in order. Everything else about languages derives from this table:
# adding one is a row here, its catalogue in locale/ and `makemigrations`.
SITE_LANGUAGES = {
    "nl": {
        "name": _("Dutch"),
        "shown_in": _("This text is shown in Dutch."),
        # A text translated in part: its other segments are in this language.
        "partly_shown_in": _("Some parts of this text are shown in Dutch."),
        "og_locale": "nl_BE",
        "search_config": "dutch",
        "fallbacks": ("en", "fr"),
    },
    "fr": {
        "name": _("French"),
        "shown_in": _("This text is shown in French."),
        "partly_shown_in": _("Some parts of this text are shown in French."),
        "og_locale": "fr_BE",
        "search_config": "french",
        # French falls back to English first, as the organisation's About page does.
        "fallbacks": ("en", "nl"),
        # French sets these marks apart from their word with a narrow no-break space:
        # the plain space an editor types there is shown as one ({% translated %}), so
        # that a "?" never starts a line of its own.
        "narrow_space_before": "?!;:»",
        "narrow_space_after": "«",
    },
    "en": {
        "name": _("English"),
        "shown_in": _("This text is shown in English."),
        "partly_shown_in": _("Some parts of this text are shown in English."),
        "og_locale": "en_GB",
        "search_config": "english",
        "fallbacks": ("nl", "fr"),
    },
}
# Dutch is the default: the organisation is based in Brussels and the About page was
# written in Dutch first.
LANGUAGE_CODE = next(iter(SITE_LANGUAGES))
LANGUAGES = [(code, language["name"]) for code, language in SITE_LANGUAGES.items()]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day first, as Belgian staff read and type them (citymined/formats/).
FORMAT_MODULE_PATH = ["citymined.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# When a text is missing in the visitor's language, the first of its fallbacks that has
# it is shown instead (with a notice). The templates and modeltranslation's own attribute
# fallback read the same table, so they never disagree.
CONTENT_FALLBACKS = {code: language["fallbacks"] for code, language in SITE_LANGUAGES.items()}
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (LANGUAGE_CODE, *CONTENT_FALLBACKS[LANGUAGE_CODE]),
    **CONTENT_FALLBACKS,
}
# The tabbed admin loads jQuery UI from a CDN by default, which staff behind a strict
# network (and our CI) cannot reach: serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Static and media files.
# The rich-text editor's own extensions (static/js/prose_editor.js): a link
# dialog that finds the site's content by title, and pasting from word processors
# without their styles; a picture from the library, whose figure by reference
# content/fields.py's sanitizer allows itself. None adds a tag here beyond the link's.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [lazy(static, str)("js/prose_editor.js")],
        "extensions": {
            "Link": process_link,
            "OfficePaste": html_tags([]),
            "Spellcheck": html_tags([]),
            "LibraryPicture": html_tags([]),
        },
    }
]

STATIC_URL = "/static/"
# One folder of static files for the whole site, as templates/ is for templates.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
# Not media/: that is the app of images and uploads.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "uploads")
# Django serves uploads itself only for development and tests: in production the web
# server in front serves MEDIA_ROOT at MEDIA_URL (docs/deployment.md).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Files chosen in a refused admin form wait here for a day (media/kept_uploads.py): a
# private folder on this machine, outside MEDIA_ROOT, that no web server serves.
KEPT_UPLOADS_ROOT = env.path("KEPT_UPLOADS_ROOT", default=BASE_DIR / "var" / "kept-uploads")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

# Uploads (and their resized copies) go to an S3-compatible bucket when one is named,
# so that several application servers, or a host without a lasting disk, share them.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    _region = env.str("MEDIA_S3_REGION", default="us-east-1")
    _endpoint = env.str("MEDIA_S3_ENDPOINT_URL", default=f"https://s3.{_region}.amazonaws.com")
    # Where visitors' browsers fetch uploads: the bucket itself, or a CDN in front of it.
    MEDIA_URL = env.str("MEDIA_S3_PUBLIC_URL", default=f"{_endpoint}/{MEDIA_S3_BUCKET}/")
    MEDIA_URL = MEDIA_URL.rstrip("/") + "/"
    _public = urlsplit(MEDIA_URL)
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": _endpoint,
            "region_name": _region,
            # Empty: boto3's own sources (its environment variables, an instance role).
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            # Uploads are public and addressed without signing, so pages can be cached
            # and their addresses are made without asking S3.
            "querystring_auth": False,
            "custom_domain": _public.netloc + _public.path.rstrip("/"),
            "url_protocol": f"{_public.scheme}:",
            # An upload never replaces another file of the same name (images.py relies on it).
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    SERVE_MEDIA = False

# Security. Safe defaults everywhere; the switches that only make sense behind HTTPS
# are read from the environment under Django's own names.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page of the site uses, refused to any script that might try.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "interest-cohort",
        "browsing-topics",
    )
}  # fmt: skip
# Preloading HSTS is a one-way commitment for every subdomain, for the organisation to
# choose (SECURE_HSTS_PRELOAD), not a missing setting.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
X_FRAME_OPTIONS = "DENY"


def media_origin(media_url):
    """The origin uploads are served from, when it is not the site's own."""
    parts = urlsplit(media_url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.netloc else []


SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Uploads may live on another host (MEDIA_S3_BUCKET): pictures may come from there.
    "img-src": [CSP.SELF, "data:", *media_origin(MEDIA_URL)],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# The admin's rich-text editor injects its own styles; the admin is for trusted staff.
ADMIN_CSP = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
# Documents are downloaded (media/views.py); a browser that shows one anyway runs
# nothing in it and loads nothing for it.
DOCUMENT_CSP = {"default-src": [CSP.NONE], "frame-ancestors": [CSP.NONE], "sandbox": True}

# Form fields other than files may total 10 MB (a long rich text is far less); files
# larger than 5 MB are streamed to a temporary file rather than kept in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# A request whose body is larger is refused (413) before any of it is read, let alone
# spooled to disk; the web server in front should refuse it even earlier.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Images editors upload (media/images.py): at most this many bytes, and this many
# pixels once decoded, which refuses decompression bombs before they are decoded.
IMAGE_UPLOAD_MAX_BYTES = 8 * 1000 * 1000
IMAGE_UPLOAD_MAX_PIXELS = 40 * 1000 * 1000
# Documents editors upload (media/documents.py): at most this many bytes. A request
# larger than REQUEST_BODY_MAX_BYTES is refused before any of it is read: keep it at or
# below that, less a little for the form's other fields.
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DOCUMENT_UPLOAD_MAX_BYTES", default=10 * 1000 * 1000)
# Resized images are made when an image is saved (media/images.py).
IMAGEKIT_CACHEFILE_DIR = "renditions"


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
