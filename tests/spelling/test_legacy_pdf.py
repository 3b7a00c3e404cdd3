"""TCVN3 text copied out of a PDF: the soft hyphen that TCVN3 uses for "ư" (0xAD, invisible in
Unicode) comes out as a minus sign U+2212 ("®−îc" for "được"). The texts and their Unicode readings
are written here by hand."""
from __future__ import annotations

from tudanhgia.importer import legacy
from tudanhgia.services.text_hygiene import legacy_paragraphs

FROM_PDF = ("N¨m 2023, UBND tØnh ®· t¨ng c−êng chØ ®¹o, ®−îc nh©n d©n ñng hé; tr−êng häc, bÖnh viÖn ®−îc "
            "x©y dùng; −u tiªn C−êng.")
READ = ("Năm 2023, UBND tỉnh đã tăng cường chỉ đạo, được nhân dân ủng hộ; trường học, bệnh viện được "
        "xây dựng; ưu tiên Cường.")


def test_the_minus_sign_of_a_pdf_is_read_as_the_u_with_a_horn():
    assert legacy.detect("C−êng ®−îc tr−êng") == legacy.TCVN3
    assert legacy.to_unicode("C−êng ®−îc tr−êng", legacy.TCVN3) == "Cường được trường"
    assert legacy.detect(FROM_PDF) == legacy.TCVN3
    assert legacy.to_unicode(FROM_PDF, legacy.TCVN3) == READ


def test_a_pasted_pdf_paragraph_is_offered_for_conversion():
    found = legacy_paragraphs(["Đơn vị đã hoàn thành nhiệm vụ.", FROM_PDF])
    assert [(p.index, p.encoding, p.after) for p in found] == [(1, "TCVN3 (ABC)", READ)]


def test_a_real_minus_sign_stays_a_minus_sign():
    for text in ("Nhiệt độ −2°C, chỉ số giảm −5%.", "−5, −7, −9 và −12", "Δ = −0,5 điểm; −3 hộ"):
        assert legacy.detect(text) is None
        assert legacy_paragraphs([text]) == []
    assert legacy.to_unicode("−5 hé ®−îc", legacy.TCVN3) == "−5 hộ được"


def test_a_text_file_saved_from_a_pdf_is_read_as_unicode():
    from tudanhgia.importer.text_reader import decode
    text, notes = decode(f"B¸o c¸o\n{FROM_PDF}\n".encode())
    assert text == f"Báo cáo\n{READ}\n"
    assert notes == ["Đã chuyển văn bản mã TCVN3 (ABC) sang Unicode."]
