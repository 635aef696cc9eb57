"""The fetch floor over httpx-aiohttp: httpx's API on aiohttp's transport, nothing else.

The same loop as the shared benchmark's ``httpx_floor.py`` (a semaphore of C, GET every URL, read the decoded
body, one JSON line per page), with only the transport swapped, so the two rows show what the transport costs.

    python aiohttp_floor.py --urls-file URLS.txt --out OUT.jsonl [-c 64]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

import httpx
from httpx_aiohttp import AiohttpTransport


async def fetch_all(urls: list[str], concurrency: int, out: Path) -> int:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    gate = asyncio.Semaphore(concurrency)
    failures = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    async with httpx.AsyncClient(transport=AiohttpTransport(limits=limits), timeout=60.0) as client:
        with out.open("w") as lines:

            async def one(url: str) -> None:
                nonlocal failures
                async with gate:
                    try:
                        response = await client.get(url)
                        body = response.content
                    except httpx.HTTPError as exc:
                        failures += 1
                        print(f"aiohttp_floor: {url}: {exc!r}", file=sys.stderr)
                        return
                lines.write(json.dumps({"url": url, "status": response.status_code, "bytes": len(body)}) + "\n")

            await asyncio.gather(*(one(u) for u in urls))
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--urls-file", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("-c", "--concurrency", type=int, default=64)
    args = parser.parse_args()
    urls = [u.strip() for u in args.urls_file.read_text().splitlines() if u.strip()]
    return 1 if asyncio.run(fetch_all(urls, args.concurrency, args.out)) else 0


if __name__ == "__main__":
    sys.exit(main())
