"""URL normalization and crawl scope: one spelling per page, so the frontier never fetches a page twice."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from pipeline.fetch import defaults

TRACKING_PARAMS = (
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "utm_name",
    "gclid", "dclid", "fbclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl",
)
"""Query parameters that identify a click, not a page."""

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize(url: str, *, strip_tracking: bool = False) -> str | None:
    """The canonical spelling of an http(s) URL, or None for anything else (file:, ftp:, data:, garbage).

    w3lib sorts the query, fixes percent-encoding and drops the fragment; the host is lowercased and a default
    port removed here.
    """
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        return None
    url = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    if strip_tracking and parts.query:
        url = url_query_cleaner(url, TRACKING_PARAMS, remove=True)
    return canonicalize_url(url)


def host_of(url: str) -> str:
    """The politeness key of a normalized URL: its origin, ``scheme://host[:port]`` (robots.txt is per origin)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def resolve(base: str, href: str) -> str:
    """An href made absolute against the page it was found on."""
    return urljoin(base, href)


@dataclass(frozen=True, slots=True)
class Scope:
    """Which discovered links a crawl follows: same host as the start pages by default, allow/deny patterns."""

    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()
    hosts: frozenset[str] = field(default_factory=frozenset)
    """Allowed origins (``scheme://host[:port]``); empty means any."""
    max_depth: int = defaults.MAX_DEPTH

    def accepts(self, url: str, host: str, depth: int) -> bool:
        """Whether to follow a link to ``url``, whose origin ``host`` the caller has computed once for all checks."""
        if depth > self.max_depth:
            return False
        if self.hosts and host not in self.hosts:
            return False
        if self.allow and not any(p.search(url) for p in self.allow):
            return False
        return not any(p.search(url) for p in self.deny)
