import os

import pytest
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls made beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _vietnamese():
    """Every test runs in Vietnamese, the app's default language."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing passwords at full strength would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def province(db):
    from tests.personas import build_province

    return build_province()
