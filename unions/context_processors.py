from .access import is_manager


def roles(request):
    """What the navigation needs to know of the user's roles."""
    user = getattr(request, "user", None)
    return {"is_manager": bool(user and user.is_authenticated and is_manager(user))}
