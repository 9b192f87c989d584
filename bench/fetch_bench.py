"""`storylens fetch` of 200 links on several local hosts: all saved, and the delay per host kept.

Hosts are loopback addresses (127.0.0.1, 127.0.0.2, ...), each a real HTTP
server on a free port, so each is a different host to the fetcher. The command
runs as a user would run it (a subprocess, a links file, the default 1 s delay).
Printed: pages saved, metadata rows, the smallest gap between two requests seen
by each host, the total time, and that time against the least the delay allows
(links per host x delay): the cost of everything else, as a ratio.

    python bench/fetch_bench.py [--links 200] [--hosts 5] [--delay 1]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.webserver import WebServer  # noqa: E402  (the tests' real local server)

WORDS = ("harbour storm council minister flood rescue budget election court report police market school "
         "hospital river bridge strike union energy price water road train airport farmer village").split()


def article(rng: random.Random, number: int) -> tuple[str, str]:
    title = f"Story {number}: {' '.join(rng.sample(WORDS, 4)).capitalize()}"
    sentences = [f"The {rng.choice(WORDS)} {rng.choice(WORDS)} said on day {rng.randint(1, 28)} that "
                 f"{rng.randint(2, 900)} {rng.choice(WORDS)}s were affected." for _ in range(12)]
    return title, " ".join(sentences)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=5)
    parser.add_argument("--delay", type=float, default=1.0)
    options = parser.parse_args()
    rng = random.Random(13)
    servers = [WebServer(f"127.0.0.{n + 1}") for n in range(options.hosts)]
    for server in servers:
        server.__enter__()
    try:
        urls = []
        for number in range(options.links):
            server = servers[number % options.hosts]
            title, body = article(rng, number)
            urls.append(server.page(f"/news/{number}/story.html", title, body))
        with tempfile.TemporaryDirectory() as scratch:
            links = Path(scratch) / "links.txt"
            links.write_text("# bench links\n" + "\n".join(urls) + "\n", encoding="utf-8")
            out = Path(scratch) / "pages"
            env = {**os.environ, "PYTHONPATH": str(ROOT), "STORYLENS_CACHE_DIR": str(Path(scratch) / "cache")}
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "analysis", "fetch", str(links), "--out", str(out),
                                   "--delay", str(options.delay), "--format", "csv"],
                                  capture_output=True, text=True, env=env)
            seconds = time.perf_counter() - started
            with (out / "metadata.csv").open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            saved = sum(1 for row in rows if (out / row["file"]).is_file())
            loaded = subprocess.run([sys.executable, "-m", "analysis", "load", str(out), "--format", "csv"],
                                    capture_output=True, text=True, env=env)
    finally:
        for server in servers:
            server.__exit__(None, None, None)

    print(f"storylens fetch: exit {done.returncode}, {saved} pages saved, {len(rows)} metadata rows, "
          f"{len(done.stderr.splitlines())} stderr lines")
    for server in servers:
        arrivals = sorted(r.at for r in server.requests)
        gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
        print(f"  {server.host}: {len(arrivals)} requests (robots.txt included), "
              f"smallest gap {min(gaps):.3f} s (delay {options.delay:g} s)")
    per_host = -(-options.links // options.hosts)
    floor = per_host * options.delay  # robots.txt, then per_host pages: per_host gaps
    print(f"total {seconds:.1f} s; the delay alone needs {floor:.0f} s ({per_host} links and robots.txt per host): "
          f"ratio {seconds / floor:.2f}" if floor else f"total {seconds:.1f} s")
    articles = len(loaded.stdout.splitlines()) - 1 if loaded.returncode == 0 else 0
    print(f"storylens load of the folder: exit {loaded.returncode}, {articles} articles"
          + (f" ({loaded.stderr.strip().splitlines()[-1]})" if loaded.returncode else ""))
    return 0 if done.returncode == 0 and saved == options.links else 1


if __name__ == "__main__":
    sys.exit(main())
