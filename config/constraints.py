"""Check constraints validated in one query per object.

Django validates each ``CheckConstraint`` of an object with a query of its own,
inside a savepoint of its own: a report line's eleven constraints cost 33 queries
each time a line is saved. ``CheckedModel`` asks the database for every check
constraint's verdict in a single ``SELECT`` (still inside one savepoint), with the
same condition (``COALESCE(condition, TRUE)``, as Django's ``Q.check``), the same
error message and code, in the same order. Constraints of any other kind (unique)
are validated by Django as before.
"""

from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, CheckConstraint, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

from .text import nfc_fields


def failed_checks(instance, model, constraints, exclude, using) -> set[int]:
    """The ids of the check constraints among ``constraints`` that ``instance`` breaks. A constraint
    on an excluded field is not checked (as in Django); a database error checks nothing."""
    query = Query(None)
    for name, value in instance._get_field_expression_map(meta=model._meta, exclude=exclude).items():
        query.add_annotation(value if hasattr(value, "resolve_expression") else Value(value), name, select=False)
    checked = []
    for index, constraint in enumerate(constraints):
        verdict = Coalesce(Q(constraint.condition), True, output_field=BooleanField())
        try:
            query.add_annotation(verdict, f"_check_{index}")
        except FieldError:
            continue  # the condition reads an excluded field
        checked.append(constraint)
    if not checked:
        return set()
    connection = connections[using]
    try:
        with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return set()  # as Django's Q.check: the database will judge at save time
    return {id(constraint) for constraint, passed in zip(checked, row, strict=True) if not passed}


class CheckedModel(models.Model):
    """A model whose check constraints are validated in one query (see the module)."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        nfc_fields(self)  # uniqueness and the checks below then compare text in its normal form
        super().clean_fields(exclude=exclude)

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        errors = {}
        for model, constraints in self.get_constraints():
            checks = [c for c in constraints if type(c) is CheckConstraint]
            failed = failed_checks(self, model, checks, exclude, using) if checks else set()
            for constraint in constraints:
                try:
                    if id(constraint) in failed:
                        raise ValidationError(
                            constraint.get_violation_error_message(), code=constraint.violation_error_code
                        )
                    if type(constraint) is not CheckConstraint:
                        constraint.validate(model, self, exclude=exclude, using=using)
                except ValidationError as error:
                    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def saved_by(obj, user):
    """``obj`` validated (``full_clean``: fields, ``clean``, constraints) and saved, its history
    record naming ``user``; returned."""
    obj._history_user = user
    obj.full_clean()
    obj.save()
    return obj
