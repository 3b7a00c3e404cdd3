"""Vietnamese for the texts of Qt's own dialogs, by Qt translation context.

PySide6 ships no Vietnamese Qt translation. Where the platform has no native dialog (Linux
without a desktop portal, or DontUseNativeDialog) Qt shows its widget file, print and page-setup
dialogs, whose every label, button, tooltip and message is listed here, as Qt's sources and the
.qm catalogues of other languages name them (context, English source). A text is looked up in
its context first because the same English word means different things ("Type" of a file, the
"Print" key). Key-sequence texts ("Alt+Left") are left alone: Qt parses them as shortcuts."""
from __future__ import annotations

_FILE_TYPES = {
    "Drive": "Ổ đĩa", "File": "Tệp", "File Folder": "Thư mục", "Folder": "Thư mục", "Alias": "Bí danh",
    "Shortcut": "Lối tắt", "Unknown": "Không rõ", "%1 File": "Tệp %1",
}

QT_STRINGS: dict[str, dict[str, str]] = {
    "QFileDialog": {
        **_FILE_TYPES,
        "&Look in:": "&Tìm trong:", "Look in:": "Tìm trong:",
        "Back": "Quay lại", "Go back": "Quay lại thư mục trước",
        "Forward": "Tiến", "Go forward": "Tiến tới thư mục sau",
        "Parent Directory": "Thư mục cha", "Go to the parent directory": "Lên thư mục cha",
        "Create New Folder": "Tạo thư mục mới", "Create a New Folder": "Tạo một thư mục mới",
        "List View": "Danh sách", "Change to list view mode": "Xem dạng danh sách",
        "Detail View": "Chi tiết", "Change to detail view mode": "Xem dạng chi tiết",
        "Sidebar": "Thanh bên", "List of places and bookmarks": "Các vị trí và dấu trang",
        "Files": "Tệp", "Files of type:": "Kiểu tệp:", "Files of &type:": "&Kiểu tệp:",
        "File &name:": "&Tên tệp:", "&Open": "&Mở", "Open": "Mở", "&Save": "&Lưu", "Save As": "Lưu thành",
        "&Choose": "&Chọn", "Directories": "Thư mục", "Directory:": "Thư mục:", "Find Directory": "Chọn thư mục",
        "All Files (*)": "Mọi tệp (*)", "All files (*)": "Mọi tệp (*)", "Show ": "Hiện ",
        "&Rename": "Đổi t&ên", "&Delete": "&Xóa", "Delete": "Xóa", "Remove": "Bỏ khỏi danh sách",
        "Show &hidden files": "Hiện tệp ẩ&n", "&New Folder": "Thư mục &mới", "New Folder": "Thư mục mới",
        "My Computer": "Máy tính", "Recent Places": "Nơi mở gần đây",
        "%1 already exists.\nDo you want to replace it?": "Đã có tệp %1.\nCó ghi đè lên tệp đó không?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
            "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
        "'%1' is write protected.\nDo you want to delete it anyway?":
            "“%1” đang được bảo vệ chống ghi.\nVẫn xóa?",
        "Are you sure you want to delete '%1'?": "Có chắc muốn xóa “%1” không?",
        "Are sure you want to delete '%1'?": "Có chắc muốn xóa “%1” không?",
        "Could not delete directory.": "Không xóa được thư mục.",
    },
    "QAbstractFileIconProvider": _FILE_TYPES,
    "QFileSystemModel": {
        "Name": "Tên", "Size": "Kích thước", "Type": "Loại", "Kind": "Loại", "Date Modified": "Ngày sửa",
        "Computer": "Máy tính", "My Computer": "Máy tính", "Invalid filename": "Tên tệp không hợp lệ",
        '<b>The name "%1" cannot be used.</b><p>Try using another name, with fewer characters or no '
        'punctuation marks.': "<b>Không dùng được tên “%1”.</b><p>Hãy đặt tên khác, ngắn hơn "
                              "hoặc không có dấu câu.",
    },
    "QPrintDialog": {
        "Print": "In", "&Print": "&In", "&Options >>": "&Tùy chọn >>", "&Options <<": "&Tùy chọn <<",
        "All Pages": "Mọi trang", "Odd Pages": "Trang lẻ", "Even Pages": "Trang chẵn",
        "Print to File (PDF)": "In ra tệp (PDF)", "Local file": "Tệp trên máy", "Write PDF file": "Ghi tệp PDF",
        "Print To File ...": "In ra tệp…",
        "Left to Right, Top to Bottom": "Trái sang phải, trên xuống dưới",
        "Left to Right, Bottom to Top": "Trái sang phải, dưới lên trên",
        "Right to Left, Bottom to Top": "Phải sang trái, dưới lên trên",
        "Right to Left, Top to Bottom": "Phải sang trái, trên xuống dưới",
        "Bottom to Top, Left to Right": "Dưới lên trên, trái sang phải",
        "Bottom to Top, Right to Left": "Dưới lên trên, phải sang trái",
        "Top to Bottom, Left to Right": "Trên xuống dưới, trái sang phải",
        "Top to Bottom, Right to Left": "Trên xuống dưới, phải sang trái",
        "%1 already exists.\nDo you want to overwrite it?": "Đã có tệp %1.\nCó ghi đè lên tệp đó không?",
        "%1 is a directory.\nPlease choose a different file name.": "%1 là một thư mục.\nHãy chọn tên tệp khác.",
        "File %1 is not writable.\nPlease choose a different file name.":
            "Không ghi được vào tệp %1.\nHãy chọn tên tệp khác.",
        "Invalid Pages Definition": "Phạm vi trang không hợp lệ",
        "%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, '-' to define "
        "ranges and make sure ranges do not intersect with each other.":
            "“%1” ghi chưa đúng. Dùng dấu phẩy để ngăn cách các trang và khoảng trang, dấu gạch ngang "
            "cho một khoảng trang (ví dụ 1,3-5), các khoảng không được chồng lên nhau.",
        "The 'From' value cannot be greater than the 'To' value.": "Trang “từ” không được lớn hơn trang “đến”.",
        "Duplex Settings Conflicts": "Thiết lập in hai mặt không khớp nhau",
        "There are conflicts in duplex settings. Do you want to fix them?":
            "Thiết lập in hai mặt không khớp nhau. Có sửa lại không?",
        "Options 'Pages Per Sheet' and 'Page Set' cannot be used together.\nPlease turn one of those options off.":
            "Không dùng được cùng lúc “Số trang mỗi tờ” và “In các trang”.\nHãy tắt một trong hai.",
    },
    "QPrintWidget": {
        "Printer": "Máy in", "&Name:": "&Tên:", "P&roperties": "Th&uộc tính", "Location:": "Vị trí:",
        "Preview": "Xem trước", "Type:": "Loại:", "Output &file:": "&Tệp kết quả:", "...": "…",
    },
    "QPrintSettingsOutput": {
        "Print range": "Phạm vi in", "Print all": "In tất cả", "Pages from": "Trang", "to": "đến",
        "Pages": "Các trang", "Current Page": "Trang hiện tại", "Selection": "Phần đang chọn",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a "
        "hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.":
            "Ghi các trang hoặc khoảng trang, ngăn cách bằng dấu phẩy; một khoảng là hai số nối bằng dấu "
            "gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.",
        "Page &Set:": "In các &trang:", "Output Settings": "Thiết lập in", "Copies:": "Số bản:",
        "Collate": "In theo bộ", "Reverse": "In ngược thứ tự", "Copies": "Số bản", "Color Mode": "Màu in",
        "Color": "Màu", "Grayscale": "Đen trắng", "Double Sided Printing": "In hai mặt", "Off": "Tắt",
        "Long side binding": "Lật theo cạnh dài", "Short side binding": "Lật theo cạnh ngắn", "Options": "Tùy chọn",
    },
    "QPageSetupWidget": {
        "Paper": "Giấy", "Page size:": "Khổ giấy:", "Width:": "Rộng:", "Height:": "Cao:",
        "Paper source:": "Khay giấy:", "Orientation": "Hướng giấy", "Portrait": "Dọc", "Landscape": "Ngang",
        "Reverse landscape": "Ngang, đảo chiều", "Reverse portrait": "Dọc, đảo chiều", "Margins": "Lề",
        "top margin": "lề trên", "left margin": "lề trái", "right margin": "lề phải", "bottom margin": "lề dưới",
        "Page Layout": "Bố trí trang", "Page &order:": "&Thứ tự trang:", "Pages &per sheet:": "Số trang &mỗi tờ:",
        "Millimeters (mm)": "Milimét (mm)", "Inches (in)": "Inch (in)", "Points (pt)": "Point (pt)",
        "Custom": "Tùy chỉnh",
    },
    "QPageSetupDialog": {"Page Setup": "Thiết lập trang"},
    "QPrintPropertiesDialog": {
        "Printer Properties": "Thuộc tính máy in", "Job Options": "Tùy chọn lệnh in",
        "Page Setup Conflicts": "Thiết lập trang không khớp nhau",
        "There are conflicts in page setup options. Do you want to fix them?":
            "Các thiết lập trang không khớp nhau. Có sửa lại không?",
        "Advanced Option Conflicts": "Tùy chọn nâng cao không khớp nhau",
        "There are conflicts in some advanced options. Do you want to fix them?":
            "Một số tùy chọn nâng cao không khớp nhau. Có sửa lại không?",
    },
    "QPrintPropertiesWidget": {
        "Page": "Trang", "Advanced": "Nâng cao",
        "There are conflicts in some options. Please fix them.": "Một số tùy chọn không khớp nhau. Hãy sửa lại.",
    },
    "QCupsJobWidget": {
        "Job": "Lệnh in", "Job Control": "Điều khiển lệnh in", "Scheduled &printing:": "&Hẹn giờ in:",
        "Print Immediately": "In ngay", "Hold Indefinitely": "Giữ lại, chưa in",
        "Day (06:00 to 17:59)": "Ban ngày (06:00 đến 17:59)", "Night (18:00 to 05:59)": "Ban đêm (18:00 đến 05:59)",
        "Second Shift (16:00 to 23:59)": "Ca hai (16:00 đến 23:59)",
        "Third Shift (00:00 to 07:59)": "Ca ba (00:00 đến 07:59)",
        "Weekend (Saturday to Sunday)": "Cuối tuần (thứ Bảy, Chủ nhật)", "Specific Time": "Giờ cụ thể",
        "&Billing information:": "Thông tin &thanh toán:", "Job &priority:": "Độ ư&u tiên:",
        "Banner Pages": "Trang bìa lệnh in", "&Start:": "Đầ&u:", "&End:": "&Cuối:", "None": "Không",
        "Standard": "Tiêu chuẩn", "Unclassified": "Không phân loại", "Confidential": "Mật",
        "Classified": "Hạn chế", "Secret": "Tối mật", "Top Secret": "Tuyệt mật",
    },
    "QCupsPrinterSupport": {
        "Authentication Needed": "Cần đăng nhập", "Authentication needed to use %1.": "Cần đăng nhập để dùng %1.",
        "Authentication needed to use %1 on %2.": "Cần đăng nhập để dùng %1 trên %2.",
        "Username:": "Tên người dùng:", "Password:": "Mật khẩu:",
    },
    "QPrintPreviewDialog": {
        "Print Preview": "Xem trước khi in", "Page Setup": "Thiết lập trang", "Page setup": "Thiết lập trang",
        "Print": "In", "Export to PDF": "Xuất PDF", "First page": "Trang đầu", "Last page": "Trang cuối",
        "Next page": "Trang sau", "Previous page": "Trang trước", "Fit page": "Vừa trang",
        "Fit width": "Vừa chiều rộng",
        "Zoom in": "Phóng to", "Zoom out": "Thu nhỏ", "Portrait": "Dọc", "Landscape": "Ngang",
        "Show single page": "Từng trang", "Show facing pages": "Hai trang đối diện",
        "Show overview of all pages": "Xem mọi trang",
    },
    "QPageSize": {
        "Custom": "Tùy chỉnh", "Custom (%1mm x %2mm)": "Tùy chỉnh (%1mm x %2mm)",
        "Custom (%1pt x %2pt)": "Tùy chỉnh (%1pt x %2pt)", "Custom (%1in x %2in)": "Tùy chỉnh (%1in x %2in)",
    },
    "Print Device Input Slot": {"Automatic": "Tự động"},
    "Print Device Output Bin": {"Automatic": "Tự động"},
    "QMessageBox": {"Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…"},
    "QPlatformTheme": {"Save All": "Lưu tất cả"},
    "QWidgetTextControl": {"Copy &Link Location": "Chép địa chỉ &liên kết"},
}


def qt_text(context: str, source: str) -> str | None:
    """Vietnamese for a Qt text of this context, or None (Qt keeps its own)."""
    table = QT_STRINGS.get(context)
    return table.get(source) if table else None
