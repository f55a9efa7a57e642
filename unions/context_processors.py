from .access import can_see_figures, can_see_national, highest_unit, is_manager, role_kinds
from .models import RoleKind


def roles(request):
    """What the navigation needs to know of the user's roles."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "is_manager": signed_in and is_manager(user),
        "can_see_figures": signed_in and can_see_figures(user),
        "can_see_national": signed_in and can_see_national(user),
        # The emulation pages: the figure readers and the Professional Affairs Board.
        "can_see_emulation": signed_in and (can_see_figures(user) or RoleKind.AFFAIRS in role_kinds(user)),
        # The unit named in the top bar: the highest one the user holds a role on (their
        # province's federation for its board; the confederation for its staff), from the
        # roles read for the menu. None for a visitor or a superuser without a role.
        "brand_unit": highest_unit(user, role_kinds(user)) if signed_in else None,
    }
