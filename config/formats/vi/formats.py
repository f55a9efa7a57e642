"""Vietnamese formats for this project.

Django's stock ``vi`` module leaves the input formats empty, so ``05/04/2025``
falls back to the US month-first reading, numbers are not grouped and weeks
start on Sunday. Union staff write dd/mm/yyyy and 1.234, and weeks run Monday
to Sunday (the campaign's weekly reports), so this module says so.
"""

DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d/m/Y H:i"
YEAR_MONTH_FORMAT = "m/Y"
MONTH_DAY_FORMAT = "d/m"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 05/04/2025
    "%d/%m/%y",  # 05/04/25
    "%d-%m-%Y",  # 05-04-2025
    "%d.%m.%Y",  # 05.04.2025
    "%Y-%m-%d",  # 2025-04-05 (ISO, what <input type=date> sends)
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H:%M:%S.%f"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
