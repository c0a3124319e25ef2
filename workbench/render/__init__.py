"""`lienthong render`: a self-contained SVG drawn from a BPMN file's diagram interchange, in the bpmn-js look,
with overlays for coverage, paths, heat and diffs. `svg.render_svg` is the one entry; `shapes`, `edges`,
`icons` and `text` draw the pieces."""
