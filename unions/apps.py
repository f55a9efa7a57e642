from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionsConfig(AppConfig):
    name = "unions"
    verbose_name = _("Tổ chức công đoàn")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import pre_save

        from config.text import normalise_before_save

        from .collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="unions_vi_collation")
        # Every model's text stored in NFC (config/text.py), whoever saves it.
        pre_save.connect(normalise_before_save, dispatch_uid="nfc_text")
        from django.contrib.auth.signals import user_logged_in

        from config.middleware import session_limits_start

        user_logged_in.connect(session_limits_start, dispatch_uid="session_limits_start")
