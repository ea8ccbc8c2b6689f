"""Who may do what: every role × every admin page/action × an in-scope and an out-of-scope object."""

import pytest

from tests import factories

ROLES = ["admin", "grid1", "grid2", "center", "lawyer", "notary", "judge", "judge2", "secretary"]

# Admin-only pages: everyone else knows they exist and gets 403.
ADMIN_PAGES = [
    ("GET", "/admin/users"),
    ("GET", "/admin/users/new"),
    ("GET", "/admin/users/{user}"),
    ("POST", "/admin/users/{user}/reset-password"),
    ("GET", "/admin/areas"),
    ("GET", "/admin/areas/new"),
    ("GET", "/admin/areas/{area}"),
    ("POST", "/admin/areas/{area}/active"),
    ("GET", "/admin/institutions"),
    ("GET", "/admin/institutions/new"),
    ("GET", "/admin/institutions/{inst}"),
    ("GET", "/admin/audit"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,url", ADMIN_PAGES)
def test_admin_pages(world, login, role, method, url):
    target = url.format(user=world.grid2_user.id, area=world.grid2.id, inst=world.committee2.id)
    c = login(world.user(role))
    response = c.open(target, method=method, data={"active": "1"})
    if role == "admin":
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 403


# People: (role, person in grid1 → expected, person in grid2 → expected) for view / edit / reveal.
PEOPLE_EXPECT = {
    #            view grid1  view grid2  reveal grid1  list
    "admin":     (200, 200, 200, 200),
    "grid1":     (200, 404, 200, 200),
    "grid2":     (404, 200, 404, 200),
    "center":    (200, 200, 200, 200),  # the town center sees the whole town
    "secretary": (200, 404, 403, 200),  # her village (光渺村) contains grid1; no reveal right
    "lawyer":    (404, 404, 404, 403),  # no people pages; a person is unknown
    "notary":    (404, 404, 404, 403),  # no people pages; a person is unknown
    "judge":     (404, 404, 404, 403),  # no people pages; a person is unknown
    "judge2":    (404, 404, 404, 403),  # no people pages; a person is unknown
}


@pytest.mark.parametrize("role", ROLES)
def test_people_access(world, login, role):
    in_grid1 = factories.make_person("康秀英", world.grid1)
    in_grid2 = factories.make_person("蔡阿妹", world.grid2)
    view1, view2, reveal1, listing = PEOPLE_EXPECT[role]
    c = login(world.user(role))
    assert c.get(f"/people/{in_grid1.id}").status_code == view1
    assert c.get(f"/people/{in_grid2.id}").status_code == view2
    assert c.get(f"/people/{in_grid1.id}/edit").status_code == view1
    assert c.post(f"/people/{in_grid1.id}/reveal", data={"field": "phone"}).status_code == reveal1
    assert c.get("/people/").status_code == listing


@pytest.mark.parametrize("role", ["grid1", "grid2", "secretary"])
def test_people_list_shows_only_scope(world, login, role):
    factories.make_person("康秀英", world.grid1)
    factories.make_person("蔡阿妹", world.grid2)
    html = login(world.user(role)).get("/people/").get_data(as_text=True)
    assert ("康秀英" in html) == (role in ("grid1", "secretary"))
    assert ("蔡阿妹" in html) == (role == "grid2")
    assert ("共 1 条" in html)


def test_editing_an_out_of_scope_person_changes_nothing(world, login, db):
    person = factories.make_person("蔡阿妹", world.grid2, address="井林村1号")
    c = login(world.grid1_user)
    assert c.post(f"/people/{person.id}/edit", data={"name": "改名", "area_id": str(world.grid1.id)}).status_code == 404
    db.session.refresh(person)
    assert person.name == "蔡阿妹"


def test_people_list_paginates_and_keeps_the_query(world, login):
    for i in range(25):
        factories.make_person(f"林阿{i:02d}", world.grid1)
    c = login(world.grid1_user)
    first = c.get("/people/?q=林阿").get_data(as_text=True)
    assert "第 1 / 2 页，共 25 条" in first
    assert 'href="/people/?q=%E6%9E%97%E9%98%BF&amp;page=2"' in first
    second = c.get("/people/?q=林阿&page=2").get_data(as_text=True)
    assert "第 2 / 2 页，共 25 条" in second and "上一页" in second
    assert second.count("林阿") >= 5
