from .models import Campaign


def illustrative(request):
    """Tell every page, the login page included, whether the database holds
    illustrative (demo) data, so nobody takes it for real figures."""
    return {"illustrative_data": Campaign.objects.filter(is_illustrative=True).exists()}
