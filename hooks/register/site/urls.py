"""The site's addresses, as fixed in the design; other tools and checks rely on them.

Addresses are site-relative with a trailing slash ("inspections/x/"); ``relative`` turns one
into a link from the page being rendered, so the site works under any base path and offline.
"""

from __future__ import annotations


def home() -> str:
    return ""


def inspections() -> str:
    return "inspections/"


def inspection(inspection_id: str) -> str:
    return f"inspections/{inspection_id}/"


def recommendation(inspection_id: str, number: int) -> str:
    return f"inspections/{inspection_id}/recommendations/{number}/"


def forces() -> str:
    return "forces/"


def force(force_id: str) -> str:
    return f"forces/{force_id}/"


def responses() -> str:
    return "responses/"


def responses_to(inspection_id: str) -> str:
    """Every response to one inspection (the index /responses/ lists only the newest)."""
    return f"responses/{inspection_id}/"


def inspections_in(year: int) -> str:
    """Inspections published in one year; under "year/" so no inspection id can collide."""
    return f"inspections/year/{year}/"


def timeliness_in(year: int, part: int = 1) -> str:
    """The timeliness matrix for one year's inspections, split into parts of a few columns."""
    return f"timeliness/{year}/" if part == 1 else f"timeliness/{year}/{part}/"


def force_year(force_id: str, year: int) -> str:
    """A force's responses to the inspections of one year."""
    return f"forces/{force_id}/{year}/"


def response(inspection_id: str, force_id: str) -> str:
    return f"responses/{inspection_id}/{force_id}/"


def transcript(inspection_id: str, force_id: str) -> str:
    return f"responses/{inspection_id}/{force_id}/source.txt"


def method() -> str:
    return "method/"


def timeliness() -> str:
    """The matrix of every force against every inspection."""
    return "timeliness/"


def timeliness_bodies() -> str:
    """Each body's record summed across the inspections in the register: not a year, so no clash with timeliness/<yyyy>/."""
    return "timeliness/bodies/"


def help_page() -> str:
    return "help/"


def corrections() -> str:
    """The hand-written page on how to report a mistake in the register."""
    return "corrections/"


def about() -> str:
    return "about/"


def data() -> str:
    return "data/"


def data_formats() -> str:
    """The page describing every field of register.json and the YAML files: apart from /data/, which it would double."""
    return "data/formats/"


def data_file(name: str) -> str:
    """A download published under /data/, e.g. ``data_file("responses.csv")``."""
    return f"data/{name}"


def feed() -> str:
    return "feed.xml"


def changelog() -> str:
    return "changelog/"


def source_file(url: str) -> str:
    """The MkDocs source path that publishes at ``url`` with directory URLs."""
    return url + "index.md" if url.endswith("/") or not url else url


def relative(target: str, page_url: str) -> str:
    """A link to ``target`` from the page published at ``page_url``."""
    # Pure string work: posixpath.relpath asks the operating system for the working
    # directory on every call, and a decade-scale build makes a quarter of a million links.
    base = [part for part in page_url.split("/") if part]
    parts = [part for part in target.split("/") if part]
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    path = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    if target.endswith("/") or not target:
        path = "./" if path == "." else path + "/"
    return path
