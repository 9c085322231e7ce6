"""Prongsai settings: one module, configured from the environment.

SQLite by default so a fresh checkout runs; DATABASE_URL switches to PostgreSQL.
Secrets come from the environment or from a file named by VAR_FILE.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE."""
    import os

    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "")
    if value == "":
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG", False)
# Development key only: production refuses to start without SECRET_KEY (see below).
SECRET_KEY = env("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("PRODUCTION", False):
        raise RuntimeError("SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# The Django admin is off unless DJANGO_ADMIN=1; then it sits behind the second factor too.
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN", False)

INSTALLED_APPS = [
    *(["django.contrib.admin"] if DJANGO_ADMIN_ENABLED else []),
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    # Second factor: TOTP devices (django-otp); recovery codes are our own (accounts).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    # domain apps
    "accounts",
    "audit",
    "frameworks",
    "agencies",
    "surveys",
    "assessments",
    "plans",
    "documents",
    "transparency",
    "complaints",
    # the project: demo and reminder commands
    "prongsai",
    # interface apps
    "backoffice",
    "portal",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before anything reads the body: refuses one over its limit from Content-Length alone,
    # and NUL characters in the query, form fields or JSON (prongsai.limits).
    "prongsai.limits.RequestLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Thai unless the account or the visitor chose English; never the browser's Accept-Language.
    "prongsai.language.ThaiFirstLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Back-office pages need a verified second factor from those who must or chose to have one.
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # One response path for every refused action (lib.errors.DomainError).
    "prongsai.refusals.RefusalMiddleware",
    # Last, as django-axes asks: it turns locked-out logins into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "backoffice.context_processors.work_counts",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a writer commits; the timeout waits out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Second factor (TOTP, accounts.two_factor): required for operators, assessors and ITA admins
# unless SECOND_FACTOR_REQUIRED=0 (the local demo, `make run`); offered to everyone.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Prongsai"
OTP_TOTP_THROTTLE_FACTOR = 1

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # a visitor's TH/EN choice lasts a year (set only when they choose)
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

def _sarabun_dir() -> Path:
    # The Sarabun TTFs (OFL) come from PyPI's fontpkg-sarabun, served as /static/fonts/.
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.__file__).resolve().parent / "files"


STATICFILES_DIRS = [BASE_DIR / "static", ("fonts", _sarabun_dir())]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("PRODUCTION", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, serve static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = not env_bool("PRODUCTION", False)
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "prongsai@localhost")
if env("EMAIL_HOST"):
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# One cache for all processes when REDIS_URL is set (rate limits and one-time survey tokens
# must be shared by every web worker); a per-process memory cache otherwise (make run).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "prongsai"}
    )
}

# Public section: seconds a rendered public page is kept in the cache above (0: render every time).
PUBLIC_PAGE_CACHE_SECONDS = int(env("PUBLIC_PAGE_CACHE_SECONDS", "0"))

# Background work: django-tasks with its database backend (run `manage.py db_worker`);
# TASKS_BACKEND=immediate runs tasks in the request (tests, tiny installs).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.backend.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env("TASKS_BACKEND", "database")]
    }
}

# OIT evidence: upload limit, and how the URL checker behaves.
EVIDENCE_MAX_UPLOAD_BYTES = int(env("EVIDENCE_MAX_UPLOAD_MB", "20")) * 1024 * 1024
# Request bodies (prongsai.limits): anonymous visitors send small forms only; a logged-in user
# may send one evidence file and its form. Django's own limits bound what parsing accepts.
ANON_MAX_BODY_BYTES = int(env("ANON_MAX_BODY_KB", "256")) * 1024
MAX_BODY_BYTES = EVIDENCE_MAX_UPLOAD_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields, not files
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file, not memory
EVIDENCE_CHECK_TIMEOUT = float(env("EVIDENCE_CHECK_TIMEOUT", "10"))
# Networks the checker may fetch despite being internal (for test hosts only; empty in production).
EVIDENCE_CHECK_ALLOWED_NETWORKS = env_list("EVIDENCE_CHECK_ALLOWED_NETWORKS", "")
# Evidence URLs use the standard web ports; others are refused at entry and never fetched.
EVIDENCE_ALLOWED_PORTS = tuple(int(p) for p in env_list("EVIDENCE_ALLOWED_PORTS", "80,443"))

# Calendar feed links (plans) expire; each can be revoked sooner.
CALENDAR_FEED_TTL_DAYS = int(env("CALENDAR_FEED_TTL_DAYS", "180"))

# Invitations expire; a replayed or late link gets a clear message.
INVITATION_TTL_DAYS = int(env("INVITATION_TTL_DAYS", "7"))
# A "forgot password" link works once and for this many seconds (2 hours by default).
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_TIMEOUT", str(2 * 60 * 60)))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp). Scripts only from our own static files: no inline
# script, no event-handler attributes, no eval (htmx runs with allowEval off). Style sheets from
# our files, plus <style> blocks that carry the request's nonce (print pages). Style
# *attributes* stay allowed ('unsafe-inline' in style-src-attr only): colours and bar widths
# that come from framework data (risk levels, rating bands) are set that way; they cannot run code.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# How many reverse proxies in front of the app append to X-Forwarded-For (0: the app faces
# the internet). Survey limits count per client address, so behind a proxy this must be set,
# or every respondent looks like the proxy; `check --deploy` warns while it is unset.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT")) if env("TRUSTED_PROXY_COUNT") else None

if env_bool("PRODUCTION", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # The dev server's access log prints client addresses; keep it quiet so
        # anonymous pages (surveys, complaints) leave no address in the logs.
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # django-axes logs every login with a masked address; keep only its warnings.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
AXES_VERBOSE = False
