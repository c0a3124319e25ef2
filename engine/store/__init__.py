"""The store, the engine's lowest layer and the only one with SQL: SQLAlchemy 2 Core over SQLite or PostgreSQL
(`store`), one transaction's operations (`tx`, with the API's lists in `list_queries`, and the outbox, jobs,
incidents, documents and reports each in its `*_store` module), the schema (`tables`, `worker_tables`; its
migrations in migrations/), the statements of every operation's hot path compiled once (`statements`,
`prepared`), the plain records that cross the boundary (`records`, mapped by `rows`), and what it needs of the
engine above it defined here instead (`errors`, `codes`), so that it imports nothing from it.
"""
