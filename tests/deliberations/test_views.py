"""The pages a secretary uses, through the HTTP client: forms keep input and show errors."""

from datetime import timedelta

from mediation.db import today
from mediation.deliberations.models import Body, Deliberation, Meeting
from mediation.extensions import db
from tests.deliberations import factories as f


def test_secretary_runs_a_micro_consultation_through_the_pages(world, login):
    c = login(world.secretary)
    r = c.post("/deliberations/bodies/new", data={"kind": "grid_council", "area_id": world.village1.id, "name": ""})
    assert r.status_code == 302
    body = db.session.query(Body).one()
    assert body.name == "光渺村网格议事会"
    for i in range(3):
        person = f.factories.make_person(area=world.grid1, name=f"村民{i}")
        r = c.post(f"/deliberations/bodies/{body.id}/members", data={"person_id": person.id, "role": "村民"})
        assert r.status_code == 302
    # The form keeps input and shows the error next to the field.
    r = c.post("/deliberations/new", data={"topic": "", "area_id": world.village1.id, "procedure": "micro",
                                          "micro_form": "bench", "origin_proposer": "张大伯"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "此项为必填项" in html and "张大伯" in html
    r = c.post("/deliberations/new", data={"topic": "巷道硬化", "area_id": world.village1.id, "procedure": "micro",
                                          "micro_form": "bench", "origin_proposer": "张大伯", "budget": "3500.50"})
    item = db.session.query(Deliberation).one()
    assert r.status_code == 302 and item.budget_cents == 350050
    held = (today() + timedelta(days=1)).strftime("%Y-%m-%dT19:30")
    r = c.post(f"/deliberations/{item.id}/meetings/new", data={
        "body_id": body.id, "held_at": held, "place": "榕树下", "host": "颜巧玲", "recorder": "许华山",
        "notice_on": today().isoformat()})
    assert r.status_code == 302
    meeting = db.session.query(Meeting).one()
    page = c.get(f"/deliberations/meetings/{meeting.id}").get_data(as_text=True)
    assert "未达到法定人数" in page and "全体成员超过半数出席" in page
    form = {f"status-{a.member_id}": "present" for a in meeting.attendance}
    r = c.post(f"/deliberations/meetings/{meeting.id}/attendance", data=form, follow_redirects=True)
    assert "已达到法定人数" in r.get_data(as_text=True)
    c.post(f"/deliberations/meetings/{meeting.id}/motions",
           data={"text": "同意硬化巷道", "method": "roll_call", "is_decisive": "y"})
    motion = meeting.motions[0]
    votes = {f"vote-{a.member_id}": "yes" for a in meeting.attendance}
    assert c.post(f"/deliberations/motions/{motion.id}/votes", data=votes).status_code == 302
    assert c.post(f"/deliberations/motions/{motion.id}/close").status_code == 302
    assert c.post(f"/deliberations/meetings/{meeting.id}/close").status_code == 302
    c.post(f"/deliberations/meetings/{meeting.id}/minutes", data={"body": "一致同意。<script>x</script>"})
    c.post(f"/deliberations/meetings/{meeting.id}/minutes/lock")
    db.session.expire_all()
    assert meeting.minutes_locked_at is not None and "<script>" not in meeting.minutes.body_html
    r = c.post(f"/deliberations/meetings/{meeting.id}/minutes", data={"body": "一致同意（更正）。", "reason": ""})
    assert r.status_code == 422 and "更正须填写理由" in r.get_data(as_text=True)
    r = c.post(f"/deliberations/{item.id}/publish/decision", data={"content": "同意硬化巷道", "display_days": 7})
    assert r.status_code == 302
    db.session.expire_all()
    assert item.stage == "implementation" and item.is_public
    r = c.post(f"/deliberations/{item.id}/milestones/new", data={"title": "路基平整", "progress": 50, "spend": "1200"})
    assert r.status_code == 302
    assert "路基平整" in c.get(f"/deliberations/{item.id}").get_data(as_text=True)


def test_rules_edit_is_audited_and_validated(world, login):
    from mediation.audit import AuditEvent

    body = f.make_body(world.admin, world.village1, "party_members", n=2)
    c = login(world.secretary)
    data = {"name": "光渺村党员大会", "quorum_base": "members", "quorum_num": 2, "quorum_den": 3,
            "quorum_strict": "atleast", "alt_base": "", "alt_strict": "strict", "decision_base": "present",
            "decision_num": 1, "decision_den": 2, "decision_strict": "strict", "notice_days": 3,
            "notice_enforcement": "warn"}
    bad = c.post(f"/deliberations/bodies/{body.id}/rules", data={**data, "quorum_num": 5})
    assert bad.status_code == 200 and "比例应在 0 与 1 之间" in bad.get_data(as_text=True)
    assert c.post(f"/deliberations/bodies/{body.id}/rules", data=data).status_code == 302
    db.session.expire_all()
    assert (body.quorum_num, body.quorum_den, body.quorum_strict, body.decision_base) == (2, 3, False, "present")
    event = db.session.query(AuditEvent).filter_by(action="body.rules").one()
    assert set(event.details["changed"]) == {"quorum", "decision_base"}


def test_minutes_and_notice_pdfs(world, login, tmp_path):
    import subprocess

    from mediation.deliberations.documents import issue_minutes_pdf
    from mediation.deliberations.operations import minutes

    f.factories.make_institution("光渺村村民委员会", "mediation_committee", world.village1, "光渺村委")
    item = f.decided_item(world.admin, world.village1, publish_decision=False)
    meeting = item.meetings[-1]
    minutes.save_minutes(world.admin, meeting, "全体代表一致同意安装路灯。")
    minutes.lock_minutes(world.admin, meeting)
    doc = issue_minutes_pdf(world.admin, meeting)
    db.session.commit()
    c = login(world.secretary)
    pdf = c.get(f"/deliberations/meetings/{meeting.id}/minutes.pdf").data
    (tmp_path / "m.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "m.pdf"), "-"], capture_output=True, text=True).stdout
    assert "签到表" in text and "全体代表一致同意安装路灯" in text and doc.kind == "minutes"
    assert "Signature" in subprocess.run(["pdfsig", str(tmp_path / "m.pdf")], capture_output=True, text=True).stdout
    r = c.post(f"/deliberations/{item.id}/publish/decision", data={"content": "同意安装路灯", "display_days": 7})
    assert r.status_code == 302
    notice = c.get(f"/portal/item/{item.id}/notice-decision.pdf")
    assert notice.status_code == 200 and notice.data.startswith(b"%PDF")


def test_publication_stands_when_the_village_has_no_sealing_institution(world, login):
    from mediation.areas.models import Institution

    item = f.decided_item(world.admin, world.village2, publish_decision=False)
    db.session.query(Institution).filter_by(area_id=world.village2.id).update({"is_active": False})
    db.session.commit()
    r = login(world.admin).post(f"/deliberations/{item.id}/publish/decision",
                                data={"content": "同意", "display_days": 7}, follow_redirects=True)
    assert "公开栏告示 PDF 未生成" in r.get_data(as_text=True)
    db.session.expire_all()
    assert item.is_public and item.stage == "implementation"
