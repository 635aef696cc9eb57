"""Parse throughput, memory and correctness: `pipeline parse` beside the selectolax floor and trafilatura.

One run does everything on the same generated article pages (WordPress-like, 40-80 KB each, from the crawl
benchmark's ``gen_site.py``) and prints one markdown table:

1. corpus: N article pages (default 1000) and 4N for the memory check, generated once and cached;
2. floor: selectolax (Lexbor) parses every article file read from disk and nothing else (in-process);
3. trafilatura: ``trafilatura.extract`` on the same files (in-process);
4. ours: ``pipeline parse`` end to end (read, parse, split, validate, write) as a child process, with
   ``--workers 1`` (CPU seconds and peak RSS of the child, from ``os.wait4``) and with the default workers
   (wall time, for the multi-core speed-up);
5. memory: peak RSS of ``pipeline parse --workers 1`` at N and at 4N;
6. correctness: our records against the generator's ``truth.jsonl``, field by field.

Speeds are pages per CPU-second, so extra processes do not count as speed; each figure is the fastest of
--repeat runs. Every file is read once before any timing (page cache warm); the in-process contenders then get
an untimed warm-up (a full pass for the floor, 50 pages for trafilatura) and are timed reading and parsing each
file. The child's figures include interpreter start-up and imports, as a user running the command pays them;
the table also shows the run's own count (summary.json), without them. Only article pages are measured: the
files behind ``urls.txt``, never the generator's listing pages.

    python benchmarks/parse_bench.py [--n 1000] [--mem-n 4000] [--repeat 5] [--results FILE] [--profile]

The generator is found with --bench-dir, else $BENCH_DIR, else ``../shared/bench/crawl`` beside the repository.
Generated sites are cached under --cache-dir, else $PARSE_BENCH_CACHE, else ``~/.cache/article-pipeline-bench``.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.metadata
import io
import json
import os
import platform
import pstats
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DIR = REPO.parent / "shared" / "bench" / "crawl"
DEFAULT_CACHE_DIR = Path.home() / ".cache" / "article-pipeline-bench"

TARGET_VS_TRAFILATURA = 10.0
TARGET_VS_FLOOR = 0.25
# "Flat" memory: the peak at 4N stays within this factor of the peak at N.
FLAT_RSS_FACTOR = 1.25
# Multi-core scaling counts as met when the wall speed-up reaches this share of the worker count.
SCALING_SHARE = 0.75
BUSY_SHARE = 0.2

# Text that must never reach the article body: section headings and page chrome of the generated pages.
BODY_FORBIDDEN = (
    "Key Takeaways", "Frequently Asked Questions", "Decision Framework", "Related Articles", "Back to top button",
    "Recent Posts", "Get the Weekly Health Digest", "Skip to content", "Medically reviewed by", "Posted in",
)
FIELDS = ("title", "takeaways", "faq_questions", "faq_answers", "framework", "body_paragraphs", "body_clean")


# ----------------------------------------------------------------------------------------------- corpus


@dataclass(slots=True)
class Corpus:
    """One generated site: its article files (in urls.txt order) and the generator's expected records."""

    site_dir: Path
    urls: list[str]
    files: list[Path]
    truth_path: Path

    @property
    def n(self) -> int:
        return len(self.files)

    def megabytes(self) -> float:
        return sum(path.stat().st_size for path in self.files) / 1e6

    def parse_args(self) -> list[str]:
        """What to hand `pipeline parse`: the year folders when they hold exactly the articles, else the files.

        Folders keep the command line short at any N; the check guarantees no listing page slips in.
        """
        from pipeline.inputs import discover  # the command's own input discovery

        www = self.site_dir / "www"
        folders = sorted({www / path.relative_to(www).parts[0] for path in self.files})
        if set(discover(folders)) == set(self.files):
            return [str(folder) for folder in folders]
        return [str(path) for path in self.files]


def find_generator(bench_dir: Path) -> Path:
    gen = bench_dir / "gen_site.py"
    if not gen.is_file():
        sys.exit(f"gen_site.py not found in {bench_dir} (use --bench-dir or BENCH_DIR)")
    return gen


def generate_corpus(generator: Path, cache_dir: Path, n: int, seed: int) -> Corpus:
    """Generate the site for (n, seed) once; later runs reuse it. Generation goes to a temporary folder first,
    so an interrupted run never leaves a half site in the cache."""
    site = cache_dir / "sites" / f"n{n}-s{seed}"
    if not (site / "meta.json").is_file():
        site.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".n{n}-s{seed}.", dir=site.parent))
        try:
            print(f"generating {n} pages (seed {seed}) into {site} ...", file=sys.stderr)
            subprocess.run([sys.executable, str(generator), str(tmp / "site"), "--n", str(n), "--seed", str(seed)],
                           check=True, stdout=subprocess.DEVNULL)
            if site.exists():
                shutil.rmtree(site)
            (tmp / "site").rename(site)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    urls = [line.strip() for line in (site / "urls.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    files = [site / "www" / urlsplit(url).path.strip("/") / "index.html" for url in urls]
    missing = [path for path in files if not path.is_file()]
    if missing:
        sys.exit(f"{len(missing)} article files missing under {site} (delete it to regenerate)")
    return Corpus(site, urls, files, site / "truth.jsonl")


def warm_page_cache(files: Iterable[Path]) -> None:
    """Read every file once, so no measurement pays for the disk."""
    for path in files:
        path.read_bytes()


# ----------------------------------------------------------------------------------------- measurements


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores), from /proc/stat; 0 elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(x) for x in fields[:8]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # minus idle and iowait


@dataclass(slots=True)
class Run:
    """One timed run. ``other_cpu`` is what the rest of the machine used meanwhile: near 0 means a clean run."""

    cpu: float
    wall: float
    other_cpu: float
    peak_rss_mb: float | None = None
    in_run_cpu: float | None = None
    rejected: int = 0


@dataclass(slots=True)
class Measure:
    """One contender over the corpus. CPU and wall are the fastest run's: what else runs on a shared machine only
    ever adds time (even to CPU time, through shared caches and memory bandwidth)."""

    name: str
    pages: int
    runs: list[Run]

    @property
    def cpu_seconds(self) -> float:
        return min(r.cpu for r in self.runs)

    @property
    def wall_seconds(self) -> float:
        return min(r.wall for r in self.runs)

    @property
    def other_cpu_seconds(self) -> float:
        """What the rest of the machine used during the run with the least CPU (the one the figures come from)."""
        return min(self.runs, key=lambda r: r.cpu).other_cpu

    @property
    def other_cpu_fastest_wall(self) -> float:
        """What the rest of the machine used during the fastest run by the wall clock."""
        return min(self.runs, key=lambda r: r.wall).other_cpu

    @property
    def peak_rss_mb(self) -> float | None:
        peaks = [r.peak_rss_mb for r in self.runs if r.peak_rss_mb is not None]
        return max(peaks) if peaks else None

    @property
    def pages_per_cpu_second(self) -> float:
        return self.pages / self.cpu_seconds

    @property
    def in_run_pages_per_cpu_second(self) -> float | None:
        """Pages per CPU-second as the run itself counts them (summary.json): without start-up and imports."""
        cpus = [r.in_run_cpu for r in self.runs if r.in_run_cpu]
        return self.pages / min(cpus) if cpus else None


def time_pass(files: list[Path], work: Callable[[bytes], object]) -> Run:
    """One timed in-process pass: read each file and hand its bytes to ``work``."""
    busy0, cpu0, wall0 = machine_busy_seconds(), time.process_time(), time.perf_counter()
    for path in files:
        work(path.read_bytes())
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return Run(cpu, wall, max(0.0, machine_busy_seconds() - busy0 - cpu))


def floor_work() -> Callable[[bytes], object]:
    """The bare-parse floor: build the Lexbor tree of a page and drop it, nothing else."""
    from selectolax.lexbor import LexborHTMLParser

    def work(data: bytes) -> None:
        tree = LexborHTMLParser(data)
        del tree

    return work


def trafilatura_work() -> Callable[[bytes], object]:
    """trafilatura's ``extract`` with its defaults, on the raw bytes (it decodes them itself)."""
    import trafilatura

    return trafilatura.extract


def compile_bytecode() -> None:
    """Compile the project's modules once, as ``pip install`` does and as a first run leaves them: where
    PYTHONDONTWRITEBYTECODE is set, every timed run would otherwise compile all of them from source again."""
    for package in ("pipeline", "schemas"):
        compileall.compile_dir(REPO / package, quiet=1)


def pipeline_command(corpus: Corpus, out_dir: Path, workers: int | None) -> list[str]:
    cmd = [sys.executable, "-m", "pipeline", "parse", *corpus.parse_args(), "--out", str(out_dir)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    return cmd


def run_child(cmd: list[str]) -> Run:
    """Run a command; CPU seconds and peak RSS are its own plus its reaped descendants' (os.wait4)."""
    busy0, wall0 = machine_busy_seconds(), time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()  # the command's one-line summary; drained so the child never blocks on the pipe
    _, status, usage = os.wait4(proc.pid, 0)
    wall, busy = time.perf_counter() - wall0, machine_busy_seconds() - busy0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{shlex.join(cmd[:5])} ... exited {proc.returncode}:\n{err.decode(errors='replace')[-2000:]}"
                 + _first_reject(cmd))
    cpu = usage.ru_utime + usage.ru_stime
    return Run(cpu, wall, max(0.0, busy - cpu), peak_rss_mb=usage.ru_maxrss / 1024)  # Linux: ru_maxrss in KiB


def _first_reject(cmd: list[str]) -> str:
    """The first line of the run's rejects file, if it wrote one: usually enough to see what broke."""
    out = Path(cmd[cmd.index("--out") + 1]) if "--out" in cmd else None
    rejects = out / "rejects.jsonl" if out else None
    if rejects is None or not rejects.is_file():
        return ""
    with rejects.open(encoding="utf-8") as fh:
        return "\nfirst reject: " + fh.readline().strip()[-1000:]


def run_ours(corpus: Corpus, out: Path, workers: int | None, keep: bool) -> Run:
    """One `pipeline parse` run into ``out``; checks it saw every page, and adds its own CPU count."""
    run = run_child(pipeline_command(corpus, out, workers))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    if summary["pages_seen"] != corpus.n:
        sys.exit(f"pipeline parse saw {summary['pages_seen']} pages, expected {corpus.n}")
    run.rejected = summary["pages_rejected"]
    if run.rejected:  # the figures still stand; the correctness check shows what those pages cost
        print(f"warning: {run.rejected} pages rejected" + _first_reject(["--out", str(out)]), file=sys.stderr)
    run.in_run_cpu = summary["timings"]["cpu_seconds"]
    if not keep:
        shutil.rmtree(out)
    return run


def measure_all(corpus: Corpus, work_dir: Path, repeat: int) -> tuple[Measure, Measure, Measure, Measure]:
    """Floor, trafilatura, ours --workers 1 and ours with default workers, in ``repeat`` round-robin rounds, so
    that anything else running on the machine disturbs every contender alike. The first --workers 1 output
    stays in ``work_dir/w1`` for the correctness check."""
    floor, traf = floor_work(), trafilatura_work()
    for path in corpus.files:  # untimed warm-up: a full pass of the floor
        floor(path.read_bytes())
    for path in corpus.files[:50]:  # and trafilatura's lazy set-up
        traf(path.read_bytes())
    runs: dict[str, list[Run]] = defaultdict(list)
    for k in range(repeat):
        print(f"round {k + 1}/{repeat}: floor, trafilatura, ours --workers 1, ours default workers",
              file=sys.stderr)
        runs["floor"].append(time_pass(corpus.files, floor))
        runs["trafilatura"].append(time_pass(corpus.files, traf))
        runs["w1"].append(run_ours(corpus, work_dir / ("w1" if k == 0 else f"w1-{k}"), 1, keep=k == 0))
        runs["default"].append(run_ours(corpus, work_dir / f"default-{k}", None, keep=False))
    return (Measure("floor: selectolax (Lexbor) parse only", corpus.n, runs["floor"]),
            Measure("trafilatura.extract", corpus.n, runs["trafilatura"]),
            Measure("ours: pipeline parse --workers 1", corpus.n, runs["w1"]),
            Measure("ours: pipeline parse, default workers", corpus.n, runs["default"]))


def profile_ours(corpus: Corpus, work_dir: Path, top: int = 25) -> str:
    """cProfile `pipeline parse --workers 1`: time by module and the top functions, as text.

    Time spent in C (built-ins, regex, selectolax, pydantic-core, orjson) is charged to the Python module that
    called it, so the module list shows where the parser's own code spends the time.
    """
    prof = work_dir / "parse.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "pipeline", "parse", *corpus.parse_args(),
           "--out", str(work_dir / "profiled"), "--workers", "1"]
    subprocess.run(cmd, cwd=REPO, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    raw = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values())
    by_module: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, own, _, callers) in raw.items():
        if not filename.startswith("~") or not callers:
            by_module[_module_of(filename)] += own
            continue
        called_for = sum(c[2] for c in callers.values()) or 1.0
        for (caller_file, _, _), c in callers.items():
            by_module[_module_of(caller_file)] += own * c[2] / called_for
    lines = [f"Time by module, C calls charged to their caller ({total:.2f} s profiled):", ""]
    ranked = sorted(by_module.items(), key=lambda item: -item[1])[:15]
    lines += [f"  {own / total:6.1%}  {own:7.2f} s  {module}" for module, own in ranked]
    for title, file_suffix, function in (("Stages of parse_page", "page_parser.py", "parse_page"),
                                         ("What runner.parse_one calls", "runner.py", "parse_one")):
        lines += ["", f"{title} (cumulative, share of the profiled run):", ""]
        lines += [f"  {ct / total:6.1%}  {ct:7.2f} s  {name}" for name, ct in _callees(prof, file_suffix, function)]
    for order, title, restrict in (("cumulative", "cumulative", "pipeline/"), ("tottime", "own", "")):
        buf = io.StringIO()
        pstats.Stats(str(prof), stream=buf).sort_stats(order).print_stats(restrict, top)
        table = buf.getvalue()
        table = table[table.index("   ncalls"):] if "   ncalls" in table else table
        lines += ["", f"Top {top} functions by {title} time:", "", _shorten_paths(table.rstrip())]
    return "\n".join(lines)


def _callees(prof: Path, file_suffix: str, function: str) -> list[tuple[str, float]]:
    """The functions ``function`` calls directly, with the cumulative seconds spent in each, largest first."""
    stats = pstats.Stats(str(prof))
    stats.calc_callees()
    callees = stats.all_callees  # type: ignore[attr-defined]
    for (filename, _, name), called in callees.items():
        if name == function and filename.endswith(file_suffix):
            ranked = [(f"{_module_of(f)}.{n}" if f != "~" else n, c[3]) for (f, _, n), c in called.items()]
            return sorted(ranked, key=lambda item: -item[1])[:12]
    return []


def _module_of(filename: str) -> str:
    """A readable module name for a profiled file: 'pipeline.parse.dom', 'pydantic', '<built-in>'."""
    if filename == "~":
        return "<C, called from C>"
    if filename.startswith("<"):
        return "stdlib.importlib/runpy"
    path = Path(filename)
    parts = path.with_suffix("").parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1]
    if path.is_relative_to(REPO):
        return ".".join(path.relative_to(REPO).with_suffix("").parts)
    lib = [k for k, part in enumerate(parts) if re.fullmatch(r"python3\.\d+", part)]
    inner = [part for part in parts[lib[-1] + 1:] if part != "__init__"] if lib else [path.stem]
    return "stdlib " + ".".join(inner)


def _shorten_paths(text: str) -> str:
    text = text.replace(str(REPO) + os.sep, "")
    text = re.sub(r"\S*site-packages/", "", text)
    return re.sub(r"\S*/lib/python3\.\d+/", "", text)


# ------------------------------------------------------------------------------------------ correctness


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(slots=True)
class Mismatch:
    url: str
    field: str
    expected: str
    got: str


def check_correctness(corpus: Corpus, out_dir: Path) -> tuple[dict[str, float], list[Mismatch]]:
    """Share of pages matching truth.jsonl on each field, and every mismatch found.

    Fields: title; takeaways items; FAQ questions and answers (in order); framework steps as "Title: text"
    strings; body paragraphs (every truth paragraph is in the body); body clean (no section or chrome text).
    """
    url_of_file = {str(path): url for path, url in zip(corpus.files, corpus.urls, strict=True)}
    articles = {}
    for rec in _read_jsonl(out_dir / "article.jsonl"):
        url = rec.get("canonical_url") or url_of_file.get(rec["source"])
        articles[url] = rec
    url_of_id = {rec["id"]: url for url, rec in articles.items()}
    takeaways = {url_of_id.get(r["article_id"]): r for r in _read_jsonl(out_dir / "takeaways.jsonl")}
    frameworks = {url_of_id.get(r["article_id"]): r for r in _read_jsonl(out_dir / "framework.jsonl")}
    faqs: dict[str | None, list[dict]] = defaultdict(list)
    for rec in _read_jsonl(out_dir / "faq.jsonl"):
        faqs[url_of_id.get(rec["article_id"])].append(rec)

    ok: dict[str, int] = dict.fromkeys(FIELDS, 0)
    mismatches: list[Mismatch] = []

    def compare(url: str, name: str, expected: object, got: object) -> None:
        if expected == got:
            ok[name] += 1
        else:
            mismatches.append(Mismatch(url, name, _show(expected), _show(got)))

    for truth in _read_jsonl(corpus.truth_path):
        url = truth["url"]
        art = articles.get(url)
        compare(url, "title", norm(truth["title"]), norm(art["title"]) if art else None)
        tk = takeaways.get(url)
        compare(url, "takeaways", [norm(t) for t in truth["takeaways"]], [norm(t) for t in tk["items"]] if tk else [])
        qas = sorted(faqs.get(url, []), key=lambda r: r["position"])
        compare(url, "faq_questions", [norm(f["q"]) for f in truth["faq"]], [norm(r["question"]) for r in qas])
        compare(url, "faq_answers", [norm(f["a"]) for f in truth["faq"]], [norm(r["answer"]) for r in qas])
        fw = frameworks.get(url)
        steps = [norm(f"{s['title']}: {s['text']}" if s["title"] else s["text"]) for s in fw["steps"]] if fw else []
        compare(url, "framework", [norm(s) for s in truth["framework"]], steps)
        body = norm(art["body"]) if art else ""
        missing = [p for p in (norm(p) for p in truth["paragraphs"]) if p not in body]
        compare(url, "body_paragraphs", [], [f"missing: {p}" for p in missing])
        leaked = [s for s in BODY_FORBIDDEN if s in body]
        leaked += [q for q in (norm(f["q"]) for f in truth["faq"]) if q in body]
        leaked += [s.split(": ", 1)[1] for s in truth["framework"] if norm(s.split(": ", 1)[1]) in body]
        compare(url, "body_clean", [], [f"in body: {s}" for s in leaked])
    pages = len(corpus.urls)
    return {name: ok[name] / pages for name in FIELDS}, mismatches


def _show(value: object, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------- report


def versions() -> str:
    def version(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "n/a"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "pipeline", "schemas"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    dists = ("article-pipeline", "selectolax", "trafilatura", "lxml", "pydantic", "orjson")
    packages = ", ".join(f"{d} {version(d)}" for d in dists)
    tree = (commit.stdout.strip() or "n/a") + (" + uncommitted parser changes" if dirty else "")
    machine = f"{os.cpu_count()} CPU cores, {platform.machine()} {_cpu_model()}"
    return f"Python {platform.python_version()}, {packages}; commit {tree}; {machine}"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return "(" + line.split(":", 1)[1].strip() + ")"
    except OSError:
        pass
    return ""


def _mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def report_table(floor: Measure, traf: Measure, ours1: Measure, ours_default: Measure, ours_mem: Measure | None,
                 shares: dict[str, float] | None) -> str:
    """The one table: raw figures per contender, then the ratios the targets are stated in."""
    default_workers = os.cpu_count() or 1
    rows = ["| figure | value | target | met |", "|---|---:|---|---|"]

    def row(figure: str, value: str, target: str = "", met: str = "") -> None:
        rows.append(f"| {figure} | {value} | {target} | {met} |")

    for m in (floor, traf, ours1):
        row(f"{m.name}: pages per CPU-second", f"{m.pages_per_cpu_second:,.0f}")
        row(f"{m.name}: CPU ms per page", f"{1000 * m.cpu_seconds / m.pages:.2f}")
    in_run = ours1.in_run_pages_per_cpu_second
    if in_run:
        row("ours --workers 1, in-run (summary.json, no start-up): pages per CPU-second", f"{in_run:,.0f}")
    vs_traf = ours1.pages_per_cpu_second / traf.pages_per_cpu_second
    vs_floor = ours1.pages_per_cpu_second / floor.pages_per_cpu_second
    row("**ours vs trafilatura, per CPU-second**", f"**{vs_traf:.1f}x**", f">= {TARGET_VS_TRAFILATURA:g}x",
        _mark(vs_traf >= TARGET_VS_TRAFILATURA))
    row("**ours vs bare-parse floor, per CPU-second**", f"**{vs_floor:.2f}**", f">= {TARGET_VS_FLOOR:g}",
        _mark(vs_floor >= TARGET_VS_FLOOR))
    if in_run:
        row("ours vs trafilatura / vs floor, in-run CPU", f"{in_run / traf.pages_per_cpu_second:.1f}x / "
            f"{in_run / floor.pages_per_cpu_second:.2f}")
    speedup = ours1.wall_seconds / ours_default.wall_seconds
    # Wall time only scales with cores that are free: a run during which the rest of the machine took more than
    # a fifth of a core proves nothing either way.
    busy = ours_default.other_cpu_fastest_wall > BUSY_SHARE * ours_default.wall_seconds
    row(f"wall: --workers 1 vs default ({default_workers} workers); other CPU in those runs",
        f"{ours1.wall_seconds:.2f} s vs {ours_default.wall_seconds:.2f} s = **{speedup:.2f}x**; "
        f"{ours1.other_cpu_fastest_wall:.1f} s / {ours_default.other_cpu_fastest_wall:.1f} s",
        f">= {SCALING_SHARE * default_workers:.2f}x ({SCALING_SHARE:.0%} of cores)",
        "unclear: machine busy" if busy else _mark(speedup >= SCALING_SHARE * default_workers))
    row("ours: pages per wall second, --workers 1 / default workers",
        f"{ours1.pages / ours1.wall_seconds:,.0f} / {ours_default.pages / ours_default.wall_seconds:,.0f}")
    row("ours default workers: CPU seconds in total (all processes)", f"{ours_default.cpu_seconds:.2f} s")
    rss1, rss_mem = ours1.peak_rss_mb, ours_mem.peak_rss_mb if ours_mem else None
    if ours_mem and rss1 is not None and rss_mem is not None:
        row(f"peak RSS, --workers 1: N={ours1.pages:,} vs N={ours_mem.pages:,}", f"{rss1:.0f} MB vs {rss_mem:.0f} MB",
            f"flat (<= {FLAT_RSS_FACTOR:g}x)", _mark(rss_mem <= FLAT_RSS_FACTOR * rss1))
    if ours_default.peak_rss_mb is not None:
        row("peak RSS, default workers (largest process)", f"{ours_default.peak_rss_mb:.0f} MB")
    if ours_mem:
        # The same command over 4N pages: start-up weighs a quarter as much per page. One round, so noisier.
        row(f"ours --workers 1 at N={ours_mem.pages:,} (the memory run, one round): CPU ms per page; vs "
            "trafilatura / vs floor, per CPU-second",
            f"{1000 * ours_mem.cpu_seconds / ours_mem.pages:.2f}; "
            f"{ours_mem.pages_per_cpu_second / traf.pages_per_cpu_second:.1f}x / "
            f"{ours_mem.pages_per_cpu_second / floor.pages_per_cpu_second:.2f}")
    others = [m for m in (floor, traf, ours1, ours_default, ours_mem) if m is not None]
    names = "floor / trafilatura / ours w1 / ours default" + (" / ours memory run" if ours_mem else "")
    row(f"other CPU on the machine during the runs reported ({names})",
        " / ".join(f"{m.other_cpu_seconds:.1f}" for m in others) + " s", "near 0 (clean run)")
    rejected = max(r.rejected for r in ours1.runs)
    row("ours: pages rejected (generated pages are all articles)", f"{rejected:,}", "0", _mark(rejected == 0))
    if shares:
        for name, share in shares.items():
            row(f"correct on generated corpus: {name}", f"{share:.1%}", "100%", _mark(share == 1.0))
    return "\n".join(rows)


def mismatch_report(mismatches: list[Mismatch], per_field: int) -> str:
    if not mismatches:
        return "No mismatches against truth.jsonl."
    by_field: dict[str, list[Mismatch]] = defaultdict(list)
    for m in mismatches:
        by_field[m.field].append(m)
    lines = ["Mismatches against truth.jsonl (first examples per field):"]
    for name, items in by_field.items():
        lines.append(f"\n- {name}: {len(items)} pages")
        for m in items[:per_field]:
            lines += [f"  - {m.url}", f"    - expected: {m.expected}", f"    - got:      {m.got}"]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------ main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="article pages in the corpus (default 1000)")
    ap.add_argument("--mem-n", type=int, default=None, help="corpus size for the memory check (default 4 x N); "
                    "0 skips it")
    ap.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement, fastest kept (default 5)")
    ap.add_argument("--bench-dir", type=Path, default=Path(os.environ.get("BENCH_DIR", DEFAULT_BENCH_DIR)),
                    help="folder holding gen_site.py")
    ap.add_argument("--cache-dir", type=Path,
                    default=Path(os.environ.get("PARSE_BENCH_CACHE", DEFAULT_CACHE_DIR)),
                    help="where generated sites are kept between runs")
    ap.add_argument("--results", type=Path, help="also write the report (markdown) to this file")
    ap.add_argument("--examples", type=int, default=3, help="mismatch examples shown per field (default 3)")
    ap.add_argument("--profile", action="store_true", help="also cProfile `pipeline parse --workers 1` and print "
                    "the hotspots")
    args = ap.parse_args()
    mem_n = 4 * args.n if args.mem_n is None else args.mem_n

    compile_bytecode()
    generator = find_generator(args.bench_dir)
    corpus = generate_corpus(generator, args.cache_dir, args.n, args.seed)
    mem_corpus = generate_corpus(generator, args.cache_dir, mem_n, args.seed) if mem_n else None
    warm_page_cache(corpus.files)
    print(f"corpus: {corpus.n} article pages, {corpus.megabytes():.1f} MB", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="parse-bench-") as tmp:
        work = Path(tmp)
        floor, traf, ours1, ours_default = measure_all(corpus, work, args.repeat)
        ours_mem = None
        if mem_corpus is not None:
            print(f"pipeline parse --workers 1 at N={mem_n} ...", file=sys.stderr)
            warm_page_cache(mem_corpus.files)
            ours_mem = Measure(f"ours at N={mem_n}", mem_n, [run_ours(mem_corpus, work / "mem", 1, keep=False)])
        shares, mismatches = check_correctness(corpus, work / "w1")
        profile = profile_ours(corpus, work) if args.profile else None

    command = shlex.join(["python", "benchmarks/parse_bench.py", *sys.argv[1:]])
    header = [
        f"Command: `{command}`",
        f"Corpus: {corpus.n:,} generated article pages ({corpus.megabytes():.1f} MB, gen_site.py seed {args.seed}); "
        f"fastest of {args.repeat} round-robin runs each; "
        f"{time.strftime('%Y-%m-%d')}",
        f"Versions: {versions()}",
        f"ours = `{shlex.join(['python', *pipeline_command(corpus, Path('OUT'), 1)[1:4]])} <article folders> "
        "--out OUT --workers 1`, CPU of the child process (start-up included) via os.wait4",
    ]
    table = report_table(floor, traf, ours1, ours_default, ours_mem, shares)
    report = "\n".join(header) + "\n\n" + table + "\n\n" + mismatch_report(mismatches, args.examples)
    print(report)
    if profile:
        print("\n" + profile)
    if args.results:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(report + ("\n\n```\n" + profile + "\n```\n" if profile else "\n"), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
