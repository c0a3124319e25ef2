"""A procedure's files read into what runs: the hardened XML reader (`reader`), what the engine reads off
flow nodes, flows and pools (`elements`) and the extension properties they carry (`properties`),
SpiffWorkflow's parser with the engine's own task specs (`specs`), a deployable bundle parsed once into
specs and metadata (`model`) after the checks it must pass (`model_checks`), the JSON Schemas of its forms
(`forms`) and received messages (`contracts`), procedure.toml (`procedure`), the catalogue of procedures
and variants under processes/ (`catalog`), and which variant a stray diagram belongs to (`ownership`).
"""
