"""Default crawl settings, in one place for the settings dataclasses and the ``crawl`` command's options.

A module of plain values, so that the command reads them without loading the crawl machinery (aiohttp, httpx).
"""

CONCURRENCY = 64
PER_HOST = 2
DELAY = 0.25
RETRIES = 3
RETRY_BASE = 1.0
MAX_REDIRECTS = 10
MAX_DEPTH = 5
MAX_BYTES = 10 << 20
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
TOTAL_TIMEOUT = 60.0
