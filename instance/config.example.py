# Local configuration. Every setting can also come from an environment variable MEDIATION_<NAME>
# (values are parsed as JSON when possible: MEDIATION_PAGE_SIZE=50, MEDIATION_SESSION_COOKIE_SECURE=true).

# Database: SQLite in this folder by default. For PostgreSQL set DATABASE_URL, e.g.
# DATABASE_URL=postgresql+psycopg://mediation:secret@db.example/mediation
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://mediation@localhost/mediation"

# Base URL printed in QR codes on documents (the public verification page must be reachable there).
# PUBLIC_BASE_URL = "https://tiaojie.example.gov.cn"

# Login throttling storage: memory by default; use Redis when running several workers or nodes.
# RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/0"

# Behind HTTPS:
# SESSION_COOKIE_SECURE = True
