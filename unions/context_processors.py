from .access import can_see_figures, can_see_national, is_manager


def roles(request):
    """What the navigation needs to know of the user's roles."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "is_manager": signed_in and is_manager(user),
        "can_see_figures": signed_in and can_see_figures(user),
        "can_see_national": signed_in and can_see_national(user),
    }
