"""Errors shown to the officer (Vietnamese messages), importable without the heavy layers."""


class ServiceError(Exception):
    """A refused request; the message is Vietnamese, for the user."""


class NotFound(ServiceError):
    pass


class XlsxError(ServiceError):
    """An Excel file that cannot be written or read; the message is Vietnamese, for the user."""


class StorageError(ServiceError):
    """The database refused a write (locked by another program, disk full, read-only file): nothing
    of the request was written; the message is Vietnamese, for the user."""


class ConcurrentChange(ServiceError):
    """Another program (the command line's Excel import, another window) changed what this write
    was based on since it was read: nothing was written, the officer sees the stored state again."""

    MESSAGE = ("{what} vừa được thay đổi ở nơi khác (lệnh nhập Excel, một cửa sổ hoặc một máy khác đang mở cùng "
               "tệp dữ liệu) sau khi được hiển thị ở đây. Thay đổi này chưa được ghi để không đè lên thay đổi "
               "kia; nội dung mới nhất đã được tải lại — hãy xem lại rồi sửa nếu cần.")

    def __init__(self, what: str = "Dữ liệu này"):
        super().__init__(self.MESSAGE.format(what=what))
        self.what = what


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Vietnamese: the system's own words (`strerror`) are English
    on most machines and must not reach the officer; the log keeps them."""
    import errno
    reasons = {"ENOSPC": "ổ đĩa đã đầy", "EDQUOT": "đã hết dung lượng được cấp", "EFBIG": "tệp quá lớn",
               "EACCES": "không có quyền ghi hoặc đọc", "EPERM": "không được phép", "EROFS": "ổ đĩa chỉ cho phép đọc",
               "EIO": "lỗi đọc ghi trên ổ đĩa", "ENOENT": "không tìm thấy tệp hoặc thư mục",
               "ENOTDIR": "đường dẫn không phải thư mục", "EISDIR": "đây là một thư mục",
               "ENAMETOOLONG": "tên tệp quá dài", "EBUSY": "tệp đang được dùng", "EEXIST": "tệp đã có",
               "EINVAL": "tên hoặc đường dẫn không hợp lệ", "EMFILE": "quá nhiều tệp đang mở",
               "ENODEV": "không tìm thấy ổ đĩa", "ENXIO": "không tìm thấy ổ đĩa", "ETIMEDOUT": "ổ mạng không trả lời",
               "EHOSTDOWN": "máy chứa ổ mạng không hoạt động", "ESTALE": "ổ mạng đã ngắt kết nối"}
    for name, words in reasons.items():
        if getattr(errno, name, None) == exc.errno and exc.errno is not None:
            return words
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "tệp đang được một chương trình khác mở"
    code = exc.errno if exc.errno is not None else winerror
    return f"lỗi hệ thống, mã {code}" if code is not None else "lỗi hệ thống"
