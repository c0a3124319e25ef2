"""`lienthong layout`: a clean left-to-right diagram interchange for a BPMN file written by hand. `draw` runs
it per plane: `graph` reads pools, lanes, nodes and flows, `rank` gives columns and rows, `geometry` places
shapes, `routes`, `messages`, `paths` and `labels` route the flows, and `xml` writes the DI back without
touching a byte of the semantic part."""
