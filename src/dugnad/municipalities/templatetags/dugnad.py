"""Template helpers for the shell: Designsystemet form widgets with the ARIA
wiring that pages need without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.safestring import SafeString

from dugnad.municipalities.page_cache import CSRF_PLACEHOLDER, rendering_for_cache

register = template.Library()


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_choice(field: BoundField) -> bool:
    """Checkbox groups and radio buttons, shown as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.filter
def ds_widget(field: BoundField) -> SafeString:
    widget = field.field.widget
    attrs: dict[str, str | bool] = {}
    if isinstance(widget, forms.CheckboxInput):
        attrs["class"] = "ds-input"
        attrs["type"] = "checkbox"
    elif isinstance(widget, forms.Select):
        attrs["class"] = "ds-input"
    else:
        attrs["class"] = "ds-input"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def csrf_input(context: dict[str, Any]) -> SafeString:
    """The CSRF form field, safe for pages served from the public page cache.

    Use it instead of ``{% csrf_token %}``: while a cacheable page is rendered
    it writes a placeholder that each response replaces with the visitor's own
    token (see ``municipalities/page_cache.py``).
    """
    request = context.get("request")
    if request is None:
        raise template.TemplateSyntaxError("csrf_input needs the request in the context.")
    token = CSRF_PLACEHOLDER if rendering_for_cache(request) else get_token(request)
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


@register.filter
def link_start(url: str) -> SafeString:
    """An escaped ``<a href>`` opening tag, for links inside translated sentences."""
    return format_html('<a class="ds-link" href="{}">', url)


@register.filter
def nok(ore: int | None) -> str:
    """An amount in øre as Norwegian kroner: 125050 → "1 250,50 kr"."""
    if ore is None:
        return ""
    kroner, rest = divmod(int(ore), 100)
    whole = f"{kroner:,}".replace(",", "\u00a0")
    return f"{whole},{rest:02d}\u00a0kr" if rest else f"{whole}\u00a0kr"
