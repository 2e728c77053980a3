import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, **env):
    """Runs Python in a fresh process with only the given variables."""
    base = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
        base.pop(name, None)
    return subprocess.run(  # noqa: S603 - runs this repository's code, no outside input
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(*args, **env):
    """Runs manage.py, as an operator would: the apps are loaded (seconds)."""
    return run("manage.py", *args, **env)


def read_settings(code, **env):
    """Runs `code` on the settings as a fresh process reads them, without loading the apps."""
    return run("-c", f"from django.conf import settings as s; {code}", **env)


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "amem.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-secret-key-with-enough-entropy-9f3a1c",
    "ALLOWED_HOSTS": "amem.example.org",
    "DATABASE_URL": "postgres://amem@db.example.org:5432/amem",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_settings_pass_the_deployment_check_and_refuse_the_demo():
    # Both commands in one start of the apps: each start takes seconds.
    code = (
        "from django.core.management import CommandError, call_command\n"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')\n"
        "try:\n"
        "    call_command('load_demo')\n"
        "except CommandError as refusal:\n"
        "    print(refusal)\n"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    check, refusal = result.stdout.splitlines()
    assert check.startswith("System check identified no issues")
    assert refusal == "The demo content and its superuser are never loaded in production."


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
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.TASKS['default']['BACKEND']);"
        "print(s.AMEM_STAFF_MFA_REQUIRED, s.AMEM_DEMO_CONTENT_ALLOWED, s.DEBUG)"
    )
    result = read_settings(code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "django.db.backends.postgresql",
        "amem.cache.ResilientRedisCache",
        "django_tasks_db.DatabaseBackend",
        "True False False",
    ]


def test_default_settings_need_no_service():
    code = (
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.TASKS['default']['BACKEND']);"
        "print(s.EMAIL_BACKEND)"
    )
    result = read_settings(code, DJANGO_SETTINGS_MODULE="amem.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "django_tasks.backends.immediate.ImmediateBackend",
        "django.core.mail.backends.console.EmailBackend",
    ]
