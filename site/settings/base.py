"""Settings shared by every environment.

The project package lives in ``site/`` but is imported as ``amem`` (``site`` is a standard-library
module): pyproject.toml maps it, and ``pip install -e .`` makes ``amem.settings.*`` importable.
Every value that differs between machines comes from an environment variable.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "site"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates;
    # its `migrate` also adds the translated columns of Wagtail's Page table.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "amem",
    "documents",
    "home",
    "stakeholders",
    "events",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "amem.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A cached page is answered here, with the headers it was stored with (the policies below).
    "amem.page_cache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "amem.security.PermissionsPolicyMiddleware",
    # Inside the page cache: only renders of the costly routes count, never a cached copy.
    "amem.ratelimit.ExpensiveRouteRateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "stakeholders.middleware.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Former paths of the translated routes, on a 404; Wagtail's redirects, next, see the
    # response first, so an editor's redirect wins.
    "amem.translated_routes.FormerRouteRedirectMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "amem.urls"
WSGI_APPLICATION = "amem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each transaction takes SQLite's write lock when it begins, so that two registrations
    # for the last seat queue up instead of both reading "one seat left" (events/registration.py).
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 30}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "amem.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "amem",
            # A Redis that does not answer is skipped within half a second (amem/cache.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Immediate by default (the demo needs no worker);
# TASKS_BACKEND=database queues them for `manage.py db_worker`.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

AUTH_USER_MODEL = "stakeholders.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # Partners-only documents: who is a partner is the registry's answer.
    "stakeholders.backends.PartnerBackend",
]

# Accounts: email is the identifier; allauth's default rate limits stay on (they use the cache).
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "stakeholders.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[AMEM] "
# A logged-in participant sent to the login page by the admin (which they may not enter) must
# see the form to log in as someone else; redirecting them back would loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# Failed logins: 5 in 5 minutes for one account from one address (the "key", which
# stakeholders.adapters makes the pair: a stranger's failures never lock the account's owner
# out), 50 in 5 minutes from one address whatever the account (password spraying), enough for an
# office or a workshop room behind one NAT, whose typos come in bursts. A wrong MFA code counts
# against its account (allauth's key for it), which only someone with the password reaches.
# Login forms sent, right or wrong: 60 a minute from one address (allauth's 30 would stop a room
# logging in at once before its failures could reach 50).
ACCOUNT_RATE_LIMITS = {"login_failed": "50/5m/ip,5/5m/key", "login": "60/m/ip"}
# Without a name, allauth would redirect to an unprefixed URL after email confirmation.
LOGIN_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "AMEM"
# Staff must have TOTP before reaching the Wagtail admin, and focal points and
# signatories before reaching the partner space or protocol signing (relaxed in dev settings).
AMEM_STAFF_MFA_REQUIRED = env_bool("AMEM_STAFF_MFA_REQUIRED", True)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR);
# a signature records the client address they saw, never the spoofable leftmost one, and the
# rate limits (allauth's and amem.ratelimit's) count that address.
AMEM_TRUSTED_PROXIES = int(os.environ.get("AMEM_TRUSTED_PROXIES", "0"))
# The key of the protocols' audit log hashes (HMAC): someone who can only write to the database
# cannot rehash a changed log. Empty: derived from SECRET_KEY, so that changing SECRET_KEY then
# makes every log fail verification; set it once and keep it (stakeholders/protocols.py).
AMEM_AUDIT_KEY = os.environ.get("AMEM_AUDIT_KEY", "")
# The passphrase that encrypts the backups (amem/backups.py): they hold passports and other
# personal data. Keep a copy away from the backups: without it, they cannot be restored.
AMEM_BACKUP_KEY = os.environ.get("AMEM_BACKUP_KEY", "")
# Renders per client address of the routes that cost the most (amem.ratelimit), as
# (renders, seconds); a page served from the page cache is no render.
AMEM_RATE_LIMITS = {"search": (60, 60), "pdf": (30, 60), "open_data": (30, 60)}
# Only the demo loader creates the demo superuser, and only where this is True.
AMEM_DEMO_CONTENT_ALLOWED = False

LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way to write a date per language, "5 December 2026" as events/dates.py writes it: Django's
# own formats for ar ("5 ديسمبر، 2026") and en ("Dec. 5, 2026") differ from it (site/formats/).
FORMAT_MODULE_PATH = ["amem.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Tunis"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
# Keep French in the admin picker: with only ar or en picked, the SEO panel disappears.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ("fr",)
# Each staff member picks the admin's language among the site's own (Account › Preferences);
# without a choice, the admin follows the browser's language, else French.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Every form marks the inputs of translated fields with their language's `lang` and `dir`
# (`title_ar`: lang="ar" dir="rtl"), in the admin and on the site alike.
FORM_RENDERER = "home.field_language.FormRenderer"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))


def media_storage(environ):
    """Where documents, images and evidence go: MEDIA_ROOT, or a private S3-compatible bucket.

    With `AWS_STORAGE_BUCKET_NAME` set, media go to that bucket through django-storages (AWS, or
    MinIO, Scaleway, OVH… through `AWS_S3_ENDPOINT_URL`). The credentials, `AWS_ACCESS_KEY_ID`
    and `AWS_SECRET_ACCESS_KEY`, are read from the environment by django-storages and boto3
    themselves (or come from an instance role), so they never sit in the settings.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    page_cache_seconds = int(environ.get("AMEM_PAGE_CACHE_SECONDS", "600"))
    endpoint_url = environ.get("AWS_S3_ENDPOINT_URL") or None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            # A CDN in front of the bucket: its URLs are not signed, it must be allowed to read.
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "signature_version": "s3v4",
            # Fixed, so that media_origins() knows the host of image URLs: every S3-compatible
            # service takes the bucket in the path; AWS wants its regional host (the global
            # one answers buckets of recent regions with an error).
            "addressing_style": "path" if endpoint_url else "virtual",
            # The bucket stays private: no object is given a public ACL. Documents and evidence
            # are streamed through the app's views (permissions, attachment, nosniff); images
            # are shown through signed URLs.
            "default_acl": None,
            "querystring_auth": True,
            # A page cached at the end of its lifetime (AMEM_PAGE_CACHE_SECONDS) still holds
            # image URLs signed when it was rendered: they must outlive it, by an hour for a
            # reader who scrolls down to lazy images.
            "querystring_expire": page_cache_seconds + 3600,
            # Uploads with the same name get a new one instead of replacing another's file.
            "file_overwrite": False,
            # An object opened directly from the bucket is downloaded, never rendered (an SVG
            # or HTML could run script); <img> ignores the header and shows images as usual.
            "object_parameters": {"ContentDisposition": "attachment"},
            # Files read from the bucket (to stream or resize them) spill to disk past 5 MB.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }


def media_origins(storage):
    """The origins images are loaded from besides the site itself (for img-src in CSP)."""
    options = storage.get("OPTIONS")
    if not options:
        return []
    if options["custom_domain"]:
        return [f"https://{options['custom_domain']}"]
    if options["endpoint_url"]:
        endpoint = urlsplit(options["endpoint_url"])
        return [f"{endpoint.scheme}://{endpoint.netloc}"]
    region = options["region_name"]
    host = "s3.amazonaws.com" if region in (None, "us-east-1") else f"s3.{region}.amazonaws.com"
    return [f"https://{options['bucket_name']}.{host}"]


STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Each step of an SMTP conversation gives up after this many seconds (documents/tasks_recovery.py):
# a hung mail server must not hold a worker past the claim an email is sent under.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "AMEM <no-reply@amem.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "AMEM"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "documents.Document"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document is downloaded, never opened in the site's origin (a PDF or HTML could run script).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "doc",
    "odt",
    "xlsx",
    "xls",
    "ods",
    "pptx",
    "ppt",
    "odp",
    "csv",
    "txt",
    "zip",
    "jpg",
    "jpeg",
    "png",
]
WAGTAIL_I18N_ENABLED = False  # translations live in fields (modeltranslation), not page copies
# Passwords are managed through allauth's views, never Wagtail's own forms.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# JSON lines on stderr, each with the id of the request it belongs to (amem/observability.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "amem.observability.RequestIdFilter"}},
    "formatters": {"json": {"()": "amem.observability.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per task state change, or per PDF rendering step, drowns everything else at INFO.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# The admins log in through allauth (with its MFA and rate limits), never through their own forms.
WAGTAILADMIN_LOGIN_URL = "account_login"

# Registrations of a workshop that ended this many months ago are anonymised by
# `manage.py anonymise_registrations` (names, contacts and needs go; the balance figures stay).
AMEM_REGISTRATION_RETENTION_MONTHS = int(os.environ.get("AMEM_REGISTRATION_RETENTION_MONTHS", "24"))
# The staff's finished badges, sign-in sheets and certificates (participants' names) are deleted
# this many days after they were laid out, by `manage.py purge_document_jobs`.
AMEM_DOCUMENT_JOB_DAYS = int(os.environ.get("AMEM_DOCUMENT_JOB_DAYS", "7"))

# Anonymous page views come from the cache, shared by the app servers (amem/page_cache.py).
AMEM_PAGE_CACHE = env_bool("AMEM_PAGE_CACHE", True)
AMEM_PAGE_CACHE_SECONDS = int(os.environ.get("AMEM_PAGE_CACHE_SECONDS", "600"))
# Each app server process keeps a copy of the pages it served last: a hit then reads only their
# versions from Redis, not the pages.
AMEM_PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("AMEM_PAGE_CACHE_LOCAL_ENTRIES", "200"))

# The site's pages load scripts, styles, fonts and images from its own origin only, and inline
# nothing (no 'unsafe-inline'); PDFs and badges embed their images as data: URIs. Wagtail's admin
# has its own inline scripts and styles: it is left out, behind TOTP-only logins.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *media_origins(STORAGES["default"])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# A CDN or caching proxy in front of the site is purged through Wagtail's frontend cache
# backends (home/frontend_cache.py); an HTTP purge URL (Varnish, nginx) is enough for most.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
