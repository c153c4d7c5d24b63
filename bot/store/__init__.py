"""The application database: engine creation and schema migrations (Alembic)."""
