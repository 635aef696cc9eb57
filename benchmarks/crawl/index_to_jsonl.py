"""Print one JSON line per stored 200 response of a raw store's index: the benchmark's completeness check.

Reads only the index (SQLite), so it costs a few milliseconds; the benchmark times it with the crawl.

    python index_to_jsonl.py RAW_DIR > pages.jsonl
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path


def main(raw_dir: Path) -> None:
    with sqlite3.connect(raw_dir / "index.sqlite") as conn:
        for url, warc_file, offset in conn.execute(
            "SELECT url, warc_file, offset FROM records WHERE status = 200 AND record_type = 'response'"
        ):
            sys.stdout.write(json.dumps({"url": url, "warc_file": warc_file, "offset": offset}) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
