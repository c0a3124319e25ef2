"""Codes the stored rows carry that the store's own queries read: the citizen's role, the dossier statuses.

Defined here, at the lowest layer, so that the store imports nothing from the engine above it;
`engine/procedure.py` re-exports the role and `engine/status.py` names each status (DOMAIN.md §1).
"""

from __future__ import annotations

CITIZEN_ROLE = "cong-dan"  # the lane role of the citizen's own tasks
DOSSIER_STATUS_CODES = frozenset(range(1, 11))  # what a stored row's status may be: codes 1–10
