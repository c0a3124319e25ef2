"""Child process of test_crash.py: completes a task, and freezes between the state change and COMMIT.

Usage: python -m tests.worker.crash_step DATABASE_URL TASK_ID MARKER_FILE

Once the engine step has computed and written everything in its transaction, the commit is held back: the
marker file appears and the process sleeps until the test kills it with SIGKILL.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine as SqlEngine

from engine.actors import SYSTEM
from tests.worker.support import make_engine


def main(url: str, task_id: str, marker: Path) -> None:
    engine = make_engine(url)

    def hold_commit(_connection: Any) -> None:
        marker.write_text("about to commit\n", encoding="utf-8")
        time.sleep(3600)

    event.listen(SqlEngine, "commit", hold_commit)
    engine.tasks.complete(task_id, {"bo_sung": False}, SYSTEM)
    print("committed", flush=True)  # never reached: the test kills the process first


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
