import contextlib
import copy
import os

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls made beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Hashing passwords at full strength would dominate the suite's time.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _fast_passwords():
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, in this process's memory (never a Redis the
    environment names: emptying it would empty it for everyone). A test's writes are rolled
    back and SQLite then numbers the next test's history rows the same again: a dashboard
    kept under the figures' stamp of one test could otherwise be served to the next."""
    from django.core.cache import cache

    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                               "LOCATION": "tests"}}):
        cache.clear()
        yield


@pytest.fixture(autouse=True)
def _vietnamese():
    """Every test runs in Vietnamese, the app's default language."""
    with translation.override("vi"):
        yield


@contextlib.contextmanager
def built_once(django_db_blocker, build):
    """Data built once for a module inside a transaction rolled back when the module
    ends, as Django's ``TestCase.setUpTestData`` does. Each test runs in a savepoint
    of its own inside it (the ``db`` fixture), so what a test writes is undone
    before the next one and the tests stay independent. Not for transactional tests
    (a live server, row locks between connections): they build their own data."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with translation.override("vi"):
                data = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def module_data(build, name: str):
    """A module-scoped fixture ``name`` holding ``build()``'s data, built once per module
    (``built_once``); a test's own fixture depends on it and on ``db``, and hands the
    test a ``copy.deepcopy`` of it, as ``setUpTestData`` does."""

    @pytest.fixture(scope="module", name=name)
    def data(django_db_setup, django_db_blocker):
        with built_once(django_db_blocker, build) as value:
            yield value

    return data


def _build_province():
    from tests.personas import build_province

    return build_province()


_province_data = module_data(_build_province, "_province_data")


@pytest.fixture
def province(_province_data, db):
    """The small province of ``tests.personas``, built once per module; each test gets
    its own copy of the objects (as ``setUpTestData`` gives) and its writes are rolled back."""
    return copy.deepcopy(_province_data)


@pytest.fixture
def live_province(transactional_db):
    """The province committed for a test that needs other connections to see it
    (a live server, row locks): built for the test and flushed after it."""
    from tests.personas import build_province

    return build_province()


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


@pytest.fixture(scope="session")
def redis_url():
    """The Redis server of this machine and CI (127.0.0.1:6379), database 15 for the tests.
    Skipped on a developer machine without one; on CI (CI=true) its absence fails."""
    import socket

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("no Redis answers at 127.0.0.1:6379")
        pytest.skip("no Redis answers at 127.0.0.1:6379")
    return url
