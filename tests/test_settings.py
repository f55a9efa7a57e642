"""Settings come from the environment and refuse an unsafe production start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_settings(**env):
    """Import the settings in a fresh interpreter with ``env`` and print the database engine."""
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    environ.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True)


def test_it_runs_with_no_environment_on_sqlite_in_debug():
    result = _load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_an_empty_database_url_means_sqlite():
    result = _load_settings(DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.sqlite3"


def test_a_postgres_database_url_selects_postgresql():
    result = _load_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/campaign")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_production_refuses_to_start_with_the_development_secret_key():
    result = _load_settings(DEBUG="False")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = _load_settings(DEBUG="False", SECRET_KEY="k" * 50, ALLOWED_HOSTS="campaign.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "False"


def test_check_deploy_reports_nothing_with_production_settings():
    # As a server runs: none of the test run's own switches (DJANGO_ALLOW_ASYNC_UNSAFE, for the browser tests).
    environ = {k: v for k, v in os.environ.items()
               if k not in {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environ.update(DEBUG="False", SECRET_KEY="k" * 20 + "-production-" + "q" * 30, ALLOWED_HOSTS="campaign.example.org")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=environ, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_redirects_to_https_and_asks_for_it_a_year():
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
            " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)")
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT"}}
    environ.update(DEBUG="False", SECRET_KEY="k" * 50, ALLOWED_HOSTS="campaign.example.org",
                   DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True)
    assert result.stdout.split() == ["True", "31536000", "True", "False", "True", "True"], result.stderr


def test_every_environment_variable_is_documented_in_env_example():
    import re

    settings_src = (ROOT / "config" / "settings.py").read_text()
    used = set(re.findall(r'env(?:_str|\.\w+)\(\s*"([A-Z_]+)"', settings_src))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert used and used <= documented, used - documented


def test_a_copied_env_example_runs_in_development(tmp_path):
    example = (ROOT / ".env.example").read_text()
    env = dict(line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#"))
    result = _load_settings(**env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


# --- the shared cache and sessions (REDIS_URL) and the task queue (TASKS_BACKEND) --------------------

SHOW_STORES = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, settings.TASKS['default']['BACKEND'])"
)


def _run(code: str, **env):
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "TASKS_BACKEND"}}
    environ.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True)


def test_without_redis_the_cache_is_per_process_sessions_in_the_database_and_the_queue_too():
    result = _run(SHOW_STORES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache", "django.contrib.sessions.backends.db", "django_tasks_db.DatabaseBackend"
    ]


def test_with_redis_url_the_cache_is_redis_and_sessions_are_cached_in_it(redis_url):
    code = SHOW_STORES + (
        "; from django.core.cache import cache; import uuid; key = 'settings-test-' + uuid.uuid4().hex; "
        "cache.set(key, 'đoàn viên', 30); print(cache.get(key) == 'đoàn viên', cache.delete(key), cache.get(key))"
    )
    result = _run(code, REDIS_URL=redis_url)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["django.core.cache.backends.redis.RedisCache", "config.sessions", "django_tasks_db.DatabaseBackend"]
    assert lines[1].split() == ["True", "True", "None"]  # a real round trip to the Redis server


def test_the_redis_task_queue_needs_redis_url():
    result = _run(SHOW_STORES, TASKS_BACKEND="rq")
    assert result.returncode != 0 and "REDIS_URL" in result.stderr


def test_an_unknown_task_backend_is_refused():
    result = _run(SHOW_STORES, TASKS_BACKEND="celery")
    assert result.returncode != 0 and "TASKS_BACKEND must be database, rq or immediate" in result.stderr


def test_a_server_process_freezes_the_loaded_app_and_spaces_the_collections():
    """config/wsgi.py (what gunicorn loads): once the app is loaded, its objects are left out
    of the garbage collector's scans and the collector runs every 10,000 allocations."""
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    code = ("import gc; before = gc.get_threshold(); import config.wsgi; "
            "print(before, gc.get_threshold(), gc.get_freeze_count() > 10_000)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(700, 10, 10) (10000, 20, 20) True"
