"""Real documents as they are: every shape of record the register must hold, and the five seeds carrying every fact.

The fixtures in tests/fixtures/shapes are fictional records in the shapes real bodies publish
(see its README). The seed tests read the real data: each fact the issue found dropped is back,
quoted from the document, and every quotation is found verbatim in the published transcript.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import AS_OF, ROOT
from register.data.clock import Status
from register.data.completeness import NOT_STATED, NOT_TRANSCRIBED, PRESENT, STATED_ABSENT, completeness
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.model import Register
from register.data.standing import standing

AS_OF_DATE = date.fromisoformat(AS_OF)
PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"


@pytest.fixture(scope="module")
def seeds() -> Register:
    return load_register(ROOT, as_of=AS_OF_DATE)


def timeliness(register: Register, inspection_id: str, force_id: str):
    return standing(register, register.inspection(inspection_id), register.force(force_id), AS_OF_DATE).timeliness


# Each shape enters and passes the check ---------------------------------------------------------


def test_every_shape_passes_the_check(shapes: Register) -> None:
    assert len(shapes.inspections) == 3
    assert len(shapes.responses) == 6


def test_an_inspection_known_only_by_its_counts(shapes: Register) -> None:
    inspection = shapes.inspection("fixture-counts-only-2022")
    assert (inspection.recommendation_count, inspection.areas_count, inspection.recommendations) == (43, 5, ())
    assert inspection.summary is None and inspection.scope is None and inspection.areas_for_improvement is None
    assert inspection.counts_source == "Fixture letter from a commissioner"


def test_an_unknown_count_and_unknown_audience_stay_unknown(shapes: Register) -> None:
    inspection = shapes.inspection("fixture-final-2023")
    assert inspection.recommendation_count is None
    unknown = inspection.recommendation(2)
    assert (unknown.text, unknown.addressees, unknown.deadline.words, unknown.for_every_force) == (None, None, None, None)
    assert [rec.number for rec in inspection.for_every_force] == [1]
    assert [rec.number for rec in inspection.audience_unknown] == [2]


def test_a_deadline_with_a_day(shapes: Register) -> None:
    deadline = shapes.inspection("fixture-final-2023").recommendation(1).deadline
    assert (deadline.words, deadline.day, deadline.month) == ("By 30 April 2023", date(2023, 4, 30), None)


def test_scope_is_separate_from_the_inspectorates_that_made_it(shapes: Register) -> None:
    final = shapes.inspection("fixture-final-2023")
    assert (final.scope, final.joint, final.kind_label, final.published_by) == ("national thematic", True, "national thematic, joint", "HMICFRS")
    assert shapes.inspection("fixture-interim-2022").joint is False


def test_an_interim_and_a_final_report_are_linked_both_ways(shapes: Register) -> None:
    final, interim = shapes.inspection("fixture-final-2023"), shapes.inspection("fixture-interim-2022")
    assert [(item.relation, item.inspection_id, item.title) for item in shapes.related(final)] == [
        ("interim report", "fixture-interim-2022", None),
        ("follow-up review", None, "Fixture review not yet in the register"),
    ]
    assert [(item.relation, item.inspection_id) for item in shapes.related(interim)] == [("final report", "fixture-final-2023")]


def test_a_letter_answering_the_report_in_prose(shapes: Register) -> None:
    letter = shapes.response("fixture-counts-only-2022", "norfolk")
    (answer,) = letter.answers
    assert answer.whole_report and answer.by == "local policing body and chief constable"
    assert (letter.document.kind, letter.document.addressee, letter.document.status) == ("letter", "the Home Secretary", "final")
    assert [(copy.url, copy.checked) for copy in letter.document.copies] == [("https://www.norfolk-pcc.gov.uk/fixture-letter.pdf", date(2026, 11, 28))]
    assert timeliness(shapes, "fixture-counts-only-2022", "norfolk").status is Status.ON_TIME
    row = completeness(letter, shapes.inspection("fixture-counts-only-2022"))
    assert (row.body_comments, row.chief_constable_comments, row.sent_to_home_secretary, row.sent_to_inspectorate) == (PRESENT, PRESENT, "the document says so", NOT_STATED)
    assert (row.every_force_answered, row.every_force_total) == (0, 0)


def test_a_proposed_response_put_to_a_board_is_dated_not_published(shapes: Register) -> None:
    paper = shapes.response("fixture-final-2023", "cambridgeshire")
    assert (paper.document.status, paper.section_55.reading) == ("proposed", "unclear")
    clock = timeliness(shapes, "fixture-final-2023", "cambridgeshire")
    assert (clock.status, clock.days_late, clock.evidence) == (Status.DATED_AFTER, 24, "document date")


def test_one_passage_answers_several_recommendations_and_another_an_area_for_improvement(shapes: Register) -> None:
    paper = shapes.response("fixture-final-2023", "cambridgeshire")
    assert paper.answer_to(1) is paper.answer_to(3)
    assert paper.answer_to(1).recommendations == (1, 3)
    assert paper.answer_to(2) is None and paper.not_answered == (2,)
    (area,) = paper.answers_to_area(1)
    assert (area.text, area.by, area.progress) == ("The Constabulary has improved its records.", "force", "completed")
    row = completeness(paper, shapes.inspection("fixture-final-2023"))
    assert (row.body_comments, row.chief_constable_comments, row.every_force_answered, row.every_force_total, row.audience_unknown) == (NOT_STATED, PRESENT, 1, 1, 1)
    assert row.every_force_complete is None  # recommendation 2's audience is not stated, so nobody can say it is complete


def test_an_answer_pointing_back_to_an_earlier_response(shapes: Register) -> None:
    answer = shapes.response("fixture-final-2023", "cumbria").answer_to(1)
    assert answer.refers_to_inspection == "fixture-interim-2022"
    assert shapes.response("fixture-interim-2022", "cumbria") is not None
    row = completeness(shapes.response("fixture-final-2023", "cumbria"), shapes.inspection("fixture-final-2023"))
    assert (row.chief_constable_comments, row.chief_constable_absent_words) == (STATED_ABSENT, "The Chief Constable has no further comment.")


def test_one_passage_answering_all_recommendations(shapes: Register) -> None:
    response = shapes.response("fixture-interim-2022", "cumbria")
    assert response.answer_to(1) is response.answers[0] and response.answers[0].covers_all


def test_a_located_document_is_a_valid_record_without_words(shapes: Register) -> None:
    located = shapes.response("fixture-final-2023", "staffordshire")
    assert (located.record, located.statements, located.answers, located.document.kind) == ("located", (), (), None)
    assert located.document.url == "https://www.justiceinspectorates.gov.uk/hmicfrs/fixture-final-staffordshire.pdf"
    row = completeness(located, shapes.inspection("fixture-final-2023"))
    assert (row.body_comments, row.every_force_answered) == (NOT_TRANSCRIBED, None)
    assert timeliness(shapes, "fixture-final-2023", "staffordshire").status is Status.DATED_WITHIN


def test_a_document_that_is_not_the_body_response_counts_for_nothing_on_the_clock(shapes: Register) -> None:
    statement = shapes.response("fixture-final-2023", "norfolk")
    assert statement.section_55.reading == "not the body's response" and statement.published == date(2023, 1, 11)
    assert timeliness(shapes, "fixture-final-2023", "norfolk").status is Status.MISSING


# The five seeds carry every fact of their documents -----------------------------------------------


def test_prevent_report_facts_from_the_seeds(seeds: Register) -> None:
    prevent = seeds.inspection(PREVENT)
    assert prevent.redacted == (True, prevent.redacted[1]) and "Cambridgeshire" in prevent.redacted[1]
    assert (prevent.fieldwork.start, prevent.fieldwork.end) == ("2018-10", "2019-02")
    assert "British Transport Police, the Civil Nuclear Constabulary and the Ministry of Defence Police" in prevent.fieldwork.forces
    assert prevent.recommendation(7).listed_under.words == "Only one recommendation was directed towards the police:"
    assert [rec.number for rec in prevent.for_every_force] == [7]


def test_terrorist_offenders_report_facts_from_the_seeds(seeds: Register) -> None:
    report = seeds.inspection(TERRORIST)
    assert (report.scope, report.joint, report.published_by) == ("national thematic", True, "HM Inspectorate of Probation")
    assert [item.words for item in report.references] == ["#28740"]
    assert report.other_titles[0].words.startswith("Counter Terrorism Joint Inspection – National security division")
    assert (report.recommendation_count, report.areas_count) == (21, 0)
    assert {rec.listed_under.words for rec in report.recommendations} == {"Recommendations for Counter Terrorism Policing:"}
    names, source = report.report_addressees
    assert len(names) == 6 and "Norfolk" in source
    # Norfolk names six addressees for all 21 recommendations; the register must not say which go to whom.
    assert not re.search(r"1 to 18 are addressed to", report.other_recommendations)


@pytest.mark.parametrize(
    ("key", "section", "label"),
    [
        ((PREVENT, "cumbria"), "Section 33 of the Police Act 1996 (as amended by section 37 of the Policing and Crime Act 2017)", "National Inspection"),
        ((TERRORIST, "cumbria"), "Section 33 of the Police Act 1996 (as amended by section 37 of the Policing and Crime Act 2017)", "National Thematic"),
        ((TERRORIST, "norfolk"), "Section 55 of the Police Act 1996 (as amended by section 37 of the Policing and Crime Act 2017)", "Counter-terrorism and joint inspection"),
        ((TERRORIST, "staffordshire"), None, "CJJ Criminal Justice Joint Inspection"),
    ],
)
def test_each_form_keeps_its_own_section_and_label_for_the_report(seeds: Register, key, section, label) -> None:
    asserts = seeds.response(*key).document.asserts
    assert (asserts.section_cited, asserts.report_label) == (section, label)


def test_seed_documents_say_what_they_are(seeds: Register) -> None:
    cambridgeshire = seeds.response(PREVENT, "cambridgeshire")
    assert (cambridgeshire.document.status, cambridgeshire.section_55.reading) == ("proposed", "unclear")
    assert {answer.by for answer in cambridgeshire.answers} == {"force"}
    norfolk = seeds.response(TERRORIST, "norfolk")
    assert norfolk.chief_constable_comments_absent.endswith("hence there is no comment from my Chief Constable.")
    assert (norfolk.document.asserts.deadline.date, norfolk.document.asserts.forces_field) == (date(2023, 9, 14), "N/A")
    assert seeds.response(TERRORIST, "cumbria").document.asserts.report_reference == "#28740"
    (named,) = seeds.response(TERRORIST, "staffordshire").document.names
    assert (named.name, named.role) == ("Ben Adams", "commissioner")
    assert {response.section_55.reading for response in seeds.responses if response.key != (PREVENT, "cambridgeshire")} == {"the body's response"}


def test_no_seed_claims_a_check_that_did_not_happen(seeds: Register) -> None:
    assert {response.last_checked for response in seeds.responses} == {None}


def test_every_located_response_has_an_address_and_a_check_date(seeds: Register) -> None:
    located = [response for response in seeds.responses if not response.transcribed]
    assert len(located) == 8
    for response in located:
        assert response.document.copies and all(copy.url.startswith("https://") and copy.checked for copy in response.document.copies), response.key
        assert (response.statements, response.answers) == ((), ())  # facts only: the register holds none of their words


def test_every_body_of_both_seed_inspections_has_a_coverage_state_with_where_and_when(seeds: Register) -> None:
    for inspection in seeds.inspections:
        for force in seeds.respondents(inspection):
            item = standing(seeds, inspection, force, AS_OF_DATE)
            if item.coverage.state is CoverageState.NOT_FOUND:
                assert item.coverage.looks and all(look.checked for look in item.coverage.looks)
                for look in item.coverage.looks:  # an address, or for a search the words searched for
                    assert (look.searched_for and look.url is None) if look.is_search else look.url.startswith("http"), look
            if item.coverage.state is CoverageState.NOT_LOOKED:
                assert not item.coverage.looks
            if inspection.id == PREVENT:  # the inspectorate's page for the report covers every body
                assert item.coverage.state is not CoverageState.NOT_LOOKED, force.id


def test_the_prevent_report_page_links_four_responses_all_in_the_register(seeds: Register) -> None:
    report = seeds.coverage[PREVENT].looked[0]
    assert (report.where, report.for_all, report.url) == ("the inspectorate's report page", True, seeds.inspection(PREVENT).report_url)
    assert report.found == ("dyfed-powys", "gwent", "merseyside", "nottinghamshire")
    assert all(seeds.response(PREVENT, force) is not None for force in report.found)


def test_a_shared_answer_is_stored_once(seeds: Register) -> None:
    norfolk = seeds.response(TERRORIST, "norfolk")
    assert len(norfolk.answers) == 1 and norfolk.answer_to(19) is norfolk.answer_to(20) is norfolk.answer_to(21)
    for response in (response for response in seeds.responses if response.document.transcript):
        transcript = _normal(seeds.transcripts[response.document.transcript])
        texts = [answer.text for answer in response.answers] + [statement.text for statement in response.statements]
        for text in set(texts):
            assert texts.count(text) <= transcript.count(_normal(text)), f"{response.key}: the record repeats a passage the document gives once"


def test_cambridgeshire_paper_is_dated_23_days_after_the_deadline(seeds: Register) -> None:
    clock = timeliness(seeds, PREVENT, "cambridgeshire")
    assert clock.label == "dated after due date (23 days)"


def _normal(text: str) -> str:
    """Text with Markdown list marks, emphasis and link targets of the transcript removed, and spaces made single."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("**", "")
    text = re.sub(r"(?m)^\s*- ", "", text)
    return " ".join(text.replace("“", '"').replace("”", '"').split())


def _quotations(response) -> list[str]:
    document = response.document
    found = [answer.text for answer in response.answers] + [statement.text for statement in response.statements]
    found += [answer.heading for answer in response.answers if answer.heading] + [statement.heading for statement in response.statements if statement.heading]
    found += [words for _, words in document.asserts.shown()]
    found += [item for item in (document.title, document.status_words, response.chief_constable_comments_absent) if item]
    found += [person.name for person in document.names + document.signed_by] + [person.label for person in document.names + document.signed_by if person.label]
    return found


@pytest.mark.parametrize("key", [(PREVENT, "cambridgeshire"), (PREVENT, "cumbria"), (TERRORIST, "cumbria"), (TERRORIST, "norfolk"), (TERRORIST, "staffordshire")], ids="/".join)
def test_every_quotation_is_in_the_transcript(seeds: Register, key) -> None:
    response = seeds.response(*key)
    transcript = _normal(seeds.transcripts[response.document.transcript])
    for quoted in _quotations(response):
        assert _normal(quoted) in transcript, f"{key}: {quoted!r} is not in the transcript"


# Where the register looked: one coverage state for every body ------------------------------------


@pytest.mark.parametrize(
    ("inspection_id", "force_id", "state", "places"),
    [
        ("fixture-final-2023", "cumbria", CoverageState.TRANSCRIBED, ["the inspectorate's report page", "the body's site"]),
        ("fixture-final-2023", "staffordshire", CoverageState.LOCATED, ["the inspectorate's report page"]),
        ("fixture-final-2023", "kent", CoverageState.NOT_FOUND, ["the inspectorate's report page", "the body's page of inspection responses"]),
        ("fixture-final-2023", "essex", CoverageState.NOT_FOUND, ["the inspectorate's report page"]),
        ("fixture-interim-2022", "essex", CoverageState.NOT_LOOKED, []),
        ("fixture-interim-2022", "cumbria", CoverageState.TRANSCRIBED, []),
    ],
)
def test_every_body_has_a_coverage_state_with_where_and_when(shapes: Register, inspection_id, force_id, state, places) -> None:
    item = standing(shapes, shapes.inspection(inspection_id), shapes.force(force_id), AS_OF_DATE)
    assert item.coverage.state is state
    assert [look.where for look in item.coverage.looks] == places  # newest look first
    if places:
        assert item.coverage.last_looked.checked == max(look.checked for look in item.coverage.looks)


def test_not_found_is_distinct_from_not_yet_looked_for(shapes: Register) -> None:
    final = [standing(shapes, shapes.inspection("fixture-final-2023"), force, AS_OF_DATE).coverage.state for force in shapes.forces]
    interim = [standing(shapes, shapes.inspection("fixture-interim-2022"), force, AS_OF_DATE).coverage.state for force in shapes.forces]
    assert CoverageState.NOT_LOOKED not in final  # the inspectorate's page covers every body
    assert interim.count(CoverageState.NOT_LOOKED) == 42 and interim.count(CoverageState.TRANSCRIBED) == 1
