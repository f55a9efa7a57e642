from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = _("Chiến dịch, đợt, chỉ tiêu")

    def ready(self):
        from . import context_processors  # noqa: F401  (forgets the cached banner when a campaign changes)
