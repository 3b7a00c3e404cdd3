"""Spell check against the shipped Hunspell dictionary: the expected words are written here by
hand, never taken from the checker."""
from __future__ import annotations

import unicodedata

import pytest

from tudanhgia.domain import Period
from tudanhgia.domain.richtext import RichText
from tudanhgia.domain.spelling import SpellChecker, Terms, words
from tudanhgia.services import spelling
from tudanhgia.services.spelling import (add_word, dictionary_words, new_checker, remove_word,
                                         report_spelling_issues, spelling_places)

PARAGRAPH = ("Năm 2025, Ủy ban nhân dân huyện đã thưc hiẹn nghiêm túc công tác cải cách hành chíh, "
             "kiểm soát thủ tục hành chính; ngừoi dân và doanh nghiệp hài lòng với chất lượng phụ vụ. "
             "Tuy nhiên, việc giải quyêt hồ sơ còn chậm, một số cán bộ chưa trachs nhiệm.")
MISSPELT = ["thưc", "hiẹn", "chíh", "ngừoi", "quyêt", "trachs"]   # "phụ vụ": both real syllables


@pytest.fixture(scope="module")
def checker():
    return new_checker()


def test_a_paragraph_with_known_misspellings_yields_exactly_them(checker):
    assert checker.unknown_words(PARAGRAPH) == MISSPELT
    found = checker.misspelt(PARAGRAPH)
    assert [PARAGRAPH[w.start:w.end] for w in found] == MISSPELT   # offsets point at the words


def test_both_tone_mark_placements_are_accepted(checker):
    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, CỘNG HOÀ; Ủy ban, Uỷ ban, ủy quyền, uỷ quyền; hòa giải, "
            "hoà giải; sức khỏe, sức khoẻ; thủy lợi, thuỷ lợi; tùy theo, tuỳ theo; lũy kế, luỹ kế; "
            "Khánh Hòa, Khánh Hoà; xóa bỏ, xoá bỏ; quý I")
    assert checker.unknown_words(text) == []
    decomposed = unicodedata.normalize("NFD", "hòa giải, thủy lợi, Việt Nam")
    assert checker.unknown_words(decomposed) == []   # Unikey's "tổ hợp" input


def test_administrative_terms_symbols_numbers_and_dates_are_never_flagged(checker):
    text = ("Thực hiện Công văn số 5294/UBND-NC ngày 12/3/2025 của UBND tỉnh, Nghị quyết của HĐND; "
            "TTHC, CCHC, QCDCCS, BTV, CBCCVC, KNTC, MTTQVN; Nghị định số 30/2020/NĐ-CP, Quyết định "
            "số 1621-QĐ/TU, Số: 05-BC/ĐU, Lưu: VT, HC-TC; tăng 12,5% so với năm 2024; mục II, III, "
            "điểm a), b); T/M ĐẢNG ỦY; liên hệ vanphong@quangngai.gov.vn, www.quangngai.gov.vn.")
    assert checker.unknown_words(text) == []
    assert checker.unknown_words("UBNDD và HĐNDD") == ["UBNDD", "HĐNDD"]   # near misses are still caught


def test_suggestions_offer_the_right_word_in_the_words_own_placement(checker):
    assert "người" in checker.suggestions("ngừoi")
    assert "Người" in checker.suggestions("Ngừoi")
    assert "hòa" in checker.suggestions("hòaa") or "hòa" in checker.suggestions("hhòa")
    assert all(" " not in s for s in checker.suggestions("ngừoi"))


def test_the_units_dictionary_lives_in_the_database(service, unit):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, body=RichText.from_plain("Triển khai ứng dụng Zalo và phần mềm iGate."))
    assert dictionary_words(service) == []
    before = spelling_places(service.get_report(report.id), new_checker(service))
    assert [(p.section_id, p.words) for p in before] == [(section.id, ("iGate",))]  # Zalo is a shipped term
    assert add_word(service, " iGate ") is True
    assert add_word(service, "iGate") is False
    assert dictionary_words(service) == ["iGate"]
    assert spelling_places(service.get_report(report.id), new_checker(service)) == []
    assert new_checker(service).unknown_words("IGATE, igate") == []   # any case
    assert remove_word(service, "iGate") is True
    assert spelling_places(service.get_report(report.id), new_checker(service)) != []
    with pytest.raises(spelling.ServiceError):
        add_word(service, "hai từ")


def test_unit_names_in_the_database_are_not_flagged(service, unit):
    from tudanhgia.domain import UnitProfile
    service.save_unit(UnitProfile(name="UBND xã Tơng Jú", place="Buôn H'Bông"))
    assert new_checker(service).unknown_words("Xã Tơng Jú, buôn H’Bông") == []
    # without the database they would be (names not in the shipped list; the apostrophe inside the word)
    assert new_checker().unknown_words("Xã Tơng Jú, buôn H’Bông") == ["Tơng", "Jú", "H’Bông"]


def test_the_pre_print_note_names_each_place_and_its_words(service, unit):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, body=RichText.from_plain("Công tác thưc hiẹn tốt."))
    issues = report_spelling_issues(service, service.get_report(report.id))
    assert len(issues) == 1
    assert issues[0].section_id == section.id and issues[0].code == "spelling"
    assert issues[0].message.endswith(": thưc, hiẹn.")
    assert issues[0].severity.value == "info"


def test_a_missing_dictionary_is_a_clear_message(tmp_path):
    with pytest.raises(spelling.SpellingUnavailable) as info:
        spelling.open_dictionary(tmp_path)
    assert "từ điển chính tả" in str(info.value)


class _Fake:
    """A dictionary that knows only the words given (new placement, like hunspell-vi)."""
    def __init__(self, *known: str):
        self.known = set(known)
        self.calls = 0

    def spell(self, word: str) -> bool:
        self.calls += 1
        return word in self.known

    def suggest(self, word: str):
        return ["hoà", "ho à"]


def test_rules_without_hunspell():
    fake = _Fake("hoà", "thuỷ")
    c = SpellChecker(fake, Terms.parse("# comment\nUBND\nonline  # lower case: any case\n"))
    assert c.unknown_words("hòa hoà thủy") == []
    assert c.unknown_words("UBND Ubnd ONLINE Online") == ["Ubnd"]
    assert c.suggestions("hoaa") == ["hòa"]    # no placement shown: the traditional one, no split words
    c.unknown_words("hòa hòa hòa")
    calls = fake.calls
    c.unknown_words("hòa hòa")
    assert fake.calls == calls   # answers are cached
    assert [w.text for w in words("a) X. IV, ngày 1/1/2025, BC-VP, (UBND-NC), ab.")] == ["ngày", "ab"]


def test_the_about_box_lists_the_dictionary_with_its_gpl_text_and_chunspell():
    from tudanhgia import about_info
    found = about_info.components()
    dictionary = next(c for c in found if c.name.startswith("Từ điển chính tả"))
    assert dictionary.licence == "GPL-2.0"
    assert "GNU GENERAL PUBLIC LICENSE" in dictionary.full_text() and "Version 2, June 1991" in dictionary.full_text()
    assert "Nguyễn Xuân Minh" in dictionary.full_text()
    assert any(c.name.startswith("chunspell") and c.version for c in found)


def test_legacy_paragraphs_convert_the_fragment_and_spare_the_unicode_words():
    from tudanhgia.importer.legacy import from_unicode
    from tudanhgia.services.text_hygiene import legacy_paragraphs
    tcvn3 = from_unicode("Thực hiện nghiêm túc công tác cải cách hành chính.", "TCVN3")
    vni = from_unicode("Ủy ban nhân dân tỉnh chỉ đạo sát sao.", "VNI")
    paragraphs = ["Năm 2025 đơn vị đã hoàn thành.", f"Đơn vị đã báo cáo. {tcvn3}", vni, "Plain ASCII.", "Hòa giải tốt."]
    found = legacy_paragraphs(paragraphs)
    assert [(p.index, p.encoding, p.after) for p in found] == [
        (1, "TCVN3 (ABC)", "Đơn vị đã báo cáo. Thực hiện nghiêm túc công tác cải cách hành chính."),
        (2, "VNI", "Ủy ban nhân dân tỉnh chỉ đạo sát sao.")]


def test_the_pre_print_note_says_when_a_place_holds_legacy_paragraphs(service, unit):
    from tudanhgia.importer.legacy import from_unicode
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    imported = from_unicode("Thực hiện nghiêm túc công tác cải cách hành chính.", "TCVN3")
    service.update_section(section.id, body=RichText.from_plain(f"Đơn vị đã hoàn thành.\n{imported}"))
    issues = report_spelling_issues(service, service.get_report(report.id))
    assert len(issues) == 1
    assert issues[0].message.endswith("Có 1 đoạn gõ bằng bảng mã cũ (TCVN3/VNI): dùng Công cụ ▸ Chuyển mã TCVN3/VNI…")


def test_a_words_control_characters_are_never_stored_and_a_non_word_is_refused(service, unit):
    """Found by the hostile input hunt: NUL, ESC and DEL inside a word were stored and listed."""
    assert add_word(service, "ab\x00cd") and "abcd" in dictionary_words(service)
    for bad in ("\x1b[2J", "...", "--"):
        with pytest.raises(spelling.ServiceError):
            add_word(service, bad)
    assert dictionary_words(service) == ["abcd"]


def test_a_run_without_spaces_is_shown_by_its_start_in_the_note(service, unit):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, body=RichText.from_plain("thưc" * 50_000))
    notes = [i.message for i in spelling.report_spelling_issues(service, service.get_report(report.id))]
    assert notes and all(len(n) < 400 for n in notes)


def test_the_kept_appendix_tables_cells_are_checked_and_named_by_their_grid_row(service, unit):
    from tudanhgia.domain.model import AppendixTable
    report = service.create_report("khac", Period(2025), unit.id)
    service.set_appendix_table(report.id, AppendixTable(["STT", "Chỉ tiêu", "Số liệu"], [
        ["1", "Số hộ dân", "120"], ["2", "Số hộ nghèo hiẹn nay", "15"]]))
    issues = report_spelling_issues(service, service.get_report(report.id))
    assert [i.message for i in issues] == ["Chính tả — Phụ lục, dòng 2: hiẹn."]
    assert issues[0].place == "appendix" and issues[0].cell == (2, 1)   # grid row 0 is the header


# --- quality gaps found by the audit (issue 16) ------------------------------------------------------
MEETING = ("Đồng chí PCT UBND huyện, ThS. Nguyễn Văn An, chủ trì cuộc họp với CVP, PCVP HĐND và UBND; "
           "BQL dự án, QLDA các KCN, CCN báo cáo tiến độ. Chương trình NTM và OCOP được BCSĐ, BTVTU chỉ đạo "
           "sát sao; HĐTV công ty, các CQNN và ĐVHC cấp xã áp dụng HTQLCL theo TCVN ISO 9001:2015. VNPT và "
           "Viettel hỗ trợ thanh toán bằng mã QR. Dự họp có TS. Lê Văn Bình, PGS.TS Trần Thị Cúc, GS Phạm "
           "Minh, BS Hoàng Lan, KS Đỗ Hùng. Tuy nhiên, viêc triển khai ở một số xã còn chậm.")


def test_common_administrative_abbreviations_and_titles_are_not_flagged(checker):
    assert checker.unknown_words(MEETING) == ["viêc"]   # the real misspelling is still reported
    ward = ("Phong trào TDĐKXDĐSVH ở các KDC, TDP đạt kết quả: 95% hộ đạt GĐVH, NVH được sửa chữa; xã giữ vững "
            "PCGDTH, PCGDTHCS và XMC. Công an xã, CSKV phối hợp BĐBP, LLVT bảo đảm ANTQ; KCB tại TYT, PKĐK; "
            "100% CCVC học LLCT, HĐLĐ ký đúng quy địh.")
    assert checker.unknown_words(ward) == ["địh"]


def test_the_names_of_party_documents_are_not_flagged(checker):
    text = "Chủ nghĩa Mác-Lênin, chủ nghĩa Mác - Lênin, V.I.Lênin, Ph.Ăngghen; CHỦ NGHĨA MÁC-LÊNIN; chủ nghĩa Lênn."
    assert checker.unknown_words(text) == ["Lênn"]


def test_abbreviations_match_as_written_so_a_wrong_case_is_still_flagged(checker):
    assert checker.unknown_words("VIETTEL, THS, TS, PCT") == []   # a heading in capitals
    assert checker.unknown_words("viettel, ths, Ths, pct, Pct, VNTP, OCPO") == [
        "viettel", "ths", "Ths", "pct", "Pct", "VNTP", "OCPO"]


HIGHLANDS = ("Đoàn công tác của tỉnh Đắk Lắk làm việc tại huyện Krông Búk, Cư M'gar, Ea H'leo và thị xã "
             "Buôn Hồ; sau đó đến Buôn Ma Thuột, Pleiku (Gia Lai), Kon Tum, Bắc Kạn và thành phố Huế. Đồng bào "
             "Ê-đê, H'Mông và M’nông được hỗ trợ sinh kế; nhưng viêc giải ngân vốn còn chậm ở Đắk R'lấp.")


def test_vietnamese_place_names_are_not_flagged_and_a_misspelling_beside_them_is(checker):
    assert checker.unknown_words(HIGHLANDS) == ["viêc"]
    assert checker.unknown_words("ĐẮK LẮK, KRÔNG BÚK, PLEIKU") == []   # a heading in capitals


def test_place_names_match_as_written():
    c = new_checker()
    assert c.unknown_words("pleiku, kon tum, krông búk, Cư M'gảr, Ea Hleo") == [
        "pleiku", "kon", "krông", "búk", "M'gảr", "Hleo"]
    # a wrong tone on the commonest first words of a sentence is not hidden by a place's name
    assert c.unknown_words("Nặm 2025, đơn vị đã hoàn thành. Đạ có kế hoạch.") == ["Nặm", "Đạ"]
    # the same slips of the other very common words that begin a sentence or fill a heading in capitals
    slips = "Cang ngày càng tốt. Lậy ý kiến. Xín báo cáo. Giáy mời. Chứt nữa. My phẩm. CANG, LẬY, XÍN"
    assert c.unknown_words(slips) == ["Cang", "Lậy", "Xín", "Giáy", "Chứt", "My", "CANG", "LẬY", "XÍN"]


def test_an_apostrophe_inside_a_word_belongs_to_it():
    text = "Huyện Cư M'gar và Ea H’leo, ‘hoà giải’, 'cơ sở'."
    assert [w.text for w in words(text)] == ["Huyện", "Cư", "M'gar", "và", "Ea", "H’leo", "hoà", "giải", "cơ", "sở"]
    found = {w.text: (w.start, w.end) for w in words(text)}
    assert text[slice(*found["M'gar"])] == "M'gar"


@pytest.mark.parametrize(("typo", "meant"), [
    ("ngừoi", "người"), ("nguời", "người"), ("hiẹn", "hiện"), ("đuợc", "được"), ("nghiêp", "nghiệp"),  # a mark missing
    ("tíên", "tiến"), ("trưòng", "trường"), ("hưóng", "hướng"), ("quỳên", "quyền"),   # the tone on the wrong vowel
    ("cảu", "của"), ("nàgy", "ngày"), ("nhữgn", "những"), ("tỉhn", "tỉnh"),           # two letters swapped
    ("thnah", "thanh"), ("nguờì", "người"),                                          # no mark, two tones
    ("kêt", "kết"), ("viêc", "việc"), ("quyêt", "quyết"), ("đươc", "được"),           # the tone missing
    ("nguoi", "người"), ("duoc", "được"),                                              # typed without marks
    ("Cảu", "Của"), ("NGỪOI", "NGƯỜI")])
def test_the_meant_word_is_the_first_suggestion(checker, typo, meant):
    assert checker.suggestions(typo)[0] == meant


def test_the_reranked_suggestions_keep_the_limit_and_never_offer_the_word_itself(checker):
    assert checker.suggestions("ngừoi", limit=3)[0] == "người" and len(checker.suggestions("ngừoi", limit=3)) == 3
    assert "cảu" not in checker.suggestions("cảu") and "cuả" not in checker.suggestions("cảu")
    assert checker.suggestions("tế-xã") == []   # every part known: nothing to correct


def test_a_hyphenated_word_is_one_word_with_its_prefix():
    text = "Hệ thống e-Office, e-Cabinet (Wi-Fi); kinh tế-xã hội, quý I-II; NĐ-CP, -Nội dung."
    # "Wi-Fi", "I-II" and "NĐ-CP" have the shape of a document symbol: never checked
    assert [w.text for w in words(text)] == ["Hệ", "thống", "e-Office", "e-Cabinet", "kinh", "tế-xã", "hội", "quý",
                                             "Nội", "dung"]


def test_hyphenated_latin_compounds_are_accepted_whole_and_a_wrong_one_is_shown_whole(checker):
    text = ("Đơn vị dùng e-Office, e-Cabinet và Wi-Fi miễn phí; phát triển kinh tế-xã hội quý I-II; treo pa-nô, "
            "áp-phích. Chưa triển khai e-Government, e-Ofice; kinh tế-xãa hội.")
    assert checker.unknown_words(text) == ["e-Government", "e-Ofice", "tế-xãa"]
    assert checker.suggestions("tế-xãa")[0] == "tế-xã"


def test_a_hyphenated_word_added_to_the_units_dictionary_is_accepted_whole_only():
    c = new_checker(extra_words=["e-Government"])
    assert c.unknown_words("e-Government, E-GOVERNMENT; Government, e-Governmen") == ["Government", "e-Governmen"]


def test_a_long_run_of_hyphenated_parts_is_one_unknown_word_without_suggestions(checker):
    run = "đã-" * 40_000   # each part known, the run no word: shown once, nothing offered
    assert [(w.start, w.end) for w in checker.misspelt(run)] == [(0, len(run) - 1)]
    assert checker.suggestions(run.strip("-")) == []


def test_each_checker_has_its_own_copy_of_the_shipped_terms():
    first, second = spelling.shipped_terms(), spelling.shipped_terms()
    first.add(["Tơng"])
    assert first.accepts("Tơng") and not second.accepts("Tơng") and not spelling.shipped_terms().accepts("Tơng")
    assert second.accepts("Viettel") and second.accepts("Pleiku") and len(first) == len(second) + 2


def test_a_word_with_a_typographic_apostrophe_can_be_added_to_the_units_dictionary(service, unit):
    assert new_checker(service).unknown_words("Buôn H’Bông") == ["H’Bông"]
    assert add_word(service, "H’Bông") is True
    assert dictionary_words(service) == ["H'Bông"]
    assert new_checker(service).unknown_words("Buôn H’Bông, buôn H'Bông, buôn H’Bôg") == ["H’Bôg"]
