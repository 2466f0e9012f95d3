"""Messages that leave once the work is saved.

E-mails, SMS and task-queue messages are sent after the transaction commits,
so nobody is told of something that was rolled back. By then the person's
work is saved: if the mail server or the task broker fails at that moment,
the request must still answer with what happened, not with a server error
for work that was done. The failure is logged (``django.db.backends``, at
ERROR, with the traceback) for the operators, and the other messages of the
same commit are still sent.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction


def send_after_commit(send: Callable[[], object]) -> None:
    """Call ``send`` once the current transaction commits (at once outside
    one); a failure is logged, not raised."""
    transaction.on_commit(send, robust=True)
