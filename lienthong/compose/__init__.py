"""The composition root: the one place that reads settings and builds the parts every entry point runs on.

`settings.py` is the validated `LIENTHONG_*` configuration; `wiring.py` builds the engine and its
collaborators (store, catalogue, clock, calendar, connectors) and the token keys from it; `server.py` puts
the HTTP application together (uvicorn's `lienthong.compose.server:create_app --factory`); `demo.py` is
`serve --demo`'s data and fake agency systems; `credentials.py` the tokens and API keys an operator issues.
The worker and every command build what they run from here; `api/` and `engine/` receive ready objects and
import nothing from this package (tests/test_architecture.py).
"""
