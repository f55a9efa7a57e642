"""Sessions cached in Redis and kept in the database (``SESSION_ENGINE`` when ``REDIS_URL`` is set).

Django's ``cached_db`` reads a session from the cache, else from the database, and
writes both. It already survives a flushed cache (the database copy is read back)
and a failed cache write; but when Redis does not answer at all, refilling the
cache after a database read raises, and every signed-in page would fail. Here a
cache that does not answer is logged and the database answers alone: slower, not
down.
"""

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            return super().load()
        except Exception:
            logger.warning("Session cache unreachable: session read from the database", exc_info=True)
            return DatabaseStore.load(self)

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:
            logger.warning("Session cache unreachable: session looked up in the database", exc_info=True)
            return DatabaseStore.exists(self, session_key)

    def delete(self, session_key=None):
        try:
            super().delete(session_key)
        except Exception:
            # The database row is gone (deleted first), so signing out works; the cached copy
            # would come back with Redis: docs/operations.md says to flush Redis after an outage.
            logger.warning("Session cache unreachable: cached session not deleted", exc_info=True)
