"""Links and feeds into a corpus folder: the ``storylens fetch`` command and the app's *Add links* box.

One fetcher, two policies. The command fetches whatever its user names, their
own machine included (``AddressPolicy(allow_local=True)``). The app fetches for
visitors of what may be a public host, so ``AddressPolicy.for_app()`` refuses
any address that is not public, after DNS and on every redirect, unless the
operator set ``STORYLENS_ALLOW_LOCAL_LINKS=1``; ``FetchSettings.for_app()``
caps links, bytes and time per request.

Here: reading SOURCEs. Beside it: :mod:`~analysis.fetching.fetcher` (pacing,
robots.txt, retries, resume, metadata.csv), :mod:`~analysis.fetching.client`
(one bounded GET), :mod:`~analysis.fetching.addresses` (the address rule) and
:mod:`~analysis.fetching.sources` (feeds, page sniffing, file names).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from analysis.fetching.addresses import ALLOW_LOCAL_ENV, AddressPolicy, Refused, why_not_public
from analysis.fetching.client import FetchFailed
from analysis.fetching.fetcher import (
    METADATA_COLUMNS, FetchReport, FetchSettings, LinkOutcome, fetch_links, user_agent,
)
from analysis.fetching.sources import file_name, is_link, read_links

__all__ = [
    "ALLOW_LOCAL_ENV", "AddressPolicy", "Refused", "FetchFailed", "FetchReport", "FetchSettings", "LinkOutcome",
    "METADATA_COLUMNS", "fetch_links", "file_name", "is_link", "links_from_sources", "read_links",
    "user_agent", "why_not_public",
]


def links_from_sources(sources: Sequence[str]) -> tuple[list[str], list[str]]:
    """The links SOURCEs name (a link, or a file of links), and a problem line per unusable SOURCE."""
    links: list[str] = []
    problems: list[str] = []
    for source in sources:
        if is_link(source):
            links.append(source.strip())
            continue
        path = Path(source).expanduser()
        if not path.is_file():
            problems.append(f"{source}: neither an http(s) link nor a file of links")
            continue
        try:
            found = read_links(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{source}: cannot be read ({exc})")
            continue
        if not found:
            problems.append(f"{source}: holds no links")
        links += found
    return links, problems
