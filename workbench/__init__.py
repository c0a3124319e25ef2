"""The re-engineering workbench, one folder per tool: lint, layout, render (SVG), diff, simulate, compare and
BPMN coverage; `diagram` reads the diagram interchange they share and `variants` loads the file an analyst
points at. Every module sits in its folder: tests/test_architecture.py keeps the top level to these two."""
