"""The analysts' studio at /studio: the catalogue, a group's diagrams, the bpmn-js modeler with the project's
properties, and the Check of a draft (lint, scenarios, coverage, simulation) streamed back to the page."""
