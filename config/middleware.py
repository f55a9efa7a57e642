import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, so a phone
    set to English would get the English interface unasked; union staff expect
    Vietnamese. Only the language cookie (set by the switcher) changes it.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PrivateResponsesMiddleware:
    """Every page and download a logged-in user gets is ``Cache-Control: private, no-store``: a
    shared phone's browser, or a proxy on the way, keeps no copy of a unit's figures."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class SessionLimitsMiddleware:
    """A logged-in session ends after ``SESSION_IDLE_MINUTES`` without a request and
    ``SESSION_MAX_HOURS`` after its log-in: the user is logged out and sent to the log-in page
    (back to where they were), told why. The clocks start at the log-in (``session_limits_start``);
    the last request's time is written at most once a minute, so a busy page does not write its
    session on every request."""

    LOGGED_IN, SEEN = "limits:logged_in", "limits:seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            logged_in, seen = session.get(self.LOGGED_IN), session.get(self.SEEN)
            if logged_in is None:
                session[self.LOGGED_IN] = logged_in = now
            if seen is None:
                seen = now
            if now - seen > settings.SESSION_IDLE_MINUTES * 60 or now - logged_in > settings.SESSION_MAX_HOURS * 3600:
                return self._ended(request, idle=now - seen > settings.SESSION_IDLE_MINUTES * 60)
            if now - seen >= 60 or self.SEEN not in session:
                session[self.SEEN] = now
        return self.get_response(request)

    def _ended(self, request, *, idle: bool):
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.utils.translation import gettext as _

        logout(request)
        if idle:
            why = _("Phiên làm việc đã kết thúc vì lâu không dùng; hãy đăng nhập lại.")
        else:
            why = _("Phiên làm việc đã kết thúc (quá %(hours)s giờ từ lúc đăng nhập); hãy đăng nhập lại.") % {
                "hours": settings.SESSION_MAX_HOURS}
        messages.info(request, why)
        return redirect_to_login(request.get_full_path() if request.method == "GET" else "/")


def session_limits_start(sender, request, user, **kwargs) -> None:
    """At log-in (which writes the session anyway): the limits' clocks start."""
    now = int(time.time())
    request.session[SessionLimitsMiddleware.LOGGED_IN] = now
    request.session[SessionLimitsMiddleware.SEEN] = now
