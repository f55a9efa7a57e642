"""Throughput under load: gunicorn with production settings, loaded by ``wrk``.

The benchmark's last part (``bench/run.py``, after the timed measures). On the bench
database it starts gunicorn on a free localhost port with the settings of production
(DEBUG off, a random SECRET_KEY, the static files collected for WhiteNoise's manifest,
plain http on loopback, each worker keeping its database connection), logs the bench board
member in server-side (a session made by Django's own ``login()``, signed with the server's
key) and runs ``wrk -t2 -c32 -d5s --latency`` with that session's cookie, twice in turn,
against three pages:

- ``minimal``: the account's password change page, the lightest page behind the login
  (the session, the user, what every page's layout asks of its context processors, a
  three-field form; no campaign data): what the stack itself costs per request;
- ``dashboard``: the province dashboard, as ``measure.dashboard`` asks for it;
- ``report_page``: the report page of the commune with 200 unions (``measure.report_page``'s
  URL), its blank entry grid: the week's report not yet made, as its reporter opens it
  (``measure.report_page`` times it with the generated, submitted report).

Each page is first checked to answer 200 to the cookie (a redirect to the login page would
count as a success for wrk), then loaded for a short warm-up (every worker compiles its
templates); the pages are then measured in turn, ``BENCH_WRK_ROUNDS`` times, and each keeps
its best run (the machine is shared: a run disturbed by another process is slower, never
faster). A page too slow for a run (fewer responses in its first run than connections: its
latency is near the run's length) is measured once over ``BENCH_WRK_SLOW_DURATION`` instead.
Between runs the server works off the requests wrk left in flight. Any non-2xx/3xx
response or socket error, in any run, is counted and fails the budget. Environment:

    BENCH_THROUGHPUT=province          the sizes loaded ("" to skip; "province,national")
    BENCH_WRK_DURATION=5s              each measured run, BENCH_WRK_ROUNDS=2 of them per page;
    BENCH_WRK_SLOW_DURATION=30s        the one run of a slow page; BENCH_WRK_WARMUP=2s first
    BENCH_WRK_TIMEOUT=30s              wrk's socket timeout (gunicorn's worker timeout)
    BENCH_GUNICORN="--workers 5"       gunicorn's worker options (docs/performance.md)
    BENCH_CONN_MAX_AGE=60              the server's CONN_MAX_AGE (0: a connection per request)
"""

import contextlib
import http.client
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent

SIZES = [name for name in os.environ.get("BENCH_THROUGHPUT", "province").split(",") if name]
DURATION = os.environ.get("BENCH_WRK_DURATION", "5s")
ROUNDS = max(1, int(os.environ.get("BENCH_WRK_ROUNDS", 2)))
SLOW_DURATION = os.environ.get("BENCH_WRK_SLOW_DURATION", "30s")
WARMUP = os.environ.get("BENCH_WRK_WARMUP", "2s")
TIMEOUT = os.environ.get("BENCH_WRK_TIMEOUT", "30s")
THREADS, CONNECTIONS = 2, 32
# Chosen on this 2-core machine (docs/performance.md, "Throughput"): sync workers, 2 × cores + 1.
GUNICORN = os.environ.get("BENCH_GUNICORN", "--workers 5 --worker-class sync")
# Each worker keeps its PostgreSQL connection (docs/operations.md: one per worker); 0 opens one per request.
CONN_MAX_AGE = os.environ.get("BENCH_CONN_MAX_AGE", "60")
BUDGET = 0.30  # the province dashboard's req/s over the minimal page's
PAGES = ("minimal", "dashboard", "report_page")

_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_TIME = r"([\d.]+)(us|ms|s|m|h)"


def _ms(value: str, unit: str) -> float:
    return round(float(value) * _UNIT[unit], 2)


def parse_wrk(text: str) -> dict:
    """What ``wrk --latency`` printed: requests per second, latencies in ms, the errors
    (non-2xx/3xx responses and socket errors; ``errors`` is their total)."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    done = re.search(rf"^\s*(\d+) requests in {_TIME}", text, re.M)
    if not rate or not done:
        raise ValueError(f"not wrk output: {text.strip()[:300]!r}")
    latency = {}
    thread = re.search(rf"^\s*Latency\s+{_TIME}\s+{_TIME}\s+{_TIME}", text, re.M)
    if thread:
        latency["avg"], latency["max"] = _ms(*thread.group(1, 2)), _ms(*thread.group(5, 6))
    for pct, value, unit in re.findall(rf"^\s+(50|75|90|99)%\s+{_TIME}", text, re.M):
        latency[f"p{pct}"] = _ms(value, unit)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    socket_errors = dict(zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)) \
        if sockets else dict.fromkeys(("connect", "read", "write", "timeout"), 0)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    non_2xx_3xx = int(non_2xx.group(1)) if non_2xx else 0
    return {
        "req_s": float(rate.group(1)),
        "requests": int(done.group(1)),
        "seconds": round(_ms(*done.group(2, 3)) / 1000, 2),
        "latency_ms": latency,
        "non_2xx_3xx": non_2xx_3xx,
        "socket_errors": socket_errors,
        "errors": non_2xx_3xx + sum(socket_errors.values()),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _production_env(secret_key: str, static_root: str) -> dict:
    """The environment of a production server (config/settings.py), on the bench database
    (``DATABASE_URL`` as ``bench/run.py`` set it), plain http on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "False",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": static_root,
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "LOG_LEVEL": "WARNING",
    }


def _get(port: int, path: str, cookie: str | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


@contextlib.contextmanager
def gunicorn(env: dict, options: str = GUNICORN):
    """A gunicorn serving ``config.wsgi`` on a free port (yielded), answering before the
    block runs, stopped (SIGTERM, then SIGKILL of its process group) however it ends."""
    port = _free_port()
    # No control socket: gunicorn's default one (~/.gunicorn/gunicorn.ctl) is shared by every server of the user.
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--no-control-socket", *shlex.split(options)]
    with tempfile.TemporaryFile(mode="w+") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"gunicorn exited ({server.returncode}): {_tail(log)}")
                try:
                    _get(port, "/dang-nhap/")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"gunicorn does not answer on port {port}: {_tail(log)}") from None
                    time.sleep(0.2)
            yield port
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: the workers finish and exit
                try:
                    server.wait(timeout=35)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait()


def _tail(log) -> str:
    """The reason a server failed (the first exception it logged), then the end of its log."""
    log.seek(0)
    text = log.read()
    # An exception's last line ("ModuleNotFoundError: …"), or argparse's ("gunicorn: error: …").
    reason = re.search(r"^(?:[\w.]+(?:Error|Exception|Configured): |\S+: error: ).*$", text, re.M)
    return f"{reason.group(0) if reason else 'see its log'}\n{text[-2000:]}"


def session_cookie(user, secret_key: str) -> str:
    """``user`` logged in by ``django.contrib.auth.login`` on a request of no client, its
    session stored and signed with the server's ``secret_key``: the cookie header to send."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest
    from django.test.utils import override_settings

    with override_settings(SECRET_KEY=secret_key):  # the session's signature and the user's auth hash
        request = HttpRequest()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.save()
    return f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}"


def wrk(url: str, cookie: str, duration: str = DURATION) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}", f"--timeout={TIMEOUT}", "--latency",
               "-H", f"Cookie: {cookie}", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=_seconds(duration) + 120)
    if done.returncode:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk(done.stdout)


def _seconds(duration: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(s|m|h)?", duration).groups()
    return float(value) * {"s": 1, "m": 60, "h": 3600, None: 1}[unit]


def _paths(generated) -> dict:
    from django.urls import reverse

    from bench import measure

    unit, period = generated.big_units[-1], measure._entry_period(generated)  # measure.report_page's page
    measure._fresh_report(unit, period)  # its blank grid, as the reporter opens it to enter the week's figures
    url, params = measure._dashboard_url(generated)  # the national dashboard at the national size
    return {
        "minimal": reverse("password_change"),
        "dashboard": f"{url}?{urlencode(params)}",
        "report_page": reverse("reporting:report", args=[unit.pk, period.pk]),
    }


def measure_sizes(generated: list) -> dict:
    """Each of ``generated`` (the sizes in ``SIZES``) loaded by wrk, one gunicorn for all:
    ``{size name: figures}``; figures hold ``error`` instead when nothing could be measured."""
    from django.core.management.utils import get_random_secret_key

    generated = [g for g in generated if g.size.name in SIZES]
    if not generated:
        return {}
    if not shutil.which("wrk"):
        return {g.size.name: {"error": "wrk is not installed (make system-bench)"} for g in generated}
    secret_key = get_random_secret_key()  # 50 characters
    results = {}
    with tempfile.TemporaryDirectory(prefix="campaign-bench-static-") as static_root:
        env = _production_env(secret_key, static_root)
        try:
            # WhiteNoise's manifest storage: DEBUG off, {% static %} needs the collected files.
            subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                           check=True, capture_output=True, text=True)
            with gunicorn(env) as port:
                for g in generated:
                    results[g.size.name] = _load(port, g, session_cookie(g.board, secret_key))
        except (OSError, RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired, ValueError) as error:
            detail = getattr(error, "stderr", None) or str(error)
            for g in generated:
                results.setdefault(g.size.name, {"error": detail.strip()[-2000:]})
    return results


def _drain(port: int) -> None:
    """Wait until the server has worked off what an ended run left queued (wrk stops with
    32 requests in flight; gunicorn still answers them): the login page answers at once."""
    deadline, quick = time.monotonic() + 180, 0
    while quick < 2 and time.monotonic() < deadline:
        start = time.monotonic()
        try:
            _get(port, "/dang-nhap/")
        except TimeoutError:  # still queued behind them (30 s)
            quick = 0
            continue
        quick = quick + 1 if time.monotonic() - start < 0.25 else 0


def _best(runs: list[dict]) -> dict:
    """The run with the most requests per second (the one least disturbed by whatever else
    the machine ran), with every run's rate and the errors of all of them."""
    best = dict(max(runs, key=lambda run: run["req_s"]))
    best["runs_req_s"] = [run["req_s"] for run in runs]
    best["non_2xx_3xx"] = sum(run["non_2xx_3xx"] for run in runs)
    best["socket_errors"] = {kind: sum(run["socket_errors"][kind] for run in runs) for kind in best["socket_errors"]}
    best["errors"] = sum(run["errors"] for run in runs)
    return best


def _load(port: int, generated, cookie: str) -> dict:
    figures = {"gunicorn": GUNICORN, "conn_max_age": CONN_MAX_AGE,
               "wrk": f"-t{THREADS} -c{CONNECTIONS} -d{DURATION} --timeout {TIMEOUT}, best of {ROUNDS}",
               # What else the machine was running: its 1-minute load average before the first run (about
               # 1 from the bench's own measures just before; well above it, another process shared the cores).
               "load_before": round(os.getloadavg()[0], 1)}
    paths, urls, runs, slow = _paths(generated), {}, {}, []
    for page, path in paths.items():
        response = _get(port, path, cookie)
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status} {response.getheader('Location') or ''}")
        urls[page], runs[page] = f"http://127.0.0.1:{port}{path}", []
        wrk(urls[page], cookie, WARMUP)  # every worker compiles the page's templates
        _drain(port)
    for _ in range(ROUNDS):  # the pages in turn, so that a disturbance of the machine spreads over them
        for page in runs:
            if page not in slow:
                run = wrk(urls[page], cookie)
                _drain(port)
                if run["requests"] < CONNECTIONS:  # slower than a run: the requests in flight are most of them
                    slow.append(page)
                    runs[page].clear()
                else:
                    runs[page].append(run)
    for page in slow:
        runs[page].append(wrk(urls[page], cookie, SLOW_DURATION))
        _drain(port)
    for page, path in paths.items():
        figures[page] = {"path": path, **_best(runs[page])}
        if page in slow:
            figures[page]["duration"] = SLOW_DURATION
        print(f"{generated.size.name}: throughput of {page}: {figures[page]['runs_req_s']} req/s", flush=True)
    figures["dashboard_ratio"] = round(figures["dashboard"]["req_s"] / max(figures["minimal"]["req_s"], 0.01), 3)
    return figures


def budget(figures: dict) -> dict:
    """The budget entry: dashboard req/s ÷ minimal page req/s ≥ 30 %, with no error on any page."""
    if "error" in figures:
        return {"budget": BUDGET, "measured": None, "holds": False, "errors": None, "error": figures["error"]}
    errors = sum(figures[page]["errors"] for page in PAGES)
    ratio = figures["dashboard_ratio"]
    return {"budget": BUDGET, "measured": ratio, "holds": ratio >= BUDGET and errors == 0, "errors": errors}


def shown(entry: dict) -> str:
    """A budget entry's measure, for the table."""
    if entry["measured"] is None:
        return f"not measured: {(entry.get('error') or '?').splitlines()[0][:31]}"
    return f"{entry['measured']:.1%}, {entry['errors']} errors"


def table_lines(figures: dict) -> list[str]:
    if "error" in figures:
        return [f"  throughput: not measured: {(figures['error'] or '?').splitlines()[0]}"]
    lines = [f"  throughput (gunicorn {figures['gunicorn']}, CONN_MAX_AGE {figures.get('conn_max_age', '?')}; "
             f"wrk {figures['wrk']}; load average before {figures.get('load_before', '?')})"]
    for page in PAGES:
        f, lat = figures[page], figures[page]["latency_ms"]
        errors = f"{f['errors']} errors" + (f" ({f['non_2xx_3xx']} non-2xx/3xx, socket {f['socket_errors']})"
                                             if f["errors"] else "")
        runs = f"runs {f['runs_req_s']}" if len(f.get("runs_req_s", [])) > 1 else \
            f"one run of {f.get('duration', DURATION)}"
        if f["requests"] < CONNECTIONS:
            runs += f"; only {f['requests']} responses: latency near the run's length"
        lines.append(f"    {page:30s} {f['req_s']:9.1f} req/s  p50 {lat.get('p50', 0):7.1f} ms  "
                     f"p99 {lat.get('p99', 0):7.1f} ms  {errors}  ({runs})")
    lines.append(f"    dashboard ÷ minimal {'':14s} {figures['dashboard_ratio']:9.1%}")
    return lines
