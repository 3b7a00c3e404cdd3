"""SQLAlchemy 2 mapping of the domain. Rich text columns hold RichText JSON."""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import (Boolean, Date, DateTime, Float, ForeignKey, Integer, LargeBinary, MetaData, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """A row whose every write counts (SQLAlchemy's version_id_col): an UPDATE carries the version
    it read and fails if another connection wrote the row meanwhile (StaleDataError), and a use
    case compares the version it was given (repository.ConcurrentChange)."""
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class SignerColumns:
    """The signature block's fields, shared by unit profiles (defaults) and reports."""
    signer_authority: Mapped[str] = mapped_column(String, nullable=False, default="")
    signer_authority_position: Mapped[str] = mapped_column(String, nullable=False, default="")
    signer_position: Mapped[str] = mapped_column(String, nullable=False, default="")
    signer_name: Mapped[str] = mapped_column(String, nullable=False, default="")
    archive: Mapped[str] = mapped_column(String, nullable=False, default="VT")


class UnitRow(SignerColumns, Base):
    __tablename__ = "unit_profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    parent_agency: Mapped[str] = mapped_column(String, nullable=False, default="")
    issuing_agency: Mapped[str] = mapped_column(String, nullable=False, default="")
    abbreviation: Mapped[str] = mapped_column(String, nullable=False, default="")
    place: Mapped[str] = mapped_column(String, nullable=False, default="")
    recipients_json: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    # The unit's choices kept as one JSON object (e.g. "document_standard"): new choices need no migration.
    settings_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}", server_default="{}")


class ReportRow(Versioned, SignerColumns, Base):
    __tablename__ = "report"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind_id: Mapped[str] = mapped_column(String, nullable=False)
    kind_name: Mapped[str] = mapped_column(String, nullable=False, default="")
    kind_version: Mapped[str] = mapped_column(String, nullable=False, default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_profile.id", ondelete="SET NULL"), index=True)
    unit_name: Mapped[str] = mapped_column(String, nullable=False, default="")
    period: Mapped[str] = mapped_column(String, nullable=False)
    period_year: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    parent_agency: Mapped[str] = mapped_column(String, nullable=False, default="")
    issuing_agency: Mapped[str] = mapped_column(String, nullable=False, default="")
    number: Mapped[str] = mapped_column(String, nullable=False, default="")
    symbol: Mapped[str] = mapped_column(String, nullable=False, default="")
    place: Mapped[str] = mapped_column(String, nullable=False, default="")
    date_year: Mapped[int | None] = mapped_column(Integer)
    date_month: Mapped[int | None] = mapped_column(Integer)
    date_day: Mapped[int | None] = mapped_column(Integer)
    doc_kind_name: Mapped[str] = mapped_column(String, nullable=False, default="")
    subject: Mapped[str] = mapped_column(String, nullable=False, default="")
    secrecy: Mapped[str] = mapped_column(String, nullable=False, default="")
    urgency: Mapped[str] = mapped_column(String, nullable=False, default="")
    preamble_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    closing_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    classification_style: Mapped[str] = mapped_column(String, nullable=False, default="checkboxes")
    settings_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")  # levels, scoring, appendix
    source_report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="SET NULL"))
    created_at: Mapped[_dt.datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[_dt.datetime] = mapped_column(DateTime, nullable=False)
    deleted_at: Mapped[_dt.datetime | None] = mapped_column(DateTime, index=True)

    sections: Mapped[list[SectionRow]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True,
        order_by="SectionRow.position")
    recipients: Mapped[list[RecipientRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="RecipientRow.position")
    limitations: Mapped[list[LimitationRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="LimitationRow.position")
    measures: Mapped[list[MeasureRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MeasureRow.position")
    indicators: Mapped[list[IndicatorRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="IndicatorRow.position")


class SectionRow(Versioned, Base):
    __tablename__ = "section"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    key: Mapped[str | None] = mapped_column(String)
    heading: Mapped[str] = mapped_column(Text, nullable=False, default="")
    body_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    guidance_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    rating_scale: Mapped[str | None] = mapped_column(String)
    rating: Mapped[str | None] = mapped_column(String)
    max_score: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    content: Mapped[str | None] = mapped_column(String)
    optional: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    fixed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    number_style: Mapped[str | None] = mapped_column(String)
    content_label: Mapped[str] = mapped_column(String, nullable=False, default="")
    measure_label: Mapped[str] = mapped_column(String, nullable=False, default="")

    report: Mapped[ReportRow] = relationship(back_populates="sections")


class RecipientRow(Base):
    __tablename__ = "recipient"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    purpose: Mapped[str] = mapped_column(String, nullable=False, default="")


class LimitationRow(Versioned, Base):
    __tablename__ = "limitation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    text_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    cause_subjective_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    cause_objective_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    concerns_section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"))
    origin_period: Mapped[str | None] = mapped_column(String)
    raised_by: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source_limitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("limitation.id", ondelete="SET NULL"), index=True)


class MeasureRow(Versioned, Base):
    __tablename__ = "measure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True)
    limitation_id: Mapped[int | None] = mapped_column(ForeignKey("limitation.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    content_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    measure_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    directed_by: Mapped[str] = mapped_column(Text, nullable=False, default="")
    lead_unit: Mapped[str] = mapped_column(Text, nullable=False, default="")
    cooperating: Mapped[str] = mapped_column(Text, nullable=False, default="")
    timeframe: Mapped[str] = mapped_column(Text, nullable=False, default="")
    due_date: Mapped[_dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String, nullable=False, default="chua-thuc-hien")
    result: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source_measure_id: Mapped[int | None] = mapped_column(ForeignKey("measure.id", ondelete="SET NULL"), index=True)


class IndicatorRow(Base):
    __tablename__ = "indicator"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    unit: Mapped[str] = mapped_column(String, nullable=False, default="")
    value: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)


class SettingRow(Base):
    """Application-wide key/value settings kept with the data (e.g. the default unit)."""
    __tablename__ = "app_setting"
    __table_args__ = (UniqueConstraint("key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String, nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")


class DictionaryWordRow(Base):
    """A word the unit added to its own spelling dictionary (never flagged again in this database)."""
    __tablename__ = "dictionary_word"
    __table_args__ = (UniqueConstraint("word"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    word: Mapped[str] = mapped_column(String, nullable=False)
    added_at: Mapped[_dt.datetime] = mapped_column(DateTime, nullable=False)
    user: Mapped[str] = mapped_column(String, nullable=False, default="", server_default="")


class ExportRow(Base):
    """Every export of a report: where, when, what bytes (the report's history)."""
    __tablename__ = "export_record"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True)
    format: Mapped[str] = mapped_column(String, nullable=False)
    path: Mapped[str] = mapped_column(Text, nullable=False)
    sha256: Mapped[str] = mapped_column(String, nullable=False)
    exported_at: Mapped[_dt.datetime] = mapped_column(DateTime, nullable=False)
    user: Mapped[str] = mapped_column(String, nullable=False, default="")


class VersionBlobRow(Base):
    """One part of a report's versions (a section, the frame, the limitations…), zlib-compressed JSON
    stored once per report under its SHA-256: versions that share a part share its row."""
    __tablename__ = "version_blob"
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    hash: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class ReportVersionRow(Base):
    """A version of a report: its name, when, who, and its manifest (the parts' hashes, compressed)."""
    __tablename__ = "report_version"
    __table_args__ = (UniqueConstraint("report_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    reason: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    created_at: Mapped[_dt.datetime] = mapped_column(DateTime, nullable=False)
    user: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    manifest: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class ReportIssueEventRow(Base):
    """The issued state's history: 'issue' (number, date, the issued DOCX's SHA-256) or 'unlock' (reason)."""
    __tablename__ = "report_issue_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), nullable=False, index=True)
    action: Mapped[str] = mapped_column(String, nullable=False)
    at: Mapped[_dt.datetime] = mapped_column(DateTime, nullable=False)
    user: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    reason: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    number: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    date: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    docx_sha256: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    docx_path: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    version_number: Mapped[int | None] = mapped_column(Integer)
