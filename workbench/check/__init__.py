"""The studio's Check of a draft diagram: lint, the group's scenarios with their coverage, and a short
simulation compared with as-is, streamed as JSON-ready events while they run (`run.check_draft`;
docs/pages.md, "The Check stream")."""
