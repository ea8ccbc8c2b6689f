"""Who may see and change deliberations (secretary: own village; admin: all; others: view or nothing)."""

import pytest

from mediation.deliberations.operations import items
from mediation.errors import NotVisible, ValidationFailed
from tests.deliberations import factories as f


@pytest.fixture()
def item2(world):
    return f.make_item(world.admin, world.village2, topic="井林村修路")


@pytest.mark.parametrize(("who", "status"), [
    ("secretary", 404), ("admin", 200), ("grid2", 200), ("grid1", 404), ("judge", 404), ("center", 404)])
def test_view_other_village_item(world, login, item2, who, status):
    assert login(world.user(who)).get(f"/deliberations/{item2.id}").status_code == status


@pytest.mark.parametrize(("who", "status"), [("secretary", 404), ("admin", 200), ("grid2", 403)])
def test_edit_other_village_item(world, login, item2, who, status):
    c = login(world.user(who))
    assert c.get(f"/deliberations/{item2.id}/edit").status_code == status


def test_secretary_cannot_change_another_village_in_operations(world, item2):
    with pytest.raises(NotVisible):
        items.end_item(world.secretary, item2, "越权")
    with pytest.raises(ValidationFailed):
        f.make_body(world.secretary, world.village2, n=1)
    with pytest.raises(ValidationFailed):
        items.create_item(world.secretary, items.ItemData(topic="越权", area=world.village2, procedure="four_two"))


def test_secretary_lists_only_own_village(world, login, item2):
    f.make_item(world.admin, world.village1, topic="光渺村路灯")
    html = login(world.secretary).get("/deliberations/").get_data(as_text=True)
    assert "光渺村路灯" in html and "井林村修路" not in html


def test_secretary_sees_nav_and_home_panel(world, login):
    f.make_item(world.admin, world.village1, topic="光渺村路灯")
    html = login(world.secretary).get("/").get_data(as_text=True)
    assert "议事：待办事项" in html and "光渺村路灯" in html and "党支部会提议" in html


def test_anonymous_is_sent_to_login(client, world, item2):
    assert client.get(f"/deliberations/{item2.id}").status_code == 302
