"""The editor through HTTP: pre-filled, errors next to fields, versions, signing pages."""

import base64
from datetime import timedelta

from mediation.agreements.models import Agreement
from mediation.db import today
from mediation.extensions import db
from tests.agreements.helpers import draft, signature_png
from tests.cases.factories import make_case


def _form(agreement, **overrides):
    a, r = agreement.case.parties
    data = {
        "form": "written", "facts": "事实", "issues": "争议", "responsibilities": "责任", "copies": "3",
        "place": "调解室", "terms-0-obligor_id": str(r.id), "terms-0-obligee_id": str(a.id),
        "terms-0-obligation": "赔偿损失", "terms-0-amount": "500", "terms-0-deadline": (today() + timedelta(days=5)).isoformat(),
        "terms-0-method": "转账", "terms-0-place": "",
    }
    data.update(overrides)
    return data


def test_draft_from_a_case_is_prefilled_and_numbered(world, login):
    case = make_case(world, status="mediating")
    client = login(world.grid1_user)
    page = client.get(f"/agreements/new?case_id={case.id}").get_data(as_text=True)
    assert case.number in page
    r = client.post("/agreements/new", data={"case_id": str(case.id), "form": "written"})
    assert r.status_code == 302
    agreement = db.session.scalar(db.select(Agreement))
    assert agreement.number.startswith("光渺村调协〔")
    html = client.get(f"/agreements/{agreement.id}/edit").get_data(as_text=True)
    assert "两家因围墙位置发生争执。" in html  # facts pre-filled from the case description
    for cp in case.parties:
        assert cp.person.name in html
        assert cp.person.phone not in html  # masked in the editor


def test_validation_messages_sit_next_to_the_fields_and_input_is_kept(world, login):
    agreement = draft(world)
    client = login(world.grid1_user)
    r = client.post(f"/agreements/{agreement.id}/edit", data=_form(
        agreement, **{"terms-0-obligor_id": "", "terms-0-amount": "-5",
                      "terms-0-deadline": (today() - timedelta(days=1)).isoformat(), "facts": ""}))
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'id="terms-0-obligor_id-err"' in html and "请选择履行义务的当事人" in html
    assert 'id="terms-0-amount-err"' in html and "金额应为不小于0的数字" in html
    assert 'id="terms-0-deadline-err"' in html and "履行期限不能早于今天" in html
    assert 'id="facts-err"' in html
    assert 'value="-5"' in html and "赔偿损失" in html


def test_signing_via_the_pages_then_editing_warns_and_makes_a_new_version(world, login):
    agreement = draft(world)
    client = login(world.grid1_user)
    assert client.post(f"/agreements/{agreement.id}/start-signing").status_code == 302
    key = f"party-{agreement.case.parties[0].id}"
    assert "signature-pad" in client.get(f"/agreements/{agreement.id}/sign/{key}").get_data(as_text=True)
    image = "data:image/png;base64," + base64.b64encode(signature_png()).decode()
    r = client.post(f"/agreements/{agreement.id}/sign/{key}", data={"signer": key, "method": "drawn", "image": image})
    assert r.status_code == 302
    html = client.get(f"/agreements/{agreement.id}/edit").get_data(as_text=True)
    assert "已收集的 1 个签名将作废" in html
    r = client.post(f"/agreements/{agreement.id}/edit", data=_form(agreement))
    assert "请勾选确认" in r.get_data(as_text=True)
    r = client.post(f"/agreements/{agreement.id}/edit", data=_form(agreement, confirm_discard="y"))
    assert r.status_code == 302
    db.session.expire_all()
    agreement = db.session.get(Agreement, agreement.id)
    assert agreement.version == 2 and agreement.status == "draft" and agreement.active_signatures == []


def test_sign_without_drawing_shows_an_error(world, login):
    agreement = draft(world)
    client = login(world.grid1_user)
    client.post(f"/agreements/{agreement.id}/start-signing")
    key = f"party-{agreement.case.parties[0].id}"
    r = client.post(f"/agreements/{agreement.id}/sign/{key}", data={"signer": key, "method": "drawn", "image": ""})
    assert "请先在签名框内签名" in r.get_data(as_text=True)


def test_scan_of_paper_copy_counts_for_the_chosen_signers(world, login):
    import io

    from PIL import Image

    agreement = draft(world)
    client = login(world.grid1_user)
    client.post(f"/agreements/{agreement.id}/start-signing")
    photo = io.BytesIO()
    Image.new("RGB", (800, 1100), (250, 250, 245)).save(photo, "JPEG")
    keys = [f"party-{p.id}" for p in agreement.case.parties] + ["mediator"]
    r = client.post(f"/agreements/{agreement.id}/scan", data={"signers": keys, "scan": (io.BytesIO(photo.getvalue()), "scan.jpg")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    db.session.expire_all()
    agreement = db.session.get(Agreement, agreement.id)
    assert agreement.status == "effective" and {s.method for s in agreement.active_signatures} == {"scan"}
    assert client.get(f"/agreements/{agreement.id}/pdf").data.startswith(b"%PDF")


def test_empty_list_and_session_record_pdf(world, login):
    client = login(world.grid2_user)
    assert "暂无调解协议" in client.get("/agreements/").get_data(as_text=True)
    case = make_case(world, status="mediating")
    session = case.sessions[0]
    client = login(world.grid1_user)
    r = client.post(f"/session-records/{session.id}/issue")
    assert r.status_code == 302
    html = client.get(f"/session-records/{session.id}").get_data(as_text=True)
    assert case.number in html
    assert login(world.grid2_user).get(f"/session-records/{session.id}").status_code == 404
