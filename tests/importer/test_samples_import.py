"""The three samples imported from their text files — and from DOCX files made of those paragraphs —
come back with the outline of the hand-entered sample database (issue: ≥ 95 % of headings, same
level and text) and all their body text (≥ 99 % of paragraphs); limitations, measures and footnotes
are recognised where present; marks lost in the extraction are left unset, never guessed."""
import docx
import pytest

from fidelity import norm
from tudanhgia.domain import ChatLuong
from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer
from tudanhgia.importer.text_reader import read_text

CASES = [(1, "kiem-diem-tap-the-2020.txt", 3, 0), (2, "ke-hoach-khac-phuc-2022.txt", 5, 12),
         (3, "tu-danh-gia-nam-2023.txt", 3, 0)]


def compare(original, imported):
    on, gn = original.numbering(), imported.numbering()
    depth_o = dict(original.walk_with_depth())
    depth_g = dict(imported.walk_with_depth())
    want = [(on[s], depth_o[s], norm(s.heading)) for s in original.walk() if s.heading]
    got = {(gn[s], depth_g[s], norm(s.heading)) for s in imported.walk() if s.heading}
    headings = sum(1 for h in want if h in got) / len(want)
    bodies_o = [norm(p.text) for s in original.walk() for p in s.body.paragraphs]
    bodies_g = {norm(p.text) for s in imported.walk() for p in s.body.paragraphs}
    bodies = sum(1 for b in bodies_o if b in bodies_g) / len(bodies_o)
    return headings, bodies


def docx_of(doc, tmp_path):
    """A Word file holding the text file's paragraphs, as an officer's old report would."""
    d = docx.Document()
    for line in doc.lines:
        d.add_paragraph(line.text)
    path = tmp_path / "tu-van-ban.docx"
    d.save(path)
    return path


@pytest.mark.parametrize("report_id,sample,limitations,measures", CASES)
def test_text_and_docx_import_of_the_samples(sample_service, samples_dir, tmp_path, report_id, sample, limitations,
                                             measures):
    original = sample_service.get_report(report_id)
    text_doc = read_text(samples_dir / sample)
    for source in (text_doc, read_docx(docx_of(text_doc, tmp_path))):
        result = Recognizer(source, sample_service.kinds).run()
        imported = result.report
        headings, bodies = compare(original, imported)
        assert headings >= 0.95 and bodies >= 0.99, (headings, bodies)
        assert result.kind.family == sample_service.kinds.get(original.kind_id).family
        assert len(imported.limitations) == limitations and len(imported.all_measures()) == measures
        assert result.unplaced == 0


def test_footnotes_and_stated_classification_are_recognised(sample_service, samples_dir):
    imported = Recognizer(read_text(samples_dir / "tu-danh-gia-nam-2023.txt"), sample_service.kinds).run().report
    notes = [fn.text for s in imported.walk() for p in s.body.paragraphs for fn in p.footnotes]
    assert len(notes) == 4 and notes[3].startswith("Cử 01 viên chức tham gia học lớp cao cấp")
    assert imported.classification is ChatLuong.HTXS


def test_lost_rating_marks_stay_unset(sample_service, samples_dir):
    imported = Recognizer(read_text(samples_dir / "kiem-diem-tap-the-2020.txt"), sample_service.kinds).run().report
    assert len(imported.rated_sections()) == 5 and all(s.rating is None for s in imported.rated_sections())
    assert imported.signer.authority.value == "KT." and imported.signer.name == "Lê Quốc Đạt"
    assert imported.recipients.archive == "VT, HC-TC" and len(imported.recipients.lines) == 5
    assert imported.meta.number == "" and imported.meta.symbol == "BC-VP"
    assert (imported.meta.date.day, imported.meta.date.month, imported.meta.date.year) == (None, 12, 2020)
