"""The closing block (Nơi nhận and the signature) is never split across two pages: a page break
inside it left the signer's name alone on the last page (seen in the Party format's export). The
block is one table row that may not break (w:cantSplit), read back from each exported document."""
from docx.oxml.ns import qn


def test_the_signature_block_moves_to_the_next_page_whole(docs):
    for name, doc in docs.items():
        closing = [t for t in doc.tables if "Nơi nhận" in t.rows[0].cells[0].text]
        assert closing, name
        row = closing[-1].rows[0]._tr
        tr_pr = row.find(qn("w:trPr"))
        assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None, name
