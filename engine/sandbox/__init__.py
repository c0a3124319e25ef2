"""Where a diagram's code runs: the AST allow-list, operator guards and step budget for expressions and
scripts (`sandbox`, with its run-time guards in `guards`), what may run in the server process and what
counts as data (`bounds`), the confined child process the rest runs in (`confine`, and the child's own
side in `confine_child`), and the script environment with the engine's helpers (`scripting`).
"""
