"""The re-engineering workbench: diagram layout and rendering, linting, diff, simulation and reports."""
