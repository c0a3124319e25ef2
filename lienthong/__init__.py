"""The `lienthong` command line: starts the API and worker, and runs the engine's tools."""
