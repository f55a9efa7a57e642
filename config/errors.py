"""The app's error pages, in Vietnamese (English when chosen): 400 (a request body over the limit
said so), 403 with the app's own reason, 404, 500, a refused CSRF check, and "the database is
unavailable" (503). Drawn from ``templates/errors/page.html`` without the database, so they show
when it is what fails."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def error_page(status: int, title: str, message: str, reason: str = "") -> HttpResponse:
    html = loader.get_template("errors/page.html").render(
        {"status": status, "title": title, "message": message, "reason": reason}
    )
    response = HttpResponse(html, status=status)
    add_never_cache_headers(response)
    return response


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
        return error_page(400, _("Dữ liệu gửi lên quá lớn"),
                          _("Dữ liệu gửi lên lớn hơn giới hạn %(size)s. Hãy gửi ít hơn, hoặc tải lên bằng tệp "
                            "Excel ở trang tải lên.") % {"size": limit})
    if isinstance(exception, TooManyFieldsSent):
        return error_page(400, _("Dữ liệu gửi lên quá lớn"), _("Biểu mẫu gửi lên có quá nhiều ô."))
    return error_page(400, _("Yêu cầu không hợp lệ"), _("Máy chủ không hiểu yêu cầu này. Hãy tải lại trang rồi thử lại."))


def permission_denied(request, exception=None):
    reason = str(exception) if exception is not None and str(exception) else ""
    return error_page(403, _("Không có quyền"), _("Bạn không có quyền xem trang này hoặc làm việc này."), reason)


def page_not_found(request, exception=None):
    return error_page(404, _("Không tìm thấy trang"),
                      _("Trang này không có, hoặc không thuộc các đơn vị bạn được xem. Hãy kiểm tra lại đường dẫn."))


def server_error(request):
    return error_page(500, _("Lỗi máy chủ"),
                      _("Đã có lỗi ở máy chủ; không có gì bị ghi dở. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo cho "
                        "bộ phận kỹ thuật của Liên đoàn."))


def csrf_failure(request, reason=""):
    return error_page(403, _("Phiên làm việc đã hết hạn"),
                      _("Trang đã mở quá lâu hoặc đã đăng nhập lại ở nơi khác. Hãy tải lại trang rồi gửi lại; "
                        "những gì đã nhập có thể cần nhập lại."))


def database_unavailable() -> HttpResponse:
    response = error_page(503, _("Cơ sở dữ liệu đang không kết nối được"),
                          _("Ứng dụng tạm thời không đọc, ghi được dữ liệu; không có gì bị ghi dở. Hãy thử lại sau "
                            "ít phút."))
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """A request that fails because the database cannot be reached gets the 503 page, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:  # raised before the views (sessions, auth)
            logger.error("database unavailable: %s", exc)
            return database_unavailable()

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error("database unavailable: %s", exception)
            return database_unavailable()
        return None

