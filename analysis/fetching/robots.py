"""robots.txt read as RFC 9309 says, wildcards included.

The standard library's ``urllib.robotparser`` takes the first rule that
matches and treats ``*`` and ``$`` in paths literally, so ``Disallow: /*?``
(common on news sites) would never stop us. Here the longest matching rule
wins, an Allow wins a tie, ``*`` matches any run of characters and a final
``$`` anchors the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

# The characters a path keeps as they are when both sides are brought to one percent-encoding.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~?"


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one robots.txt for one crawler: ``RobotsRules.parse(text, "StoryLens")``."""

    rules: tuple[tuple[bool, str], ...] = ()  # (allowed, path pattern)
    crawl_delay: float | None = None

    @classmethod
    def parse(cls, text: str, agent: str) -> "RobotsRules":
        """The group naming ``agent`` (case-insensitively), else the ``*`` group; all groups naming it merge."""
        groups: list[tuple[set[str], list[tuple[bool, str]], list[float]]] = []
        in_agents = False
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            name, colon, value = line.partition(":")
            if not colon:
                continue
            name, value = name.strip().lower(), value.strip()
            if name == "user-agent":
                if not in_agents:
                    groups.append((set(), [], []))
                groups[-1][0].add(value.lower())
                in_agents = True
                continue
            in_agents = False
            if not groups:
                continue  # rules before any user-agent line belong to no group
            if name in ("allow", "disallow") and value:
                groups[-1][1].append((name == "allow", _normal(value)))
            elif name == "crawl-delay":
                try:
                    groups[-1][2].append(float(value))
                except ValueError:
                    pass
        token = agent.lower()
        chosen = [g for g in groups if token in g[0]] or [g for g in groups if "*" in g[0]]
        rules = tuple(rule for group in chosen for rule in group[1])
        delays = [delay for group in chosen for delay in group[2]]
        return cls(rules, max(delays) if delays else None)

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        path = _normal((parts.path or "/") + ("?" + parts.query if parts.query else ""))
        if path == "/robots.txt":
            return True
        best: tuple[int, bool] | None = None
        for allowed, pattern in self.rules:
            if _matches(pattern, path):
                candidate = (len(pattern), allowed)
                if best is None or candidate > best:  # longer wins; on a tie True (allow) > False
                    best = candidate
        return True if best is None else best[1]


def _normal(path: str) -> str:
    """One percent-encoding for both the rule and the path (%7E and ~ compare equal)."""
    return quote(unquote(path), safe=_PATH_SAFE)


def _matches(pattern: str, path: str) -> bool:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(piece) for piece in body.split("*")) + ("$" if anchored else "")
    return re.match(regex, path) is not None
