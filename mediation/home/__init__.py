"""Home page, health check, locale switch, audit log."""
