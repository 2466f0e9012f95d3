"""Dugnad: a municipality's platform for volunteering and citizen collaboration."""

from dugnad.celery import app as celery_app

__all__ = ["celery_app"]
