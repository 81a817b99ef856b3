"""Links kept: a speaker who is a member is stored with member_id, a follow-up made from a
协商意见 with its opinion_id."""

from datetime import datetime

from sqlalchemy import select

from app.models import FollowUp, Opinion, Speech
from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine, OpinionLine, SpeechLine
from app.services.members.registry import MemberInput, create_member


def _speakers(db, activity_id):
    with db.read() as s:
        stmt = select(Speech.speaker, Speech.member_id).where(Speech.activity_id == activity_id)
        return list(s.execute(stmt.order_by(Speech.seq)))


def _links(db, activity_id):
    with db.read() as s:
        texts = {i: c for i, c in s.execute(select(Opinion.id, Opinion.content))}
        stmt = select(FollowUp.content, FollowUp.opinion_id).where(
            FollowUp.activity_id == activity_id
        )
        return [(c, texts.get(o)) for c, o in s.execute(stmt.order_by(FollowUp.id))]


def test_speakers_who_are_members_keep_their_id(db):
    zhang = create_member(db, MemberInput(name="张明", sector="民盟"))
    wei_1 = create_member(db, MemberInput(name="张伟", sector="民盟", phone="13800000001"))
    create_member(db, MemberInput(name="张伟", sector="经济界", phone="13800000002"))
    li = create_member(db, MemberInput(name="李华", sector="民盟"))
    draft = ActivityDraft(
        title="议事会",
        start_at=datetime(2025, 3, 1, 9),
        speeches=[
            SpeechLine("张 明", "甲"),  # matched by the one member with this name
            SpeechLine("赵刚", "乙"),  # a guest: text only
            SpeechLine("张伟", "丙"),  # two members are called 张伟: not guessed
            SpeechLine("张伟", "丁", wei_1),  # picked from the list: that one
        ],
    )
    activity_id = activities.save_activity(db, draft)
    assert _speakers(db, activity_id) == [
        ("张 明", zhang),
        ("赵刚", None),
        ("张伟", None),
        ("张伟", wei_1),
    ]
    again = activities.get_activity(db, activity_id)
    again.speeches[0].speaker = "李华"  # the name changed: the old id does not stay with it
    activities.save_activity(db, again)
    assert _speakers(db, activity_id)[0] == ("李华", li)


def test_follow_ups_made_from_opinions_keep_the_link(db):
    draft = ActivityDraft(
        title="议事会",
        start_at=datetime(2025, 3, 1, 9),
        opinions=[OpinionLine("增设停车位"), OpinionLine("划定停车区")],
        follow_ups=[FollowUpLine("划定停车区", "城管局"), FollowUpLine("另行提出的事项")],
    )
    activity_id = activities.save_activity(db, draft)
    assert _links(db, activity_id) == [("划定停车区", "划定停车区"), ("另行提出的事项", None)]

    again = activities.get_activity(db, activity_id)
    again.follow_ups[0].content = "在村委会门前划定临时停车区"  # edited later: link stays
    again.opinions[1].content = "划定临时停车区"
    activities.save_activity(db, again)
    assert _links(db, activity_id)[0] == ("在村委会门前划定临时停车区", "划定临时停车区")

    again = activities.get_activity(db, activity_id)
    del again.opinions[1]  # the opinion goes: the follow-up stays, unlinked
    activities.save_activity(db, again)
    assert _links(db, activity_id)[0] == ("在村委会门前划定临时停车区", None)
