"""Chinese full-text search over cases, session records, minutes and deliberations (DESIGN §4.5)."""
