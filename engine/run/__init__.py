"""One operation on one case: where outside data enters it and the names it may not use (`inbound`), a new
case's workflow and first row (`case_start`), one step of its workflow and what the store must hold
after it (`runtime`, seen by the law and the legal clock through `stepping`, by helpers and timers
through `context`), what each step submitted (`provenance`) and who did what (`audit`), the workflow's
compact saved state (`state`), and how a case is loaded, saved and kept warm between operations
(`casefiles`).
"""
