"""How fast the register builds and searches at a quarter, a half and a whole decade of data.

One run, for each size: write a synthetic register (``synthetic``) into a scratch
copy of the project, build it with ``mkdocs build --strict`` as ``make build`` does, and
render the same pages with a plain loop of python-markdown and Jinja2 (the floor). At the
largest size it also times an edit in the local preview (``mkdocs serve --dirty``, as
``make preview``), the same site built with Zensical and no MkDocs hook (``make build-zensical``:
render, Zensical, the finishing step) and, where Playwright and Chromium are installed, a first
search in a real browser.

It prints a table, then as its very last line one JSON object with the figures. What each
figure means is written in ``benchmarks/README.md``. Run it with ``make bench``, or::

    .venv/bin/python benchmarks/bench.py --sizes 50,100,200
    .venv/bin/python benchmarks/bench.py --quick
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from register.data.project import copy_project
from synthetic import DEFAULT_AS_OF, generate

FULL_SIZES = (50, 100, 200)
"""A quarter, a half and a whole decade: about 20 inspections a year for ten years."""
QUICK_SIZES = (10, 20, 40)
SEARCH_URL = re.compile(r"/(search/|assets/javascripts/workers/search|assets/javascripts/lunr/|pagefind/)")
"""Requests that belong to search rather than to the page itself."""
TARGETS = {
    "ratio": 3.0,
    "peak_rss_mb": 1024,
    "max_page_kb": 100,
    "scaling": 1.3,
    "search_first_query_kb": 300,
    "search_first_result_s": 1.0,
    "preview_edit_s": 3.0,
}


@dataclass
class Size:
    """The figures for one size of register."""

    inspections: int
    responses: int = 0
    recommendations: int = 0
    coverage_files: int = 0
    """Inspections with a record of where the register looked for their responses (data/coverage/)."""
    pages: int = 0
    build_s: float = 0.0
    peak_rss_mb: float = 0.0
    peak_rss_total_mb: float = 0.0
    floor_s: float = 0.0
    floor_peak_rss_mb: float = 0.0
    ratio: float = 0.0
    ms_per_page: float = 0.0
    median_page_kb: float = 0.0
    max_page_kb: float = 0.0
    largest_page: str = ""
    site_mb: float = 0.0
    search_index_kb: float = 0.0
    floor_parts: dict[str, float] = field(default_factory=dict)
    """The floor's seconds in load (read and check the data), render (Markdown from templates) and pages (HTML written)."""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio_without_load(self) -> float:
        """build/floor with the data load (the same code in both) taken out of each."""
        load = self.floor_parts.get("load", 0.0)
        return (self.build_s - load) / max(self.floor_s - load, 1e-9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="comma-separated numbers of inspections; the last is 'full size' (default 50,100,200)")
    parser.add_argument("--quick", action="store_true", help=f"sizes {','.join(map(str, QUICK_SIZES))}: a run of a minute or two to try changes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="folder for the scratch projects (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects and sites")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview edit timing")
    parser.add_argument("--no-browser", action="store_true", help="skip the search in a real browser")
    parser.add_argument("--no-zensical", action="store_true", help="skip the build with Zensical at the largest size")
    parser.add_argument("--query", default="Cumbria", help="the typical query for the search figures")
    parser.add_argument("--floor", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor:
        return floor(Path(args.floor[0]), Path(args.floor[1]))

    sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else list(QUICK_SIZES if args.quick else FULL_SIZES)
    work = args.work or Path(tempfile.mkdtemp(prefix="register-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"benchmark: sizes {sizes} inspections, seed {args.seed}, {os.cpu_count()} CPUs, work in {work}", flush=True)
    results = []
    try:
        for count in sizes:
            results.append(measure_size(work / f"size-{count}", count, args.seed))
        full = results[-1]
        project = work / f"size-{full.inspections}" / "project"
        search = {} if args.no_browser else search_in_browser(project / "site", args.query)
        preview = None if args.no_preview else preview_edit(project)
        zensical = None if args.no_zensical else zensical_build(project, work / f"size-{full.inspections}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print_table(results, search, preview, zensical)
    print(json.dumps(summary(results, search, preview, zensical), separators=(",", ":")))
    return 0


# One size ----------------------------------------------------------------------------------


def measure_size(folder: Path, inspections: int, seed: int) -> Size:
    project = make_project(folder / "project")
    written = generate(project / "data", inspections=inspections, seed=seed, as_of=DEFAULT_AS_OF)
    size = Size(inspections, responses=written.responses, recommendations=written.recommendations, coverage_files=written.coverage_files)
    print(
        f"[{inspections} inspections] {written.responses} responses, {written.recommendations} recommendations, "
        f"{written.coverage_files} coverage files; building…",
        flush=True,
    )

    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    size.build_s, size.peak_rss_mb, size.peak_rss_total_mb = timed(command, project, folder / "build.log")
    print(f"[{inspections} inspections] build {size.build_s:.1f} s; floor…", flush=True)
    floor_command = [sys.executable, str(Path(__file__).resolve()), "--floor", str(project), str(folder / "floor")]
    size.floor_s, size.floor_peak_rss_mb, _ = timed(floor_command, project, folder / "floor.log")
    size.floor_parts = json.loads((folder / "floor.log").read_text("utf-8").strip().splitlines()[-1])

    pages = sorted((project / "site").rglob("*.html"))
    weights = {page: page.stat().st_size / 1024 for page in pages}
    size.pages = len(pages)
    size.ratio = size.build_s / size.floor_s
    size.ms_per_page = size.build_s * 1000 / size.pages
    size.median_page_kb = statistics.median(weights.values())
    largest = max(weights, key=weights.__getitem__)
    size.max_page_kb = weights[largest]
    size.largest_page = "/" + largest.relative_to(project / "site").parent.as_posix() + "/"
    size.site_mb = sum(path.stat().st_size for path in (project / "site").rglob("*") if path.is_file()) / 2**20
    size.search_index_kb = search_files_kb(project / "site")
    size.details["largest_pages"] = {
        "/" + page.relative_to(project / "site").parent.as_posix() + "/": round(weights[page], 1)
        for page in sorted(weights, key=weights.__getitem__, reverse=True)[:5]
    }
    print(f"[{inspections} inspections] {size.pages} pages, floor {size.floor_s:.1f} s, ratio {size.ratio:.1f}", flush=True)
    return size


def make_project(target: Path) -> Path:
    """A copy of what a build reads, without the real data (the synthetic data goes in its place)."""
    return copy_project(ROOT, target, with_data=False)


def environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REGISTER_AS_OF": DEFAULT_AS_OF.isoformat(), "PYTHONHASHSEED": "0"}


def timed(command: list[str], cwd: Path, log: Path) -> tuple[float, float, float]:
    """Wall time, peak resident memory (MB) of the largest process, and peak of the whole process
    tree at once (MB, sampled), for one fresh child process; stop the run if it fails.

    ``ru_maxrss`` counts each process on its own: while the build waits for Pagefind, both hold
    memory, so the sampled total is what the machine needs."""
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environment(), stdout=output, stderr=subprocess.STDOUT)
        sampler = TreeMemory(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n" + log.read_text("utf-8")[-4000:])
    return elapsed, usage.ru_maxrss / 1024, sampler.peak_mb  # Linux reports kilobytes


class TreeMemory(threading.Thread):
    """Samples, ten times a second, the summed resident memory of a process and its descendants."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self._done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(pid) for pid in _descendants(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def search_files_kb(site: Path) -> float:
    """The search files a first query needs at most, read from the site without a browser.

    Pagefind: its script, worker, WebAssembly, entry and metadata files, plus the largest index
    chunk (a query reads one chunk per word) and the largest result fragment, counted eight times
    for the eight results the search box shows. A site still built with Material's search counts
    Material's whole index and worker instead.
    """
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        fixed = [pagefind / "pagefind.js", pagefind / "pagefind-worker.js", pagefind / "pagefind-entry.json", *pagefind.glob("wasm.*.pagefind"), *pagefind.glob("*.pf_meta")]
        largest_chunk = max((path.stat().st_size for path in (pagefind / "index").glob("*.pf_index")), default=0)
        largest_fragment = max((path.stat().st_size for path in (pagefind / "fragment").glob("*.pf_fragment")), default=0)
        return (sum(path.stat().st_size for path in fixed if path.is_file()) + largest_chunk + 8 * largest_fragment) / 1024
    files = [site / "search" / "search_index.json"] + sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    return sum(path.stat().st_size for path in files if path.is_file()) / 1024


# The floor ---------------------------------------------------------------------------------

WRAPPER = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }} - {{ site_name }}</title><link rel="stylesheet" href="/assets/register.css"></head>
<body>
<nav><ul>{% for name, url in nav %}<li><a href="/{{ url }}">{{ name }}</a></li>{% endfor %}</ul></nav>
<main>{{ content }}</main>
</body>
</html>
"""


def floor(project: Path, out: Path) -> int:
    """The same pages with no site generator: load, render_site, python-markdown, Jinja2, write.

    The data is loaded and checked and the Markdown rendered by the register's own code, as
    in the build; each page then goes through python-markdown with the project's own
    extensions and a minimal Jinja2 page wrapper, in one plain loop in one process.
    """
    import jinja2
    import markdown
    import yaml
    from markupsafe import Markup
    from mkdocs.config import load_config
    from register.data.load import load_register
    from register.site.pages import HOME_MARKERS, GeneratedFile, render_home_blocks, render_site

    started = time.perf_counter()
    config = load_config(str(project / "mkdocs.yml"))
    register = load_register(project)
    loaded = time.perf_counter()
    files = render_site(register, DEFAULT_AS_OF)
    for page in sorted((project / "content").rglob("*.md")):
        text = page.read_text("utf-8")
        if any(marker in text for marker in HOME_MARKERS):
            text = render_home_blocks(register, DEFAULT_AS_OF, text)
        files.append(GeneratedFile(page.relative_to(project / "content").as_posix(), text))
    rendered = time.perf_counter()

    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    wrapper = jinja2.Environment(autoescape=True).from_string(WRAPPER)
    nav = [("Home", ""), ("Inspections", "inspections/"), ("Forces", "forces/"), ("Responses", "responses/"), ("Method", "method/")]
    pages = 0
    for file in files:
        if not file.src_uri.endswith(".md"):
            target = out / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(file.content, "utf-8")
            continue
        title, body = file.src_uri, file.content
        if body.startswith("---\n"):
            front, body = body[4:].split("\n---\n", 1)
            title = yaml.safe_load(front).get("title", title)
        html = converter.reset().convert(body)
        stem = file.src_uri.removesuffix(".md")
        target = out / (stem.removesuffix("index") if stem.endswith("index") else stem + "/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wrapper.render(title=title, site_name=config.site_name, nav=nav, content=Markup(html)), "utf-8")
        pages += 1
    done = time.perf_counter()
    parts = {"pages": pages, "load": loaded - started, "render": rendered - loaded, "markdown_jinja_write": done - rendered}
    print(json.dumps({key: round(value, 2) for key, value in parts.items()}))
    return 0


# Search in a browser -----------------------------------------------------------------------


def search_in_browser(site: Path, query: str) -> dict[str, Any]:
    """Type ``query`` into the search box of the home page and wait for the first result.

    Counts the bytes of every search request (index, worker, chunks) made from opening the
    page to the first result, and the time from the last keystroke to the first result.
    Needs Playwright and a Chromium at /usr/bin/chromium; without them, says so and skips.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright is not installed"}
    if not Path("/usr/bin/chromium").exists():
        return {"skipped": "no /usr/bin/chromium"}
    print(f"search: typing {query!r} in a real browser…", flush=True)
    with static_server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        fetched: list[tuple[str, int]] = []
        context.on("requestfinished", lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
        page = context.new_page()
        page.goto(base + "/", wait_until="domcontentloaded")
        page.click("#register-search-input, input[data-md-component=search-query]")
        page.keyboard.type(query)
        typed = time.perf_counter()
        try:
            page.wait_for_selector(".register-search__result, .md-search-result__item", timeout=120_000)
            seconds: float | None = time.perf_counter() - typed
        except Exception:  # noqa: BLE001 - a search that never answers is a figure, not a crash
            seconds = None
        search_bytes = sum(size for url, size in fetched if SEARCH_URL.search(url))
        browser.close()
    return {
        "query": query,
        "first_query_kb": round(search_bytes / 1024, 1),
        "first_result_s": None if seconds is None else round(seconds, 2),
        "search_requests": sorted({re.sub(r"^https?://[^/]+", "", url) for url, _ in fetched if SEARCH_URL.search(url)}),
    }


class static_server:
    """Serve a folder on a free 127.0.0.1 port for the length of a ``with`` block."""

    def __init__(self, folder: Path):
        handler = partial(_QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


# The local preview -------------------------------------------------------------------------


def preview_edit(project: Path) -> dict[str, Any]:
    """Seconds from saving one response YAML to its page showing the change in the local preview.

    The server is started as ``make preview`` starts it (``mkdocs serve --dirty``), on a free port; the first build is
    waited for, then one answer of one response is edited and the page polled until it
    carries the edit. The server is then stopped.
    """
    import yaml
    from synthetic import write_data_file

    # the first response with words to edit (a located record has none)
    responses = sorted((project / "data" / "responses").rglob("*.yaml"))
    response_file = next(path for path in responses if yaml.safe_load(path.read_text("utf-8"))["statements"])
    inspection_id, force_id = response_file.parent.name, response_file.stem
    port = free_port()
    url = f"http://127.0.0.1:{port}/responses/{inspection_id}/{force_id}/"
    log = project.parent / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    print(f"preview: starting mkdocs serve --dirty (make preview) on port {port}…", flush=True)
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=project, env=environment(), stdout=output, stderr=subprocess.STDOUT)
    try:
        start = time.perf_counter()
        if fetch_until(url, lambda text: "</html>" in text, server, timeout=1800) is None:
            return {"error": "the preview never served the page", "log": log.read_text("utf-8")[-2000:]}
        first_build_s = time.perf_counter() - start
        marker = f"benchmarkedit{int(time.time())}"
        data = yaml.safe_load(response_file.read_text("utf-8"))
        data["statements"][0]["text"] += f" {marker}"
        time.sleep(1.0)  # let the watcher settle after the first build
        saved = time.perf_counter()
        write_data_file(response_file, data)
        if fetch_until(url, lambda text: marker in text, server, timeout=1800) is None:
            return {"error": "the edit never appeared", "log": log.read_text("utf-8")[-2000:]}
        return {"preview_edit_s": round(time.perf_counter() - saved, 2), "preview_first_build_s": round(first_build_s, 1), "page": url.split(str(port))[1]}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def fetch_until(url: str, done, server: subprocess.Popen, *, timeout: float) -> str | None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=30) as reply:
                text = reply.read().decode("utf-8", "replace")
            if done(text):
                return text
        except OSError:
            pass
        time.sleep(0.1)
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The same site with Zensical ------------------------------------------------------------------


def zensical_build(project: Path, folder: Path) -> dict[str, Any] | None:
    """The three steps of ``make build-zensical`` on the largest size, each timed as a fresh process,
    with the page count of its site, to compare with the MkDocs build of the same data. Missing
    when Zensical is not installed (it is pinned in requirements.txt)."""
    zensical = Path(sys.executable).parent / "zensical"
    if not zensical.is_file():
        return None
    docs, site = project / "build/zensical-docs", project / "build/zensical-site"
    steps = {
        "render": [sys.executable, "-m", "register.staff.cli", "--root", str(project), "render", str(docs)],
        "zensical": [str(zensical), "build", "--clean", "--strict", "-f", str(project / "mkdocs.zensical.yml")],
        "finish": [sys.executable, "-m", "register.site.generate", "finish", str(site), "--root", str(project)],
    }
    figures: dict[str, Any] = {}
    for name, command in steps.items():
        seconds, peak, total = timed(command, project, folder / f"zensical-{name}.log")
        figures[f"{name}_s"], figures[f"{name}_peak_mb"], figures[f"{name}_total_mb"] = round(seconds, 2), round(peak, 1), round(total, 1)
    figures["build_s"] = round(sum(figures[f"{name}_s"] for name in steps), 2)
    figures["peak_rss_mb"] = max(figures[f"{name}_peak_mb"] for name in steps)
    figures["pages"] = sum(1 for _ in site.rglob("*.html"))
    print(f"[zensical] {figures['pages']} pages in {figures['build_s']:.1f} s", flush=True)
    return figures


# Report ------------------------------------------------------------------------------------


def print_table(results: list[Size], search: dict[str, Any], preview: dict[str, Any] | None, zensical: dict[str, Any] | None = None) -> None:
    header = ("inspections", "responses", "pages", "build s", "floor s", "ratio", "ms/page", "peak MB", "total MB", "median KB", "max KB", "site MB", "search KB")
    rows = [
        (
            r.inspections,
            r.responses,
            r.pages,
            f"{r.build_s:.1f}",
            f"{r.floor_s:.1f}",
            f"{r.ratio:.2f}",
            f"{r.ms_per_page:.1f}",
            f"{r.peak_rss_mb:.0f}",
            f"{r.peak_rss_total_mb:.0f}",
            f"{r.median_page_kb:.1f}",
            f"{r.max_page_kb:.1f}",
            f"{r.site_mb:.0f}",
            f"{r.search_index_kb:.0f}",
        )
        for r in results
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    print()
    for row in (header, *rows):
        print("  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)))
    for r in results:
        parts = ", ".join(f"{key} {value} s" for key, value in r.floor_parts.items() if key != "pages")
        print(
            f"{r.inspections} inspections: largest page {r.largest_page} ({r.max_page_kb:.0f} KB); floor: {parts}; "
            f"build/floor without the data load {r.ratio_without_load:.1f}"
        )
    if search:
        print(f"search: {json.dumps(search)}")
    if preview:
        print(f"preview: {json.dumps(preview)}")
    if zensical:
        full = results[-1]
        print(
            f"zensical at {full.inspections} inspections: {zensical['pages']} pages in {zensical['build_s']:.1f} s "
            f"(render {zensical['render_s']:.1f}, Zensical {zensical['zensical_s']:.1f}, finish {zensical['finish_s']:.1f}), "
            f"peak {zensical['peak_rss_mb']:.0f} MB; MkDocs {full.pages} pages in {full.build_s:.1f} s, peak {full.peak_rss_mb:.0f} MB"
        )
    targets = summary(results, search, preview, zensical)["targets"]
    print("targets: " + "; ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in targets.items()))


def summary(results: list[Size], search: dict[str, Any], preview: dict[str, Any] | None, zensical: dict[str, Any] | None = None) -> dict[str, Any]:
    full, quarter = results[-1], results[0]
    search_kb = search.get("first_query_kb") if search and "skipped" not in search else round(full.search_index_kb, 1)
    edit = preview.get("preview_edit_s") if preview else None
    figures: dict[str, Any] = {
        "pages": full.pages,
        "build_s": round(full.build_s, 2),
        "floor_s": round(full.floor_s, 2),
        "ratio": round(full.ratio, 2),
        "load_s": full.floor_parts.get("load"),
        "ratio_without_load": round(full.ratio_without_load, 2),
        "peak_rss_mb": round(full.peak_rss_mb, 1),
        "peak_rss_total_mb": round(full.peak_rss_total_mb, 1),
        "median_page_kb": round(full.median_page_kb, 1),
        "max_page_kb": round(full.max_page_kb, 1),
        "search_first_query_kb": search_kb,
        "search_first_result_s": search.get("first_result_s") if search else None,
        "preview_edit_s": edit,
        "zensical": zensical,
        "ms_per_page": {str(r.inspections): round(r.ms_per_page, 2) for r in results},
        "inspections": full.inspections,
        "responses": full.responses,
        "site_mb": round(full.site_mb, 1),
        "largest_page": full.largest_page,
        "cpus": os.cpu_count(),
        "date": date.today().isoformat(),
        "sizes": [{k: (round(v, 2) if isinstance(v, float) else v) for k, v in asdict(r).items() if k not in ("details", "floor_parts")} for r in results],
    }
    figures["targets"] = {
        "ratio<=3": full.ratio <= TARGETS["ratio"],
        "peak_rss_mb<=1024": full.peak_rss_mb <= TARGETS["peak_rss_mb"],
        "max_page_kb<=100": full.max_page_kb <= TARGETS["max_page_kb"],
        "ms_per_page_full<=1.3x_quarter": full.ms_per_page <= TARGETS["scaling"] * quarter.ms_per_page,
        "search_first_query_kb<=300": search_kb is not None and search_kb <= TARGETS["search_first_query_kb"],
        "search_first_result_s<1": bool(search.get("first_result_s") is not None and search["first_result_s"] < TARGETS["search_first_result_s"]),
        "preview_edit_s<=3": edit is not None and edit <= TARGETS["preview_edit_s"],
    }
    return figures


if __name__ == "__main__":
    sys.exit(main())
