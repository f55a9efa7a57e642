from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet


class ConstraintMessageInlineFormSet(BaseInlineFormSet):
    """Inline formsets that report a duplicate with the unique constraint's own
    Vietnamese message instead of Django's generic one (which names Python fields)."""

    def get_unique_error_message(self, unique_check):
        for constraint in self.model._meta.constraints:
            if (
                isinstance(constraint, UniqueConstraint)
                and set(constraint.fields) == set(unique_check)
                and constraint.violation_error_message
            ):
                return constraint.violation_error_message
        return super().get_unique_error_message(unique_check)
