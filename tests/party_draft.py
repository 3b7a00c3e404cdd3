"""A Party committee's draft of the 2025 collective review (Hướng dẫn 05-HD/VPTW format), only item
A.I.1 written: the document of issue 15's audit gap 6 (empty headings after the first text), for the
DOCX and the preview tests alike."""
from tudanhgia.domain.model import UnitProfile
from tudanhgia.domain.richtext import RichText
from tudanhgia.services.standards import set_unit_standard

TEXT = ("Đảng ủy ban hành Quy chế làm việc nhiệm kỳ 2025 - 2030 ngay sau Đại hội; các vấn đề quan trọng về tổ chức, "
        "cán bộ, đầu tư công đều được tập thể thảo luận, quyết định theo đa số.\n"
        "Tập thể đoàn kết, thống nhất; không có trường hợp vi phạm nguyên tắc tập trung dân chủ.")


def party_draft(service) -> int:
    """The draft's report id, in a new unit printing in the Party's format."""
    unit = service.save_unit(UnitProfile(name="Đảng ủy xã Tịnh Hà", parent_agency="ĐẢNG BỘ TỈNH QUẢNG NGÃI",
                                         issuing_agency="ĐẢNG ỦY XÃ TỊNH HÀ", abbreviation="ĐU", place="Tịnh Hà"))
    set_unit_standard(service, unit.id, "hd05-vptw")
    report = service.create_report("kiem-diem-tap-the-2025", "2025", unit.id)
    first = next(s for s in report.walk() if s.key == "uu-diem.tap-trung-dan-chu")
    service.update_section(first.id, body=RichText.from_plain(TEXT))
    return report.id
