"""Celery application: background work off the request path.

In the embedded default (no ``CELERY_BROKER_URL``) tasks run inline
(``task_always_eager``), so a laptop needs no broker; production points the
broker at Redis and runs workers.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dugnad.settings")

app = Celery("dugnad")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
