"""What the activity pages share: the chosen campaign, a paged list."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def chosen_campaign(request, campaigns):
    """The campaign ``?campaign=`` names among ``campaigns``, else the first (the latest)."""
    chosen = request.GET.get("campaign", "")
    return next((c for c in campaigns if str(c.pk) == chosen), campaigns[0] if campaigns else None)


def paged(request, queryset) -> Page:
    """The page ``?page=`` asks for, with the links to the pages around it keeping the other parameters
    (``reporting/includes/pager.html``)."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    filters = params.urlencode()
    if page.has_previous():
        page.previous_url = f"?{filters}&page={page.previous_page_number()}"
    if page.has_next():
        page.next_url = f"?{filters}&page={page.next_page_number()}"
    return page
