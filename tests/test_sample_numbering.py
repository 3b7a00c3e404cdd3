"""The app's computed numbering reproduces the samples' numbers — except where the originals
break the standard (spec nd30: two sections numbered IV; "Phần I" then "Phần thứ II")."""
import pytest

from fidelity import norm
from tudanhgia.render.layout import Para, Role, layout

# (report id, sample file, the sample's wrong lines → what the app prints instead)
CASES = [
    (1, "kiem-diem-tap-the-2020.txt", {"IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)":
                                       "III. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)"}),
    (2, "ke-hoach-khac-phuc-2022.txt", {}),
    (3, "tu-danh-gia-nam-2023.txt", {"Phần thứ II": "Phần II"}),
]


def numbered_lines(report) -> list[str]:
    """Headings, part labels, and the first words of numbered or lettered items."""
    out = []
    for b in layout(report).blocks:
        if isinstance(b, Para) and b.role in (Role.HEADING, Role.PART_LABEL):
            out.append(norm(b.paragraph.text))
        elif isinstance(b, Para) and b.role is Role.ITEM:
            out.append(" ".join(norm(b.paragraph.text).split()[:8]))
    return out


@pytest.mark.parametrize("report_id,sample,wrong", CASES)
def test_numbers_as_in_sample(sample_service, samples_dir, report_id, sample, wrong):
    text = norm((samples_dir / sample).read_text(encoding="utf-8"))
    for bad, good in wrong.items():
        assert bad in text, "the sample's known error is there"
        text = text.replace(bad, good)
    lines = numbered_lines(sample_service.get_report(report_id))
    assert len(lines) >= 8
    missing = [line for line in lines if line not in text]
    assert not missing, missing


def test_no_two_sections_share_a_number(sample_service):
    for report_id in (1, 2, 3):
        report = sample_service.get_report(report_id)
        numbers = report.numbering()
        for s in [None, *report.walk()]:
            kids = report.sections if s is None else s.children
            labels = [numbers[k] for k in kids if numbers[k]]
            assert len(labels) == len(set(labels)), labels
