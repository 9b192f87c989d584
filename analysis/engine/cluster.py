"""Batch work on a Dask distributed cluster: `storylens index CORPUS --scheduler ADDRESS`.

Dask is the engine (scheduling, retries, lost workers); this module only
connects to it and feeds it batches of file names as a bounded window, taking
the results back as they complete. Dask is imported here and only here, when
a scheduler is asked for, so the core install does not need it
(``pip install 'storylens[cluster]'`` brings it).
"""

from __future__ import annotations

import itertools
import math
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from typing import Any

ADDRESS_ENV = "DASK_SCHEDULER_ADDRESS"
LOCAL = "local"
# A scheduler that does not answer within this is reported, well inside the 30 s a user waits.
CONNECT_SECONDS = 10
# A scheduler with no worker attached cannot run anything: say so rather than wait forever.
WORKER_WAIT_SECONDS = 15
# A task lost with its worker is rescheduled by Dask itself; these retries cover a task that failed.
RETRIES = 2
# Articles per task: about 8 tasks per worker thread, so the last ones finish close together, and
# never more than 256 articles (8 s of work at ~30 ms each), nor fewer than 16 (the scheduler's
# cost per task, about a millisecond, stays under 1% of the work). A million articles make ~4,000 tasks.
TASKS_PER_THREAD = 8
MIN_BATCH, MAX_BATCH = 16, 256
# Tasks in flight per worker thread: enough that no worker waits for the client, few enough
# that results pile up in bounded numbers whatever the corpus's size.
WINDOW_PER_THREAD = 3


class ClusterUnavailable(Exception):
    """The Dask scheduler cannot be reached, has no workers, or Dask is not installed."""


class DaskCluster:
    """A connection to a Dask scheduler (``"local"``: a cluster of this machine's cores, started here)."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ClusterUnavailable("--scheduler needs Dask: pip install 'storylens[cluster]'") from exc
        self.address = address
        self._cluster = None
        try:
            if address == LOCAL:
                from analysis.engine.batch import default_workers

                # ":0": its web server on a free port, never a fixed one another run may hold.
                self._cluster = LocalCluster(n_workers=default_workers(), threads_per_worker=1,
                                             dashboard_address=":0")
                self.client = Client(self._cluster)
            else:
                _refuse_fast(address)
                self.client = Client(address, timeout=CONNECT_SECONDS)
        except Exception as exc:  # noqa: BLE001 - whatever answers there (a proxy, not Dask) is one error to the user
            self.close()
            raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address} ({_first_line(exc)})") from exc
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterUnavailable(f"the Dask scheduler at {address} has no workers "
                                     f"(waited {WORKER_WAIT_SECONDS} s)") from exc

    def __enter__(self) -> "DaskCluster":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        client, self.client = getattr(self, "client", None), None
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def threads(self) -> int:
        """Worker threads attached now (a cluster may grow or shrink while it runs)."""
        workers = self.client.scheduler_info().get("workers", {})
        return max(1, sum(w.get("nthreads", 1) for w in workers.values()))

    def batch_size(self, articles: int) -> int:
        return max(MIN_BATCH, min(MAX_BATCH, math.ceil(articles / (TASKS_PER_THREAD * self.threads()))))

    def map_unordered(self, work: Callable[..., Any], batches: Sequence[tuple],
                      articles: int) -> Iterator[tuple[tuple, Any]]:
        """Yield (args, work(*args)) for every batch of args, in the order the workers finish them."""
        from distributed import as_completed

        queue = iter(batches)
        pending: dict[str, tuple] = {}

        def submit(args: tuple):
            future = self.client.submit(work, *args, retries=RETRIES, pure=False)
            pending[future.key] = args
            return future

        window = WINDOW_PER_THREAD * self.threads()
        running = as_completed([submit(args) for args in itertools.islice(queue, window)])
        for future in running:
            args = pending.pop(future.key)
            result = future.result()
            future.release()
            for more in itertools.islice(queue, 1):
                running.add(submit(more))
            yield args, result


def scheduler_address(given: str | None) -> str | None:
    """The scheduler asked for: ``--scheduler``, else ``$DASK_SCHEDULER_ADDRESS``, else none (run here)."""
    return given or os.environ.get(ADDRESS_ENV) or None


def _refuse_fast(address: str) -> None:
    """Fail at once when nothing listens at a tcp:// address (Dask would retry until its timeout)."""
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if not address.startswith("tcp://") or not port.isdigit():
        return  # another transport, or a form Dask resolves itself: leave it to Dask
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as exc:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address} ({_first_line(exc)})") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
