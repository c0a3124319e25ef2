"""Lint: check BPMN files as the engine will load them and say what to fix and where. `targets` bundles a
file with its procedure as the engine would; `run` loads that bundle as the engine does and runs every rule
of the registry (`rules`) on it; each check module (`elements`, `graph`, `forms`, `procedure`, `messages`,
`di`, `law`, `roles`, …) reads a `context.RuleContext` over the documents' `index.DocIndex` and returns
`findings.Finding`s; `parse_only` reads any standard BPMN file without running it and says whether this
engine could."""
