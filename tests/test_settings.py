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
