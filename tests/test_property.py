"""Property test: mutated records never crash `register check`, and whatever it accepts builds.

Hypothesis takes the real records (the forces file, an inspection, a response, a coverage file)
and breaks them as a hostile contributor or a tired editor would: fields dropped or renamed,
values of another type, control and invisible characters put into text, very long text, odd
numbers and dates. For each, `register check` must answer with problems or ok, never with an
exception; and when it says ok, every page and download the build makes must be written (the
pages rendered and the files written to disk, as the build writes them, without a whole MkDocs
run per example). Examples are derandomised, so a failure is the same on every machine, and
not shrunk (each takes a few tenths of a second, and shrinking would take many minutes): the
failing example is printed as it was made.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import AS_OF, copy_project
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from register.staff.cli import main
from test_parity import write_generated

TERRORIST = "management-of-terrorist-offenders-2023"
FILES = (
    "data/forces.yaml",
    f"data/inspections/{TERRORIST}.yaml",
    f"data/responses/{TERRORIST}/norfolk.yaml",
    f"data/responses/{TERRORIST}/west-mercia.yaml",
    f"data/coverage/{TERRORIST}.yaml",
)

KEPT = [
    "\x0b", "\x0c", "\r\n", "\u200d", "\u200f", "\u00a0", "\u3000", "\t", "\n", "\n\n", " ",
    "ملخص", "שלום", "😀", "👩\u200d💻", "<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:alert(1))", "{{ x }}", "{% raw %}",
    "%s", "`", "\\", '"', "'", "=HYPERLINK(\"http://evil.example\")", "::error::", "---", "# ", "&amp;", "</div>", "<!--", "|", "*",
]
"""Pieces of text that real and hostile documents carry and that the check may accept (in the document's words at least)."""
REFUSED = [
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9b", "\ud800", "\udc80", "\ud83d\ude00", "\u202e", "\u2066",
    "\u200b", "\u2028", "\u2029", "\ufeff", "\u00ad", "\uffff", "\U000e0041",
]
"""Pieces the text rules refuse everywhere."""
CHARACTERS = KEPT + REFUSED

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1, 999, 1000, 2**63, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([20.0, 0.5, 1e308]),
    st.text(max_size=30),
    st.sampled_from(["", " ", "not stated", "all", "all bodies", "year", "con", "norfolk", "a" * 81, "a" * 80, "Norfolk", "norfolk\n"]),
    st.sampled_from(["2026-12-01", "2026-12-02", "2099-12-31", "9999-12-31", "0001-01-01", "2023-02-29", "2024-02-29", "2023-13-01", "2023-07-20", "20/07/2023"]),
    st.dates().map(date.isoformat),
)


def _paths(value: Any, at: tuple = ()) -> list[tuple]:
    """Every place in a record: each key of a mapping and each item of a list."""
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, at + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, at + (index,)))
    return found


CHOSEN = frozenset(
    {
        "id", "inspection", "force", "body", "record", "reading", "kind", "position", "progress", "by", "scope", "relation", "role",
        "for", "found", "status", "respondents", "inspectorates", "published_by", "recommendations", "areas_for_improvement",
        "transcript", "url", "where",
    }
)
"""Fields whose values come from a fixed list or name a record: changing their text is refused, so text-only mutations leave them."""


def _free_text(record: Any, at: tuple) -> bool:
    field = next((part for part in reversed(at) if isinstance(part, str)), "")
    return isinstance(_get(record, at), str) and field not in CHOSEN


def _get(value: Any, at: tuple) -> Any:
    for part in at:
        value = value[part]
    return value


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    """One record of the real data with one to four mutations.

    Half the examples change only text (characters put in, text made long, a date moved), which
    the check often accepts, so that the build is tried on accepted text as often as the check on
    refused shapes.
    """
    relative = draw(st.sampled_from(FILES))
    record = copy.deepcopy(_RECORDS[relative])
    text_only = draw(st.booleans())
    for _ in range(draw(st.integers(1, 2 if text_only else 4))):
        places = [place for place in _paths(record) if place and (not text_only or _free_text(record, place))]
        if not places:
            break
        at = draw(st.sampled_from(places))
        parent, last = _get(record, at[:-1]), at[-1]
        current = parent[last]
        if text_only:
            looks_like_a_date = isinstance(current, str) and len(current) == 10 and current[4:5] == "-"
            action = "date" if looks_like_a_date else draw(st.sampled_from(["keep", "keep", "insert", "long"]))
        else:
            action = draw(st.sampled_from(["drop", "rename", "scalar", "insert", "long", "list", "mapping"]))
        if action == "drop":
            del parent[last]
        elif action == "rename" and isinstance(last, str):
            parent[draw(st.sampled_from([last.upper(), last + "s", last[:-1], last + "\n", last.replace("_", "-"), "unknown"]))] = parent.pop(last)
        elif action == "keep" and isinstance(current, str):
            where = draw(st.integers(0, len(current)))
            piece = draw(st.one_of(st.sampled_from(KEPT), st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=5)))
            parent[last] = current[:where] + piece + current[where:]
        elif action == "insert" and isinstance(current, str):
            where = draw(st.integers(0, len(current)))
            piece = draw(st.sampled_from(CHARACTERS))
            parent[last] = current[:where] + piece + current[where:]
        elif action == "long" and isinstance(current, str):
            size = draw(st.sampled_from([81, 300, 5000, 100_000]))  # beyond an id, a line, a page and a sane file
            parent[last] = ((current or "x") * (size // max(len(current), 1) + 1))[:size]
        elif action == "date":
            parent[last] = draw(st.one_of(st.dates(min_value=date(2012, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat), st.sampled_from(["2026-12-01", "not stated"])))
        elif action == "list":
            parent[last] = draw(st.lists(SCALARS, max_size=3))
        elif action == "mapping":
            parent[last] = {draw(st.sampled_from(["text", "words", "url", "x"])): draw(SCALARS)}
        else:
            parent[last] = draw(SCALARS)
    return relative, record


_ORIGINALS: dict[str, str] = {}
"""The files as the project holds them, read once, written back after each example."""
_RECORDS: dict[str, Any] = {}
"""Their records, parsed once (libyaml, for speed)."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PROBLEM = re.compile(r"^data/\S+:\d+:\d+: \S+: .+")
"""One problem: `path:line:column: field: message`."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("property") / "project")
    _ORIGINALS.update({relative: (root / relative).read_text("utf-8") for relative in FILES})
    _RECORDS.update({relative: yaml.load(text, Loader=_LOADER) for relative, text in _ORIGINALS.items()})
    return root


def _dump(record: Any, unicode: bool) -> str:
    try:
        return yaml.dump(record, Dumper=_DUMPER, allow_unicode=unicode, sort_keys=False, width=10**6)
    except UnicodeEncodeError:  # libyaml cannot write a lone surrogate; the Python writer escapes it
        return yaml.dump(record, Dumper=yaml.SafeDumper, allow_unicode=unicode, sort_keys=False, width=10**6)


def test_the_mutations_reach_every_kind_of_file(project: Path) -> None:
    """The strategy is not vacuous: the files it mutates exist and hold the records the check reads."""
    for relative in FILES:
        assert isinstance(_RECORDS[relative], dict), relative
        assert len(_paths(_RECORDS[relative])) > 10, relative


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(change=mutated(), unicode=st.booleans())
def test_check_never_raises_and_what_it_accepts_builds(project: Path, tmp_path: Path, change: tuple[str, Any], unicode: bool) -> None:
    relative, record = change
    path = project / relative
    try:
        path.write_text(_dump(record, unicode), "utf-8", errors="surrogatepass")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["--root", str(project), "check"])
        assert status in (0, 1), err.getvalue()
        event("accepted" if status == 0 else "refused")
        if status == 0:
            assert out.getvalue().startswith("ok: ")
            target = tmp_path / "generated"
            shutil.rmtree(target, ignore_errors=True)
            assert write_generated(project, target, date.fromisoformat(AS_OF))
        else:
            lines = out.getvalue().splitlines()
            assert lines, err.getvalue()
            assert all(PROBLEM.match(line) for line in lines), lines
    finally:
        path.write_text(_ORIGINALS[relative], "utf-8")
