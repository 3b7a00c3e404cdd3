"""The 2025 collective review as issued (Mẫu 01 of Hướng dẫn 43-HD/BTCTW under Quy định 366-QĐ/TW;
issue 15 point 1): outline, bands and the extra conditions of "xuất sắc" as data, the note on
reports made with the earlier 2025 outline. Expected texts are copied from the issue."""
import pytest

from tudanhgia.domain import ChatLuong, Period, RatingScale, Report, RichText, Section
from tudanhgia.domain.model import ContentKind
from tudanhgia.kinds import KindError, KindRegistry, parse_kind
from tudanhgia.paths import shipped_kinds_dir

# (depth, number, heading) as the issue writes the form
OUTLINE = [
    (1, "A.", "NỘI DUNG KIỂM ĐIỂM"),
    (2, "I.", "Ưu điểm, kết quả đạt được"),
    (3, "1.", "Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; "
              "thực hiện quy chế làm việc."),
    (3, "2.", "Kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ được đề ra trong nghị quyết đại hội nhiệm kỳ, "
              "kế hoạch, chương trình công tác năm"),
    (3, "3.", "Công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị; xây dựng tổ chức bộ máy tinh gọn, "
              "hoạt động hiệu năng, hiệu lực, hiệu quả"),
    (3, "4.", "Trách nhiệm của tập thể lãnh đạo, quản lý trong triển khai thực hiện các chủ trương, đường lối, "
              "nghị quyết, văn bản chỉ đạo của Đảng, của cấp trên"),
    (2, "II.", "Hạn chế, khuyết điểm và nguyên nhân"),
    (2, "III.", "Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc được chỉ "
                "ra ở các kỳ kiểm điểm trước"),
    (2, "IV.", "Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)"),
    (2, "V.", "Trách nhiệm của tập thể, cá nhân"),
    (2, "VI.", "Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm"),
    (1, "B.", "NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI"),
    (2, "I.", "Đánh giá theo các nhóm tiêu chí"),
    (3, "1.", "Nhóm tiêu chí chung"),
    (3, "2.", "Nhóm tiêu chí về kết quả thực hiện nhiệm vụ"),
    (3, "", "Tổng điểm"),
    (2, "II.", "Đề xuất xếp loại mức chất lượng"),
]


@pytest.fixture(scope="module")
def kind():
    registry = KindRegistry.load(shipped_kinds_dir())
    assert not registry.errors, [str(e) for e in registry.errors]
    return registry.get("kiem-diem-tap-the-2025")


def _outline(report: Report) -> list[tuple[int, str, str]]:
    numbers = report.numbering()
    # II. of part A has its two fixed subsections (limitations, causes): the outline stops at II.
    return [(d, numbers[s], s.heading) for s, d in report.walk_with_depth()
            if not (s.key or "").startswith("han-che.")]


def test_the_kind_loads_with_the_issued_outline(kind):
    report = kind.create_report(Period(2025))
    got = _outline(report)
    assert [(d, n) for d, n, _ in got] == [(d, n) for d, n, _ in OUTLINE]
    for (_, _, heading), (_, _, expected) in zip(got, OUTLINE, strict=True):
        # the items the secondary copy abbreviated with "…" end with a full stop in the kind
        assert heading.rstrip(".") == expected.rstrip("."), heading


def test_the_scores_classification_and_follow_up(kind):
    report = kind.create_report(Period(2025))
    scored = {s.heading: s.max_score for s in report.walk() if s.is_scored}
    assert scored == {"Nhóm tiêu chí chung": 30, "Nhóm tiêu chí về kết quả thực hiện nhiệm vụ": 70}
    total = report.find(key="tieu-chi.tong")
    assert total is not None and total.content is ContentKind.SCORE_TOTAL
    choice = report.classification_section
    assert choice is not None and choice.heading == "Đề xuất xếp loại mức chất lượng"
    assert choice.rating_scale is RatingScale.CHAT_LUONG and report.classification_style == "checkboxes"
    follow = next(s for s in report.walk() if s.content is ContentKind.FOLLOW_UP)
    assert follow.heading.startswith("Kết quả khắc phục những hạn chế")


def test_the_description_says_the_source_is_a_public_secondary_copy(kind):
    assert "43-HD/BTCTW" in kind.description and "366-QĐ/TW" in kind.description
    assert "bản sao công khai, thứ cấp" in kind.description


def test_bands_and_the_conditions_of_xuat_sac(kind):
    sc = kind.scoring
    assert [(b.min, b.level) for b in sc.bands] == [
        (90, ChatLuong.HTXS), (70, ChatLuong.HTT), (50, ChatLuong.HT), (0, ChatLuong.KHT)]
    assert [sc.band_for(x) for x in (100, 90, 89.5, 70, 69.5, 50, 49.5, 0)] == [
        ChatLuong.HTXS, ChatLuong.HTXS, ChatLuong.HTT, ChatLuong.HTT, ChatLuong.HT, ChatLuong.HT,
        ChatLuong.KHT, ChatLuong.KHT]
    conditions = [(c.level, c.check) for c in sc.conditions]
    assert conditions == [(ChatLuong.HTXS, ""), (ChatLuong.HTXS, ""), (ChatLuong.HTXS, "earlier-limitations-remedied")]
    assert "100%" in sc.conditions[0].text and "30%" in sc.conditions[1].text
    assert "đã được khắc phục" in sc.conditions[2].text


def test_the_2025_kind_is_the_default_for_new_collective_reviews():
    registry = KindRegistry.load(shipped_kinds_dir())
    assert registry.resolve("kiem-diem-tap-the").id == "kiem-diem-tap-the-2025"


BASE = '''id = "k"
name = "K"
[[levels]]
number = "roman"
[[section]]
key = "a"
max_score = 100
[[section]]
key = "x"
rating = "chat-luong"
[scoring]
bands = [{ min = 50, level = "Hoàn thành nhiệm vụ" }]
'''


def test_conditions_are_data_with_a_named_check():
    kind = parse_kind(BASE + '''[[scoring.conditions]]
level = "htt"
text = "không có đảng viên bị kỷ luật"
[[scoring.conditions]]
level = "Hoàn thành xuất sắc nhiệm vụ"
text = "hạn chế kỳ trước đã khắc phục"
check = "earlier-limitations-remedied"
''')
    assert [(c.level, c.text, c.check) for c in kind.scoring.conditions] == [
        (ChatLuong.HTT, "không có đảng viên bị kỷ luật", ""),
        (ChatLuong.HTXS, "hạn chế kỳ trước đã khắc phục", "earlier-limitations-remedied")]


@pytest.mark.parametrize("extra,message", [
    ('[[scoring.conditions]]\nlevel = "giỏi"\ntext = "x"\n', "“giỏi” không phải một mức xếp loại"),
    ('[[scoring.conditions]]\nlevel = "htxs"\ntext = "x"\ncheck = "tu-dong"\n',
     "cách kiểm tra điều kiện “tu-dong” không hợp lệ (chọn một trong: “earlier-limitations-remedied”)"),
    ('[[scoring.conditions]]\nlevel = "htxs"\n', "thiếu khóa “text”"),
])
def test_a_wrong_condition_is_told_in_vietnamese(extra, message):
    with pytest.raises(KindError) as err:
        parse_kind(BASE + extra, "k.toml")
    assert message in str(err.value)


def _old_2025_report() -> Report:
    """A report made with the first 2025 file (Phần I / Phần II, eight scored criteria)."""
    return Report("kiem-diem-tap-the-2025", Period(2025), sections=[
        Section("Kiểm điểm, đánh giá kết quả thực hiện nhiệm vụ năm 2025", key="kiem-diem", children=[
            Section("Ưu điểm, kết quả đạt được", key="uu-diem")]),
        Section("Tự chấm điểm, đề nghị xếp loại chất lượng", key="cham-diem", children=[
            Section("Nhóm tiêu chí chung (30 điểm)", key="cham-diem.chung"),
            Section("Một mục của đơn vị", RichText.from_plain("Nội dung"))])])


def test_a_report_of_the_earlier_2025_outline_is_told_and_kept(kind):
    old = _old_2025_report()
    headings = [s.heading for s in old.walk()]
    note = kind.outline_note(old)
    assert note.startswith("Báo cáo này được lập theo dàn ý mẫu 2025 soạn từ tin tóm tắt")
    assert "được giữ nguyên, không tự sắp xếp lại" in note
    assert [s.heading for s in old.walk()] == headings  # telling changes nothing
    assert kind.outline_note(kind.create_report(Period(2025))) == ""
    other = Report("kiem-diem-tap-the-2023", Period(2023), sections=old.sections)
    assert kind.outline_note(other) == ""  # another kind's report is not this kind's business


def test_without_a_note_in_the_file_a_plain_one_is_given():
    kind = parse_kind(BASE)
    old = Report("k", Period(2025), sections=[Section("Cũ", key="cu")])
    assert kind.outline_note(old) == ("Báo cáo này được lập theo dàn ý cũ của mẫu “K”; tệp loại báo cáo đã được "
                                      "sửa sau đó. Dàn ý của báo cáo được giữ nguyên, không tự sắp xếp lại.")


def test_the_conditions_are_stored_with_the_report_and_older_settings_still_read(kind):
    from tudanhgia.store.rows import settings_from_json, settings_to_json
    report = kind.create_report(Period(2025))
    back = Report("x", Period(2025))
    settings_from_json(back, settings_to_json(report))
    assert back.scoring == report.scoring and len(back.scoring.conditions) == 3
    plain = kind.create_report(Period(2025))
    plain.scoring.conditions = []
    assert "conditions" not in settings_to_json(plain)
    settings_from_json(back, settings_to_json(plain))
    assert back.scoring.conditions == [] and back.scoring.bands == report.scoring.bands
