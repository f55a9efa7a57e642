import logging

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Campaign

logger = logging.getLogger(__name__)

ILLUSTRATIVE_KEY = "campaign:illustrative-data"


def illustrative(request):
    """Tell every page, the login page included, whether the database holds
    illustrative (demo) data, so nobody takes it for real figures. Kept in the
    cache (a query less on every page), forgotten whenever a campaign changes."""
    try:
        flag = cache.get_or_set(ILLUSTRATIVE_KEY, _illustrative, 300)
    except Exception:  # the cache only saves a query: without it, ask the database
        logger.warning("cache unavailable", exc_info=True)
        flag = _illustrative()
    return {"illustrative_data": flag}


def _illustrative() -> bool:
    return Campaign.objects.filter(is_illustrative=True).exists()


@receiver(post_save, sender=Campaign)
@receiver(post_delete, sender=Campaign)
def _forget(sender, **kwargs):
    try:
        cache.delete(ILLUSTRATIVE_KEY)
    except Exception:
        logger.warning("cache unavailable", exc_info=True)
