"""allauth integration: accounts belong to the municipality they registered in.

Identity stays behind allauth's provider mechanism, so OpenID Connect log-in
(ID-porten for residents, the municipality's IdP for staff) can be added as
providers without touching the modules.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.translation import get_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "")
        user.home_municipality = getattr(request, "municipality", None)
        user.preferred_language = (get_language() or "nb")[:2]
        if commit:
            user.save()
        return user

    def get_from_email(self) -> str:
        return super().get_from_email()

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = context.get("request") or getattr(self, "request", None)
        context.setdefault("municipality", getattr(request, "municipality", None))
        super().send_mail(template_prefix, email, context)
