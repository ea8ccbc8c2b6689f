"""Administration: the area tree (create, rename, move, deactivate), institutions, accounts."""

from sqlalchemy import select

from mediation.areas.models import Area, Institution
from mediation.auth.models import User
from tests import factories


def test_moving_a_village_rewrites_the_subtree_paths(world, login, db):
    town2 = factories.make_area("安海镇", "town", world.county)
    micro = factories.make_area("一号微网格", "microgrid", world.grid1)
    c = login(world.admin)
    response = c.post(f"/admin/areas/{world.village1.id}", data={"name": "光渺社区", "parent_id": str(town2.id)})
    assert response.status_code == 302
    db.session.expire_all()
    village = db.session.get(Area, world.village1.id)
    assert village.name == "光渺社区" and village.path == f"{town2.path}{village.id}/"
    assert db.session.get(Area, world.grid1.id).path == f"{village.path}{world.grid1.id}/"
    assert db.session.get(Area, micro.id).path.startswith(village.path)
    # grid1's mediator still sees people in the moved grid (scope follows the subtree).
    person = factories.make_person("康秀英", world.grid1)
    assert login(world.grid1_user).get(f"/people/{person.id}").status_code == 200


def test_an_area_cannot_move_under_itself_or_a_wrong_kind(world, login, db):
    c = login(world.admin)
    inside = c.post(f"/admin/areas/{world.village1.id}", data={"name": "光渺村", "parent_id": str(world.grid1.id)})
    # Its own subtree is not even offered as a parent; the operation refuses it as well.
    assert 'class="error"' in inside.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Area, world.village1.id).parent_id == world.town.id
    wrong = c.post("/admin/areas/new", data={"parent_id": str(world.grid1.id), "kind": "village", "code": "V9",
                                             "name": "错误村"})
    html = wrong.get_data(as_text=True)
    assert "不能设在" in html and 'value="错误村"' in html
    assert db.session.scalar(select(Area).where(Area.code == "V9")) is None


def test_operation_refuses_a_cycle_even_without_the_form(world, db):
    import pytest

    from mediation.areas.operations import update_area
    from mediation.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        update_area(world.admin, world.village1, name="光渺村", parent=world.grid1)
    assert exc.value.errors == {"parent_id": ["不能把区划移到它自己的下级之下"]}


def test_deactivate_requires_children_inactive_first(world, login, db):
    c = login(world.admin)
    c.post(f"/admin/areas/{world.village1.id}/active", data={"active": "0"})
    assert db.session.get(Area, world.village1.id).is_active
    c.post(f"/admin/areas/{world.grid1.id}/active", data={"active": "0"})
    c.post(f"/admin/areas/{world.village1.id}/active", data={"active": "0"})
    db.session.expire_all()
    assert not db.session.get(Area, world.village1.id).is_active


def test_duplicate_area_code_is_refused(world, login, db):
    c = login(world.admin)
    html = c.post("/admin/areas/new", data={"parent_id": str(world.village1.id), "kind": "grid",
                                            "code": world.grid1.code, "name": "重复"}).get_data(as_text=True)
    assert "区划代码已存在" in html


def test_institution_create_and_validate(world, login, db):
    c = login(world.admin)
    bad = c.post("/admin/institutions/new", data={"name": world.court.name, "short_name": "", "kind": "court",
                                                  "area_id": str(world.town.id)})
    assert "此项为必填项" in bad.get_data(as_text=True)
    duplicate = c.post("/admin/institutions/new", data={"name": world.court.name, "short_name": "东石",
                                                        "kind": "court", "area_id": str(world.town.id)})
    assert "机构名称已存在" in duplicate.get_data(as_text=True)
    ok = c.post("/admin/institutions/new", data={"name": "萧下村人民调解委员会", "short_name": "萧下村",
                                                 "kind": "mediation_committee", "area_id": str(world.village2.id),
                                                 "is_active": "y"})
    assert ok.status_code == 302
    assert db.session.scalar(select(Institution).where(Institution.short_name == "萧下村")) is not None


def test_create_user_shows_a_one_time_password_that_must_be_changed(world, login, db):
    c = login(world.admin)
    response = c.post("/admin/users/new", data={"username": "grid3", "display_name": "洪清泉",
                                                "roles": ["grid_worker"], "institution_id": "",
                                                "area_ids": [str(world.grid1.id)]})
    html = response.get_data(as_text=True)
    assert "账号已创建" in html
    temp = html.split("<code>")[1].split("</code>")[0]
    user = db.session.scalar(select(User).where(User.username == "grid3"))
    assert user.must_change_password and user.check_password(temp)
    assert [a.id for a in user.areas] == [world.grid1.id]


def test_user_form_errors_keep_input(world, login, db):
    c = login(world.admin)
    html = c.post("/admin/users/new", data={"username": "grid1", "display_name": "另一个人", "roles": []}
                  ).get_data(as_text=True)
    assert "用户名已存在" in html and "至少选择一个角色" in html and 'value="另一个人"' in html


def test_admin_cannot_lock_themselves_out(world, login, db):
    c = login(world.admin)
    html = c.post(f"/admin/users/{world.admin.id}", data={"display_name": "管理员", "roles": ["mediator"],
                                                         "is_active": "y"}).get_data(as_text=True)
    assert "不能停用自己的账号或取消自己的管理员角色" in html
    db.session.expire_all()
    assert db.session.get(User, world.admin.id).is_admin
