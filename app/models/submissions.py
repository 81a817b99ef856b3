"""履职成果: 提案 (joint), 社情民意, 调研报告, 宣讲, 办实事."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Owned


class Submission(Owned):
    __tablename__ = "submission"
    __table_args__ = (Index("ix_submission_kind_date", "kind", "submitted_on"),)

    kind: Mapped[str] = mapped_column(String(6))  # 提案 / 社情民意 / 调研报告 / 宣讲 / 办实事
    title: Mapped[str] = mapped_column(String(200))
    submitted_on: Mapped[date] = mapped_column(Date)
    content: Mapped[str | None] = mapped_column(Text)
    # 提案
    is_filed: Mapped[bool] = mapped_column(Boolean, default=False)  # 立案
    is_key: Mapped[bool] = mapped_column(Boolean, default=False)  # 重点提案
    is_excellent: Mapped[bool] = mapped_column(Boolean, default=False)  # 优秀提案
    # 社情民意: highest level that adopted it (县/市/省/全国), and 领导批示
    adopted_level: Mapped[str | None] = mapped_column(String(4))
    has_instruction: Mapped[bool] = mapped_column(Boolean, default=False)
    instruction_note: Mapped[str | None] = mapped_column(String(200))
    # 办实事: for whom; 宣讲: audience
    beneficiary: Mapped[str | None] = mapped_column(String(200))
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="SET NULL"), index=True
    )
    # A 提案 converted into 社情民意 points here so it is not counted twice.
    converted_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("submission.id", ondelete="SET NULL"), index=True
    )

    authors: Mapped[list[SubmissionAuthor]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="SubmissionAuthor.seq"
    )


class SubmissionAuthor(Owned):
    """主笔 (first proposer) or 联名 (co-proposer) of a submission."""

    __tablename__ = "submission_author"
    __table_args__ = (UniqueConstraint("submission_id", "member_id", name="uq_submission_author"),)

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(4), default="主笔")
    seq: Mapped[int] = mapped_column(Integer, default=0)

    submission: Mapped[Submission] = relationship(back_populates="authors")
