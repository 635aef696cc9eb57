#!/usr/bin/env bash
# Run the shared crawl benchmark with this project's crawler added.
#
#   benchmarks/crawl/run.sh N C [CONTENDER ...]
#   benchmarks/crawl/run.sh 5000 64                  # scrapy-urls httpx-floor aiohttp-floor ours
#   REPS=1 benchmarks/crawl/run.sh 20000 64 ours     # one contender, e.g. for peak RSS
#
# Contenders added here (besides the shared ones: scrapy-urls, scrapy-sitemap, httpx-floor, selectolax-floor):
#   ours          pipeline crawl --urls: fetch, robots.txt, WARC write, SQLite index and frontier; then the index
#                 is dumped to JSONL (index_to_jsonl.py) for the harness's completeness check, inside the timing
#   ours-sitemap  the same, discovering the URLs from the sitemap index (as scrapy-sitemap does)
#   ours-httpx    "ours" on httpx's default transport (ours_default_transport.py), to weigh the transport choice
#   aiohttp-floor the shared httpx floor with only the transport swapped for httpx-aiohttp
# Settings match the Scrapy anchor's: C requests in flight, C per host, no delay, robots.txt obeyed.
#
# Env: BENCH_DIR (the shared benchmark; default ../shared/bench/crawl from the repository root),
#      PYTHON (default: the repository's .venv), and everything bench.sh reads (REPS, PORT, BENCH_CACHE...).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$REPO/benchmarks/crawl
BENCH_DIR=${BENCH_DIR:-$REPO/../shared/bench/crawl}
PYTHON=${PYTHON:-$REPO/.venv/bin/python}

if [[ $# -lt 2 ]]; then
  sed -n '2,19p' "$0" >&2
  exit 2
fi
N=$1 C=$2
shift 2
contenders=("$@")
if [[ ${#contenders[@]} -eq 0 ]]; then
  contenders=(scrapy-urls httpx-floor aiohttp-floor ours)
fi

crawl="$PYTHON -m pipeline crawl --raw {out_dir}/raw -c {concurrency} --per-host {concurrency} --delay 0"
crawl+=" --allow-private-addresses --no-progress --contact https://example.org/crawl-bench"
dump="$PYTHON $HERE/index_to_jsonl.py {out_dir}/raw > {out_dir}/pages.jsonl"

args=()
for name in "${contenders[@]}"; do
  case $name in
    ours) args+=("ours=$crawl --urls {urls_file} && $dump") ;;
    ours-sitemap) args+=("ours-sitemap=$crawl --sitemap {sitemap_url} && $dump") ;;
    ours-httpx) args+=("ours-httpx=${crawl/-m pipeline/$HERE/ours_default_transport.py} --urls {urls_file} && $dump") ;;
    aiohttp-floor) args+=("aiohttp-floor=$PYTHON $HERE/aiohttp_floor.py --urls-file {urls_file} --out {out_dir}/items.jsonl -c {concurrency}") ;;
    *) args+=("$name") ;;
  esac
done

exec "$BENCH_DIR/bench.sh" "$N" "$C" "${args[@]}"
