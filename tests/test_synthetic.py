"""The synthetic register: valid, deterministic, varied, plainly synthetic, and built by the real templates."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import synthetic
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT, build, copy_project
from register.data.clock import Status
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.standing import standings_for_inspection
from register.site.stats import POSITIONS, PROGRESS
from synthetic import generate, main

INSPECTIONS = 6
SEED = 1


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic register: a project root whose data/ was written by the generator."""
    root = tmp_path_factory.mktemp("synthetic")
    generate(root / "data", inspections=INSPECTIONS, seed=SEED, as_of=date.fromisoformat(AS_OF))
    return root


@pytest.fixture(scope="module")
def larger_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty inspections: enough for the rarer shapes to appear."""
    root = tmp_path_factory.mktemp("synthetic-40")
    generate(root / "data", inspections=40, seed=SEED, as_of=date.fromisoformat(AS_OF))
    return root


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_it_passes_the_registers_own_validation(synthetic_root: Path) -> None:
    register = load_register(synthetic_root, as_of=date.fromisoformat(AS_OF))  # nothing dated after the as-of date
    assert len(register.inspections) == INSPECTIONS
    assert len(register.forces) == 43
    assert len(register.responses) > INSPECTIONS * 20


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(synthetic_root: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", inspections=INSPECTIONS, seed=SEED, as_of=date.fromisoformat(AS_OF))
    generate(tmp_path / "other", inspections=INSPECTIONS, seed=SEED + 1, as_of=date.fromisoformat(AS_OF))
    assert tree(tmp_path / "again") == tree(synthetic_root / "data")
    assert tree(tmp_path / "other") != tree(synthetic_root / "data")


def test_it_has_every_status_position_progress_and_kind(synthetic_root: Path) -> None:
    register = load_register(synthetic_root)
    as_of = date.fromisoformat(AS_OF)
    statuses = Counter(s.timeliness.status for i in register.inspections for s in standings_for_inspection(register, i, as_of))
    assert set(statuses) == set(Status)
    assert statuses[Status.ON_TIME] > statuses[Status.LATE] > statuses[Status.DATE_UNKNOWN]
    answers = [answer for response in register.responses for answer in response.answers]
    assert set(Counter(answer.position for answer in answers)) == set(POSITIONS)
    assert set(Counter(answer.progress for answer in answers)) == set(PROGRESS)
    assert {inspection.scope for inspection in register.inspections} >= {"national thematic", "force"}
    assert any(inspection.joint for inspection in register.inspections)
    assert any(
        inspection.recommendation_count is not None and len(inspection.recommendations) < inspection.recommendation_count
        for inspection in register.inspections
    )
    assert all(len(inspection.recommendations) <= 43 for inspection in register.inspections)
    assert any(response.published is None for response in register.responses)


def test_it_has_the_shapes_real_documents_take(larger_root: Path) -> None:
    """Shared passages, located records, proposed responses, documents that are not the response, dates on documents only."""
    register = load_register(larger_root, as_of=date.fromisoformat(AS_OF))
    responses = register.responses
    answers = [answer for response in responses for answer in response.answers]
    assert any(2 <= len(answer.recommendations) <= 3 for answer in answers)
    assert any(answer.covers_all for answer in answers)
    assert any(answer.areas for answer in answers)
    assert {answer.by for answer in answers} >= {"local policing body", "force", "chief constable"}
    assert any(not response.transcribed and not response.answers and response.document.copies for response in responses)
    assert {response.section_55.reading for response in responses} == {"the body's response", "unclear", "not the body's response"}
    assert any(response.published is None and response.document.date is not None for response in responses)
    assert any(copy.checked is None for response in responses for copy in response.document.copies)
    assert any(response.not_answered for response in responses)
    inspections = register.inspections
    assert any(inspection.recommendation_count is None for inspection in inspections)
    assert any(inspection.audience_unknown for inspection in inspections)
    assert {inspection.scope for inspection in inspections} == {"national thematic", "force", "several forces", None}


def test_it_records_where_it_looked_for_most_inspections_as_the_coverage_model_says(larger_root: Path) -> None:
    register = load_register(larger_root, as_of=date.fromisoformat(AS_OF))
    as_of = date.fromisoformat(AS_OF)
    looked = [inspection for inspection in register.inspections if inspection.id in register.coverage]
    assert len(register.inspections) * 0.7 <= len(looked) < len(register.inspections)  # most, not all
    assert register.inspections[0] not in looked  # the newest report, inside its 56 days: not looked for yet
    states = Counter(s.coverage.state for i in register.inspections for s in standings_for_inspection(register, i, as_of))
    assert set(states) == set(CoverageState)
    looks = [look for coverage in register.coverage.values() for look in coverage.looked]
    assert {look.where for look in looks} == {
        "the inspectorate's report page",
        "the body's page of inspection responses",
        "the body's site",
        "another public copy",
    }
    assert any(look.for_all and look.found for look in looks) and any(not look.for_all and look.found for look in looks)
    assert any(not look.for_all and not look.found for look in looks)
    assert any(len(coverage.looks_for(force.id)) > 1 for coverage in register.coverage.values() for force in register.forces)
    for coverage in register.coverage.values():
        inspection = register.inspection(coverage.inspection_id)
        for look in coverage.looked:
            assert inspection.published <= look.checked <= as_of
            assert look.url.startswith("https://synthetic.invalid/")
            for force_id in look.found:  # every body found has a record, dated no later than the look
                response = register.response(inspection.id, force_id)
                assert response is not None and response.section_55.counts, (inspection.id, force_id)
                assert all(day is None or day <= look.checked for day in (response.published, response.document.date))
    # a body with a record of its response but not shown anywhere looked is still transcribed or located, never
    # "not found"; a held document that is not the body's response (a press statement) leaves the response to be found
    standings = [s for i in register.inspections for s in standings_for_inspection(register, i, as_of)]
    held = (CoverageState.TRANSCRIBED, CoverageState.LOCATED)
    for s in standings:
        counts = s.response is not None and s.response.section_55.counts
        assert counts == (s.coverage.state in held), (s.inspection.id, s.force.id)
        if not counts:
            assert s.coverage.state is (CoverageState.NOT_FOUND if s.coverage.looks else CoverageState.NOT_LOOKED)
    assert any(s.response is not None and not s.response.section_55.counts for s in standings)


def test_the_coverage_files_leave_the_rest_of_the_data_as_it_was(synthetic_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Coverage is drawn from its own random sequence: page sizes stay comparable with earlier benchmarks."""
    monkeypatch.setattr(synthetic, "_coverage", lambda *args, **kwargs: None)
    summary = generate(tmp_path / "data", inspections=INSPECTIONS, seed=SEED, as_of=date.fromisoformat(AS_OF))
    assert summary.coverage_files == 0
    with_coverage = tree(synthetic_root / "data")
    assert any(name.startswith("coverage/") for name in with_coverage)
    assert tree(tmp_path / "data") == {name: text for name, text in with_coverage.items() if not name.startswith("coverage/")}


def test_it_keeps_the_real_forces_and_adds_body_changes_inside_the_decade(synthetic_root: Path) -> None:
    real = load_register(ROOT)
    synthetic = load_register(synthetic_root)
    changed = [force for force in synthetic.forces if force.bodies != real.force(force.id).bodies]
    assert [force.id for force in synthetic.forces] == [force.id for force in real.forces]
    assert changed
    for force in changed:
        old, new = real.force(force.id).bodies, force.bodies
        assert new[: len(old) - 1] == old[:-1]
        assert new[len(old) - 1].id == old[-1].id and new[len(old) - 1].end is not None
        assert all(body.name.startswith("Synthetic:") and body.start.year >= 2025 for body in new[len(old) :])
    assert any("synthetic" in response.body_id for response in synthetic.responses), "no response comes from a new body"


def test_it_is_plainly_synthetic(synthetic_root: Path) -> None:
    register = load_register(synthetic_root)
    assert all(inspection.title.startswith("Synthetic:") and inspection.id.startswith("synthetic-") for inspection in register.inspections)
    urls = [r.document.url for r in register.responses if r.document.url] + [i.report_url for i in register.inspections if i.report_url]
    urls += [look.url for coverage in register.coverage.values() for look in coverage.looked]
    assert urls and all(url.startswith("https://synthetic.invalid/") for url in urls)


def test_it_refuses_the_real_data_folder_and_a_folder_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(ROOT / "data")
    assert main(["--inspections", "1", "--out", str(ROOT / "data")]) == 2
    assert "real data/ folder" in capsys.readouterr().err
    assert tree(ROOT / "data") == before
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "forces.yaml").write_text("forces: []\n")
    assert main(["--inspections", "1", "--out", str(tmp_path / "used")]) == 2
    assert "not empty" in capsys.readouterr().err


def test_it_builds_with_the_real_templates(synthetic_root: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data")
    shutil.copytree(synthetic_root / "data", project / "data")
    result = build(project)
    assert result.returncode == 0, result.output

    register = load_register(synthetic_root)
    response = next(r for r in register.responses if "synthetic" in r.body_id)
    soup = BeautifulSoup((result.site / "responses" / response.inspection_id / response.force_id / "index.html").read_text("utf-8"), "html.parser")
    article = " ".join(soup.select_one("article").get_text(" ").split())
    assert register.body(response.body_id).name in article
    assert register.force(response.force_id).name in article
    for inspection in register.inspections:
        page = result.site / "inspections" / inspection.id / "index.html"
        assert BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article h1").get_text(strip=True) == inspection.title
