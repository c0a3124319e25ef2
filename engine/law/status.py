"""The canonical dossier statuses (DOMAIN.md §1): what every case reports to the national portal.

The codes and their names are the store's (`engine/store/codes.py`, the one definition); this module names
them for the engine and adds which ones end a dossier.
"""

from __future__ import annotations

from ..store.codes import DOSSIER_STATUSES as DOSSIER_STATUSES
from ..store.codes import DossierStatus as DossierStatus

FINISHED = frozenset(
    {
        DossierStatus.NOT_RECEIVED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.PROCESSED,
        DossierStatus.RESULT_RETURNED,
    }
)
