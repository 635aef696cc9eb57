"""Article-body extraction, side by side: our parser, trafilatura, readability-lxml and the plain-text baselines.

Runs the shared bodyeval runner (181 real article pages with human-written bodies) once per extractor, each on
its own, then prints one table: F1, precision, recall on all pages and on each half (by id order: the first
half is where the parser was tuned, the second half is the check), and pages per second. Speed is shown two
ways, because the runner times built-ins in-process but external commands by wall clock with interpreter
start-up and JSON I/O: ``cmd`` rows are whole commands (ours and trafilatura served the same way), ``in-process``
rows are extraction calls only (ours timed here the way the runner times its built-ins).

    python benchmarks/bodyeval.py [--bodyeval-dir DIR] [--python PYTHON] [--skip-anchors]

DIR defaults to $BODYEVAL_DIR, else ``../shared/bodyeval`` beside the repository. PYTHON (default
$BODYEVAL_PYTHON, else this interpreter) runs the runner and the reference extractors, so they can live in their
own virtualenv. The report also lists our worst pages, the pages where we lose to the plain-text baseline, and
title and published-date figures.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.bodyeval import article_text  # noqa: E402
from pipeline.errors import PageRejected  # noqa: E402
from pipeline.page import RawPage  # noqa: E402
from pipeline.parse.page_parser import ParsedPage, parse_page  # noqa: E402
from pipeline.parse.text import clean_inline  # noqa: E402

OURS = "ours"
BUILTINS = ["trafilatura", "trafilatura-precision", "readability-lxml", "html-text", "selectolax"]
# Reference extractors served over the same JSONL contract as ours, so whole-command times compare evenly.
COMMANDS = {"trafilatura-cmd": "trafilatura", "trafilatura-precision-cmd": "trafilatura-precision"}
BASELINE = "html-text"
MAX_LOSS_TO_BASELINE = 0.2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bodyeval-dir", type=Path,
                    default=Path(os.environ.get("BODYEVAL_DIR", REPO.parent / "shared" / "bodyeval")))
    ap.add_argument("--python", default=os.environ.get("BODYEVAL_PYTHON", sys.executable),
                    help="interpreter for the runner and the reference extractors")
    ap.add_argument("--work-dir", type=Path, default=REPO / "bodyeval-out")
    ap.add_argument("--skip-anchors", action="store_true",
                    help="run ours only; reuse the reference results saved in --work-dir")
    ap.add_argument("--worst", type=int, default=10, help="how many of our worst pages to list")
    args = ap.parse_args()

    runner = args.bodyeval_dir.resolve() / "run.py"
    if not runner.exists():
        sys.exit(f"no run.py in {args.bodyeval_dir} (set --bodyeval-dir or BODYEVAL_DIR)")
    work = args.work_dir.resolve()
    base = [args.python, str(runner), "--work-dir", str(work), "--quiet"]
    ours_cmd = f"{sys.executable} -m pipeline.bodyeval"
    # Timed with the project's bytecode compiled, as an installed package has it (see parse_bench.py).
    for package in ("pipeline", "schemas"):
        compileall.compile_dir(REPO / package, quiet=1)
    _run([*base, "--extractor", OURS, "--cmd", ours_cmd, "--cmd-cwd", str(REPO)])
    if not args.skip_anchors:
        for name in BUILTINS:
            _run([*base, "--extractor", name])
        for name, builtin in COMMANDS.items():
            _run([*base, "--extractor", name, "--cmd", f"{args.python} {runner} --filter {builtin}"])

    run = _load_runner(runner)
    results = {r["extractor"]: r for r in _saved_results(work)}
    truth, pages = run.load_dataset()
    parsed, seconds = _parse_in_process(pages)
    inprocess_pps = len(pages) / seconds

    print(_table(run, results, inprocess_pps))
    print()
    print(_speed_ratios(results, inprocess_pps))
    print()
    print(_worst_pages(results, truth, args.worst))
    print()
    print(_baseline_losses(results))
    print()
    print(_metadata_figures(parsed, pages))


def _run(cmd: list[str]) -> None:
    name = cmd[cmd.index("--extractor") + 1]
    print(f"{name} ...", file=sys.stderr, flush=True)
    if subprocess.call(cmd, stdout=subprocess.DEVNULL) != 0:
        print(f"  {name} failed or is not installed (see the runner's logs)", file=sys.stderr)


def _load_runner(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bodyeval_run", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _saved_results(work: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((work / "results").glob("*.json"))]


def _parse_in_process(pages: list[dict[str, Any]]) -> tuple[list[ParsedPage | None], float]:
    """Our parser timed as the runner times its built-ins: extraction calls only, after one warm-up call."""
    def parse(page: dict[str, Any]) -> ParsedPage | None:
        raw = RawPage(source=page["id"], body=page["html"].encode("utf-8"), url=page["url"],
                      content_type="text/html; charset=utf-8")
        try:
            parsed = parse_page(raw)
        except PageRejected:
            return None
        article_text(parsed)
        return parsed

    parse(pages[0])
    out: list[ParsedPage | None] = []
    start = time.perf_counter()
    for page in pages:
        out.append(parse(page))
    return out, time.perf_counter() - start


def _halves(run: ModuleType, result: dict[str, Any]) -> tuple[float, float]:
    rows = [(p["tp"], p["fp"], p["fn"]) for p in result["per_page"]]
    middle = (len(rows) + 1) // 2
    return run.aggregate(rows[:middle])[2], run.aggregate(rows[middle:])[2]


def _table(run: ModuleType, results: dict[str, dict[str, Any]], inprocess_pps: float) -> str:
    lines = [
        "| extractor | F1 | precision | recall | F1 tune half | F1 check half | pages/s | timed as |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    rows = []
    for name, result in results.items():
        m = result["metrics"]
        first, second = _halves(run, result)
        external = "wall time of the whole command" in result["timing"]["mode"]
        rows.append((m["f1"], name, m, first, second, result["timing"]["pages_per_second"],
                     "cmd" if external else "in-process"))
        if name == OURS:
            rows.append((m["f1"], f"{OURS} (in-process)", m, first, second, inprocess_pps, "in-process"))
    for _, name, m, first, second, pps, mode in sorted(rows, key=lambda r: -r[0]):
        lines.append(f"| {name} | {m['f1']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | {first:.3f} | "
                     f"{second:.3f} | {pps:.0f} | {mode} |")
    return "\n".join(lines)


def _speed_ratios(results: dict[str, dict[str, Any]], inprocess_pps: float) -> str:
    ours_cmd = results[OURS]["timing"]["pages_per_second"]
    lines = ["Speed, ours / trafilatura, like for like:"]
    for cmd_name, builtin in COMMANDS.items():
        if cmd_name in results:
            theirs = results[cmd_name]["timing"]["pages_per_second"]
            lines.append(f"- whole command vs {cmd_name}: {ours_cmd:.0f} / {theirs:.0f} = {ours_cmd / theirs:.1f}x")
        if builtin in results:
            theirs = results[builtin]["timing"]["pages_per_second"]
            lines.append(f"- in-process vs {builtin}: {inprocess_pps:.0f} / {theirs:.0f} = "
                         f"{inprocess_pps / theirs:.1f}x")
    return "\n".join(lines)


def _worst_pages(results: dict[str, dict[str, Any]], truth: list[dict[str, Any]], count: int) -> str:
    urls = {row["id"]: row.get("url") or "" for row in truth}
    pages = sorted(results[OURS]["per_page"], key=lambda p: p["page_f1"])[:count]
    lines = [f"Our {count} worst pages:", "| id | F1 | P | R | url |", "| --- | ---: | ---: | ---: | --- |"]
    for page in pages:
        tp, fp, fn = page["tp"], page["fp"], page["fn"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        lines.append(f"| {page['id'][:12]} | {page['page_f1']:.3f} | {precision:.3f} | {recall:.3f} | "
                     f"{urls[page['id']]} |")
    return "\n".join(lines)


def _baseline_losses(results: dict[str, dict[str, Any]]) -> str:
    if BASELINE not in results:
        return f"(no {BASELINE} result saved: baseline check skipped)"
    baseline = {p["id"]: p["page_f1"] for p in results[BASELINE]["per_page"]}
    losses = [(baseline[p["id"]] - p["page_f1"], p["id"]) for p in results[OURS]["per_page"]]
    bad = sorted((loss, pid) for loss, pid in losses if loss > MAX_LOSS_TO_BASELINE)
    head = f"Pages where we trail {BASELINE} by more than {MAX_LOSS_TO_BASELINE} F1: {len(bad)}"
    return "\n".join([head, *(f"- {pid[:12]}: -{loss:.3f}" for loss, pid in reversed(bad))])


_FOLD = re.compile(r"\W+")


def _fold(text: str) -> str:
    return _FOLD.sub(" ", clean_inline(text).casefold()).strip()


def _metadata_figures(parsed: list[ParsedPage | None], pages: list[dict[str, Any]]) -> str:
    """Title against the page's visible headline (its ``<h1>`` elements), and published-date coverage."""
    from selectolax.lexbor import LexborHTMLParser

    with_h1 = matched = dated = 0
    for result, page in zip(parsed, pages, strict=True):
        if result is not None and result.article.published_at:
            dated += 1
        headlines = {_fold(node.text()) for node in LexborHTMLParser(page["html"]).css("h1")} - {""}
        if not headlines:
            continue
        with_h1 += 1
        if result is not None and _fold(result.article.title) in headlines:
            matched += 1
    n = len(pages)
    return (f"Title equals one of the page's <h1> headlines: {matched}/{with_h1} pages that have an <h1> "
            f"({matched / max(with_h1, 1):.1%}).\n"
            f"Published date found: {dated}/{n} pages ({dated / n:.1%}).")


if __name__ == "__main__":
    main()
