"""The route and EVC knowledge base: content files, database schema, loading and checks."""
