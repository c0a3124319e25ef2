"""Which catalogue the analysts' commands read when a file lies outside it."""

from __future__ import annotations

from pathlib import Path

from .compose.settings import Settings

# The repository's own catalogue, for a command run from another folder (the analyst's desktop).
REPOSITORY_PROCESSES = Path(__file__).resolve().parents[1] / "processes"


def catalogue_root() -> Path:
    """LIENTHONG_PROCESSES_DIR (default processes/) when it exists here, else the repository's catalogue."""
    configured = Settings().processes_dir
    return configured if configured.is_dir() or not REPOSITORY_PROCESSES.is_dir() else REPOSITORY_PROCESSES
