"""The one exception for a refusal: handover will not do what it was asked, and says
why, before touching anything (a destination that must not be replaced, an engine
version it was not tested with). The command line reports it as a usage error:
the message, no traceback, exit status ``EXIT_CODE``."""

from __future__ import annotations

EXIT_CODE = 2  # click's usage errors: the command, not the content, must change


class Refused(Exception):
    """What was asked is refused; ``str(exc)`` says why and what to do instead."""

    exit_code = EXIT_CODE
