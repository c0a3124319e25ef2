"""`lienthong compare`: two variants side by side — their diff, a simulation of each and the group's scenarios
against each (`comparison`, `bdd`) — written as one self-contained HTML page (`report`, with `plot` and
`diagrams`, from `templates/`)."""
