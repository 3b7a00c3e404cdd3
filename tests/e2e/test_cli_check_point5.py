"""Issue 13 point 5 from the command line: `check` prints what the window's F7 lists, in the same
words (one engine: services.chain.pre_print_check), and standing duties are never asked for a date."""
from tudanhgia.domain import Limitation, Measure, RichText
from tudanhgia.services import ReportService

from cli_inproc import run  # the e2e folder is on the path (rootdir-relative import mode)

T = RichText.from_plain


def _plan(db) -> tuple[int, list[str]]:
    """A 2025 plan with the mistakes a reviewer catches; returns it and the F7 dialog's lines."""
    service = ReportService.open(db, create=False)
    try:
        unit_id = service.list_units()[0].id
        report = service.create_report("ke-hoach-khac-phuc", "2025", unit_id)
        service.add_limitation(report.id, Limitation(T("Việc tham mưu còn chậm so với yêu cầu.")))
        slow = service.add_limitation(report.id, Limitation(T("Chưa kiểm tra thường xuyên.")))
        service.add_measure(report.id, Measure(measure=T("Rà soát quy chế làm việc")), slow.id)
        service.add_measure(report.id, Measure(measure=T("Kiểm tra định kỳ"), timeframe="Thường xuyên"), slow.id)
        from tudanhgia.services.chain import pre_print_check
        from tudanhgia.ui.dialogs import CompletenessDialog
        from tudanhgia.ui.app import make_application
        make_application()
        dialog = CompletenessDialog(pre_print_check(service, service.get_report(report.id), spelling=False), False)
        shown = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        dialog.deleteLater()
        return report.id, shown
    finally:
        service.close()


def test_point5_cli_check_prints_the_f7_list(sample_db, tmp_path):
    rid, shown = _plan(sample_db)
    proc = run("check", rid, "--no-spelling", "--db", sample_db, data_dir=tmp_path, check_rc=1)
    printed = proc.stdout.splitlines()
    assert printed[-1].endswith("ghi chú.")
    lines = printed[:-1]
    # the same lines in the same order: "[!]" where the window shows "⚠", "[i]" for "ℹ"
    as_window = sorted(lines, key=lambda ln: not ln.startswith("[!]"))   # the dialog lists warnings first
    assert [ln.replace("[!] ", "⚠  ").replace("[i] ", "ℹ  ") for ln in as_window] == shown
    assert "[!] Hạn chế a) “Việc tham mưu còn chậm so với yêu cầu.” chưa có biện pháp khắc phục trong kế hoạch." \
        in lines
    assert "[!] Biện pháp “Rà soát quy chế làm việc” (hạn chế b) chưa có thời gian thực hiện." in lines
    assert any(ln.startswith("[!] Phần mở đầu còn chỗ để trống “…” chưa điền: “Thực hiện Công văn số … ngày …")
               for ln in lines)
    assert not any("Kiểm tra định kỳ" in ln for ln in lines)   # "Thường xuyên": a standing duty
