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

from collections.abc import Callable, Iterable

from django.core.mail import send_mail
from django.db import transaction


def send_after_commit(send: Callable[[], object]) -> None:
    """Call ``send`` once the current transaction commits (at once outside
    one); a failure is logged, not raised."""
    transaction.on_commit(send, robust=True)


def mail_after_commit(subject: str, body: str, recipients: Iterable[str]) -> None:
    """E-mail ``recipients`` (empty addresses skipped) once the transaction
    commits, as :func:`send_after_commit` does; the values are bound now, so a
    loop may call this once per message."""
    to = [address for address in recipients if address]
    if to:
        send_after_commit(lambda: send_mail(subject, body, None, to))
