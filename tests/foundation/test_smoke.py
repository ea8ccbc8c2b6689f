def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_grid1_sees_chinese_home(world, login):
    c = login(world.grid1_user)
    html = c.get("/").get_data(as_text=True)
    assert "您好，许华山" in html
    assert "人员" in html
