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
