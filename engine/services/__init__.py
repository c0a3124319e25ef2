"""The engine's services: one class per concept (cases, tasks, messages, versions, documents, incidents,
timers, jobs, outbox, reports), each built on the shared `Core` (services/core.py: the catalogue, the store,
the clock, the calendar, the connectors, the script environment, the case files, and the steps every
operation shares — a case read as the actor may see it, a task the actor may work, a case stepped with no
transaction open and saved in one). `engine.Engine` builds the core once and exposes each service as an
attribute (`engine.cases.start(...)`, `engine.tasks.complete(...)`); a service may use another service it is
given, never the façade. Services return views (engine/views.py), never store records.
"""
