"""The document form's classification row at scale (issue 12 gap: every autosave of typing walked
the whole report looking for the classification section): it is looked for again only when the
outline changes or that section is written, and still follows every change of the rating."""
from __future__ import annotations

from tudanhgia.domain import ChatLuong
from tudanhgia.domain.model import Report
from tudanhgia.domain.richtext import RichText
from tudanhgia.ui.context import EditorContext
from tudanhgia.ui.meta_form import DocumentMetaForm


def test_typing_elsewhere_does_not_look_for_the_classification_but_its_changes_show(qtbot, sample_service,
                                                                                      monkeypatch):
    ctx = EditorContext(sample_service, 1)
    form = DocumentMetaForm(ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert form.rating.currentData() is ChatLuong.HTT
    report = ctx.report()
    rated = report.classification_section
    other = next(s for s in report.walk() if s is not rated and not s.children)
    looked: list[int] = []
    lookup = Report.classification_section.fget
    monkeypatch.setattr(Report, "classification_section",
                        property(lambda r: looked.append(1) or lookup(r)))

    ctx.call(lambda: sample_service.write_section_body(other.id, RichText.from_plain("Đã rà soát 12 hồ sơ.")))
    assert looked == [] and form.rating.currentData() is ChatLuong.HTT

    ctx.call(lambda: sample_service.update_section(rated.id, rating=ChatLuong.HTXS))
    assert form.rating.currentData() is ChatLuong.HTXS and looked == [1]

    ctx.call(lambda: sample_service.add_section(1, None, heading="Mục thêm"))   # the outline: looked for again
    assert form.rating.currentData() is ChatLuong.HTXS and looked == [1, 1]
