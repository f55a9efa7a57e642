"""The parser of wrk's output (``bench/throughput.py``), on what wrk 4.1 (Debian 12) printed:
a clean run, runs with non-2xx responses and socket errors, latencies in µs, ms and s.

No real run here: a gunicorn on the test database loaded by wrk would take seconds and
prove little that ``make bench`` does not (it checks each page answers 200 first)."""

import pytest

from bench import throughput

# Against a WSGI app answering "ok" at once.
CLEAN = """\
Running 2s test @ http://127.0.0.1:18765/ok
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.43ms    0.88ms  11.43ms   83.43%
    Req/Sec     2.41k   442.47     2.75k    92.68%
  Latency Distribution
     50%    6.22ms
     75%    6.60ms
     90%    7.43ms
     99%    9.65ms
  9829 requests in 2.10s, 3.36MB read
Requests/sec:   4681.59
Transfer/sec:      1.60MB
"""

# Every response a 404.
NOT_FOUND = """\
Running 2s test @ http://127.0.0.1:18765/nf
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.30ms  582.37us   9.24ms   73.73%
    Req/Sec     2.46k   402.16     2.69k    97.56%
  Latency Distribution
     50%    6.20ms
     75%    6.57ms
     90%    7.05ms
     99%    8.30ms
  10011 requests in 2.10s, 1.58MB read
  Non-2xx or 3xx responses: 10011
Requests/sec:   4767.62
Transfer/sec:    772.95KB
"""

# Some 500s, the slowest requests past --timeout 1s.
ERRORS = """\
Running 3s test @ http://127.0.0.1:18765/mixed
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.87ms  263.62ms 827.34ms   71.43%
    Req/Sec     8.04      4.63    20.00     74.07%
  Latency Distribution
     50%  367.80ms
     75%  626.45ms
     90%  827.34ms
     99%  827.34ms
  36 requests in 3.01s, 11.89KB read
  Socket errors: connect 0, read 0, write 0, timeout 29
  Non-2xx or 3xx responses: 4
Requests/sec:     11.98
Transfer/sec:      3.96KB
"""

# A queue: two sync workers, 300 ms a request, 32 connections (--timeout 5s). wrk pads the
# percentiles in seconds with a space at the end of the line (taken off here, put back below).
SECONDS = """\
Running 4s test @ http://127.0.0.1:18765/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.11s     1.15s    3.92s    53.85%
    Req/Sec     5.46      1.66     6.00     92.31%
  Latency Distribution
     50%    2.11s
     75%    3.02s
     90%    3.62s
     99%    3.92s
  26 requests in 4.01s, 4.04KB read
Requests/sec:      6.49
Transfer/sec:      1.01KB
"""

# A server resetting two connections of three.
RESETS = """\
Running 2s test @ http://127.0.0.1:18767/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.60ms  821.16us   7.47ms   71.61%
    Req/Sec     2.97k   532.97     4.04k    67.50%
  Latency Distribution
     50%    1.50ms
     75%    1.97ms
     90%    2.64ms
     99%    4.36ms
  11817 requests in 2.00s, 461.60KB read
  Socket errors: connect 0, read 28533, write 6919, timeout 0
Requests/sec:   5898.48
Transfer/sec:    230.41KB
"""


def test_a_clean_run():
    run = throughput.parse_wrk(CLEAN)
    assert run["req_s"] == 4681.59 and run["requests"] == 9829 and run["seconds"] == 2.1
    assert run["latency_ms"] == {"avg": 6.43, "max": 11.43, "p50": 6.22, "p75": 6.6, "p90": 7.43, "p99": 9.65}
    assert run["errors"] == 0 and run["non_2xx_3xx"] == 0
    assert run["socket_errors"] == {"connect": 0, "read": 0, "write": 0, "timeout": 0}


def test_non_2xx_responses_are_errors():
    run = throughput.parse_wrk(NOT_FOUND)
    assert run["non_2xx_3xx"] == run["requests"] == 10011 and run["errors"] == 10011


def test_timeouts_and_server_errors_both_count():
    run = throughput.parse_wrk(ERRORS)
    assert run["req_s"] == 11.98 and run["requests"] == 36
    assert run["socket_errors"]["timeout"] == 29 and run["non_2xx_3xx"] == 4 and run["errors"] == 33
    assert run["latency_ms"]["p50"] == 367.8


def test_latencies_in_seconds_and_microseconds_in_ms():
    run = throughput.parse_wrk(SECONDS.replace("s\n", "s \n"))
    assert run["latency_ms"] == {"avg": 2110.0, "max": 3920.0, "p50": 2110.0, "p75": 3020.0, "p90": 3620.0,
                                 "p99": 3920.0}
    assert run["errors"] == 0 and run["seconds"] == 4.01
    assert throughput.parse_wrk(RESETS)["latency_ms"]["avg"] == 1.6  # its stdev, 821.16us, is not kept


def test_read_and_write_errors():
    run = throughput.parse_wrk(RESETS)
    assert run["socket_errors"] == {"connect": 0, "read": 28533, "write": 6919, "timeout": 0}
    assert run["errors"] == 28533 + 6919 and run["req_s"] == 5898.48


def test_a_failed_run_is_not_read_as_numbers():
    with pytest.raises(ValueError, match="not wrk output"):
        throughput.parse_wrk("unable to connect to 127.0.0.1:18766 Connection refused\n")


def _figures(minimal, dashboard, report):
    figures = {"gunicorn": "--workers 5", "wrk": "-t2 -c32 -d10s"}
    for page, text in zip(throughput.PAGES, (minimal, dashboard, report), strict=True):
        figures[page] = {"path": f"/{page}/", **throughput.parse_wrk(text)}
    figures["dashboard_ratio"] = round(figures["dashboard"]["req_s"] / figures["minimal"]["req_s"], 3)
    return figures


def test_the_budget_holds_on_the_ratio_with_no_error():
    figures = _figures(CLEAN, SECONDS, CLEAN)  # 6.49 of 4681.59 req/s
    assert throughput.budget(figures) == {"budget": 0.3, "measured": 0.001, "holds": False, "errors": 0}
    figures = _figures(CLEAN, CLEAN.replace("4681.59", "1500.00"), CLEAN)
    assert throughput.budget(figures) == {"budget": 0.3, "measured": 0.32, "holds": True, "errors": 0}
    assert throughput.shown(throughput.budget(figures)) == "32.0%, 0 errors"


def test_an_error_on_any_page_fails_the_budget_and_is_shown():
    figures = _figures(SECONDS, CLEAN, ERRORS)
    entry = throughput.budget(figures)
    assert entry["holds"] is False and entry["errors"] == 33
    assert throughput.shown(entry).endswith("33 errors")
    lines = "\n".join(throughput.table_lines(figures))
    assert "33 errors (4 non-2xx/3xx, socket {'connect': 0, 'read': 0, 'write': 0, 'timeout': 29})" in lines


def test_a_run_that_could_not_be_made_fails_the_budget():
    entry = throughput.budget({"error": "gunicorn exited (3): ModuleNotFoundError: No module named 'x'\n…"})
    assert entry["holds"] is False and entry["measured"] is None
    assert throughput.shown(entry) == "not measured: gunicorn exited (3): ModuleNotF"


def test_the_best_run_is_kept_with_the_errors_of_every_run():
    best = throughput._best([throughput.parse_wrk(SECONDS), throughput.parse_wrk(ERRORS)])
    assert best["req_s"] == 11.98 and best["runs_req_s"] == [6.49, 11.98]
    assert best["errors"] == 33 and best["socket_errors"]["timeout"] == 29 and best["non_2xx_3xx"] == 4


def test_a_server_that_does_not_start_says_why():
    import io

    log = io.StringIO("[ERROR] Exception in worker process\nTraceback (most recent call last):\n  File \"x.py\"\n"
                      "ModuleNotFoundError: No module named 'jobs'\n[INFO] Worker exiting\n")
    assert throughput._tail(log).splitlines()[0] == "ModuleNotFoundError: No module named 'jobs'"
    usage = io.StringIO("usage: gunicorn [OPTIONS] [APP_MODULE]\ngunicorn: error: unrecognized arguments: --bogus\n")
    assert throughput._tail(usage).splitlines()[0] == "gunicorn: error: unrecognized arguments: --bogus"
