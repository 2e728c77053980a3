import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    """Runs manage.py in a fresh process, as an operator would, with only the given variables."""
    base = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
        base.pop(name, None)
    return subprocess.run(  # noqa: S603 - runs this repository's manage.py, no outside input
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "amem.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-secret-key-with-enough-entropy-9f3a1c",
    "ALLOWED_HOSTS": "amem.example.org",
    "DATABASE_URL": "postgres://amem@db.example.org:5432/amem",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_settings_pass_the_deployment_check_without_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secret_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set for production settings" in (
        result.stderr
    )


def test_production_settings_refuse_to_start_without_allowed_hosts():
    env = {key: value for key, value in PRODUCTION.items() if key != "ALLOWED_HOSTS"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_settings_refuse_to_start_without_a_shared_cache():
    env = {key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_production_settings_use_the_environment_for_services():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.TASKS['default']['BACKEND']);"
        "print(s.AMEM_STAFF_MFA_REQUIRED, s.AMEM_DEMO_CONTENT_ALLOWED, s.DEBUG)"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "django.db.backends.postgresql",
        "amem.cache.ResilientRedisCache",
        "django_tasks_db.DatabaseBackend",
        "True False False",
    ]


def test_default_settings_need_no_service():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.TASKS['default']['BACKEND']);"
        "print(s.EMAIL_BACKEND)"
    )
    result = manage("shell", "--no-imports", "-c", code, DJANGO_SETTINGS_MODULE="amem.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "django_tasks.backends.immediate.ImmediateBackend",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_demo_loader_refuses_to_run_under_production_settings():
    result = manage("load_demo", **PRODUCTION)
    assert result.returncode != 0
    assert "never loaded in production" in result.stderr
