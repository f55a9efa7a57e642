"""Health for the load balancer and the operator, outside login: ``/healthz`` says the process
answers (no database); ``/readyz`` that the database answers and every migration is applied
(503 otherwise, with what is wrong)."""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe


def _answer(body: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)
    return response


@require_safe
def healthz(request):
    return _answer({"status": "ok"})


@require_safe
def readyz(request):
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return _answer({"status": "unavailable", "database": str(exc).strip()[:200]}, status=503)
    if pending:
        return _answer({"status": "migrations pending",
                        "pending": [f"{m.app_label}.{m.name}" for m, _backwards in pending]}, status=503)
    return _answer({"status": "ok"})
