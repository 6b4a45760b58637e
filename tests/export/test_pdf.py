"""What the PDF action plan says: read back from the PDF as a reader would copy it."""

from __future__ import annotations

import io
from dataclasses import replace

import pypdf
import pytest

from collabfacil.domain.demo import build_demo
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import Action, Contribution, Organisation, Step, Workshop
from collabfacil.export.anonymise import WITHHELD
from collabfacil.export.files import ExportError
from collabfacil.export.pdf import render_pdf, write_pdf
from collabfacil.resources import load_default_library

EMPTY_LIBRARY = Library(exercises={}, templates={})


def flat(text: str) -> str:
    """Whitespace (line breaks where text wrapped) folded to single spaces."""
    return " ".join(text.split())


@pytest.fixture
def text(data, pdf_pages) -> str:
    """All the text of the shared workshop's PDF."""
    return flat("\n".join(pdf_pages(render_pdf(data, library=EMPTY_LIBRARY))))


def test_the_pdf_is_an_a4_pdf_with_the_workshop_in_its_metadata(data):
    """Title, author and language are set, so a board's document system files it."""
    data = replace(data, workshop=data.workshop.with_changes(facilitator="Siân Llewelyn"))
    pdf = render_pdf(data, library=EMPTY_LIBRARY)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert pdf.startswith(b"%PDF-")
    assert reader.metadata.title == "Frailty pathway partnership"
    assert reader.metadata.author == "Siân Llewelyn"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)


def test_the_same_workshop_gives_the_same_bytes(data):
    """Output is byte-stable (reportlab's invariant mode), so re-exports compare equal."""
    assert render_pdf(data, library=EMPTY_LIBRARY) == render_pdf(data,
                                                                  library=EMPTY_LIBRARY)


def test_the_cover_shows_title_date_venue_facilitator_and_partners(data, pdf_pages):
    """Partners are named in full on the cover, not by their short labels."""
    data = replace(data, workshop=data.workshop.with_changes(facilitator="Siân Llewelyn"))
    cover = flat(pdf_pages(render_pdf(data, library=EMPTY_LIBRARY))[0])
    for expected in ("Frailty pathway partnership", "Wednesday 4 March 2026",
                     "Civic Centre, Room 2", "Siân Llewelyn",
                     "Northshire Acute Hospitals NHS Trust",
                     "Northshire County Council"):
        assert expected in cover


def test_every_note_and_action_is_printed_verbatim(data, text):
    """Nothing captured is lost between the board and the PDF."""
    for note in data.contributions:
        assert note.text in text
    for action in data.actions:
        for value in (action.text, action.owner, action.first_step):
            assert value in text


def test_notes_are_grouped_under_their_columns_in_column_order(data, text):
    """Each column's label comes before its notes, and the columns keep their order."""
    time, data_col = text.index("Time "), text.index("Data ")
    assert time < text.index("Nobody has time to meet") < data_col
    assert time < text.index("Meetings that decide nothing") < data_col
    assert data_col < text.index("Records that do not join up")


def test_a_note_shows_its_organisations_short_label(data, text):
    """The short label sits beside the note; the open board's note is labelled too."""
    assert "Nobody has time to meet — Acute" in text
    assert "Records that do not join up — Council" in text
    assert "I will call the ward manager on Monday — Acute" in text
    assert "Meetings that decide nothing —" not in text


def test_a_must_agree_column_is_marked_and_others_are_not(repo, pdf_pages):
    """Columns the room must agree on carry a "MUST AGREE" label in the PDF."""
    wid = repo.create_workshop(Workshop(title="Shared goal"), steps=[Step(
        type="brainstorm", title="One shared goal",
        config={"sections": ["Who we serve", "Our targets"],
                "must_agree": ["Who we serve"]})])
    step = repo.load(wid).steps[0]
    for section in ("Who we serve", "Our targets"):
        repo.add_contribution(Contribution(step_id=step.id, text=f"Note on {section}",
                                           section=section))
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(wid), library=EMPTY_LIBRARY))))
    assert "Who we serve MUST AGREE • Note on Who we serve" in text
    assert "Our targets • Note on Our targets" in text
    assert text.count("MUST AGREE") == 1


def test_actions_are_listed_by_due_date_with_small_tests_marked(data, text):
    """The soonest action comes first; only the small test carries the label."""
    order = [text.index(t) for t in ("Weekly joint huddle on discharges",
                                      "Agree one frailty score",
                                      "Report back to the boards")]
    assert order == sorted(order)
    assert "Action Owner Organisation Due First step" in text
    assert "20 Mar 2026" in text
    assert "SMALL TEST Agree one frailty score" in text
    table = text.split("Action Owner Organisation Due First step", 1)[1]
    assert table.count("SMALL TEST") == 1  # the other mention is the key above the table


def test_markup_in_user_text_prints_literally(repo, pdf_pages):
    """Platypus markup typed by a user is shown as typed, never obeyed."""
    nasty = "<b>bold</b> & <para> </font> &amp; <br/> <img src='x'/>"
    wid = repo.create_workshop(
        Workshop(title=f"Title {nasty}", venue=f"Venue {nasty}"),
        organisations=[Organisation(f"Org {nasty}", "<i>Org</i>")],
        steps=[Step(type="brainstorm", title=f"Step {nasty}", prompt=f"Ask {nasty}",
                    config={"sections": [f"Col {nasty}"], "must_agree": []}),
               Step(type="actions", title="Actions")])
    loaded = repo.load(wid)
    org = loaded.organisations[0].id
    repo.add_contribution(Contribution(step_id=loaded.steps[0].id, text=f"Note {nasty}",
                                       section=f"Col {nasty}", organisation_id=org))
    repo.add_action(Action(text=f"Act {nasty}", owner=f"Own {nasty}", due="2026-04-01",
                           first_step=f"First {nasty}", measure=f"Measure {nasty}",
                           organisation_id=org, step_id=loaded.steps[1].id),
                    workshop_id=wid)
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(wid), library=EMPTY_LIBRARY))))
    for prefix in ("Title", "Venue", "Org", "Step", "Ask", "Col", "Note", "Act", "Own",
                   "First", "Measure"):
        assert f"{prefix} {nasty}" in text
    assert "— <i>Org</i>" in text


def test_line_breaks_in_a_note_are_kept(repo, workshop_id, pdf_pages):
    """A note typed on two lines prints on two lines."""
    step = repo.load(workshop_id).steps[1]
    repo.add_contribution(Contribution(step_id=step.id, text="First line\nSecond line"))
    pdf = render_pdf(repo.load(workshop_id), library=EMPTY_LIBRARY)
    assert "First line\nSecond line" in "\n".join(pdf_pages(pdf))


def test_welsh_and_polish_names_print(repo, pdf_pages):
    """ŵ ŷ ł ż and accented names survive: the embedded font has them."""
    wid = repo.create_workshop(
        Workshop(title="Partneriaeth Cwm Taf: gŵyl a chŷn", venue="Neuadd y Dref"),
        organisations=[Organisation("Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg", "BIP")],
        steps=[Step(type="brainstorm", title="Syniadau"),
               Step(type="actions", title="Gweithredu")])
    loaded = repo.load(wid)
    repo.add_contribution(Contribution(step_id=loaded.steps[0].id,
                                       text="Łódź i Żywiec: współpraca ŵyr ŷd"))
    repo.add_action(Action(text="Rhannu'r cofnod gofal", owner="Małgorzata Żółkiewska",
                           due="2026-04-01", first_step="Ffonio Siôn ap Rhŷs",
                           step_id=loaded.steps[1].id), workshop_id=wid)
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(wid), library=EMPTY_LIBRARY))))
    for expected in ("Partneriaeth Cwm Taf: gŵyl a chŷn",
                     "Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg",
                     "Łódź i Żywiec: współpraca ŵyr ŷd", "Małgorzata Żółkiewska",
                     "Ffonio Siôn ap Rhŷs"):
        assert expected in text


def test_characters_the_font_lacks_do_not_break_the_export(repo, workshop_id, pdf_pages):
    """CJK and emoji print as a replacement mark; the rest of the note still prints."""
    step = repo.load(workshop_id).steps[1]
    repo.add_contribution(Contribution(step_id=step.id, text="Team 協力 works 🎉 well"))
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(workshop_id),
                                                library=EMPTY_LIBRARY))))
    assert "Team \ufffd\ufffd works \ufffd well" in text


def test_every_page_says_page_x_of_y(data, pdf_pages):
    """The footer numbers each page against the total."""
    pages = pdf_pages(render_pdf(data, library=EMPTY_LIBRARY))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_pages_after_the_cover_carry_the_title_and_date(data, pdf_pages):
    """The running header names the workshop on every page but the cover."""
    pages = pdf_pages(render_pdf(data, library=EMPTY_LIBRARY))
    for page in pages[1:]:
        assert "Frailty pathway partnership" in page
        assert "Wednesday 4 March 2026" in page


def test_a_very_long_title_is_shortened_in_the_header_but_whole_on_the_cover(
        repo, workshop_id, pdf_pages):
    """The header stays on one line; the cover keeps every word."""
    data = repo.load(workshop_id)
    title = " ".join(["Northshire"] * 17) + " finale"
    data = replace(data, workshop=data.workshop.with_changes(title=title))
    pages = pdf_pages(render_pdf(data, library=EMPTY_LIBRARY))
    assert title in flat(pages[0])
    assert "Northshire Northshire" in pages[1]
    assert "…" in pages[1]
    assert "finale" not in pages[1]


def test_anonymised_pdf_names_no_participant(data, repo, pdf_pages):
    """With anonymise, participant names are withheld even inside notes."""
    step = data.steps[1]
    repo.add_contribution(Contribution(step_id=step.id,
                                       text="Tomasz Kowalski will ask gwenllian prŷs"))
    data = replace(repo.load(data.workshop.id), participants=data.participants)
    named = flat("\n".join(pdf_pages(render_pdf(data, library=EMPTY_LIBRARY))))
    assert "Tomasz Kowalski" in named  # the test can fail: the names are there
    text = flat("\n".join(pdf_pages(render_pdf(data, anonymise=True,
                                               library=EMPTY_LIBRARY))))
    for name in ("Tomasz", "Kowalski", "Gwenllian", "Prŷs"):
        assert name.lower() not in text.lower()
    assert f"{WITHHELD} will ask {WITHHELD}" in text


def test_actions_with_no_actions_step_still_print(repo, pdf_pages):
    """An action carried in with no actions step on the agenda still makes an action plan."""
    wid = repo.create_workshop(Workshop(title="Review"),
                               steps=[Step(type="brainstorm", title="Check-in")])
    repo.add_action(Action(text="Carried-in action", owner="Aled", due="2026-05-05",
                           first_step="Phone Aled"), workshop_id=wid)
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(wid), library=EMPTY_LIBRARY))))
    assert "1. The action plan" in text
    assert "Carried-in action Aled" in text


def test_steps_with_nothing_captured_are_left_out(repo, workshop_id, pdf_pages):
    """An empty workshop says so instead of printing empty headings."""
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(workshop_id),
                                                library=EMPTY_LIBRARY))))
    assert "Nothing was captured in this workshop." in text
    assert "Ways to fail" not in text


def test_the_sources_appendix_credits_the_exercises_used(repo, pdf_pages):
    """Each exercise on the agenda is credited with what it is based on."""
    library = load_default_library()
    wid = repo.create_workshop(Workshop(title="Masterclass"),
                               steps=library.agenda_steps("masterclass-short"))
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(wid), library=library))))
    assert "Appendix A: sources" in text  # nothing captured: no appendix of contributions
    for key in ("E4", "E9", "E13", "E14"):
        exercise = library.exercises[key]
        assert f"{key} {exercise.title}" in text
        for source in exercise.based_on:
            assert flat(source) in text


def test_the_default_library_is_used_when_none_is_given(repo, pdf_pages):
    """Without a library the shipped exercises are looked up."""
    wid = repo.create_workshop(Workshop(title="Goal"), steps=[
        Step(type="brainstorm", title="One shared goal", exercise_key="E4")])
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(wid)))))
    assert "Collective Impact: a common agenda" in text


def test_an_exercise_missing_from_the_library_is_not_credited(repo, pdf_pages):
    """A step from an unknown exercise gives no appendix rather than an error."""
    wid = repo.create_workshop(Workshop(title="Goal"), steps=[
        Step(type="brainstorm", title="Home-made", exercise_key="X99")])
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(wid),
                                                library=load_default_library()))))
    assert "Appendix" not in text


def test_write_pdf_writes_the_file(data, tmp_path, pdf_pages):
    """The file on disk is the rendered PDF."""
    target = tmp_path / "plan.pdf"
    write_pdf(data, target, library=EMPTY_LIBRARY)
    assert target.read_bytes() == render_pdf(data, library=EMPTY_LIBRARY)


def test_write_pdf_to_a_missing_folder_fails_and_leaves_no_file(data, tmp_path):
    """A clear error, and nothing half-written anywhere."""
    target = tmp_path / "no such folder" / "plan.pdf"
    with pytest.raises(ExportError, match="does not exist"):
        write_pdf(data, target, library=EMPTY_LIBRARY)
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_write_pdf_into_a_read_only_folder_fails_and_leaves_it_as_it_was(
        data, read_only_folder):
    """The facilitator is told why, and nothing (not even a temporary file) is left."""
    before = sorted(p.name for p in read_only_folder.iterdir())
    with pytest.raises(ExportError, match=r"Cannot write .*plan\.pdf"):
        write_pdf(data, read_only_folder / "plan.pdf")
    assert sorted(p.name for p in read_only_folder.iterdir()) == before


@pytest.mark.parametrize("which", ["small", "demo"])
def test_the_fonts_are_embedded(data, which):
    """DejaVu Sans is embedded, so the PDF prints the same on any machine; no font
    is merely named (the demo has charts, whose drawing default is Helvetica)."""
    if which == "demo":
        data = build_demo(load_default_library())
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(data, library=EMPTY_LIBRARY)))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"]
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} <= fonts



def test_a_long_partner_list_runs_onto_a_second_cover_page(repo, pdf_pages):
    """A large system event's 60 partners are all named; the cover may run over."""
    names = [f"Partner organisation number {i:02d} of the integrated care system"
             for i in range(60)]
    wid = repo.create_workshop(Workshop(title="System event"),
                               organisations=[Organisation(n) for n in names])
    text = flat("\n".join(pdf_pages(render_pdf(repo.load(wid), library=EMPTY_LIBRARY))))
    for name in names:
        assert name in text
