"""The scale benchmark: `make bench`.

Generates the benchmark data (``bench/generate.py``: a province and the national
size, deterministic from a seed) in a database of its own — both before anything is
measured, so that the province is served beside the national data — measures what users
wait for (``bench/measure.py``), then the throughput of gunicorn under wrk
(``bench/throughput.py``, the province by default), prints a table with the budgets that hold, and
writes ``bench/results/<date>.json``. Not part of the test run.

    make bench                                               # SQLite, a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/campaign make bench
                                                             # PostgreSQL: database campaign_bench, made afresh
    BENCH_SIZES=province BENCH_REPEAT=3 make bench           # a quick run
    BENCH_THROUGHPUT= make bench                             # without the throughput part (bench/throughput.py)
    BENCH_OUT=/tmp/run.json make bench                       # the results elsewhere than bench/results/

On PostgreSQL the database named by DATABASE_URL is left alone: the benchmark drops
and creates ``<its name>_bench`` (or the one BENCH_DATABASE_URL names).
"""

import datetime
import json
import os
import platform
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/') or '/campaign'}_bench"))
    return f"sqlite:///{tempfile.mkdtemp(prefix='campaign-bench-')}/bench.sqlite3"


os.environ["DATABASE_URL"] = _database_url()
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
# Measured as served: the settings of production (config/settings.py with DEBUG off — no
# query log, templates without debug information — a random key, the static files
# collected for WhiteNoise's manifest), plain http through the test client.
STATIC_ROOT = tempfile.mkdtemp(prefix="campaign-bench-static-")
os.environ.update(
    DEBUG="False", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="testserver,127.0.0.1",
    SESSION_COOKIE_SECURE="False", CSRF_COOKIE_SECURE="False", SECURE_SSL_REDIRECT="False",
    STATIC_ROOT=STATIC_ROOT, LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench import generate, measure, throughput  # noqa: E402
from config.memory import tune_gc  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", 5))
SIZES = [generate.SIZES[name] for name in os.environ.get("BENCH_SIZES", "province,national").split(",")]
RESULTS = ROOT / "bench" / "results"


def _fresh_database() -> None:
    """A PostgreSQL database dropped and made again; a SQLite file is new already."""
    if connection.vendor != "postgresql":
        return
    import psycopg2

    db = connection.settings_dict
    name = db["NAME"]
    connection.close()
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
                             port=db["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _machine() -> dict:
    memory = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 2**20:.1f} GiB"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        server = cursor.fetchone()[0].split(" on ")[0]
    return {
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": f"{connection.vendor} {server}",
    }


def _measure(generated) -> dict:
    size = generated.size
    big = generated.big_units
    figures = {
        "data": generated.counts,
        "dashboard": measure.dashboard(generated, REPEAT),
        "numbers": measure.numbers(generated, REPEAT),
        "sql_floor": measure.sql_floor(generated, REPEAT),
        "synthesis_xlsx": measure.synthesis_xlsx(generated, max(1, REPEAT // 2)),
    }
    if size is generate.PROVINCE:  # the province's report (the national one is not a budgeted figure)
        figures["province_pdf"] = measure.province_pdf(generated, max(1, REPEAT // 2))
    floor = max(figures["sql_floor"]["ms"], 0.1)
    figures["dashboard"]["x_floor"] = round(figures["dashboard"]["ms"] / floor, 1)
    figures["dashboard"]["cold"]["x_floor"] = round(figures["dashboard"]["cold"]["ms"] / floor, 1)
    entry = big[-1]  # the commune with 200 unions
    figures["report_page"] = measure.report_page(generated, entry, REPEAT)
    figures["report_post"] = measure.report_post(generated, entry, REPEAT, filled=size.big[-1])
    figures["report_post_20"] = measure.report_post(generated, entry, REPEAT, filled=20)
    figures["upload"] = {f"{len_}": measure.template_and_upload(generated, unit, max(1, REPEAT // 2))
                         for unit, len_ in zip(big, size.big, strict=True)}
    return figures


def _budgets(results: dict) -> dict:
    budgets = {}
    province, national = results.get("province"), results.get("national")

    def put(name, budget, measured, holds):
        budgets[name] = {"budget": budget, "measured": measured, "holds": bool(holds)}

    if province and national:
        p, n = province["dashboard"]["queries"], national["dashboard"]["queries"]
        pc, nc = province["dashboard"]["cold"]["queries"], national["dashboard"]["cold"]["queries"]
        put("dashboard queries", "the same at both sizes, ≤ 15", f"{p} / {n} (cold {pc} / {nc})",
            p == n and n <= 15 and pc == nc and nc <= 15)
    if national:
        d = national["dashboard"]
        put("national dashboard", "≤ 300 ms and ≤ 3 × the SQL floor", f"{d['ms']} ms, {d['x_floor']} × floor",
            d["ms"] <= 300 and d["x_floor"] <= 3)
        cold = d["cold"]
        put("national dashboard, structure read too (cold)", "≤ 300 ms", f"{cold['ms']} ms, {cold['x_floor']} × floor",
            cold["ms"] <= 300)
        x = national["synthesis_xlsx"]
        put("national synthesis Excel", "≤ 2 s", f"{x['ms']} ms", x["ms"] <= 2000)
    if province:
        d = province["dashboard"]
        put("province dashboard", "≤ 50 ms", f"{d['ms']} ms", d["ms"] <= 50)
        pdf = province["province_pdf"]
        put("province PDF", "≤ 1 s", f"{pdf['ms']} ms", pdf["ms"] <= 1000)
    for name, figures in results.items():
        post, post_20 = figures["report_post"], figures["report_post_20"]
        put(f"POST of {post['lines']} lines ({name})", "≤ 300 ms, queries not growing with the lines",
            f"{post['ms']} ms, {post['queries']} queries ({post_20['queries']} for {post_20['lines']})",
            post["ms"] <= 300 and post["queries"] == post_20["queries"])
        if "5000" in figures["upload"]:
            up = figures["upload"]["5000"]["upload_preview"]
            measured = f"refused: {up['refused']}" if "refused" in up else f"{up['ms']} ms, {up['peak_mb']} MB"
            put("upload + preview of 5,000 rows", "≤ 3 s, ≤ 300 MB", measured,
                "refused" not in up and up["ms"] <= 3000 and up["peak_mb"] <= 300)
    if province and "throughput" in province:
        budgets["province dashboard req/s ÷ minimal page req/s"] = throughput.budget(province["throughput"])
    return budgets


def _table(results: dict, budgets: dict) -> str:
    lines = []
    for name, figures in results.items():
        lines.append(f"\n{name}: {figures['data']}")
        cold = figures["dashboard"]["cold"]
        lines.append(f"  {'dashboard, cold (structure read)':34s} {cold['ms']:9.1f} ms  {cold['queries']:6d} queries")
        for label, key in (("dashboard, after a report changed", "dashboard"), ("  its numbers (campaign_stats)", "numbers"),
                           ("  SQL floor", "sql_floor"), ("report page GET", "report_page"),
                           ("report POST, every union", "report_post"), ("report POST, 20 unions", "report_post_20"),
                           ("synthesis Excel", "synthesis_xlsx"), ("province PDF", "province_pdf")):
            if key not in figures:
                continue
            f = figures[key]
            lines.append(f"  {label:34s} {f['ms']:9.1f} ms  {f['queries']:6d} queries")
        for rows, up in figures["upload"].items():
            lines.append(f"  template of {rows} rows {'':{18 - len(rows)}s} {up['template']['ms']:9.1f} ms")
            p = up["upload_preview"]
            lines.append(f"  upload + preview of {rows} rows {'':{10 - len(rows)}s} {p['ms']:9.1f} ms  "
                         f"{p['queries']:6d} queries  peak {p['peak_mb']} MB  {p.get('refused', '')}")
        if "throughput" in figures:
            lines.extend(throughput.table_lines(figures["throughput"]))
    held = sum(b["holds"] for b in budgets.values())
    lines.append(f"\nbudgets: {held} of {len(budgets)} hold")
    for name, b in budgets.items():
        measured = b["measured"] if isinstance(b["measured"], str) else throughput.shown(b)
        lines.append(f"  {'ok ' if b['holds'] else 'NO '} {name:48s} {measured:45s} (budget {b['budget']})")
    return "\n".join(lines)


def main() -> int:
    setup_test_environment()  # the outbox instead of mail; DEBUG stays off
    _fresh_database()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    machine = _machine()
    print(f"machine: {machine}")
    generated = []
    for size in SIZES:  # every size first: a province is measured beside the national data, as it is served
        start = time.perf_counter()
        generated.append(generate.generate(size))
        print(f"{size.name}: generated in {time.perf_counter() - start:.1f} s", flush=True)
    with connection.cursor() as cursor:
        # What autovacuum does on a live server after such a load (PostgreSQL 13 and later
        # vacuum a table after inserts too): the planner's statistics — without them the
        # history anti-joins are planned for two rows (a nested loop) — and the visibility map,
        # without which the figures' stamp counts its rows in the tables rather than the index.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        if connection.vendor == "postgresql":
            # And the load written out: measured on a server at rest, not one still flushing
            # the gigabytes just generated (the first figures measured were up to 1.5 × slower).
            try:
                cursor.execute("CHECKPOINT")
            except DatabaseError:  # not a superuser (nor pg_checkpoint): measured as it is
                print("CHECKPOINT refused: measuring while the load may still be written out")
    tune_gc()  # as config/wsgi.py does in each server process, the app loaded
    results = {g.size.name: _measure(g) for g in generated}
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    for name, figures in throughput.measure_sizes(generated).items():  # after the timed measures
        results[name]["throughput"] = figures
    budgets = _budgets(results)
    print(_table(results, budgets))
    RESULTS.mkdir(exist_ok=True)
    today = datetime.date.today().isoformat()
    out = Path(os.environ["BENCH_OUT"]).resolve() if os.environ.get("BENCH_OUT") else \
        RESULTS / f"{today}-{connection.vendor}.json"
    out.write_text(json.dumps({"date": today, "machine": machine, "repeat": REPEAT, "budgets": budgets, **results},
                              ensure_ascii=False, indent=2) + "\n")
    print(f"\nwritten: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
