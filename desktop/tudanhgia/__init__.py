"""Tự Đánh Giá — periodic self-evaluation reports of Vietnamese state agencies."""

__version__ = "0.1.0"
APP_NAME = "Tự Đánh Giá"
APP_SLUG = "TuDanhGia"
