"""The diagram as drawn: reading BPMN diagram interchange (planes, shapes, edges, labels) and estimating text
widths. Shared by the layout (which writes DI), the renderer (which draws it) and lint (which checks it)."""
