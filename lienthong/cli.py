"""Entry point of the `lienthong` console script: imports each command module so it registers."""

from __future__ import annotations

from .app import app
from .commands import analysis as _analysis  # noqa: F401  (registers diff, simulate, compare)
from .commands import bdd as _bdd  # noqa: F401  (registers bdd)
from .commands import calendar as _calendar  # noqa: F401  (registers the command)
from .commands import diagram as _diagram  # noqa: F401  (registers layout, render)
from .commands import fakes as _fakes  # noqa: F401  (registers fake-portal, fake-agency)
from .commands import lint as _lint  # noqa: F401  (registers lint)
from .commands import report as _report  # noqa: F401  (registers report)
from .commands import run as _run  # noqa: F401  (registers run)
from .commands import serve as _serve  # noqa: F401  (registers serve)
from .commands import token as _token  # noqa: F401  (registers token, api-key)
from .commands import worker as _worker  # noqa: F401  (registers worker, dead-letters, incidents)


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
