"""Resident ID numbers and mobile numbers: validation, masking in HTML, audited reveals."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mediation.audit import AuditEvent
from mediation.personal_data import (
    id_check_char,
    id_number_error,
    mask_id_number,
    mask_phone,
    phone_error,
)
from tests import factories

regions = st.sampled_from(["350582", "110101", "440305", "510722", "330102"])
birth_dates = st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 12, 31))
sequences = st.integers(min_value=0, max_value=999)


@given(regions, birth_dates, sequences)
def test_every_well_formed_id_number_is_accepted(region, born, seq):
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    assert id_number_error(first17 + id_check_char(first17)) is None


@given(regions, birth_dates, sequences, st.sampled_from("0123456789X"))
def test_a_wrong_check_character_is_refused(region, born, seq, check):
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    if check != id_check_char(first17):
        assert id_number_error(first17 + check) == "身份证号码校验位不正确，请核对"


@settings(max_examples=60)
@given(regions, birth_dates, sequences, st.integers(min_value=0, max_value=16), st.integers(1, 9))
def test_any_single_digit_change_is_detected(region, born, seq, pos, delta):
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    valid = first17 + id_check_char(first17)
    changed = valid[:pos] + str((int(valid[pos]) + delta) % 10) + valid[pos + 1:]
    assert id_number_error(changed) is not None


def test_id_number_messages():
    assert id_number_error("3505821980") == "身份证号码应为18位"
    assert id_number_error("35058219800517A231") == "身份证号码前17位应为数字，最后一位为数字或X"
    first17 = "35058219801340123"  # month 13
    assert id_number_error(first17 + id_check_char(first17)) == "身份证号码中的出生日期无效"
    future = "35058220990101123"
    assert id_number_error(future + id_check_char(future)) == "身份证号码中的出生日期无效"


def test_lowercase_x_is_normalised():
    first17 = next(f"3505821980051712{i}" for i in range(10) if id_check_char(f"3505821980051712{i}") == "X")
    assert id_number_error(first17 + "x") is None


@given(st.from_regex(r"1[3-9]\d{9}", fullmatch=True))
def test_valid_mobiles(number):
    assert phone_error(number) is None
    assert phone_error("+86 " + number[:3] + " " + number[3:7] + " " + number[7:]) is None


def test_invalid_mobiles():
    for bad in ["12345678901", "1381234567", "138123456789", "0595-8888888", "abc"]:
        assert phone_error(bad) == "请输入11位手机号码（以1开头）"


def test_masking():
    assert mask_id_number("330102198005171234") == "330***********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number(None) == "" and mask_phone("") == ""


def test_people_pages_send_masked_values_only(world, login):
    person = factories.make_person("康秀英", world.grid1, id_number="350582198005171237"
                                   if id_check_char("35058219800517123") == "7" else None, phone="13812345678")
    c = login(world.grid1_user)
    for url in ("/people/", f"/people/{person.id}", f"/people/{person.id}/edit"):
        html = c.get(url).get_data(as_text=True)
        assert "13812345678" not in html, url
        assert "138****5678" in html, url
        if person.id_number:
            assert person.id_number not in html
            assert mask_id_number(person.id_number) in html


def test_reveal_shows_full_value_and_is_audited(world, login, db):
    person = factories.make_person("康秀英", world.grid1, phone="13812345678")
    c = login(world.grid1_user)
    response = c.post(f"/people/{person.id}/reveal", data={"field": "phone"})
    assert response.status_code == 200
    assert "13812345678" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    event = db.session.query(AuditEvent).filter_by(action="person.reveal").one()
    assert event.actor_id == world.grid1_user.id and event.object_id == person.id
    assert event.details == {"field": "phone"}
    assert "13812345678" not in event.summary


def test_roles_without_the_right_cannot_reveal(world, login, db):
    person = factories.make_person("康秀英", world.grid1, phone="13812345678")
    # The secretary's village contains grid1 so she may see the person, but not reveal.
    sec = login(world.secretary)
    assert sec.get(f"/people/{person.id}").status_code == 200
    assert "显示完整" not in sec.get(f"/people/{person.id}").get_data(as_text=True)
    assert sec.post(f"/people/{person.id}/reveal", data={"field": "phone"}).status_code == 403
    # Out of scope: the person does not exist as far as grid2 knows.
    assert login(world.grid2_user).post(f"/people/{person.id}/reveal", data={"field": "phone"}).status_code == 404
    assert db.session.query(AuditEvent).filter_by(action="person.reveal").count() == 0


def test_person_form_validates_and_keeps_input(world, login, db):
    c = login(world.grid1_user)
    response = c.post("/people/new", data={"name": "洪阿妹", "id_number": "350582198005171230",
                                            "phone": "1234", "address": "光渺村88号",
                                            "area_id": str(world.grid1.id)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "请输入11位手机号码" in html
    assert 'value="光渺村88号"' in html and 'value="洪阿妹"' in html
    from mediation.people.models import Person

    assert db.session.query(Person).count() == 0


def test_person_area_must_be_in_scope(world, login, db):
    c = login(world.grid1_user)
    c.post("/people/new", data={"name": "洪阿妹", "area_id": str(world.grid2.id)})
    from mediation.people.models import Person

    assert db.session.query(Person).count() == 0
