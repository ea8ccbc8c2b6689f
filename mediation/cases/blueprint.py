"""Cases domain: pages, JSON API, navigation entry and the home panel of urgent cases."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from mediation import navigation
from mediation.api.blueprint import register_api
from mediation.cases import actions, api, api_docs, models, permissions, queries  # noqa: F401
from mediation.cases.views import bp


def init_app(app) -> None:
    app.register_blueprint(bp)
    register_api(app, api.bp)
    api_docs.document()
    navigation.nav_item("cases.index", _l("案件"), order=20, visible=permissions.works_on_cases,
                        badge=lambda u: queries.deadline_counts(u, mine=True, only_overdue=True)["overdue"])
    navigation.home_panel("cases.attention", "cases/_home_panel.html", _panel, order=10,
                          visible=permissions.works_on_cases)


def _panel(user) -> dict:
    return {"cases": queries.attention_cases(user), "counts": queries.deadline_counts(user, mine=True)}
