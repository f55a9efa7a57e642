"""Users and roles in bulk: a sheet (or pasted lines) of name, e-mail, unit code and role read and
checked row by row, shown before anything is written, then every user made (or found by e-mail)
with the role on the unit in one transaction; each new user gets an e-mail with a link to set
their own password. Scoped: a unit outside what the inviting staff manage is refused, and only
the board gives the staff's role."""

import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from workbooks.cells import code_text, is_blank, norm

from .access import can_decide, can_manage, managed_roots
from .models import Role, RoleKind, Unit, UnitKind
from .services import role_assign

MAX_INVITES = 2000
INVITED_ROLES = (RoleKind.REPORTER, RoleKind.VIEWER, RoleKind.AFFAIRS, RoleKind.STAFF)


def invite_headers() -> dict[str, str]:
    return {"name": _("Họ và tên"), "email": _("Thư điện tử"), "unit": _("Mã đơn vị"), "role": _("Vai trò")}


@dataclass
class Invite:
    number: int
    name: str
    email: str
    unit: Unit | None
    role: str
    errors: list[str] = field(default_factory=list)
    existing: object = None  # the user with this e-mail already, if any

    @property
    def role_label(self) -> str:
        return str(RoleKind(self.role).label) if self.role in RoleKind.values else ""

    def line(self) -> str:
        """The row as a pasted line (what the preview carries to the confirmation)."""
        return ";".join((self.name, self.email, self.unit.code if self.unit else "", self.role))


@dataclass
class InviteList:
    invites: list[Invite] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return bool(self.invites) and not self.errors and not any(i.errors for i in self.invites)

    @property
    def text(self) -> str:
        return "\n".join(i.line() for i in self.invites)


def _role(value) -> str | None:
    wanted = norm(value)
    if wanted == "":
        return RoleKind.REPORTER
    for key, label in RoleKind.choices:
        if wanted in (key, norm(label)):
            return key
    return None


def read_invites(rows: list[tuple[int, list]], *, inviter) -> InviteList:
    """The rows checked: a header row (``invite_headers``) is found and skipped when present;
    otherwise the columns are name, e-mail, unit code, role (blank: reporter)."""
    result = InviteList()
    wanted = {norm(label): key for key, label in invite_headers().items()}
    columns = {"name": 0, "email": 1, "unit": 2, "role": 3}
    for index, (_number, values) in enumerate(rows[:20]):
        found = {wanted[norm(v)]: position for position, v in enumerate(values) if norm(v) in wanted}
        if {"email", "unit"} <= found.keys():
            columns, rows = {**columns, **found}, rows[index + 1:]
            break
    if len(rows) > MAX_INVITES:
        result.errors.append(_("Quá %(max)s người một lần.") % {"max": f"{MAX_INVITES:,}".replace(",", ".")})
        return result
    def cell(values, name):
        position = columns[name]
        return values[position] if position < len(values) else None

    codes = {code_text(cell(v, "unit")) for _n, v in rows}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    emails = {str(cell(v, "email") or "").strip().lower() for _n, v in rows}
    User = get_user_model()
    users = {u.email.lower(): u for u in User.objects.filter(email__in=[e for e in emails if e])}
    held = {(r.user_id, r.unit_id, r.role) for r in Role.objects.filter(user__in=users.values())}
    seen: dict[tuple, int] = {}
    for number, values in rows:
        if all(is_blank(v) for v in values):
            continue
        name = unicodedata.normalize("NFC", str(cell(values, "name") or "").strip())
        email = unicodedata.normalize("NFC", str(cell(values, "email") or "").strip()).lower()
        code = code_text(cell(values, "unit"))
        role = _role(cell(values, "role"))
        invite = Invite(number=number, name=name, email=email, unit=units.get(code), role=role or "")
        if not name:
            invite.errors.append(_("thiếu họ và tên."))
        try:
            validate_email(email)
        except ValidationError:
            invite.errors.append(_("thư điện tử “%(email)s” không hợp lệ.") % {"email": email[:60]})
        if invite.unit is None:
            invite.errors.append(_("không có đơn vị mã %(code)s.") % {"code": code[:40]} if code else _("thiếu mã đơn vị."))
        elif not can_manage(inviter, invite.unit):
            invite.errors.append(_("đơn vị %(code)s không thuộc phạm vi bạn quản lý.") % {"code": code[:40]})
        elif invite.unit.kind == UnitKind.GRASSROOTS:
            invite.errors.append(_("công đoàn cơ sở không báo cáo trong ứng dụng: hãy mời cán bộ của đơn vị cấp trên."))
        elif not invite.unit.is_active_on(timezone.localdate()):
            invite.errors.append(_("đơn vị %(code)s đã ngừng hoạt động.") % {"code": code[:40]})
        if role is None or role not in INVITED_ROLES:
            invite.errors.append(_("vai trò không hợp lệ (cán bộ báo cáo, chỉ xem, Ban Nghiệp vụ, Ban Tổ chức)."))
        elif role == RoleKind.STAFF and invite.unit is not None and not can_decide(inviter, invite.unit):
            invite.errors.append(_("chỉ lãnh đạo giao vai trò cán bộ Ban Tổ chức - Kiểm tra."))
        invite.existing = users.get(email)
        if invite.existing is not None and invite.unit is not None and (invite.existing.pk, invite.unit.pk, role) in held:
            invite.errors.append(_("người này đã có vai trò này ở đơn vị."))
        key = (email, code, role)
        if key in seen:
            invite.errors.append(_("trùng với dòng %(row)s.") % {"row": seen[key]})
        seen.setdefault(key, number)
        result.invites.append(invite)
    if not result.invites and not result.errors:
        result.errors.append(_("Không có dòng nào: mỗi dòng gồm họ và tên; thư điện tử; mã đơn vị; vai trò."))
    return result


def _username(email: str, taken: set[str]) -> str:
    base = email[:150]
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base[:140]}-{n}"
    taken.add(name)
    return name


def invitation_message(user, invite: Invite, *, base_url: str) -> EmailMessage:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = base_url + reverse("password_set", args=[uid, default_token_generator.make_token(user)])
    body = _(
        "Chào %(name)s,\n\nBạn được mời dùng ứng dụng Tháng cao điểm phát triển đoàn viên với vai trò "
        "%(role)s của %(unit)s.\nTên đăng nhập: %(username)s\nĐặt mật khẩu của bạn tại: %(link)s\n"
        "(đường dẫn dùng được một lần, trong %(days)s ngày).\n"
    ) % {"name": invite.name, "role": invite.role_label, "unit": invite.unit.name, "username": user.username,
         "link": link, "days": settings.PASSWORD_RESET_TIMEOUT // 86400}
    return EmailMessage(subject=_("Lời mời dùng ứng dụng Tháng cao điểm"), body=body,
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])


def invitations_send(invites: InviteList, *, inviter, base_url: str = "") -> tuple[int, int]:
    """The checked list written — new users (no password until they set theirs), roles — in one
    transaction, then each new user's invitation sent. (new users, roles given)."""
    if not invites.valid:
        raise ValueError("a list with errors is not written")
    User = get_user_model()
    created = []
    with transaction.atomic():
        taken = set(User.objects.filter(username__in=[i.email[:150] for i in invites.invites])
                    .values_list("username", flat=True))
        by_email: dict[str, object] = {}
        for invite in invites.invites:
            user = invite.existing or by_email.get(invite.email)
            if user is None:
                last, _space, first = invite.name.rpartition(" ")
                user = User(username=_username(invite.email, taken), email=invite.email, first_name=first,
                            last_name=last)
                user.set_unusable_password()
                user.full_clean(exclude=["password"])
                user.save()
                created.append((user, invite))
            by_email[invite.email] = user
            role_assign(user=user, unit=invite.unit, role=invite.role)
    base_url = base_url or getattr(settings, "SITE_URL", "") or ""
    with get_connection() as connection:
        connection.send_messages([invitation_message(user, invite, base_url=base_url) for user, invite in created])
    return len(created), len(invites.invites)


def units_without_reporter(inviter) -> list[Unit]:
    """The active direct-superior unions in one's charge with no reporter."""
    roots = managed_roots(inviter)
    if inviter.is_superuser:
        roots = list(Unit.objects.filter(parent__isnull=True))
    units = Unit.objects.none()
    for root in roots:
        units = units | Unit.objects.under(root)
    today = timezone.localdate()
    reporting = set(Role.objects.filter(role=RoleKind.REPORTER).values_list("unit_id", flat=True))
    return [u for u in units.filter(kind=UnitKind.SUPERIOR).distinct().vi_ordered()
            if u.is_active_on(today) and u.pk not in reporting]
