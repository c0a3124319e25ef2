"""BPMN coverage of the scenarios: which flow nodes and sequence flows their cases went through, read from the
cases' audit trails, and the report that draws each diagram with what was and was not covered (`trails`)."""
