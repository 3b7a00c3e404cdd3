"""Shared fixtures of the Qt tests."""
import pytest

from tudanhgia.ui import messages


@pytest.fixture
def said(monkeypatch):
    """Messages a dialog showed (instead of modal boxes), and the answers to its questions:
    tests put the answers of `messages.confirm` in `said["answers"]`."""
    log: dict[str, list] = {"warn": [], "confirm": [], "answers": []}
    monkeypatch.setattr(messages, "warn", lambda parent, text: log["warn"].append(text))

    def confirm(parent, text, yes="Đồng ý", no="Hủy"):
        log["confirm"].append(text)
        return log["answers"].pop(0)
    monkeypatch.setattr(messages, "confirm", confirm)
    return log
