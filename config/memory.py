"""The garbage collector of a server process.

Python's cyclic collector runs its youngest generation every 700 allocations and,
every hundred of those, scans every object alive — in a Django process 100,000 of them
(the modules, the URL patterns, the compiled templates) that never become garbage. A
request that reads thousands of rows (a national dashboard builds 300,000 objects) paid
about a quarter of its time for it (docs/performance.md). So, once the app is loaded:
its objects are frozen (left out of every later collection), and the collector runs
every 10,000 allocations, its older generations 20 times more rarely each. Memory is
still freed the moment nothing refers to it; only reference cycles wait a little longer.
"""

import gc

THRESHOLDS = (10_000, 20, 20)


def tune_gc() -> None:
    """Freeze what is alive now and space the collections (once the app is loaded)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
