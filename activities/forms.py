"""The forms of the activity pages: enterprises and their visits, the import, outreach teams and visits."""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaign.models import Campaign, Wave
from config.forms import CountField
from unions.collation import vi_collate
from unions.models import EMPLOYEES_MAX_MESSAGE, EMPLOYEES_MESSAGE, Enterprise, Unit, UnitKind

from .models import MediaItem, OutreachTeam, OutreachVisit, SurveyVisit, TeamMember

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class EnterpriseForm(forms.ModelForm):
    """An enterprise, in the charge of one of ``units``; its grassroots union chosen among
    those under that unit that are not another enterprise's."""

    union = forms.ModelChoiceField(
        label=_("Công đoàn cơ sở (nếu đã có)"), queryset=Unit.objects.none(), required=False,
        help_text=_("Chọn khi doanh nghiệp đã có công đoàn cơ sở; để trống nếu chưa có."),
    )

    class Meta:
        model = Enterprise
        fields = ["tax_code", "name", "sector", "commune", "employees", "unit"]
        field_classes = {"unit": UnitChoiceField, "employees": CountField}
        error_messages = {"employees": {"min_value": EMPLOYEES_MESSAGE, "max_value": EMPLOYEES_MAX_MESSAGE}}

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).vi_ordered()
        if len(units) == 1 and not self.instance.pk:
            self.fields["unit"].initial = units[0].pk
        paths = [u.path for u in units]
        unions = Unit.objects.filter(kind=UnitKind.GRASSROOTS, enterprise__isnull=True)
        if self.instance.pk:
            unions = unions | Unit.objects.filter(enterprise=self.instance)
            self.fields["union"].initial = Unit.objects.filter(enterprise=self.instance).values_list("pk", flat=True).first()
        within = reduce(or_, (Q(path__startswith=p) for p in paths), Q(pk__in=[]))
        self.fields["union"].queryset = unions.filter(within).vi_ordered()

    def clean_tax_code(self):
        return self.cleaned_data["tax_code"].strip()


class SurveyVisitForm(forms.ModelForm):
    class Meta:
        model = SurveyVisit
        fields = ["visited_on", "visitors", "findings"]
        widgets = {"visited_on": DATE_INPUT, "findings": forms.Textarea(attrs={"rows": 3})}


class EnterpriseImportForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị phụ trách"), queryset=Unit.objects.none())
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).vi_ordered()
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.year})"


class WaveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class CampaignUnitWaveForm(forms.ModelForm):
    """A record of a campaign (among those of one's provinces), a unit (among those in one's
    charge) and a wave of that campaign (or none); the latest campaign and, when it is the only
    one, the unit chosen for a new record."""

    def __init__(self, *args, units: list[Unit], campaigns: list[Campaign], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.filter(pk__in=[c.pk for c in campaigns]).order_by("-year", "-pk")
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).vi_ordered()
        self.fields["wave"].queryset = Wave.objects.filter(campaign__in=campaigns).select_related("campaign")
        if not self.instance.pk:
            if campaigns:
                self.fields["campaign"].initial = campaigns[0].pk
            if len(units) == 1:
                self.fields["unit"].initial = units[0].pk


class OutreachTeamForm(CampaignUnitWaveForm):
    """A team: its campaign (those of one's provinces), unit (those in one's charge), wave, name, purpose."""

    class Meta:
        model = OutreachTeam
        fields = ["campaign", "unit", "wave", "name", "purpose"]
        field_classes = {"campaign": CampaignChoiceField, "unit": UnitChoiceField, "wave": WaveChoiceField}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}



MemberFormSet = forms.inlineformset_factory(
    OutreachTeam, TeamMember, fields=["name", "role"], extra=3, can_delete=True, max_num=50, validate_max=True
)


class OutreachVisitForm(forms.ModelForm):
    """A team's visit: the enterprise among those of the team's area, the union among those its
    unit registered in the campaign that no other visit claims."""

    class Meta:
        model = OutreachVisit
        fields = ["visited_on", "enterprise", "place", "workers_reached", "members_recruited", "founded", "notes"]
        field_classes = {"workers_reached": CountField, "members_recruited": CountField}
        widgets = {"visited_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, team: OutreachTeam, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        path = team.unit.path
        self.fields["enterprise"].queryset = Enterprise.objects.filter(unit__path__startswith=path).order_by(
            vi_collate("name"), "tax_code")
        self.fields["founded"].queryset = Unit.objects.filter(
            kind=UnitKind.GRASSROOTS, path__startswith=path, founding__campaign=team.campaign,
            outreach_visit__isnull=True,
        ).vi_ordered()


class MediaItemForm(CampaignUnitWaveForm):
    class Meta:
        model = MediaItem
        fields = ["campaign", "unit", "wave", "channel", "title", "published_on", "link", "audience"]
        field_classes = {"campaign": CampaignChoiceField, "unit": UnitChoiceField, "wave": WaveChoiceField,
                         "audience": CountField}
        widgets = {"published_on": DATE_INPUT}

    link = forms.URLField(label=_("Đường dẫn"), required=False, max_length=500, assume_scheme="https")

