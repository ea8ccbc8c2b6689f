"""The villagers' portal: published items only, no account, the public form."""

import re

import pytest

from mediation.deliberations.operations.publication import answer_feedback, submit_feedback
from mediation.deliberations.publication_models import Feedback, Publication
from mediation.extensions import db
from tests.deliberations import factories as f


def test_town_village_item_navigation(client, world):
    item = f.decided_item(world.admin, world.village1)
    html = client.get("/portal/").get_data(as_text=True)
    assert "东石镇" in html and "1 项公开" in html
    html = client.get(f"/portal/town/{world.town.id}").get_data(as_text=True)
    assert "光渺村" in html and "井林村" in html
    html = client.get(f"/portal/village/{world.village1.id}").get_data(as_text=True)
    assert "修建村道路灯" in html and "赞成 5" in html and "同意在村主干道安装太阳能路灯" in html
    html = client.get(f"/portal/item/{item.id}").get_data(as_text=True)
    assert "村民代表会议" in html and "反对 0" in html and "提出询问或异议" in html
    assert "第一网格村民联名" not in html  # who proposed stays internal


def test_unpublished_items_are_404_for_everyone_anonymous(client, world):
    draft = f.make_item(world.admin, world.village1, topic="未公开事项")
    assert client.get(f"/portal/item/{draft.id}").status_code == 404
    assert client.get("/portal/item/999").status_code == 404
    assert client.get(f"/portal/village/{world.town.id}").status_code == 404  # not a village
    assert "未公开事项" not in client.get(f"/portal/village/{world.village1.id}").get_data(as_text=True)


def test_feedback_is_accepted_during_the_period_and_answers_are_published(client, world):
    item = f.decided_item(world.admin, world.village1)
    r = client.post(f"/portal/item/{item.id}/feedback", data={"kind": "objection", "text": "太短"})
    assert r.status_code == 422 and "太短" in r.get_data(as_text=True)
    r = client.post(f"/portal/item/{item.id}/feedback",
                    data={"kind": "question", "text": "路灯什么时候装？我的电话13912345678"})
    assert r.status_code == 302
    fb = db.session.query(Feedback).one()
    html = client.get(f"/portal/item/{item.id}").get_data(as_text=True)
    assert "路灯什么时候装" not in html  # not published before an answer
    answer_feedback(world.admin, fb, "预计下月底完工。", True)
    db.session.commit()
    html = client.get(f"/portal/item/{item.id}").get_data(as_text=True)
    assert "路灯什么时候装" in html and "预计下月底完工" in html
    assert "13912345678" not in html and "139****5678" in html


def test_honeypot_stores_nothing(client, world):
    item = f.decided_item(world.admin, world.village1)
    r = client.post(f"/portal/item/{item.id}/feedback", data={"kind": "question", "text": "买便宜的药品",
                                                              "website": "http://spam"})
    assert r.status_code == 302 and db.session.query(Feedback).count() == 0


def test_feedback_refused_after_display_period(world):
    from datetime import timedelta

    from mediation.db import today
    from mediation.errors import OperationError

    item = f.decided_item(world.admin, world.village1)
    pub = db.session.query(Publication).one()
    pub.display_until = today() - timedelta(days=1)
    with pytest.raises(OperationError):
        submit_feedback(pub, "question", "还能提意见吗？")
    assert item.is_public


def test_roll_call_names_only_when_the_rule_says_public(client, world):
    from mediation.deliberations.operations import meetings, votes

    body = f.make_body(world.admin, world.village1, "grid_council", n=3)
    item = f.make_item(world.admin, world.village1, "micro")
    m = f.schedule(world.admin, item, body)
    f.attend(world.admin, m, 3)
    motion = votes.open_motion(world.admin, m, "同意", "roll_call")
    votes.cast_votes(world.admin, motion, {a.member_id: "yes" for a in m.attendance})
    votes.close_motion(world.admin, motion)
    meetings.close_meeting(world.admin, m)
    f.publish(world.admin, item, "decision", "同意")
    db.session.commit()
    name = body.active_members[0].person.name
    assert name not in client.get(f"/portal/item/{item.id}").get_data(as_text=True)
    body.roll_call_public = True
    db.session.commit()
    assert name in client.get(f"/portal/item/{item.id}").get_data(as_text=True)


def test_public_form_needs_csrf_and_is_rate_limited(app, world):
    from mediation import create_app

    item = f.decided_item(world.admin, world.village1)
    strict = create_app({**app.config, "WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": True,
                         "PORTAL_FEEDBACK_LIMIT": "3 per hour"}, instance_path=app.instance_path)
    c = strict.test_client()
    with strict.app_context():
        page = c.get(f"/portal/item/{item.id}").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        assert c.post(f"/portal/item/{item.id}/feedback",
                      data={"kind": "question", "text": "没有令牌的提交"}).status_code == 400
        codes = [c.post(f"/portal/item/{item.id}/feedback",
                        data={"kind": "question", "text": f"第{i}个问题的内容", "csrf_token": token}).status_code
                 for i in range(4)]
        assert codes == [302, 302, 302, 429]
        from mediation.extensions import db as strict_db

        strict_db.session.remove()
