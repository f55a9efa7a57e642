from django import template

register = template.Library()


@register.filter
def vi_full_name(user) -> str:
    """A user's name in Vietnamese order: family name first ("Hoàng Thọ Trung")."""
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.get_username()
