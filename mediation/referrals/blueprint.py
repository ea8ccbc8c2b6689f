def init_app(app) -> None:
    """Placeholder until the referrals domain lands."""
